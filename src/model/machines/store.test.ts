import { describe, expect, it } from 'vitest';
import { fastEngine, type Snapshot } from '../engine.ts';
import type { HttpResponse } from '../http.ts';
import { storeMachine } from './store.ts';
import { storeEventOf, type StoreOp } from './storeSchema.ts';

const response: HttpResponse = { status: 201, headers: {}, body: { id: 'pay_1' } };
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
const keyOp = (tx: string) => ({
  from: tx,
  tx,
  claim: { scope: 'cus', key: 'k1' },
  fingerprint: 'f',
  request,
  keyTtlMs: null,
});
const claim = (tx: string): StoreOp => ({ type: 'claimKey', ...keyOp(tx) });
const commit = (tx: string): StoreOp => ({
  type: 'commit',
  from: tx,
  tx,
  payment: {
    id: `pay_${tx}`,
    intentId: 'c1-p1',
    customer: 'cus',
    amount: 1,
    currency: 'EUR',
    chargeId: 'ch',
    idempotencyKey: 'k1',
    createdAtMs: 0,
  },
  response,
  fenced: false,
});
const rollback = (tx: string): StoreOp => ({ type: 'rollback', tx });

/** Applies ops in order, collecting every reply the store sends. */
function apply(ops: StoreOp[]) {
  let [snapshot]: [Snapshot, unknown] = fastEngine.initial(storeMachine, undefined);
  const replies: string[] = [];
  for (const op of ops) {
    const event = storeEventOf(op, 0);
    const [next, effects] = fastEngine.step(storeMachine, snapshot, event);
    snapshot = next;
    for (const e of effects) {
      const list = e.type === 'replyAll' ? (e.params as { replies: never[] }).replies : [e.params];
      for (const r of list as { to: string; reply: { type: string } }[])
        replies.push(`${r.to}:${r.reply.type}`);
    }
  }
  return { replies, context: snapshot.context as { payments: unknown[]; keys: unknown[] } };
}

describe('store: the unique key in the same transaction as the payment', () => {
  it('a first claim takes the key; after commit, a second claim finds the stored row', () => {
    const { replies, context } = apply([claim('a'), commit('a'), claim('b')]);
    expect(replies).toEqual(['a:KEY_CLAIMED', 'a:COMMITTED', 'b:KEY_EXISTS']);
    expect(context.payments).toHaveLength(1);
    expect(context.keys).toHaveLength(1);
  });

  it('a concurrent claim waits for the holder, then sees its committed row', () => {
    const { replies } = apply([claim('a'), claim('b'), commit('a')]);
    expect(replies).toEqual(['a:KEY_CLAIMED', 'a:COMMITTED', 'b:KEY_EXISTS']);
  });

  it('a rollback hands the key to the first waiter, and stores nothing', () => {
    const { replies, context } = apply([claim('a'), claim('b'), claim('c'), rollback('a')]);
    expect(replies).toEqual(['a:KEY_CLAIMED', 'b:KEY_CLAIMED']);
    expect(context.payments).toHaveLength(0);
    expect(context.keys).toHaveLength(0);
  });

  it('a rolled-back waiter leaves the queue', () => {
    const { replies } = apply([claim('a'), claim('b'), rollback('b'), rollback('a'), claim('c')]);
    expect(replies).toEqual(['a:KEY_CLAIMED', 'c:KEY_CLAIMED']);
  });
});

