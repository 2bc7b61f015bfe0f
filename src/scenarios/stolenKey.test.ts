import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeIdempotencyKey } from '../model/keys.ts';
import type { RunResult } from '../model/run.ts';
import { summarize } from '../model/outcome.ts';
import { STRATEGIES, STRATEGY_IDS, type StrategyId } from '../model/strategies.ts';
import type { TraceRecord } from '../model/trace.ts';
import { runScenario } from './run.ts';

/**
 * stolen-key: Ada (client 1, account cus_ada) pays €42; then Mallory (client 2, account cus_mal,
 * an API key of her own) sends Ada's Idempotency-Key — with Ada's very request, then with a €5
 * payment of her own. Checked over many seeds: no story here may hang on lucky timing.
 */
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const ADAS_KEY = makeIdempotencyKey('client-1', 0);
const KEYED = STRATEGY_IDS.filter((s) => STRATEGIES[s].claimsAtMostOnce);

const run = (strategy: StrategyId, seed: number) =>
  runScenario({ scenario: 'stolen-key', strategy, seed });

/** The payment ids every answer to client 2 names, and the rows recorded for Ada's payment. */
function answersToMallory(trace: readonly TraceRecord[]) {
  const adas = new Set(
    trace.flatMap((r) => (r.type === 'recorded' && r.intentId === 'c1-p1' ? [r.id] : [])),
  );
  const toMallory = trace.flatMap((r) =>
    r.type === 'send' && r.message.kind === 'response' && r.message.to === 'client-2'
      ? [r.message.response]
      : [],
  );
  return { adas, toMallory };
}

/** The key scopes the store was asked about for Ada's key, in order. */
const scopesOfAdasKey = (result: RunResult) =>
  result.trace.flatMap((r) =>
    r.type === 'store' && 'claim' in r.op && r.op.claim.key === ADAS_KEY ? [r.op.claim.scope] : [],
  );

describe('stolen-key', () => {
  it.each([...KEYED, 'none' as const])(
    '%s: 403 for Ada’s request, and Mallory’s own payment is a new one in her own scope',
    (strategy) => {
      fc.assert(
        fc.property(seeds, (seed) => {
          const result = run(strategy, seed);
          const o = summarize(result.trace);
          expect(o.statuses).toEqual([201, 403, 201]);
          expect(o.perIntent).toMatchObject([
            { intentId: 'c1-p1', charges: 1, outcome: 'succeeded' },
            { intentId: 'c2-p1', charges: 0, outcome: 'failed', status: 403 },
            { intentId: 'c2-p2', charges: 1, outcome: 'succeeded' },
          ]);
          expect(o.replays).toBe(0);
          const { adas, toMallory } = answersToMallory(result.trace);
          expect(toMallory.some((r) => adas.has(String(r.body.id)))).toBe(false);
          expect(Object.values(result.invariants).every((v) => v.ok)).toBe(true);
        }),
        { numRuns: 30 },
      );
    },
  );

  it.each(KEYED)('%s holds Ada’s key twice, once in each caller’s scope', (strategy) => {
    const scopes = scopesOfAdasKey(run(strategy, 1));
    // Ada's request asks in her scope; Mallory's 403 touches no key; her own payment, in hers.
    expect(scopes.filter((s) => s === 'cus_ada').length).toBeGreaterThan(0);
    expect(scopes.filter((s) => s === 'cus_mal').length).toBeGreaterThan(0);
    const first = scopes.indexOf('cus_mal');
    expect(scopes.slice(0, first).every((s) => s === 'cus_ada')).toBe(true);
  });

  it('the textbook cache keys by the body’s customer and answers first: it hands Mallory Ada’s payment', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const result = run('naive-cache', seed);
        const o = summarize(result.trace);
        const { adas, toMallory } = answersToMallory(result.trace);
        expect(toMallory[0]).toMatchObject({
          status: 201,
          headers: { 'Idempotent-Replayed': 'true' },
        });
        expect(adas.has(String(toMallory[0]!.body.id))).toBe(true);
        expect(o.perIntent[1]).toMatchObject({
          intentId: 'c2-p1',
          charges: 0,
          outcome: 'succeeded',
        });
        expect(result.invariants.outcomeConsistency).toMatchObject({
          ok: false,
          violation: { kind: 'answer-mismatch', intentId: 'c2-p1', charges: 0 },
        });
        expect(scopesOfAdasKey(result)).toEqual([
          'cus_ada',
          'cus_ada',
          'cus_ada',
          'cus_mal',
          'cus_mal',
        ]);
      }),
      { numRuns: 30 },
    );
  });
});
