import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededSource } from '../sim/choice.ts';
import { summarize } from '../model/outcome.ts';
import { runWorld } from '../model/run.ts';
import {
  RETRY_KINDS,
  type RetryKind,
  type ScriptedFault,
  type WorldSettings,
} from '../model/settings.ts';
import { LAB_RETRY_BUDGET } from '../model/retryBudget.ts';
import { CRASH_POINTS } from '../model/crashPoints.ts';
import {
  ERRORS_5XX_POLICIES,
  promisedUnder,
  STRATEGIES,
  STRATEGY_IDS,
  type Errors5xxPolicy,
  type StrategyId,
} from '../model/strategies.ts';
import { BASE_CLIENT, baseSettings } from '../scenarios/catalogue.ts';

/**
 * Fault schedules generated as structured data — which fault, when — so that fast-check shrinks
 * a failure to the smallest schedule that still breaks the claim.
 */
const SAFE = STRATEGY_IDS.filter((id) => STRATEGIES[id].claimsAtMostOnce);

/**
 * A crash stops every request in flight at whatever point it has reached. Aimed at a point, it
 * hits the next request there — but a crash "now", or one that lands while a second customer's
 * request is between its provider charge and its commit, is a crash after the provider charged:
 * the one point that atomic and locked keys do not survive (the lesson of
 * crash-after-provider-charge). So those strategies get aimed crashes and no concurrent strangers
 * when crashes are in the schedule; recovery points get everything.
 */
const survivesEverything = (strategy: StrategyId) =>
  STRATEGIES[strategy].survivesCrashAt.length === CRASH_POINTS.length;

/** The provider's outages a schedule may draw: down (503), or calls hanging with the charge made. */
type OutageKind = 'provider-down' | 'provider-timeout';
const OUTAGES: readonly OutageKind[] = ['provider-down', 'provider-timeout'];

/** The 5xx policies under which a strategy promises at most one charge through an outage. */
const outagePolicies = (strategy: StrategyId): Errors5xxPolicy[] =>
  ERRORS_5XX_POLICIES.filter((p) => promisedUnder(STRATEGIES[strategy], p).includes('outage'));

function faultArbitrary(
  strategy: StrategyId,
  outages: readonly OutageKind[] = OUTAGES,
): fc.Arbitrary<ScriptedFault> {
  const at = fc.integer({ min: 0, max: 3000 });
  const direction = fc.constantFrom('request' as const, 'response' as const);
  const survivable = [
    ...STRATEGIES[strategy].survivesCrashAt,
    ...(survivesEverything(strategy) ? (['now'] as const) : []),
  ];
  return fc.oneof(
    fc.record({ kind: fc.constant('drop-next' as const), direction, atMs: at }),
    fc.record({ kind: fc.constant('duplicate-next' as const), direction, atMs: at }),
    fc.record({
      kind: fc.constant('crash' as const),
      point: fc.constantFrom(...survivable),
      atMs: at,
    }),
    fc.record({
      kind: fc.constant('partition' as const),
      atMs: at,
      durationMs: fc.integer({ min: 1, max: 2000 }),
    }),
    fc.record({
      kind: fc.constant('key-store-down' as const),
      atMs: at,
      durationMs: fc.integer({ min: 1, max: 2000 }),
    }),
    // A frozen server, up to three times the lock's timeout: only for strategies that promise to
    // survive one (a lease-based lock does not; the explorer holds its witness).
    ...(promisesUnderPauses(strategy)
      ? [
          fc.record({
            kind: fc.constant('server-pause' as const),
            atMs: at,
            durationMs: fc.integer({
              min: 1,
              max: 3 * baseSettings(strategy).server.lockTimeoutMs,
            }),
          }),
        ]
      : []),
    // The provider failing after the key was claimed, for up to two seconds.
    ...(outages.length
      ? [
          fc.record({
            kind: fc.constantFrom(...outages),
            atMs: at,
            durationMs: fc.integer({ min: 1, max: 2000 }),
          }),
        ]
      : []),
  );
}

const promisesUnderPauses = (strategy: StrategyId) =>
  STRATEGIES[strategy].promisesUnder.includes('pause');

/** One or two customers' clients (the second sometimes a double submit), patient enough to outlast every fault. */
interface Schedule {
  faults: ScriptedFault[];
  doubleSubmit: boolean;
  twoCustomers: boolean;
  keyRequired: boolean;
  errors5xx: Errors5xxPolicy;
  /** How the clients back off: plain, or one of AWS's three jitters. */
  retry: RetryKind;
  /** Tokens in a retry budget the clients share, or none: a refused client gives up. */
  budget: number | null;
  /** At most this many requests in progress, or no limit: one more gets 429 with Retry-After. */
  limit: number | null;
}

