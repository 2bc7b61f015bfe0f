import { isStrategyId } from '../model/strategies.ts';
import { isScenarioId, type ScenarioId } from '../scenarios/ids.ts';
import { encodeFaults, parseFaultsFor } from '../scenarios/faults.ts';
import { DEFAULT_SPEC, type Moment, type RunSpec } from '../scenarios/spec.ts';
import {
  readSetting,
  SETTINGS,
  settingParams,
  withSetting,
  type Tweaks,
} from '../scenarios/tweaks.ts';
import { decodeTape } from '../sim/tape.ts';
import { isValidSeed } from '../sim/prng.ts';
import { isLang, type Lang } from '../i18n/i18n.ts';
import type { Scoping } from './scoping.ts';

/**
 * The page's state as URL parameters: `?scenario=lost-response&strategy=none&seed=1&lang=ru`.
 * Parsing never throws: each bad value is reported by name and replaced by its default, so a
 * malformed shared link still opens a working page.
 */
export interface ParsedUrl {
  spec: RunSpec;
  lang: Lang | null;
  /** A moment to open the run at, in ms (`at=1220`) or `end`: for links to a moment and slides. */
  at: Moment | null;
  /** `name=value` of every parameter that was present but invalid. */
  problems: string[];
}

/**
 * Reads a link's parameters one by one: a value when it is valid, otherwise null, with the bad
 * value reported by name (cut short: a hostile link may hold anything).
 */
function reader(params: URLSearchParams, problems: string[]) {
  function text(name: string, valid: (v: string) => boolean): string | null {
    const raw = params.get(name);
    if (raw === null || valid(raw)) return raw;
    problems.push(`${name}=${raw.slice(0, 40)}`);
    return null;
  }
  function typed<T extends string>(name: string, valid: (v: string) => v is T): T | null {
    const value = text(name, valid);
    return value !== null && valid(value) ? value : null;
  }
  return { text, typed };
}

/**
 * `scoping` reads a `scope=`: without it (the page loads it only for a link that names a scope)
 * the scope is refused like any value that cannot be read.
 */
export function parseSearch(search: string, scoping: Scoping | null = null): ParsedUrl {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const { text, typed } = reader(params, problems);
  // Read in the order the page shows them, so the notice lists bad values in that order too.
  const scenario = typed('scenario', isScenarioId) ?? DEFAULT_SPEC.scenario;
  const strategy = typed('strategy', isStrategyId) ?? DEFAULT_SPEC.strategy;
  const seed = text('seed', isSeedText);
  const { scope, bad: badScope } = readScope(scenario, params.get('scope'), scoping);
  for (const part of badScope) problems.push(`scope=${part.slice(0, 40)}`);
  // A tape recorded in a scope fits only that scope: with the scope refused, it goes too, and the
  // link opens the plain scenario's seed.
  const tape = badScope.length ? null : text('tape', isTapeText);
  const compare = typed('compare', isStrategyId);
  const tweaks = parseTweaks(params, problems);
  const { faults, bad } = parseFaultsFor(scenario, params.get('faults') ?? '');
  for (const code of bad) problems.push(`faults=${code.slice(0, 40)}`);
  const lang = typed('lang', isLang);
  const at = text('at', isMomentText);
  return {
    spec: {
      scenario,
      strategy,
      seed: seed === null ? DEFAULT_SPEC.seed : Number(seed),
      tape,
      scope,
      faults,
      tweaks,
      compare,
    },
    lang,
    at: at === null || at === 'end' ? at : Number(at),
    problems,
  };
}

/**
 * An explorer's scope, `scope=losses1.duplicates0.crashes0` (src/scenarios/scope.ts
 * `encodeScope`), with the parts that are bad.
 */
function readScope(scenario: ScenarioId, text: string | null, scoping: Scoping | null) {
  if (text === null) return { scope: null, bad: [] };
  return scoping ? scoping.parse(scenario, text) : { scope: null, bad: [text] };
}

/** The settings a link names, in the table's order; each bad value is reported by name. */
function parseTweaks(params: URLSearchParams, problems: string[]): Tweaks {
  let tweaks: Tweaks = {};
  for (const row of SETTINGS) {
    const raw = params.get(row.param);
    if (raw === null) continue;
    const value = readSetting<keyof Tweaks>(row, raw);
    if (value === undefined) problems.push(`${row.param}=${raw.slice(0, 40)}`);
    else tweaks = withSetting(tweaks, row.field, value);
  }
  return tweaks;
}

export const isSeedText = (text: string): boolean =>
  /^-?\d{1,10}$/.test(text) && isValidSeed(Number(text));

const isMomentText = (text: string): boolean => text === 'end' || /^\d{1,7}$/.test(text);

/** Whether a link's tape can be read at all; whether it fits the run shows only by running it. */
function isTapeText(text: string): boolean {
  try {
    decodeTape(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The link for a spec. Its scope is written with `scoping`, which the page has whenever a spec has
 * a scope (only a link brings one); without it the link would carry the tape alone, and the
 * notice would say the tape does not fit.
 */
export function toSearch(
  spec: RunSpec,
  lang: Lang,
  at: Moment = 0,
  scoping: Scoping | null = null,
): string {
  const params = new URLSearchParams({
    scenario: spec.scenario,
    strategy: spec.strategy,
    seed: String(spec.seed),
    ...(spec.scope && scoping ? { scope: scoping.encode(spec.scope) } : {}),
    ...(spec.tape === null ? {} : { tape: spec.tape }),
    ...(spec.faults.length ? { faults: encodeFaults(spec.faults) } : {}),
    ...(spec.compare ? { compare: spec.compare } : {}),
    ...Object.fromEntries(settingParams(spec.tweaks)),
    lang,
    ...(at === 'end' || at > 0 ? { at: String(at) } : {}),
  });
  return `?${params.toString()}`;
}
