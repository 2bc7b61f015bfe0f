import { isStrategyId, type StrategyId } from '../model/strategies.ts';
import { isScenarioId, type ScenarioId } from '../scenarios/ids.ts';
import { encodeFaults, parseFaultsFor } from '../scenarios/faults.ts';
import type { ScriptedFault } from '../model/settings.ts';
import { TWEAK_PARAMS, type Tweaks } from '../scenarios/tweaks.ts';
import { isValidSeed } from '../sim/prng.ts';
import { isLang, type Lang } from '../i18n/i18n.ts';

/**
 * The page's state as URL parameters: `?scenario=lost-response&strategy=none&seed=1&lang=ru`.
 * Parsing never throws: each bad value is reported by name and replaced by its default, so a
 * malformed shared link still opens a working page.
 */
export interface Selection {
  scenario: ScenarioId;
  strategy: StrategyId;
  seed: number;
  /** Faults injected while playing, each at its moment: part of the run, and of its link. */
  faults: ScriptedFault[];
  /** A second strategy run side by side on the same scenario, seed and faults, or null. */
  compare: StrategyId | null;
  /** Settings changed from the controls; empty for the scenario as written. */
  tweaks: Tweaks;
}

export const DEFAULT_SELECTION: Selection = {
  scenario: 'lost-response',
  strategy: 'none',
  seed: 1,
  faults: [],
  compare: null,
  tweaks: {},
};

export interface ParsedUrl {
  selection: Selection;
  lang: Lang | null;
  /** A moment to open the run at, in ms (`at=1220`) or `end`: for links to a moment and slides. */
  at: number | 'end' | null;
  /** `name=value` of every parameter that was present but invalid. */
  problems: string[];
}

export function parseSearch(search: string): ParsedUrl {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const pick = <T>(
    name: string,
    valid: (v: string) => boolean,
    convert: (v: string) => T,
    fallback: T,
  ): T => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    if (valid(raw)) return convert(raw);
    problems.push(`${name}=${raw.slice(0, 40)}`);
    return fallback;
  };
  const selection: Selection = {
    scenario: pick('scenario', isScenarioId, (v) => v as ScenarioId, DEFAULT_SELECTION.scenario),
    strategy: pick('strategy', isStrategyId, (v) => v as StrategyId, DEFAULT_SELECTION.strategy),
    seed: pick('seed', isSeedText, Number, DEFAULT_SELECTION.seed),
    faults: [],
    compare: pick<StrategyId | null>('compare', isStrategyId, (v) => v as StrategyId, null),
    tweaks: {},
  };
  for (const [key, spec] of Object.entries(TWEAK_PARAMS)) {
    const value = pick<unknown>(spec.param, spec.valid, spec.read, undefined);
    if (value !== undefined) (selection.tweaks as Record<string, unknown>)[key] = value;
  }
  const { faults, bad } = parseFaultsFor(selection.scenario, params.get('faults') ?? '');
  selection.faults = faults;
  for (const code of bad) problems.push(`faults=${code.slice(0, 40)}`);
  const lang = pick<Lang | null>('lang', isLang, (v) => v as Lang, null);
  const at = pick<number | 'end' | null>(
    'at',
    (v) => v === 'end' || /^\d{1,7}$/.test(v),
    (v) => (v === 'end' ? 'end' : Number(v)),
    null,
  );
  return { selection, lang, at, problems };
}

function tweakParams(tweaks: Tweaks): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tweaks)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [TWEAK_PARAMS[key as keyof Tweaks].param, String(value)]),
  );
}

export const isSeedText = (text: string): boolean =>
  /^-?\d{1,10}$/.test(text) && isValidSeed(Number(text));

export function toSearch(selection: Selection, lang: Lang, at: number | 'end' = 0): string {
  const params = new URLSearchParams({
    scenario: selection.scenario,
    strategy: selection.strategy,
    seed: String(selection.seed),
    ...(selection.faults.length ? { faults: encodeFaults(selection.faults) } : {}),
    ...(selection.compare ? { compare: selection.compare } : {}),
    ...tweakParams(selection.tweaks),
    lang,
    ...(at === 'end' || at > 0 ? { at: String(at) } : {}),
  });
  return `?${params.toString()}`;
}
