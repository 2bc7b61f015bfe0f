import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { summarize } from '../model/outcome.ts';
import type { RecordOf } from '../model/trace.ts';
import { runScenario } from './run.ts';

/**
 * The run the issue names: with the key store down and the server failing open, recovery points'
 * retry gets the provider's charge back through its derived key, and records it again — two
 * payment rows for one charge, and nothing said so. `payments.charge_id` is unique now; the
 * setting `chargeid=plain` takes the constraint away, and the books oracle is what notices.
 */
describe('the run the issue names: key store down, failing open, recovery points', () => {
  const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  const run = (seed: number, chargeid?: 'unique' | 'plain') =>
    runScenario({
      scenario: 'key-store-down',
      strategy: 'recovery-points',
      seed,
      ...(chargeid ? { tweaks: { chargeId: chargeid } } : {}),
    });

  it('UNIQUE (charge_id) refuses the blind retry’s second row: one row, one charge, books kept', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const result = run(seed);
        const o = summarize(result.trace);
        expect(o).toMatchObject({ charges: 1, duplicateRecords: 0 });
        expect(o.perIntent[0]).toMatchObject({ charges: 1, records: 1 });
        const refused = result.trace.filter((r): r is RecordOf<'refused'> => r.type === 'refused');
        expect(refused.length).toBeGreaterThan(0);
        expect(refused[0]).toMatchObject({ chargeId: 'ch_1', recordedAs: 'pay_1' });
        // An error after the work began: the client hears 500, and ends not knowing.
        expect(o.statuses.every((s) => s === 500)).toBe(true);
        expect(o.perIntent[0]!.outcome).toBe('unknown');
        expect(Object.values(result.invariants).every((v) => v.ok)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('without the constraint the second row goes in, and the books oracle says so', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const result = run(seed, 'plain');
        const o = summarize(result.trace);
        expect(o).toMatchObject({ charges: 1, duplicateRecords: 1 });
        expect(result.invariants.books).toMatchObject({
          ok: false,
          claimed: true,
          violation: { kind: 'charge-recorded-twice', chargeId: 'ch_1', rows: ['pay_1', 'pay_2'] },
        });
        // The money is right: only the books are wrong, which is why nothing else noticed.
        expect(result.invariants.atMostOnce.ok).toBe(true);
        expect(result.invariants.conservation.ok).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
