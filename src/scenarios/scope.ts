import { CRASH_POINTS, isResourceCrashPoint, type CrashPoint } from '../model/crashPoints.ts';
import { isResourceScenario, type ScenarioId } from './ids.ts';

/**
 * A small scope for exploring fault schedules: on top of a scenario's own faults, every message
 * may be lost or duplicated and every crash point may crash — each a two-way choice, within a
 * budget — and every delay is either its shortest or its longest, so messages can overtake each
 * other. Jitter becomes plain backoff: its thousand-way choices would swamp the tree.
 *
 * The data only, a leaf that a run's spec, links and the command line can name; how a scope
 * shapes a scenario's settings is the explorer's (src/explore/scope.ts `scoped`), which the page
 * loads only when a link names a scope.
 */
export interface Scope {
  losses: number;
  duplicates: number;
  crashes: number;
  /**
   * How many times the server may freeze at a crash point, for one of two lengths: one shorter
   * than the key's lock timeout and one longer (a lock with a timeout is a lease). None if absent.
   */
  pauses?: number;
  /**
   * How many calls to the payment provider may fail after the key was claimed: the provider down
   * (503, no money moves) or the call hanging past the server's read timeout (the charge made).
   * None if absent.
   */
  outages?: number;
  /** Where crashes may strike; by default the points the strategy claims to survive. */
  crashPoints?: CrashPoint[];
  /** Caps every client's attempts, to keep the tree small. */
  attempts?: number;
  /**
   * A retry budget of this many tokens shared by every client (a retry costs 5, one after a
   * timeout 10): a refused client gives up, and what it was told must still hold. None if absent.
   */
  budget?: number;
  /** At most this many client requests in progress: one more is answered 429. None if absent. */
  limit?: number;
  /**
   * Every message takes the shortest delay, so nothing overtakes anything: only the faults branch.
   * For scenarios with several clients, whose interleavings alone make trees too big to walk.
   */
  fixedDelays?: boolean;
}

/** How far a scope may reach, from a flag or a link: the tree grows fast with each. */
export const SCOPE_LIMITS = { faults: 5, attempts: 20, budget: 99, limit: 8 } as const;

/** The crash points a scope names that the scenario's world lacks (the resource world has no provider). */
export const foreignCrashPoints = (scenario: ScenarioId, scope: Scope): CrashPoint[] =>
  isResourceScenario(scenario)
    ? (scope.crashPoints ?? []).filter((p) => !isResourceCrashPoint(p))
    : [];

/**
 * A scope in a link, in the command line's words, parts joined by dots, every character one a
 * link keeps as it is: `losses1.duplicates0.crashes1.pauses1.outages1.attempts3.crash-points-before-commit_after-commit.fixed-delays`.
 * The three budgets are always written; the rest only when set.
 */
export function encodeScope(scope: Scope): string {
  return [
    `losses${scope.losses}`,
    `duplicates${scope.duplicates}`,
    `crashes${scope.crashes}`,
    ...(scope.pauses === undefined ? [] : [`pauses${scope.pauses}`]),
    ...(scope.outages === undefined ? [] : [`outages${scope.outages}`]),
    ...(scope.attempts === undefined ? [] : [`attempts${scope.attempts}`]),
    ...(scope.budget === undefined ? [] : [`budget${scope.budget}`]),
    ...(scope.limit === undefined ? [] : [`limit${scope.limit}`]),
    ...(scope.crashPoints === undefined ? [] : [`crash-points-${scope.crashPoints.join('_')}`]),
    ...(scope.fixedDelays ? ['fixed-delays'] : []),
  ].join('.');
}

/**
 * A link's scope for a scenario, read strictly: every part must be known, within its limits,
 * named once, and (crash points) exist in the scenario's world. `bad` lists the parts that are
 * not; then there is no scope, since a scope with a part missing is another scope. A budget left
 * out is 0. Never throws.
 */
export function parseScopeFor(
  scenario: ScenarioId,
  text: string,
): { scope: Scope | null; bad: string[] } {
  const scope: Scope = { losses: 0, duplicates: 0, crashes: 0 };
  const seen = new Set<string>();
  const bad = text.split('.').filter((part) => {
    const name = readPart(scenario, scope, part);
    if (name === null || seen.has(name)) return true;
    seen.add(name);
    return false;
  });
  return bad.length ? { scope: null, bad } : { scope, bad };
}

/** Sets one part of a scope; its name, or null when the part is not a valid one. */
function readPart(scenario: ScenarioId, scope: Scope, part: string): string | null {
  const budget =
    /^(losses|duplicates|crashes|pauses|outages|attempts|budget|limit)(0|[1-9]\d?)$/.exec(part);
  if (budget) {
    const name = budget[1] as keyof typeof MIN;
    const n = Number(budget[2]);
    if (n < MIN[name] || n > MAX[name]) return null;
    // Pauses test a lock's lease: the resource world has no lock, and so no pauses to explore.
    // Nor a payment provider to fail; its clients share no retry budget, its server no limit.
    if (PAYMENTS_ONLY.has(name) && isResourceScenario(scenario)) return null;
    scope[name] = n;
    return name;
  }
  if (part.startsWith(POINTS)) {
    const points = part.slice(POINTS.length).split('_');
    const known = points.filter(isCrashPoint);
    const fits =
      known.length === points.length &&
      new Set(known).size === known.length &&
      foreignCrashPoints(scenario, { ...scope, crashPoints: known }).length === 0;
    if (!fits) return null;
    scope.crashPoints = known;
    return POINTS;
  }
  if (part !== 'fixed-delays') return null;
  scope.fixedDelays = true;
  return part;
}

const POINTS = 'crash-points-';
/** The least each budget may be: a client makes at least one attempt; a server takes one request. */
const MIN = {
  losses: 0,
  duplicates: 0,
  crashes: 0,
  pauses: 0,
  outages: 0,
  attempts: 1,
  budget: 0,
  limit: 1,
};
const MAX: Record<keyof typeof MIN, number> = {
  losses: SCOPE_LIMITS.faults,
  duplicates: SCOPE_LIMITS.faults,
  crashes: SCOPE_LIMITS.faults,
  pauses: SCOPE_LIMITS.faults,
  outages: SCOPE_LIMITS.faults,
  attempts: SCOPE_LIMITS.attempts,
  budget: SCOPE_LIMITS.budget,
  limit: SCOPE_LIMITS.limit,
};
const PAYMENTS_ONLY: ReadonlySet<string> = new Set(['pauses', 'outages', 'budget', 'limit']);

export const isCrashPoint = (text: string): text is CrashPoint =>
  (CRASH_POINTS as readonly string[]).includes(text);
