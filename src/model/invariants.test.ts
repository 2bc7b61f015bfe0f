import { describe, expect, it } from 'vitest';
import { InvariantMonitor } from './invariants.ts';
import type { TraceRecord } from './trace.ts';

/** The oracles judged on hand-written traces: they must catch what they exist to catch. */
const start: TraceRecord = {
  t: 0,
  type: 'start',
  strategy: 'atomic-key',
  claimsAtMostOnce: true,
  intents: ['c1-p1'],
  customerBalance: 10_000,
};

const charge = (
  id: number,
  customerBalance: number,
  merchantBalance: number,
  amount = 4200,
): TraceRecord => ({
  t: 100 * id,
  type: 'charge',
  chargeId: `ch_${id}`,
  intentId: 'c1-p1',
  amount,
  by: `handler-${id}`,
  customerBalance,
  merchantBalance,
});

const settle = (
  outcome: 'succeeded' | 'failed' | 'unknown',
  status: number | null,
): TraceRecord => ({
  t: 900,
  type: 'settle',
  client: 'client-1',
  intentId: 'c1-p1',
  outcome,
  status,
});

function judge(trace: TraceRecord[]) {
  const monitor = new InvariantMonitor();
  const found = trace.flatMap((record) => monitor.observe(record));
  return { found, verdicts: monitor.verdicts() };
}

describe('invariant oracles', () => {
  it('pass a correct trace', () => {
    const { found, verdicts } = judge([start, charge(1, 5800, 4200), settle('succeeded', 201)]);
    expect(found).toEqual([]);
    expect(Object.values(verdicts).every((v) => v.ok)).toBe(true);
  });

  it('catch a duplicate charge the moment it happens', () => {
    const { found, verdicts } = judge([start, charge(1, 5800, 4200), charge(2, 1600, 8400)]);
    expect(found[0]).toEqual({
      name: 'atMostOnce',
      facts: { kind: 'charged-twice', intentId: 'c1-p1', charges: 2 },
    });
    expect(verdicts.atMostOnce.ok).toBe(false);
  });

  it('catch a charged definite failure, whichever comes first', () => {
    expect(
      judge([start, charge(1, 5800, 4200), settle('failed', 422)]).verdicts.outcomeConsistency.ok,
    ).toBe(false);
    expect(
      judge([start, settle('failed', 422), charge(1, 5800, 4200)]).verdicts.outcomeConsistency.ok,
    ).toBe(false);
  });

  it('catch a success the client saw for a payment that was never charged', () => {
    const { verdicts } = judge([start, settle('succeeded', 201)]);
    expect(verdicts.outcomeConsistency.violation).toEqual({
      kind: 'answer-mismatch',
      intentId: 'c1-p1',
      charges: 0,
      seen: 'succeeded',
    });
  });

  it('allow zero or one charge when the outcome is unknown, not two', () => {
    expect(judge([start, settle('unknown', null)]).verdicts.outcomeConsistency.ok).toBe(true);
    expect(
      judge([start, charge(1, 5800, 4200), settle('unknown', null)]).verdicts.outcomeConsistency.ok,
    ).toBe(true);
    const twice = judge([
      start,
      charge(1, 5800, 4200),
      charge(2, 1600, 8400),
      settle('unknown', null),
    ]);
    expect(twice.verdicts.outcomeConsistency.ok).toBe(false);
  });

  it('catch money created from nothing', () => {
    // The merchant gains 4200 but the customer loses nothing.
    const { verdicts } = judge([start, charge(1, 10_000, 4200)]);
    expect(verdicts.conservation.ok).toBe(false);
    expect(verdicts.conservation.violation).toMatchObject({
      kind: 'money-mismatch',
      customerLost: 0,
    });
  });

  it('catch money that vanishes', () => {
    expect(judge([start, charge(1, 5800, 4000)]).verdicts.conservation.ok).toBe(false);
  });

  it('count a top-up as money from outside, and catch a decline that moved money', () => {
    const topUp: TraceRecord = { t: 50, type: 'top-up', amount: 5000, customerBalance: 15_000 };
    const declined = (customerBalance: number): TraceRecord => ({
      t: 60,
      type: 'declined',
      intentId: 'c1-p1',
      amount: 4200,
      by: 'handler-1',
      customerBalance,
      replayed: false,
    });
    expect(
      judge([start, topUp, declined(15_000), charge(1, 10_800, 4200)]).verdicts.conservation.ok,
    ).toBe(true);
    expect(judge([start, topUp, declined(10_800)]).verdicts.conservation.ok).toBe(false);
    // A top-up whose balance does not show the money it added.
    expect(judge([start, { ...topUp, customerBalance: 10_000 }]).verdicts.conservation.ok).toBe(
      false,
    );
  });

  it('report a strategy that makes no at-most-once promise as unclaimed', () => {
    const none = { ...start, strategy: 'none', claimsAtMostOnce: false } as TraceRecord;
    expect(judge([none]).verdicts.atMostOnce.claimed).toBe(false);
  });
});
