import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededSource } from '../sim/choice.ts';
import { runWorld } from '../model/run.ts';
import type { ScriptedFault, WorldSettings } from '../model/settings.ts';
import { STRATEGIES, STRATEGY_IDS, type StrategyId } from '../model/strategies.ts';
import type { TraceRecord } from '../model/trace.ts';
import { SCENARIOS } from '../scenarios/catalogue.ts';

/**
 * Who is calling, under faults (fast-check): stolen-key's two callers — Ada, and Mallory sending
 * Ada's key — with messages lost and copied, the network cut, the key store down (failing closed),
 * the server crashing where the strategy says it survives and frozen where it says it survives
 * that, with `payments.charge_id` unique or not. A key sent by another caller never receives the first caller's stored response, the
 * request naming Ada's customer is never charged nor told it succeeded, and the books hold.
 */
const SAFE = STRATEGY_IDS.filter((id) => STRATEGIES[id].claimsAtMostOnce);

function faultArbitrary(strategy: StrategyId): fc.Arbitrary<ScriptedFault> {
  const at = fc.integer({ min: 0, max: 3000 });
  const direction = fc.constantFrom('request' as const, 'response' as const);
  const lasting = <K extends 'partition' | 'key-store-down'>(kind: K) =>
    fc.record({
      kind: fc.constant(kind),
      atMs: at,
      durationMs: fc.integer({ min: 1, max: 2000 }),
    });
  return fc.oneof(
    fc.record({ kind: fc.constant('drop-next' as const), direction, atMs: at }),
    fc.record({ kind: fc.constant('duplicate-next' as const), direction, atMs: at }),
    fc.record({
      kind: fc.constant('crash' as const),
      point: fc.constantFrom(...STRATEGIES[strategy].survivesCrashAt),
      atMs: at,
    }),
    lasting('partition'),
    lasting('key-store-down'),
    // A frozen server, on both sides of the lock's timeout, where the strategy promises to
    // survive one (a lease-based lock does not; the explorer holds its witness).
    ...(STRATEGIES[strategy].promisesUnder.includes('pause')
      ? [
          fc.record({
            kind: fc.constant('server-pause' as const),
            atMs: at,
            durationMs: fc.integer({ min: 1, max: 6000 }),
          }),
        ]
      : []),
  );
}

function world(strategy: StrategyId, faults: ScriptedFault[], unique: boolean): WorldSettings {
  const base = SCENARIOS['stolen-key'].settings(strategy);
  const patient = {
    kind: 'exponential' as const,
    maxAttempts: 12,
    baseDelayMs: 200,
    maxDelayMs: 2000,
  };
  return {
    ...base,
    clients: base.clients.map((c) => ({ ...c, retry: patient })),
    faults: [...base.faults, ...faults],
    server: { ...base.server, keyStoreFailure: 'fail-closed', chargeIdUnique: unique },
  };
}

/** Every answer sent to Mallory's client that names a payment recorded for Ada's. */
function adasAnswersToMallory(trace: readonly TraceRecord[]) {
  const adas = new Set(
    trace.flatMap((r) => (r.type === 'recorded' && r.intentId === 'c1-p1' ? [r.id] : [])),
  );
  return trace.filter(
    (r) =>
      r.type === 'send' &&
      r.message.kind === 'response' &&
      r.message.to === 'client-2' &&
      adas.has(String(r.message.response.body.id)),
  );
}

describe('who is calling, under faults (fast-check)', () => {
  it.each(SAFE)('%s: another caller never gets Ada’s answer, and the books hold', (strategy) => {
    fc.assert(
      fc.property(
        fc.array(faultArbitrary(strategy), { maxLength: 4 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (faults, unique, seed) => {
          const result = runWorld(world(strategy, faults, unique), seededSource(seed));
          expect(adasAnswersToMallory(result.trace)).toEqual([]);
          const forMallorysCopy = result.trace.filter(
            (r) =>
              (r.type === 'charge' && r.intentId === 'c2-p1') ||
              (r.type === 'settle' && r.intentId === 'c2-p1' && r.outcome === 'succeeded'),
          );
          expect(forMallorysCopy).toEqual([]);
          for (const name of ['atMostOnce', 'outcomeConsistency', 'conservation', 'books'] as const)
            expect(result.invariants[name].ok).toBe(true);
        },
      ),
      { numRuns: 500, seed: 20261214 },
    );
  });

  it('the check can fail: the textbook cache, keyed by the body, hands Mallory Ada’s answer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const result = runWorld(world('naive-cache', [], true), seededSource(seed));
        expect(adasAnswersToMallory(result.trace)).toHaveLength(1);
      }),
      { numRuns: 50, seed: 20261215 },
    );
  });
});
