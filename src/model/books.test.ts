import { describe, expect, it } from 'vitest';
import { InvariantMonitor } from './invariants.ts';
import type { TraceRecord } from './trace.ts';

/**
 * The books oracle: no payment has two rows, and no charge is recorded twice — judged on
 * hand-written traces (the runs that break it are in src/scenarios/books.test.ts).
 */
const start = (claimsAtMostOnce = true): TraceRecord => ({
  t: 0,
  type: 'start',
  strategy: claimsAtMostOnce ? 'recovery-points' : 'none',
  claimsAtMostOnce,
  intents: ['c1-p1', 'c1-p2'],
  customerBalance: 10_000,
});

const row = (id: string, intentId: string, chargeId?: string): TraceRecord => ({
  t: 100,
  type: 'recorded',
  what: 'payment',
  id,
  intentId,
  ...(chargeId === undefined ? {} : { chargeId }),
});

function judge(trace: TraceRecord[]) {
  const monitor = new InvariantMonitor();
  const found = trace.flatMap((record) => monitor.observe(record));
  return { found, books: monitor.verdicts().books };
}

describe('the books oracle, on hand-written traces', () => {
  it('holds for one row per payment and per charge; a receipt is not a payment row', () => {
    const receipt: TraceRecord = {
      t: 200,
      type: 'recorded',
      what: 'receipt',
      id: 'pay_1',
      intentId: 'c1-p1',
    };
    const { found, books } = judge([
      start(),
      row('pay_1', 'c1-p1', 'ch_1'),
      receipt,
      row('pay_2', 'c1-p2', 'ch_2'),
    ]);
    expect(found).toEqual([]);
    expect(books).toEqual({ ok: true, violation: null, claimed: true });
  });

  it('catches one charge recorded twice, the moment the second row is committed', () => {
    const { found, books } = judge([
      start(),
      row('pay_1', 'c1-p1', 'ch_1'),
      row('pay_2', 'c1-p1', 'ch_1'),
    ]);
    expect(found).toEqual([
      {
        name: 'books',
        facts: { kind: 'charge-recorded-twice', chargeId: 'ch_1', rows: ['pay_1', 'pay_2'] },
      },
    ]);
    expect(books.ok).toBe(false);
  });

  it('catches a second row for one payment, though its charges differ', () => {
    const { found } = judge([
      start(),
      row('pay_1', 'c1-p1', 'ch_1'),
      row('pay_2', 'c1-p1', 'ch_2'),
    ]);
    expect(found).toEqual([
      {
        name: 'books',
        facts: { kind: 'recorded-twice', intentId: 'c1-p1', rows: ['pay_1', 'pay_2'] },
      },
    ]);
  });

  it('is promised by the strategies that promise one charge, and judged for every one', () => {
    const { books } = judge([start(false), row('pay_1', 'c1-p1'), row('pay_2', 'c1-p1')]);
    expect(books).toMatchObject({ ok: false, claimed: false });
  });
});
