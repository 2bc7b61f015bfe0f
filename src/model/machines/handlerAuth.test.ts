import { describe, expect, it } from 'vitest';
import { apiKeyOf, authorizationOf } from '../auth.ts';
import type { Effect } from '../effects.ts';
import { fastEngine, type Snapshot } from '../engine.ts';
import type { RequestMessage } from '../message.ts';
import { STRATEGIES, STRATEGY_IDS, type StrategyId } from '../strategies.ts';
import { handlerMachine, type HandlerEvent } from './handler.ts';
import type { StoreOp } from './storeSchema.ts';

/**
 * The handler and who is calling: Ada's client authenticates as `cus_ada`, Mallory's as
 * `cus_mal`. Both send the same Idempotency-Key.
 */
const API_KEYS = { [apiKeyOf('client-1')]: 'cus_ada', [apiKeyOf('client-2')]: 'cus_mal' };

function message(from: string, customer: string, auth = true): RequestMessage {
  return {
    id: 1,
    kind: 'request',
    from,
    to: 'server',
    intentId: 'c2-p1',
    attempt: 1,
    request: {
      method: 'POST',
      path: '/payments',
      headers: {
        ...(auth ? { Authorization: authorizationOf(from) } : {}),
        'Idempotency-Key': '"k1"',
      },
      body: { amount: 4200, currency: 'EUR', customer },
    },
  };
}

function handle(strategy: StrategyId, request: RequestMessage, replies: HandlerEvent[] = []) {
  const policy = {
    strategy: STRATEGIES[strategy],
    keyRequired: false,
    keyTtlMs: null,
    keyStoreFailure: 'fail-closed' as const,
    storeErrors: true,
    lockTimeoutMs: 2000,
    apiKeys: API_KEYS,
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
  const responses = all.flatMap((e) => (e.type === 'respond' ? [e.params.response] : []));
  const charges = all.filter((e) => e.type === 'callProvider');
  return { state: snapshot.value, ops, responses, charges };
}

const KEYED = STRATEGY_IDS.filter(
  (s) => STRATEGIES[s].keys === 'claim' || STRATEGIES[s].keys === 'lock',
);
const locked: HandlerEvent = {
  type: 'KEY_LOCKED',
  recoveryPoint: 'started',
  chargeId: null,
  paymentId: null,
  nowMs: 0,
};
const violation: HandlerEvent = {
  type: 'UNIQUE_VIOLATION',
  constraint: 'payments_charge_id_key',
  chargeId: 'ch_1',
  recordedAs: 'pay_1',
  nowMs: 105,
};

describe('who is calling', () => {
  it.each(STRATEGY_IDS)('%s: a request without an API key the server issued gets 401', (id) => {
    const { state, ops, responses, charges } = handle(id, message('client-2', 'cus_mal', false));
    expect(state).toBe('unauthenticated');
    expect(responses.map((r) => r.status)).toEqual([401]);
    expect(responses[0]!.headers['WWW-Authenticate']).toBe('Bearer');
    expect(ops).toEqual([]);
    expect(charges).toEqual([]);
  });

  it.each([...KEYED, 'none' as const])(
    '%s: naming another caller’s customer gets 403 before any key is touched or anything charged',
    (id) => {
      const { state, ops, responses, charges } = handle(id, message('client-2', 'cus_ada'));
      expect(state).toBe('forbidden');
      expect(responses).toMatchObject([
        { status: 403, headers: { 'Content-Type': 'application/problem+json' } },
      ]);
      expect(ops).toEqual([]);
      expect(charges).toEqual([]);
    },
  );

  it('the textbook cache asks the cache first, under the body’s customer; on a miss the handler says 403', () => {
    const { state, ops, responses, charges } = handle(
      'naive-cache',
      message('client-2', 'cus_ada'),
      [{ type: 'CACHE_MISS', nowMs: 5 }],
    );
    expect(ops).toMatchObject([{ type: 'cacheGet', claim: { scope: 'cus_ada', key: 'k1' } }]);
    expect(state).toBe('forbidden');
    expect(responses.map((r) => r.status)).toEqual([403]);
    expect(charges).toEqual([]);
  });

  it.each(KEYED)('%s scopes the key by the caller its API key names', (id) => {
    const { ops } = handle(id, message('client-2', 'cus_mal'));
    expect(ops[0]).toMatchObject({ claim: { scope: 'cus_mal', key: 'k1' } });
  });

  it('recovery points pass the provider a key derived from the caller’s scope', () => {
    const { charges } = handle('recovery-points', message('client-2', 'cus_mal'), [locked]);
    expect(charges).toMatchObject([
      { params: { charge: { customer: 'cus_mal', idempotencyKey: 'cus_mal/k1:charge' } } },
    ]);
  });
});

describe('a commit refused by UNIQUE (charge_id)', () => {
  const charged = (nowMs: number): HandlerEvent => ({ type: 'CHARGED', chargeId: 'ch_1', nowMs });

  it('without a lock (an atomic key’s claim rolls back with it): 500, not stored', () => {
    const { state, ops, responses } = handle('atomic-key', message('client-1', 'cus_ada'), [
      { type: 'KEY_CLAIMED', nowMs: 0 },
      charged(100),
      violation,
    ]);
    expect(state).toBe('unrecorded');
    expect(ops.map((o) => o.type)).toEqual(['claimKey', 'commit']);
    expect(responses).toMatchObject([
      { status: 500, headers: { 'Content-Type': 'application/problem+json' } },
    ]);
  });

  it('under an in-flight lock: lets the key go (as rocket-rides unlocks on an error), then 500', () => {
    const { state, ops, responses } = handle('recovery-points', message('client-1', 'cus_ada'), [
      locked,
      charged(100),
      violation,
      { type: 'KEY_FORGOTTEN', nowMs: 110 },
    ]);
    expect(state).toBe('unrecorded');
    expect(ops.at(-1)).toEqual({
      type: 'forgetKey',
      from: 'handler-1',
      tx: 'handler-1',
      fenced: true,
    });
    expect(responses.map((r) => r.status)).toEqual([500]);
  });

  it('a lock taken over meanwhile is the new holder’s: 409, as any superseded request', () => {
    const { state, responses } = handle('recovery-points', message('client-1', 'cus_ada'), [
      locked,
      charged(100),
      violation,
      { type: 'LOCK_LOST', nowMs: 110 },
    ]);
    expect(state).toBe('superseded');
    expect(responses.map((r) => r.status)).toEqual([409]);
  });
});
