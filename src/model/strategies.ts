import type { CrashPoint } from './crashPoints.ts';

/**
 * Server-side idempotency strategies (DESIGN.md §4). Each declares how it handles a key and what
 * it promises, so the invariants know which failures are bugs and which are the lesson.
 */
export const STRATEGY_IDS = [
  'none',
  'naive-cache',
  'atomic-key',
  'locked-key',
  'fingerprinted',
  'recovery-points',
] as const;

export type StrategyId = (typeof STRATEGY_IDS)[number];

/** How the idempotency layer meets a request's key. */
export type KeyHandling =
  /** Ignores keys: every request runs. */
  | 'ignore'
  /** Looks the key up in a cache, processes, then caches the response. Not atomic. */
  | 'cache'
  /** Inserts the key in the payment's own transaction; a concurrent insert waits for it. */
  | 'claim'
  /** Commits an in-flight lock row first: a concurrent request gets 409. */
  | 'lock';

/**
 * The classes of fault the lab lets a learner inject, as a promise names them: a message lost, a
 * message delivered twice, the server crashing (at a point it survives: `survivesCrashAt`), and the
 * server frozen for a while (a long garbage collection) — longer than a lock's timeout, too — and
 * the provider failing after the key was claimed (an `outage`: it answers 503, or a call hangs past
 * the server's read timeout with the charge made), promised under a 5xx policy (`promisedUnder`).
 */
export const FAULT_CLASSES = ['loss', 'copy', 'crash', 'pause', 'outage'] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];

export interface StrategyInfo {
  id: StrategyId;
  keys: KeyHandling;
  /** Same key, different request: 422 (needs a stored fingerprint). */
  checksFingerprint: boolean;
  /** Atomic phases with recovery points, a derived key for the provider, and a completer. */
  recoveryPoints: boolean;
  /** Does it promise at most one charge per payment (given a correct client and enough retention)? */
  claimsAtMostOnce: boolean;
  /** Crash points it survives without a duplicate charge. */
  survivesCrashAt: readonly CrashPoint[];
  /**
   * The faults under which it promises at most one charge; the explorer walks each, and finds a
   * witness for each it leaves out. A lock with a timeout is a lease: a pause longer than the
   * timeout lets a retry take it over while the first request still runs, and only a key the
   * provider itself checks stops the second charge. An `outage` is promised with the 5xx stored
   * against the key; with it released, only if the provider call carries a key (`promisedUnder`).
   */
  promisesUnder: readonly FaultClass[];
}

const EVERY_FAULT: readonly FaultClass[] = FAULT_CLASSES;
/** A lease's holder can be frozen past its expiry: everything but a pause. */
const NOT_PAUSES: readonly FaultClass[] = ['loss', 'copy', 'crash', 'outage'];

const SAFE_LOCAL: readonly CrashPoint[] = ['before-commit', 'after-commit'];

export const STRATEGIES: Readonly<Record<StrategyId, StrategyInfo>> = {
  none: {
    id: 'none',
    keys: 'ignore',
    checksFingerprint: false,
    recoveryPoints: false,
    claimsAtMostOnce: false,
    survivesCrashAt: ['before-commit'],
    promisesUnder: [],
  },
  'naive-cache': {
    id: 'naive-cache',
    keys: 'cache',
    checksFingerprint: false,
    recoveryPoints: false,
    claimsAtMostOnce: false,
    survivesCrashAt: ['before-commit'],
    promisesUnder: [],
  },
  'atomic-key': {
    id: 'atomic-key',
    keys: 'claim',
    checksFingerprint: false,
    recoveryPoints: false,
    claimsAtMostOnce: true,
    survivesCrashAt: SAFE_LOCAL,
    promisesUnder: EVERY_FAULT,
  },
  'locked-key': {
    id: 'locked-key',
    keys: 'lock',
    checksFingerprint: false,
    recoveryPoints: false,
    claimsAtMostOnce: true,
    survivesCrashAt: SAFE_LOCAL,
    promisesUnder: NOT_PAUSES,
  },
  fingerprinted: {
    id: 'fingerprinted',
    keys: 'lock',
    checksFingerprint: true,
    recoveryPoints: false,
    claimsAtMostOnce: true,
    survivesCrashAt: SAFE_LOCAL,
    promisesUnder: NOT_PAUSES,
  },
  'recovery-points': {
    id: 'recovery-points',
    keys: 'lock',
    checksFingerprint: true,
    recoveryPoints: true,
    claimsAtMostOnce: true,
    survivesCrashAt: ['before-commit', 'after-provider-charge', 'after-commit'],
    promisesUnder: EVERY_FAULT,
  },
};

export function isStrategyId(value: string): value is StrategyId {
  return Object.hasOwn(STRATEGIES, value);
}

/**
 * What happens to a key when the work behind it ended in a 5xx: `store` keeps the 5xx as the key's
 * answer and replays it to every retry (Stripe v1); `release` unlocks the key so that a retry
 * resumes the work (rocket-rides). Declines (402) are another setting (`storeErrors`).
 */
export type Errors5xxPolicy = 'store' | 'release';
export const ERRORS_5XX_POLICIES: readonly Errors5xxPolicy[] = ['store', 'release'];

/** The policy in force: the one set, or DOMAIN.md's default — rocket-rides with recovery points. */
export const errors5xxOf = (strategy: StrategyInfo, set?: Errors5xxPolicy): Errors5xxPolicy =>
  set ?? (strategy.recoveryPoints ? 'release' : 'store');

/**
 * The faults a strategy promises at most one charge under, with a 5xx policy. A stored 5xx is the
 * key's answer: nothing runs again. A released key lets a retry call the provider again after a
 * call that timed out with the charge made, and only a key the provider itself checks (recovery
 * points derive one from ours) stops the second charge.
 */
export function promisedUnder(
  strategy: StrategyInfo,
  errors5xx: Errors5xxPolicy,
): readonly FaultClass[] {
  if (errors5xx === 'store' || strategy.recoveryPoints) return strategy.promisesUnder;
  return strategy.promisesUnder.filter((fault) => fault !== 'outage');
}
