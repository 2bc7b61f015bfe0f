import { describe, expect, it } from 'vitest';
import type { Effect } from '../effects.ts';
import { fastEngine, type Snapshot } from '../engine.ts';
import { STRATEGIES, type Errors5xxPolicy, type StrategyId } from '../strategies.ts';
import { handlerMachine, type HandlerEvent } from './handler.ts';
import { providerMachine } from './provider.ts';
import type { ProviderEvent } from './providerSchema.ts';
import { storeMachine } from './store.ts';
import { storeEventOf, type KeyRow, type StoreOp } from './storeSchema.ts';

/**
 * A 5xx after the work began: the provider down or hanging, and what the handler does with the
 * key under each policy (`errors5xx`): store the 500 (Stripe v1) or release the key (rocket-rides).
 */

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

/** Runs one handler through the given replies; returns its final state, store ops and answers. */
function handle(strategy: StrategyId, replies: HandlerEvent[], errors5xx?: Errors5xxPolicy) {
  const policy = {
    strategy: STRATEGIES[strategy],
    keyRequired: false,
    keyTtlMs: null,
    keyStoreFailure: 'fail-closed' as const,
    storeErrors: true,
    lockTimeoutMs: 2000,
    ...(errors5xx ? { errors5xx } : {}),
  };
  let [snapshot, effects]: [Snapshot, Effect[]] = fastEngine.initial(handlerMachine, {
    handlerId: 'handler-1',
    message,
    policy,
  });
  const all = [...effects];
  for (const reply of replies) {
    [snapshot, effects] = fastEngine.step(handlerMachine, snapshot, reply);
    all.push(...effects);
  }
  const ops: StoreOp[] = all.flatMap((e) => (e.type === 'storeOp' ? [e.params.op] : []));
  const answers = all.flatMap((e) => (e.type === 'respond' ? [e.params.response] : []));
  return { state: snapshot.value, ops, answers };
}

const locked: HandlerEvent = {
  type: 'KEY_LOCKED',
  recoveryPoint: 'started',
  chargeId: null,
  paymentId: null,
  nowMs: 0,
};
const down: HandlerEvent = { type: 'PROVIDER_ERROR', status: 503, nowMs: 100 };
const timedOut: HandlerEvent = { type: 'PROVIDER_TIMEOUT', nowMs: 500 };

describe('handler: a 5xx after the work began', () => {
  it('stored (Stripe v1): the key row completes with the 500, which every retry will get', () => {
    const { ops, answers, state } = handle('locked-key', [
      locked,
      down,
      { type: 'COMMITTED', nowMs: 105 },
    ]);
    expect(ops.at(-1)).toMatchObject({
      type: 'commit',
      payment: null,
      fenced: true,
      response: { status: 500 },
    });
    expect(state).toBe('failed');
    expect(answers.map((a) => a.status)).toEqual([500]);
    expect(answers[0]!.headers['Content-Type']).toBe('application/problem+json');
  });

  it('released (rocket-rides): the row is unlocked and kept, fenced, then the client hears 500', () => {
    const { ops, answers } = handle(
      'locked-key',
      [locked, timedOut, { type: 'KEY_FORGOTTEN', nowMs: 505 }],
      'release',
    );
    expect(ops.at(-1)).toEqual({
      type: 'forgetKey',
      from: 'handler-1',
      tx: 'handler-1',
      fenced: true,
      keepRow: true,
    });
    // A timeout says the charge may have gone through; a 503 from the provider says it did not.
    expect(answers.map((a) => a.body.detail)).toEqual([
      'The payment provider did not answer in time: the charge may have gone through.',
    ]);
  });

  it('the default is rocket-rides with recovery points and Stripe otherwise (DOMAIN.md)', () => {
    const last = (strategy: StrategyId) =>
      handle(strategy, [locked, down]).ops.at(-1) as StoreOp & { keepRow?: boolean };
    expect(last('recovery-points')).toMatchObject({ type: 'forgetKey', keepRow: true });
    expect(last('locked-key')).toMatchObject({ type: 'commit', response: { status: 500 } });
    expect(last('fingerprinted')).toMatchObject({ type: 'commit', response: { status: 500 } });
  });

  it('an atomic key stores the 500 in its own transaction, or rolls its claim back', () => {
    const claimed: HandlerEvent = { type: 'KEY_CLAIMED', nowMs: 0 };
    expect(handle('atomic-key', [claimed, down]).ops.at(-1)).toMatchObject({
      type: 'commit',
      fenced: false,
      response: { status: 500 },
    });
    expect(handle('atomic-key', [claimed, down], 'release').ops.at(-1)).toMatchObject({
      type: 'forgetKey',
      keepRow: true,
    });
  });

  it('the textbook cache caches the 500, or (released) nothing; no key, nothing to keep', () => {
    const miss: HandlerEvent = { type: 'CACHE_MISS', nowMs: 0 };
    const types = (errors5xx: Errors5xxPolicy) =>
      handle('naive-cache', [miss, down], errors5xx).ops.map((o) => o.type);
    expect(types('store')).toEqual(['cacheGet', 'cacheSet']);
    expect(types('release')).toEqual(['cacheGet']);
    const none = handle('none', [down]);
    expect(none.ops).toEqual([]);
    expect(none.answers.map((a) => a.status)).toEqual([500]);
  });

  it('a request whose lock was taken over meanwhile answers 409 and keeps nothing', () => {
    const { state, answers } = handle('locked-key', [
      locked,
      down,
      { type: 'LOCK_LOST', nowMs: 105 },
    ]);
    expect(state).toBe('superseded');
    expect(answers.map((a) => a.status)).toEqual([409]);
  });
});

