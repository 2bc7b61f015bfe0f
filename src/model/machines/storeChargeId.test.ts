import { describe, expect, it } from 'vitest';
import { fastEngine, type Snapshot } from '../engine.ts';
import { storeMachine } from './store.ts';
import { storeEventOf, type StoreContext, type StoreInput, type StoreOp } from './storeSchema.ts';

/** `payments.charge_id` is unique: a second row for one charge fails its whole transaction. */
const request = {
  id: 1,
  kind: 'request',
  from: 'client-1',
  to: 'server',
  intentId: 'c1-p1',
  attempt: 1,
  request: {
    method: 'POST',
    path: '/payments',
    headers: {},
    body: { amount: 1, currency: 'EUR', customer: 'cus' },
  },
} as const;

const claim = (tx: string, key: string): StoreOp => ({
  type: 'claimKey',
  from: tx,
  tx,
  claim: { scope: 'cus', key },
  fingerprint: 'f',
  request,
  keyTtlMs: null,
});

const commit = (tx: string, chargeId: string): StoreOp => ({
  type: 'commit',
  from: tx,
  tx,
  payment: {
    id: `pay_${tx}`,
    intentId: 'c1-p1',
    customer: 'cus',
    amount: 1,
    currency: 'EUR',
    chargeId,
    idempotencyKey: null,
    createdAtMs: 0,
  },
  response: { status: 201, headers: {}, body: { id: `pay_${tx}` } },
  fenced: false,
});

function apply(ops: StoreOp[], input?: StoreInput) {
  let [snapshot]: [Snapshot, unknown] = fastEngine.initial(storeMachine, input);
  const replies: unknown[] = [];
  for (const op of ops) {
    const [next, effects] = fastEngine.step(storeMachine, snapshot, storeEventOf(op, 0));
    snapshot = next;
    for (const e of effects) {
      if (e.type === 'reply') replies.push(e.params);
      if (e.type === 'replyAll') replies.push(...(e.params as { replies: unknown[] }).replies);
    }
  }
  return { replies, tables: snapshot.context as unknown as StoreContext };
}

describe('store: UNIQUE (charge_id)', () => {
  it('refuses a second row for a charge already recorded, naming the row that holds it', () => {
    const { replies, tables } = apply([commit('a', 'ch_1'), commit('b', 'ch_1')]);
    expect(replies).toEqual([
      { to: 'a', reply: { type: 'COMMITTED' } },
      {
        to: 'b',
        reply: {
          type: 'UNIQUE_VIOLATION',
          constraint: 'payments_charge_id_key',
          chargeId: 'ch_1',
          recordedAs: 'pay_a',
        },
      },
    ]);
    expect(tables.payments.map((p) => p.id)).toEqual(['pay_a']);
  });

  it('rolls the failed transaction back whole: its key claim goes, and a waiter takes the key', () => {
    const { replies, tables } = apply([
      commit('a', 'ch_1'),
      claim('b', 'k2'),
      claim('c', 'k2'),
      commit('b', 'ch_1'),
    ]);
    expect(replies.slice(-2)).toEqual([
      expect.objectContaining({
        to: 'b',
        reply: expect.objectContaining({ type: 'UNIQUE_VIOLATION' }),
      }),
      { to: 'c', reply: { type: 'KEY_CLAIMED' } },
    ]);
    expect(tables.keys).toEqual([]);
    expect(Object.keys(tables.claims)).toEqual(['c']);
  });

  it('other charges are recorded as before', () => {
    const { tables } = apply([commit('a', 'ch_1'), commit('b', 'ch_2')]);
    expect(tables.payments.map((p) => p.chargeId)).toEqual(['ch_1', 'ch_2']);
  });

  it('without the constraint the second row goes in: the books oracle is what notices', () => {
    const { replies, tables } = apply([commit('a', 'ch_1'), commit('b', 'ch_1')], {
      uniqueChargeIds: false,
    });
    expect(replies).toEqual([
      { to: 'a', reply: { type: 'COMMITTED' } },
      { to: 'b', reply: { type: 'COMMITTED' } },
    ]);
    expect(tables.payments).toHaveLength(2);
  });
});