function world(
  strategy: StrategyId,
  {
    faults,
    doubleSubmit,
    twoCustomers: strangers,
    keyRequired,
    errors5xx,
    retry,
    budget,
    limit,
  }: Schedule,
): WorldSettings {
  const crashes = faults.some((f) => f.kind === 'crash');
  const twoCustomers = strangers && (survivesEverything(strategy) || !crashes);
  const patient = {
    ...BASE_CLIENT,
    retry: { kind: retry, maxAttempts: 12, baseDelayMs: 200, maxDelayMs: 2000 },
  };
  const clients = [patient];
  if (doubleSubmit) clients.push({ ...patient, resubmits: 0, startAtMs: 20 });
  if (twoCustomers)
    clients.push({
      ...patient,
      intents: [{ amount: 999, currency: 'EUR', customer: 'cus_bob' }],
      startAtMs: 10,
    });
  const base = baseSettings(strategy);
  return {
    ...base,
    clients,
    faults,
    server: {
      ...base.server,
      keyStoreFailure: 'fail-closed',
      keyRequired,
      errors5xx,
      maxInProgress: limit,
    },
    ...(budget === null ? {} : { retryBudget: { ...LAB_RETRY_BUDGET, capacity: budget } }),
  };
}

/** A schedule for the at-most-once property: outages of both kinds, under a policy that promises it. */
const schedule = (strategy: StrategyId) =>
  fc.record({
    faults: fc.array(faultArbitrary(strategy), { maxLength: 5 }),
    doubleSubmit: fc.boolean(),
    twoCustomers: fc.boolean(),
    // Every client sends a key: requiring one must change no promise.
    keyRequired: fc.boolean(),
    errors5xx: fc.constantFrom(...outagePolicies(strategy)),
    // Neither may the way clients back off, a 429 from an overloaded server, nor a retry budget
    // that makes a client give up: what it was told must still match the charges.
    retry: fc.constantFrom(...RETRY_KINDS.filter((k) => k !== 'none' && k !== 'fixed')),
    budget: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }),
    limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  });

/**
 * A schedule for eventually-exactly-once. A stored 5xx ends its payment for good (the lesson of
 * provider-outage), so here the key is released and a retry resumes; and a released call that
 * hung with the charge made is charged again unless the provider call carries a key of ours, so a
 * strategy without one meets only outages that charge nothing.
 */
const eventualSchedule = (strategy: StrategyId) => {
  const resumes = promisedUnder(STRATEGIES[strategy], 'release').includes('outage');
  return fc.record({
    faults: fc.array(faultArbitrary(strategy, resumes ? OUTAGES : ['provider-down']), {
      maxLength: 5,
    }),
    doubleSubmit: fc.boolean(),
    twoCustomers: fc.boolean(),
    keyRequired: fc.boolean(),
    errors5xx: fc.constant<Errors5xxPolicy>('release'),
    retry: fc.constantFrom(...RETRY_KINDS.filter((k) => k !== 'none' && k !== 'fixed')),
    budget: fc.constant(null),
    limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  });
};

describe('fault schedules (fast-check)', () => {
  it.each(SAFE)('%s: at most one charge per payment over 10,000 fault schedules', (strategy) => {
    fc.assert(
      fc.property(schedule(strategy), (drawn) => {
        const result = runWorld(world(strategy, drawn), seededSource(drawn.seed));
        expect(result.invariants.atMostOnce.ok).toBe(true);
        expect(result.invariants.conservation.ok).toBe(true);
        expect(result.invariants.outcomeConsistency.ok).toBe(true);
        expect(result.invariants.books.ok).toBe(true);
      }),
      { numRuns: 10_000, seed: 20261127 },
    );
  });

  it.each(SAFE)(
    '%s: eventually exactly once — after the faults stop, every payment is charged exactly once',
    (strategy) => {
      fc.assert(
        // A client that keeps retrying: no budget may make it give up (eventualSchedule has none).
        fc.property(eventualSchedule(strategy), (drawn) => {
          const result = runWorld(world(strategy, drawn), seededSource(drawn.seed));
          const outcome = summarize(result.trace);
          expect(result.stoppedBy).toBe('quiescent');
          for (const intent of outcome.perIntent) {
            expect(intent).toMatchObject({ charges: 1, outcome: 'succeeded' });
          }
        }),
        { numRuns: 1000, seed: 20261128 },
      );
    },
  );

  it('the schedules do meet the budget and the limit: some retries are refused, some requests get 429', () => {
    const met = { refused: false, tooMany: false };
    fc.assert(
      fc.property(schedule('atomic-key'), (drawn) => {
        const { trace } = runWorld(world('atomic-key', drawn), seededSource(drawn.seed));
        met.refused ||= trace.some((r) => r.type === 'retry-budget' && r.change === 'refuse');
        met.tooMany ||= summarize(trace).statuses.includes(429);
      }),
      { numRuns: 300, seed: 20261129 },
    );
    expect(met).toEqual({ refused: true, tooMany: true });
  });

  it('the generator reaches every kind of fault and every survivable crash point', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(faultArbitrary('recovery-points'), (fault) => {
        kinds.add(fault.kind === 'crash' ? `crash:${fault.point}` : fault.kind);
      }),
      { numRuns: 2000, seed: 1 },
    );
    expect([...kinds].sort()).toEqual(
      [
        'drop-next',
        'duplicate-next',
        'partition',
        'key-store-down',
        'server-pause',
        'provider-down',
        'provider-timeout',
        'crash:now',
        ...CRASH_POINTS.map((p) => `crash:${p}`),
      ].sort(),
    );
  });
});