/** Feeds the provider events; returns what each charge got back, and the money moved. */
function provide(events: ProviderEvent[]) {
  let [snapshot]: [Snapshot, unknown] = fastEngine.initial(providerMachine, {
    customerBalance: 10_000,
    honoursKeys: true,
    keyRetentionMs: 86_400_000,
  });
  const heard: string[] = [];
  const states: string[] = [];
  for (const event of events) {
    const [next, effects] = fastEngine.step(providerMachine, snapshot, event);
    snapshot = next;
    states.push(snapshot.value);
    for (const e of effects) {
      if (e.type === 'reply') heard.push((e.params as { reply: { type: string } }).reply.type);
      if (e.type === 'withhold') heard.push('(no answer)');
    }
  }
  const { charges } = snapshot.context as { charges: unknown[] };
  return { heard, states, charges: charges.length };
}

const charge = (key: string | null): ProviderEvent => ({
  type: 'CHARGE',
  charge: {
    from: 'handler-1',
    customer: 'cus_ada',
    amount: 4200,
    currency: 'EUR',
    intentId: 'c1-p1',
    idempotencyKey: key,
  },
  nowMs: 0,
});

describe('provider: outages', () => {
  it('down: every charge gets 503 and no money moves; back up, it charges', () => {
    const r = provide([
      { type: 'OUTAGE', hang: false },
      charge(null),
      { type: 'OUTAGE_OVER' },
      charge(null),
    ]);
    expect(r.heard).toEqual(['PROVIDER_ERROR', 'CHARGED']);
    expect(r.charges).toBe(1);
  });

  it('hanging: the charge is made but nobody hears it; a key brings the same charge back later', () => {
    const r = provide([
      { type: 'OUTAGE', hang: true },
      charge('k:charge'),
      { type: 'OUTAGE_OVER' },
      charge('k:charge'),
      charge(null),
    ]);
    expect(r.heard).toEqual(['(no answer)', 'CHARGED', 'CHARGED']);
    // The keyed retry is given the first charge back; the keyless one is a second charge.
    expect(r.charges).toBe(2);
    expect(r.states).toEqual(['hanging', 'hanging', 'ready', 'ready', 'ready']);
  });
});

describe('store: a key released after a 5xx', () => {
  const keyOp = (tx: string) => ({
    from: tx,
    tx,
    claim: { scope: 'cus', key: 'k1' },
    fingerprint: 'f',
    request: message,
    keyTtlMs: null,
  });
  const lock = (tx: string): StoreOp => ({
    type: 'lockKey',
    ...keyOp(tx),
    lockTimeoutMs: 2000,
    checkFingerprint: true,
  });
  const release = (tx: string): StoreOp => ({
    type: 'forgetKey',
    from: tx,
    tx,
    fenced: true,
    keepRow: true,
  });

  it('keeps the row, unlocked, so the next request takes it over at once and resumes', () => {
    let [snapshot]: [Snapshot, unknown] = fastEngine.initial(storeMachine, undefined);
    const replies: string[] = [];
    for (const [op, at] of [
      [lock('a'), 0],
      [release('a'), 10],
      [lock('b'), 20],
    ] as const) {
      const [next, effects] = fastEngine.step(storeMachine, snapshot, storeEventOf(op, at));
      snapshot = next;
      for (const e of effects.filter((x) => x.type === 'reply'))
        replies.push((e.params as { reply: { type: string } }).reply.type);
    }
    // Well within the lock timeout, yet b is not told "busy": a's lock was let go.
    expect(replies).toEqual(['KEY_LOCKED', 'KEY_FORGOTTEN', 'KEY_LOCKED']);
    const [row] = (snapshot.context as { keys: KeyRow[] }).keys;
    expect(row).toMatchObject({ lockedBy: 'b', status: 'in-flight', recoveryPoint: 'started' });
  });
});
