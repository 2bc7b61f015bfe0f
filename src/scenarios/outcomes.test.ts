import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarize } from '../model/outcome.ts';
import { STRATEGIES, STRATEGY_IDS, type StrategyId } from '../model/strategies.ts';
import { runScenario } from './run.ts';
import type { PaymentScenarioId } from './ids.ts';

/**
 * The lessons' first claims, checked over many seeds: seeds move delays around, and none of
 * these stories may depend on lucky timing.
 */
const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

function outcome(scenario: PaymentScenarioId, strategy: StrategyId, seed: number) {
  const result = runScenario({ scenario, strategy, seed });
  return { ...summarize(result.trace), invariants: result.invariants, stoppedBy: result.stoppedBy };
}

describe('the canonical failure stories', () => {
  it.each(['lost-response', 'crash-after-commit'] as const)(
    '%s charges twice without a key',
    (scenario) => {
      fc.assert(
        fc.property(seeds, (seed) => {
          const o = outcome(scenario, 'none', seed);
          expect(o.charges).toBe(2);
          expect(o.duplicateCharges).toBe(1);
          expect(o.replays).toBe(0);
          expect(o.statuses).toEqual([201]);
          expect(o.invariants.atMostOnce.ok).toBe(false);
          expect(o.invariants.atMostOnce.claimed).toBe(false);
          expect(o.invariants.outcomeConsistency.ok).toBe(false);
        }),
        { numRuns: 200 },
      );
    },
  );

  it.each(['lost-response', 'crash-after-commit'] as const)(
    '%s charges once with an atomic key, replaying the response',
    (scenario) => {
      fc.assert(
        fc.property(seeds, (seed) => {
          const o = outcome(scenario, 'atomic-key', seed);
          expect(o.charges).toBe(1);
          expect(o.duplicateCharges).toBe(0);
          expect(o.replays).toBe(1);
          expect(o.perIntent[0]).toMatchObject({ outcome: 'succeeded', status: 201, charges: 1 });
          expect(Object.values(o.invariants).every((v) => v.ok)).toBe(true);
        }),
        { numRuns: 200 },
      );
    },
  );

  it.each(['none', 'atomic-key'] as const)(
    'crash-before-commit charges exactly once with %s',
    (strategy) => {
      fc.assert(
        fc.property(seeds, (seed) => {
          const o = outcome('crash-before-commit', strategy, seed);
          expect(o.charges).toBe(1);
          expect(o.perIntent[0]).toMatchObject({ outcome: 'succeeded', charges: 1 });
          expect(Object.values(o.invariants).every((v) => v.ok)).toBe(true);
        }),
        { numRuns: 200 },
      );
    },
  );

  it.each(['none', 'atomic-key'] as const)('happy-path charges once with %s', (strategy) => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = outcome('happy-path', strategy, seed);
        expect(o).toMatchObject({ charges: 1, duplicateCharges: 0, statuses: [201], replays: 0 });
      }),
      { numRuns: 100 },
    );
  });

  it('slow-server-timeout: every retry charges again without a key; one charge and a replay with one', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const none = outcome('slow-server-timeout', 'none', seed);
        expect(none.charges).toBe(4); // one per attempt: the client makes four
        expect(none.perIntent[0]!.outcome).toBe('unknown');
        const keyed = outcome('slow-server-timeout', 'atomic-key', seed);
        expect(keyed.charges).toBe(1);
        expect(keyed.replays).toBe(1);
        expect(keyed.perIntent[0]!.outcome).toBe('succeeded');
      }),
      { numRuns: 100 },
    );
  });

  it('flaky-network: never more than one charge per payment with an atomic key', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = outcome('flaky-network', 'atomic-key', seed);
        expect(o.stoppedBy).toBe('quiescent');
        expect(o.duplicateCharges).toBe(0);
        expect(o.invariants.atMostOnce.ok).toBe(true);
        expect(o.invariants.conservation.ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('flaky-network duplicates charges without a key for some seed', () => {
    const duplicated = Array.from({ length: 50 }, (_, seed) =>
      outcome('flaky-network', 'none', seed),
    );
    expect(duplicated.some((o) => o.duplicateCharges > 0)).toBe(true);
  });

  it('key-store-down with recovery points: the derived provider key saves the money, UNIQUE (charge_id) the books', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = outcome('key-store-down', 'recovery-points', seed);
        expect(o.charges).toBe(1);
        expect(o.duplicateRecords).toBe(0);
        expect(o.perIntent[0]).toMatchObject({ charges: 1, records: 1 });
      }),
      { numRuns: 50 },
    );
  });
});

describe('a decline is the key’s answer too (declined-late-copy)', () => {
  const KEYED = STRATEGY_IDS.filter((s) => s !== 'none');
  const run = (strategy: StrategyId, seed: number, errors?: 'store' | 'forget') => {
    const result = runScenario({
      scenario: 'declined-late-copy',
      strategy,
      seed,
      ...(errors ? { tweaks: { errors } } : {}),
    });
    return { ...summarize(result.trace), invariants: result.invariants };
  };

  it.each(KEYED)('%s stores the 402 and replays it to the late copy: no charge', (strategy) => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = run(strategy, seed);
        expect(o.charges).toBe(0);
        expect(o.statuses).toEqual([402]);
        expect(o.lateStatuses).toEqual([402]);
        expect(o.perIntent[0]).toMatchObject({ outcome: 'failed', status: 402 });
        expect(Object.values(o.invariants).every((v) => v.ok)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  // Every strategy but recovery points, whose provider call carries a key of its own.
  const FORGETFUL = STRATEGY_IDS.filter((s) => !STRATEGIES[s].recoveryPoints);
  it.each(FORGETFUL)(
    '%s without stored errors charges the card after the client was told “declined”',
    (strategy) => {
      fc.assert(
        fc.property(seeds, (seed) => {
          const o = run(strategy, seed, 'forget');
          expect(o.charges).toBe(1);
          expect(o.statuses).toEqual([402]);
          expect(o.lateStatuses).toEqual([201]);
          expect(o.invariants.outcomeConsistency.ok).toBe(false);
          expect(o.invariants.conservation.ok).toBe(true); // the top-up is money from outside
        }),
        { numRuns: 50 },
      );
    },
  );

  it('recovery points without stored errors run the copy again, but the provider remembers the decline', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = run('recovery-points', seed, 'forget');
        // The derived key gets Stripe's answer back: the same decline, though the card could pay.
        expect(o).toMatchObject({
          charges: 0,
          statuses: [402],
          lateStatuses: [402],
          lateReplays: 0,
        });
        expect(Object.values(o.invariants).every((v) => v.ok)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