describe('store: in-flight locks are fenced', () => {
  const lock = (tx: string): StoreOp => ({
    type: 'lockKey',
    ...keyOp(tx),
    lockTimeoutMs: 100,
    checkFingerprint: true,
  });
  const fencedCommit = (tx: string): StoreOp => ({
    ...(commit(tx) as Extract<StoreOp, { type: 'commit' }>),
    fenced: true,
  });

  it('a request whose stale lock was taken over may not commit; the new holder may', () => {
    let [snapshot]: [Snapshot, unknown] = fastEngine.initial(storeMachine, undefined);
    const replies: string[] = [];
    const at = (op: StoreOp, nowMs: number) => {
      const [next, effects] = fastEngine.step(storeMachine, snapshot, storeEventOf(op, nowMs));
      snapshot = next;
      for (const e of effects.filter((x) => x.type === 'reply'))
        replies.push(
          `${(e.params as { to: string }).to}:${(e.params as { reply: { type: string } }).reply.type}`,
        );
    };
    at(lock('a'), 0);
    at(lock('b'), 50); // still fresh: busy
    at(lock('b'), 150); // stale: taken over
    at(fencedCommit('a'), 160);
    at(fencedCommit('b'), 170);
    expect(replies).toEqual([
      'a:KEY_LOCKED',
      'b:KEY_BUSY',
      'b:KEY_LOCKED',
      'a:LOCK_LOST',
      'b:COMMITTED',
    ]);
    expect((snapshot.context as { payments: { id: string }[] }).payments.map((p) => p.id)).toEqual([
      'pay_b',
    ]);
  });
});

describe('store: a declined payment', () => {
  const declined: HttpResponse = { status: 402, headers: {}, body: { status: 402 } };
  const recordDecline = (tx: string): StoreOp => ({
    type: 'commit',
    from: tx,
    tx,
    payment: null,
    response: declined,
    fenced: false,
  });
  const lock = (tx: string): StoreOp => ({
    type: 'lockKey',
    ...keyOp(tx),
    lockTimeoutMs: 100,
    checkFingerprint: true,
  });
  const forget = (tx: string, fenced = false): StoreOp => ({
    type: 'forgetKey',
    from: tx,
    tx,
    fenced,
  });

  it('stored: the key completes with the 402 and no payment row; a later claim finds it', () => {
    const { replies, context } = apply([claim('a'), claim('b'), recordDecline('a')]);
    expect(replies).toEqual(['a:KEY_CLAIMED', 'a:COMMITTED', 'b:KEY_EXISTS']);
    expect(context.payments).toHaveLength(0);
    expect(context.keys).toMatchObject([{ status: 'completed', response: declined }]);
  });

  it('stored under a lock: the row completes, so a repeat gets the stored answer', () => {
    const { replies, context } = apply([lock('a'), recordDecline('a'), lock('b')]);
    expect(replies).toEqual(['a:KEY_LOCKED', 'a:COMMITTED', 'b:KEY_EXISTS']);
    expect(context.keys).toMatchObject([{ status: 'completed', response: declined }]);
  });

  it('forgotten: a claim is released to the waiter, a lock row is deleted', () => {
    const claimed = apply([claim('a'), claim('b'), forget('a')]);
    expect(claimed.replies).toEqual(['a:KEY_CLAIMED', 'a:KEY_FORGOTTEN', 'b:KEY_CLAIMED']);
    expect(claimed.context.keys).toHaveLength(0);
    const locked = apply([lock('a'), forget('a', true), lock('b')]);
    expect(locked.replies).toEqual(['a:KEY_LOCKED', 'a:KEY_FORGOTTEN', 'b:KEY_LOCKED']);
    expect(locked.context.keys).toHaveLength(1);
  });

  it('forgetting is fenced: a lock taken over belongs to its new holder, who keeps it', () => {
    let [snapshot]: [Snapshot, unknown] = fastEngine.initial(storeMachine, undefined);
    const replies: string[] = [];
    for (const [op, nowMs] of [
      [lock('a'), 0],
      [lock('b'), 150], // a's lock is stale: b takes it over
      [forget('a', true), 160],
    ] as const) {
      const event = storeEventOf(op, nowMs);
      const [next, effects] = fastEngine.step(storeMachine, snapshot, event);
      snapshot = next;
      for (const e of effects.filter((x) => x.type === 'reply'))
        replies.push(
          `${(e.params as { to: string }).to}:${(e.params as { reply: { type: string } }).reply.type}`,
        );
    }
    expect(replies).toEqual(['a:KEY_LOCKED', 'b:KEY_LOCKED', 'a:LOCK_LOST']);
    expect(snapshot.context).toMatchObject({ keys: [{ lockedBy: 'b' }] });
  });
});
