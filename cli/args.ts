import { parseArgs, type ParseArgsConfig } from 'node:util';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isValidSeed, MAX_SEED } from '../src/sim/prng.ts';
import { CRASH_POINTS, RESOURCE_CRASH_POINTS, type CrashPoint } from '../src/model/crashPoints.ts';
import {
  foreignCrashPoints,
  isCrashPoint,
  SCOPE_LIMITS,
  type Scope,
} from '../src/scenarios/scope.ts';
import {
  isResourceScenario,
  isScenarioId,
  SCENARIO_IDS,
  type ScenarioId,
} from '../src/scenarios/ids.ts';
import { isStrategyId, STRATEGY_IDS, type StrategyId } from '../src/model/strategies.ts';

/**
 * Shared command-line plumbing: strict flag parsing, and one-line errors with exit code 2 instead
 * of stack traces, as the lab promises for every kind of bad input.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
) {
  try {
    const args = joinNegativeValues(argv, options);
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(', ');
    throw new UsageError(`${firstLine(error)} (known flags: ${known})`);
  }
}

/**
 * `--seed -1` would read as two flags; joining it to `--seed=-1` lets the value's own check
 * explain what is wrong with it.
 */
function joinNegativeValues(
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const next = argv[i + 1];
    const takesValue = flag.startsWith('--') && options[flag.slice(2)]?.type === 'string';
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      out.push(`${flag}=${next}`);
      i++;
    } else out.push(flag);
  }
  return out;
}

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || !isValidSeed(seed)) {
    throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}, got "${text}"`);
  }
  return seed;
}

/** True when this module is the program being run (robust to symlinks and escaped paths). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** Runs a CLI's main; a usage problem or bad input ends it with one line on stderr and code 2. */
export function runCli(name: string, main: () => void): void {
  try {
    main();
  } catch (error) {
    const expected =
      error instanceof UsageError || (error instanceof Error && /Tape/.test(error.name));
    process.stderr.write(`${name}: ${firstLine(error)}\n`);
    process.exitCode = expected ? 2 : 1;
  }
}

/** Flags that set the explorer's small scope; `sim` takes them too, to replay a witness. */
export const SCOPE_FLAGS = {
  losses: { type: 'string' },
  duplicates: { type: 'string' },
  crashes: { type: 'string' },
  pauses: { type: 'string' },
  outages: { type: 'string' },
  attempts: { type: 'string' },
  budget: { type: 'string' },
  limit: { type: 'string' },
  'crash-points': { type: 'string' },
  'fixed-delays': { type: 'boolean' },
} as const;

type ScopeFlagValues = {
  [K in Exclude<keyof typeof SCOPE_FLAGS, 'fixed-delays'>]?: string | undefined;
} & { 'fixed-delays'?: boolean | undefined };

export function parseWhole(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`--${flag} takes a whole number from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

/** The scope the flags describe, or null when none was given. */
export function parseScope(flags: ScopeFlagValues, fallback: Scope | null): Scope | null {
  const given = Object.keys(SCOPE_FLAGS).some(
    (k) => flags[k as keyof ScopeFlagValues] !== undefined,
  );
  if (!given) return fallback;
  const base = fallback ?? { losses: 0, duplicates: 0, crashes: 0 };
  const count = (flag: 'losses' | 'duplicates' | 'crashes', now: number) =>
    flags[flag] === undefined ? now : parseWhole(flag, flags[flag], 0, SCOPE_LIMITS.faults);
  const scope: Scope = {
    losses: count('losses', base.losses),
    duplicates: count('duplicates', base.duplicates),
    crashes: count('crashes', base.crashes),
  };
  if (flags.pauses !== undefined)
    scope.pauses = parseWhole('pauses', flags.pauses, 0, SCOPE_LIMITS.faults);
  else if (base.pauses !== undefined) scope.pauses = base.pauses;
  if (flags.outages !== undefined)
    scope.outages = parseWhole('outages', flags.outages, 0, SCOPE_LIMITS.faults);
  else if (base.outages !== undefined) scope.outages = base.outages;
  if (flags.attempts !== undefined)
    scope.attempts = parseWhole('attempts', flags.attempts, 1, SCOPE_LIMITS.attempts);
  if (flags.budget !== undefined)
    scope.budget = parseWhole('budget', flags.budget, 0, SCOPE_LIMITS.budget);
  if (flags.limit !== undefined)
    scope.limit = parseWhole('limit', flags.limit, 1, SCOPE_LIMITS.limit);
  if (flags['crash-points'] !== undefined)
    scope.crashPoints = parseCrashPoints(flags['crash-points']);
  if (flags['fixed-delays']) scope.fixedDelays = true;
  return scope;
}

function parseCrashPoints(text: string): CrashPoint[] {
  const points = text.split(',').map((p) => p.trim());
  const bad = points.filter((p) => !isCrashPoint(p));
  if (bad.length)
    throw new UsageError(`unknown crash point "${bad[0]}"; valid: ${CRASH_POINTS.join(', ')}`);
  return points as CrashPoint[];
}

export function pickScenario(value: string | undefined): ScenarioId {
  if (value === undefined || !isScenarioId(value)) {
    const got = value === undefined ? 'missing --scenario' : `unknown scenario "${value}"`;
    throw new UsageError(`${got}; valid: ${SCENARIO_IDS.join(', ')}`);
  }
  return value;
}

/**
 * The strategy a scenario runs under: required for payment scenarios; refused for resource
 * scenarios, whose server has no idempotency layer (they run as `none`).
 */
export function pickStrategyFor(scenario: ScenarioId, value: string | undefined): StrategyId {
  if (!isResourceScenario(scenario)) return pickStrategy(value);
  if (value !== undefined)
    throw new UsageError(
      `scenario ${scenario} takes no --strategy: its server has no idempotency layer, only HTTP semantics`,
    );
  return 'none';
}

/** A scope's crash points must exist in the scenario's world: the resource server has no provider. */
export function checkScopeFor(scenario: ScenarioId, scope: Scope | null): Scope | null {
  const foreign = scope ? foreignCrashPoints(scenario, scope) : [];
  if (foreign.length)
    throw new UsageError(
      `scenario ${scenario} has no crash point "${foreign[0]}"; valid: ${RESOURCE_CRASH_POINTS.join(', ')}`,
    );
  if (scope?.pauses && isResourceScenario(scenario))
    throw new UsageError(
      `scenario ${scenario} has no lock to outlast: --pauses is for the payment scenarios`,
    );
  if (scope?.outages && isResourceScenario(scenario))
    throw new UsageError(
      `scenario ${scenario} has no payment provider: --outages is for the payment scenarios`,
    );
  if ((scope?.budget !== undefined || scope?.limit !== undefined) && isResourceScenario(scenario))
    throw new UsageError(
      `scenario ${scenario} has no retry budget or overload limit: --budget and --limit are for the payment scenarios`,
    );
  return scope;
}

export function pickStrategy(value: string | undefined): StrategyId {
  if (value === undefined || !isStrategyId(value)) {
    const got = value === undefined ? 'missing --strategy' : `unknown strategy "${value}"`;
    throw new UsageError(`${got}; valid: ${STRATEGY_IDS.join(', ')}`);
  }
  return value;
}
