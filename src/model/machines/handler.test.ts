import { describe, expect, it } from 'vitest';
import type { Effect } from '../effects.ts';
import { fastEngine, type Snapshot } from '../engine.ts';
import { STRATEGIES, type StrategyId } from '../strategies.ts';
import { handlerMachine, type HandlerEvent } from './handler.ts';
import type { StoreOp } from './storeSchema.ts';

const message = {
  id: 1,
  kind: 'request',
  from: 'client-1',
  to: 'server',
  intentId: 'c1-p1',
  attempt: 1,
  request: {
    method: 'POST',
    path: '/payments',
    headers: { 'Idempotency-Key': 'k1' },
    body: { amount: 4200, currency: 'EUR', customer: 'cus_ada' },
  },
} as const;

const keyless = { ...message, request: { ...message.request, headers: {} } };

/** Runs one handler through the given replies; returns its final state and every effect. */
function handle(
  strategy: StrategyId,
  replies: HandlerEvent[],
  storeErrors = true,
  request: typeof message | typeof keyless = message,
) {
  const policy = {
    strategy: STRATEGIES[strategy],
    keyRequired: false,
    keyTtlMs: null,
    keyStoreFailure: 'fail-closed' as const,
    storeErrors,
    lockTimeoutMs: 2000,
  };
  let [snapshot, effects]: [Snapshot, Effect[]] = fastEngine.initial(handlerMachine, {
    handlerId: 'handler-1',
    message: request,
    policy,
  });
  const all = [...effects];
  for (const reply of replies) {
    [snapshot, effects] = fastEngine.step(handlerMachine, snapshot, reply);
    all.push(...effects);
  }
  const ops: StoreOp[] = all.flatMap((e) => (e.type === 'storeOp' ? [e.params.op] : []));
  const statuses = all.flatMap((e) => (e.type === 'respond' ? [e.params.response.status] : []));
  return { state: snapshot.value, ops, statuses };
}

const locked: HandlerEvent = {
  type: 'KEY_LOCKED',
  recoveryPoint: 'started',
  chargeId: null,
  paymentId: null,
  nowMs: 0,
};
const declined: HandlerEvent = { type: 'DECLINED', reason: 'insufficient_funds', nowMs: 100 };

describe('handler', () => {
  it('the textbook cache stores nothing for a request without a key: there is no key to store under', () => {
    const { ops, statuses } = handle(
      'naive-cache',
      [
        { type: 'CHARGED', chargeId: 'ch_1', nowMs: 100 },
        { type: 'COMMITTED', nowMs: 105 },
      ],
      true,
      keyless,
    );
    expect(ops.map((o) => o.type)).toEqual(['commit']);
    expect(statuses).toEqual([201]);
  });

  it('commits under its in-flight lock fenced, so a superseded request cannot commit', () => {
    const { ops, state, statuses } = handle('locked-key', [
      locked,
      { type: 'CHARGED', chargeId: 'ch_1', nowMs: 100 },
      { type: 'LOCK_LOST', nowMs: 105 },
    ]);
    expect(ops.find((o) => o.type === 'commit')).toMatchObject({ fenced: true });
    expect(state).toBe('superseded');
    expect(statuses).toEqual([409]);
  });

  it('stores a decline against the key, then answers 402', () => {
    const { ops, statuses } = handle('atomic-key', [
      { type: 'KEY_CLAIMED', nowMs: 0 },
      declined,
      { type: 'COMMITTED', nowMs: 105 },
    ]);
    expect(ops.at(-1)).toMatchObject({ type: 'commit', payment: null, response: { status: 402 } });
    expect(statuses).toEqual([402]);
  });

  it('a server that keeps only successes lets go of the key after a decline', () => {
    const { ops, statuses, state } = handle(
      'locked-key',
      [locked, declined, { type: 'KEY_FORGOTTEN', nowMs: 105 }],
      false,
    );
    expect(ops.at(-1)).toEqual({
      type: 'forgetKey',
      from: 'handler-1',
      tx: 'handler-1',
      fenced: true,
    });
    expect(state).toBe('declined');
    expect(statuses).toEqual([402]);
  });

  it('a request whose lock was taken over while it was declined answers 409, not 402', () => {
    const { state, statuses } = handle(
      'locked-key',
      [locked, declined, { type: 'LOCK_LOST', nowMs: 105 }],
      false,
    );
    expect(state).toBe('superseded');
    expect(statuses).toEqual([409]);
  });

  it('the textbook cache stores the decline like any answer, or nothing when errors are not kept', () => {
    const cache = (storeErrors: boolean) =>
      handle('naive-cache', [{ type: 'CACHE_MISS', nowMs: 0 }, declined], storeErrors).ops.map(
        (o) => o.type,
      );
    expect(cache(true)).toEqual(['cacheGet', 'cacheSet']);
    expect(cache(false)).toEqual(['cacheGet']);
  });
});
