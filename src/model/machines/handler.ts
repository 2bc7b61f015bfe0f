import { assign, setup } from 'xstate';
import { EFFECTS, type StoreOpParams } from '../effects.ts';
import {
  IDEMPOTENT_REPLAYED,
  RETRY_LATER,
  readIdempotencyKey,
  paymentBodyOf,
  type HttpResponse,
  type PaymentBody,
} from '../http.ts';
import { readApiKey } from '../auth.ts';
import { fingerprintOf } from '../keys.ts';
import type { RequestMessage } from '../message.ts';
import type { KeyStoreFailure } from '../settings.ts';
import { errors5xxOf, type Errors5xxPolicy, type StrategyInfo } from '../strategies.ts';
import type { KeyClaim, KeyRow, PaymentRow, StoreOp, StoreReply } from './storeSchema.ts';
import type { ProviderReply } from './providerSchema.ts';

/**
 * One request's path through the server: parse → idempotency layer → handler → commit → respond.
 * The idempotency layer is the strategy's; the rest is shared. Crash points sit between the steps
 * (`checkpoint` effects): a crash there kills this handler and rolls back its open transaction,
 * but cannot undo what the provider already did.
 */
export interface HandlerPolicy {
  strategy: StrategyInfo;
  keyRequired: boolean;
  keyTtlMs: number | null;
  keyStoreFailure: KeyStoreFailure;
  /** Store an error that arose after the work began (a decline) against the key, and replay it. */
  storeErrors: boolean;
  lockTimeoutMs: number;
  /**
   * The API keys the server issued, each with the account (caller) it belongs to. A request is
   * made by the caller its `Authorization` names; the keyed strategies scope keys by it. Absent:
   * a server that authenticates no one and takes the caller from the body (the key layer's tests).
   */
  apiKeys?: Readonly<Record<string, string>>;
  /** A 5xx after the work began: stored against the key, or the key released (`errors5xxOf`). */
  errors5xx?: Errors5xxPolicy;
}

export interface HandlerInput {
  handlerId: string;
  message: RequestMessage;
  policy: HandlerPolicy;
}

interface HandlerContext extends HandlerInput {
  /** The request's body: every request this handler sees is a payment. */
  payment: PaymentBody;
  key: string | null;
  fingerprint: string;
  chargeId: string | null;
  /** This request's payment, or the one an earlier attempt recorded before it was interrupted. */
  paymentId: string;
  /** Holds an in-flight lock row: its commits are fenced by it. */
  locked: boolean;
  /** Set when the key store failed and the policy is to go on without deduplication. */
  unprotected: boolean;
  /** The account its API key belongs to; null when it sent none the server issued. */
  caller: string | null;
  /** How the provider call failed, once it has: refused (503) or left hanging past our timeout. */
  providerFailure: 'error' | 'timeout' | null;
  nowMs: number;
}

export type HandlerEvent = (StoreReply | ProviderReply) & { nowMs: number };

// --- pure helpers -----------------------------------------------------------------------------

const paymentIdOf = (ctx: HandlerContext) => ctx.paymentId;
const paymentOf = (ctx: HandlerContext) => ctx.payment;

/**
 * The key as the store holds it; only asked for on the paths where the request has one. Its scope
 * is the authenticated caller (the IETF draft's security considerations) — except in the
 * textbook's cache, which keys its entries by what the body says: the customer it names.
 */
function claimOf(ctx: HandlerContext): KeyClaim {
  if (ctx.key === null) throw new Error(`handler ${ctx.handlerId}: a key operation without a key`);
  const scope = keys(ctx) === 'cache' ? paymentOf(ctx).customer : ctx.caller;
  if (scope === null) throw new Error('a key without a caller');
  return { scope, key: ctx.key };
}

/** Who sent the request, by its API key; a server without a table of keys trusts the body. */
function callerOf({ policy, message }: HandlerInput): string | null {
  if (!policy.apiKeys) return paymentBodyOf(message.request.body).customer;
  const apiKey = readApiKey(message.request);
  return (apiKey !== null && policy.apiKeys[apiKey]) || null;
}

/** A caller may create payments for its own customer only. */
const mayNotPay = (ctx: HandlerContext) => ctx.caller !== paymentOf(ctx).customer;

/**
 * Answers about who is asking (RFC 9110): 401 without credentials the server issued, 403 for a
 * caller that names a customer of someone else's. Both come before any work, so neither is stored.
 */
const AUTH_ERRORS = {
  401: 'A valid API key is required: Authorization: Bearer sk_test_…',
  403: 'This API key may not create payments for that customer.',
} as const;

/**
 * A commit that failed on a unique constraint, after the provider was called: an error after the
 * work began, with an outcome the server cannot state (DOMAIN.md: indeterminate). Not stored.
 */
const COMMIT_FAILED = 'The payment could not be recorded. Retry later.';

function problem(status: 401 | 403 | 500, detail: string): HttpResponse {
  const challenge: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...challenge },
    body: { status, detail },
  };
}

function paymentRow(ctx: HandlerContext): PaymentRow {
  const body = paymentOf(ctx);
  return {
    id: paymentIdOf(ctx),
    intentId: ctx.message.intentId,
    customer: body.customer,
    amount: body.amount,
    currency: body.currency,
    chargeId: ctx.chargeId ?? '',
    idempotencyKey: ctx.key,
    createdAtMs: ctx.nowMs,
  };
}

function createdResponse(ctx: HandlerContext): HttpResponse {
  const body = paymentOf(ctx);
  const id = paymentIdOf(ctx);
  return {
    status: 201,
    headers: { 'Content-Type': 'application/json', Location: `/payments/${id}` },
    body: {
      id,
      status: 'succeeded',
      amount: body.amount,
      currency: body.currency,
      charge: ctx.chargeId ?? '',
    },
  };
}

/**
 * Error answers follow the IETF draft (DOMAIN.md). Those that come before the work begins (400,
 * 409, 422, 503) are never stored against the key; a decline (402) comes after the provider was
 * asked, and is stored and replayed like a success unless the server keeps only successes.
 */
type ErrorStatus = 400 | 402 | 409 | 422 | 503;
const ERRORS: Readonly<Record<ErrorStatus, string>> = {
  400: 'An Idempotency-Key header is required for this request.',
  402: 'The card was declined: insufficient funds.',
  409: 'A request with this Idempotency-Key is still being processed. Retry later.',
  422: 'This Idempotency-Key was used with a different request.',
  503: 'The idempotency-key store is unavailable. Retry later.',
};

function errorResponse(status: ErrorStatus): HttpResponse {
  // A 503 asks the client to come back later, and says when (Retry-After).
  const later = status === 503 ? RETRY_LATER : {};
  return {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...later },
    body: { status, detail: ERRORS[status] },
  };
}

/**
 * A 500 after the work began: the provider failed (`error`) or gave no answer in time (`timeout`).
 * Our server is the payment's origin server, not a gateway, so it answers 500 rather than 502 or
 * 504 (RFC 9110 keeps those for a server acting as a gateway or proxy); unlike 503, which this
 * server sends only before the work begins, a 500 tells the client the outcome may be unknown.
 */
const SERVER_ERRORS = {
  error: 'The payment provider is unavailable.',
  timeout: 'The payment provider did not answer in time: the charge may have gone through.',
} as const;

function serverErrorResponse(how: keyof typeof SERVER_ERRORS): HttpResponse {
  return {
    status: 500,
    headers: { 'Content-Type': 'application/problem+json' },
    body: { status: 500, detail: SERVER_ERRORS[how] },
  };
}

/** The provider's failure, as this handler learnt it. */
const failureOf = (ctx: HandlerContext) => ctx.providerFailure ?? 'error';

/** The stored response, replayed as it was, marked the way Stripe marks it. */
function replayedResponse(row: KeyRow): HttpResponse {
  // A completed row always has its response; without one there is nothing to replay.
  if (!row.response) return errorResponse(409);
  return { ...row.response, headers: { ...row.response.headers, [IDEMPOTENT_REPLAYED]: 'true' } };
}

function keyOp(ctx: HandlerContext) {
  return {
    from: ctx.handlerId,
    tx: ctx.handlerId,
    claim: claimOf(ctx),
    fingerprint: ctx.fingerprint,
    request: ctx.message,
    keyTtlMs: ctx.policy.keyTtlMs,
  };
}

const op = (o: StoreOp): StoreOpParams => ({ op: o });

/** This request's transaction commits: a payment (or none, for a decline) and the key's answer. */
const commitOp = (ctx: HandlerContext, payment: PaymentRow | null, response: HttpResponse | null) =>
  op({
    type: 'commit',
    from: ctx.handlerId,
    tx: ctx.handlerId,
    payment,
    response,
    fenced: ctx.locked,
  });

/** The textbook's `cache.set(key, result)`. */
const cacheSetOp = (ctx: HandlerContext, response: HttpResponse) =>
  op({ type: 'cacheSet', from: ctx.handlerId, claim: claimOf(ctx), response });
const respondWith = (status: ErrorStatus) => ({
  type: 'respond' as const,
  params: { response: errorResponse(status) },
});
const releases5xx = (ctx: HandlerContext) =>
  errors5xxOf(ctx.policy.strategy, ctx.policy.errors5xx) === 'release';
const recovering = (ctx: HandlerContext) => ctx.policy.strategy.recoveryPoints && !ctx.unprotected;
const keys = (ctx: HandlerContext) => ctx.policy.strategy.keys;
/** The request has no key row, claim or cache entry of its own that could hold an answer. */
const keyless = (ctx: HandlerContext) =>
  keys(ctx) === 'ignore' || ctx.key === null || ctx.unprotected;

/** Fail open: go on without deduplication. Fail closed: 503, retry later. */
const WHEN_KEY_STORE_DOWN = [
  { guard: 'key store fails open', target: 'authorizing', actions: 'go on unprotected' },
  { target: 'unavailable' },
] as const;

export const handlerMachine = setup({
  types: {
    context: {} as HandlerContext,
    events: {} as HandlerEvent,
    input: {} as HandlerInput,
  },
  actions: {
    storeOp: EFFECTS.storeOp,
    callProvider: EFFECTS.callProvider,
    checkpoint: EFFECTS.checkpoint,
    respond: EFFECTS.respond,
    'note the time': assign({ nowMs: ({ event }) => event.nowMs }),
    'note the charge': assign({
      chargeId: ({ context, event }) =>
        ('chargeId' in event ? event.chargeId : null) ?? context.chargeId,
    }),
    'resume the recorded payment': assign({
      chargeId: ({ context, event }) =>
        (event.type === 'KEY_LOCKED' ? event.chargeId : null) ?? context.chargeId,
      paymentId: ({ context, event }) =>
        (event.type === 'KEY_LOCKED' ? event.paymentId : null) ?? context.paymentId,
    }),
    'go on unprotected': assign({ unprotected: true }),
    'hold the lock': assign({ locked: true }),
    'note the failure': assign({
      providerFailure: ({ event }) => (event.type === 'PROVIDER_TIMEOUT' ? 'timeout' : 'error'),
    }),
  },
  guards: {
    'no API key the server issued': ({ context }) => context.caller === null,
    // The keyed strategies scope by the caller, so they check it before they touch a key; the
    // textbook cache sits in front of the handler and is asked first (see 'authorizing').
    'a caller the key layer trusts names another customer': ({ context }) =>
      keys(context) !== 'cache' && mayNotPay(context),
    'the caller may not pay for this customer': ({ context }) => mayNotPay(context),
    'holds an in-flight lock': ({ context }) => context.locked,
    'key required but missing': ({ context }) =>
      keys(context) !== 'ignore' && context.policy.keyRequired && context.key === null,
    'no deduplication': ({ context }) => keys(context) === 'ignore' || context.key === null,
    'strategy caches responses': ({ context }) => keys(context) === 'cache',
    // The textbook's `cache.set(key, result)` needs a key: a request without one is not cached.
    'the response has a key to be cached under': ({ context }) =>
      keys(context) === 'cache' && context.key !== null,
    'strategy claims keys atomically': ({ context }) => keys(context) === 'claim',
    'key store fails open': ({ context }) => context.policy.keyStoreFailure === 'fail-open',
    'resuming after the charge': ({ event }) =>
      event.type === 'KEY_LOCKED' && event.recoveryPoint === 'charge_created',
    'strategy has recovery points': ({ context }) => recovering(context),
    'nothing holds the key': ({ context }) =>
      keyless(context) || (keys(context) === 'cache' && !context.policy.storeErrors),
    'errors are not stored': ({ context }) => !context.policy.storeErrors,
    // A cache entry is written only after the work: released, it simply is not written.
    'no key holds the 5xx': ({ context }) =>
      keyless(context) || (keys(context) === 'cache' && releases5xx(context)),
    '5xx are released': ({ context }) => releases5xx(context),
  },
}).createMachine({
  id: 'handler',
  context: ({ input }) => ({
    ...input,
    payment: paymentBodyOf(input.message.request.body),
    key: readIdempotencyKey(input.message.request),
    fingerprint: fingerprintOf(input.message.request),
    chargeId: null,
    paymentId: `pay_${input.handlerId.replace(/^\D+-/, '')}`,
    unprotected: false,
    providerFailure: null,
    locked: false,
    caller: callerOf(input),
    nowMs: 0,
  }),
  initial: 'received',
  states: {
    received: {
      always: [
        { guard: 'no API key the server issued', target: 'unauthenticated' },
        { guard: 'key required but missing', target: 'rejected' },
        { guard: 'a caller the key layer trusts names another customer', target: 'forbidden' },
        { guard: 'no deduplication', target: 'authorizing' },
        { guard: 'strategy caches responses', target: 'checkingCache' },
        { guard: 'strategy claims keys atomically', target: 'claimingKey' },
        { target: 'lockingKey' },
      ],
    },
    // The textbook: look the key up in a cache. Nothing stops a second request doing the same.
    checkingCache: {
      entry: {
        type: 'storeOp',
        params: ({ context }) =>
          op({
            type: 'cacheGet',
            from: context.handlerId,
            claim: claimOf(context),
            keyTtlMs: context.policy.keyTtlMs,
          }),
      },
      on: {
        CACHE_HIT: { target: 'replaying' },
        CACHE_MISS: 'authorizing',
        KEY_STORE_DOWN: WHEN_KEY_STORE_DOWN,
      },
    },
    // A unique insert of the key, in the same transaction as the payment.
    claimingKey: {
      entry: {
        type: 'storeOp',
        params: ({ context }) => op({ type: 'claimKey', ...keyOp(context) }),
      },
      on: {
        KEY_CLAIMED: 'charging',
        KEY_EXISTS: 'replaying',
        KEY_STORE_DOWN: WHEN_KEY_STORE_DOWN,
      },
    },
    // An in-flight lock committed up front (rocket-rides): others see it at once.
    lockingKey: {
      entry: {
        type: 'storeOp',
        params: ({ context }) =>
          op({
            type: 'lockKey',
            ...keyOp(context),
            lockTimeoutMs: context.policy.lockTimeoutMs,
            checkFingerprint: context.policy.strategy.checksFingerprint,
          }),
      },
      on: {
        KEY_LOCKED: [
          {
            guard: 'resuming after the charge',
            target: 'chargeRecorded',
            actions: ['hold the lock', 'resume the recorded payment'],
          },
          { target: 'charging', actions: 'hold the lock' },
        ],
        KEY_EXISTS: 'replaying',
        KEY_BUSY: 'conflict',
        KEY_MISMATCH: 'mismatch',
        KEY_STORE_DOWN: WHEN_KEY_STORE_DOWN,
      },
    },
    // The handler's own check, after the key layer: may this caller pay for this customer?
    authorizing: {
      always: [
        { guard: 'the caller may not pay for this customer', target: 'forbidden' },
        { target: 'charging' },
      ],
    },
    charging: {
      entry: [
        { type: 'checkpoint', params: { point: 'before-commit' } },
        {
          type: 'callProvider',
          params: ({ context }) => {
            const body = paymentOf(context);
            // With recovery points the provider gets a key derived from ours, so a resumed
            // request that calls again gets the same charge back instead of a new one.
            const downstreamKey =
              context.policy.strategy.recoveryPoints && context.key !== null
                ? `${claimOf(context).scope}/${context.key}:charge`
                : null;
            return {
              charge: {
                from: context.handlerId,
                customer: body.customer,
                amount: body.amount,
                currency: body.currency,
                intentId: context.message.intentId,
                idempotencyKey: downstreamKey,
              },
            };
          },
        },
      ],
      on: {
        CHARGED: { target: 'committing', actions: ['note the charge', 'note the time'] },
        DECLINED: { target: 'declining', actions: 'note the time' },
        PROVIDER_ERROR: { target: 'failing', actions: ['note the failure', 'note the time'] },
        PROVIDER_TIMEOUT: { target: 'failing', actions: ['note the failure', 'note the time'] },
      },
    },
    // The provider failed after the work began: the 5xx is this key's answer (Stripe v1), or the
    // key is released so that a retry resumes the work (rocket-rides).
    failing: {
      // As after a charge: the provider has been asked, nothing is recorded yet.
      entry: { type: 'checkpoint', params: { point: 'after-provider-charge' } },
      always: [
        { guard: 'no key holds the 5xx', target: 'failed' },
        { guard: '5xx are released', target: 'releasingKey' },
        { guard: 'strategy caches responses', target: 'cachingFailure' },
        { target: 'recordingFailure' },
      ],
    },
    // rocket-rides: unlock the key row and keep it, with its recovery point, for the next attempt.
    releasingKey: {
      entry: {
        type: 'storeOp',
        params: ({ context }) =>
          op({
            type: 'forgetKey',
            from: context.handlerId,
            tx: context.handlerId,
            fenced: context.locked,
            keepRow: true,
          }),
      },
      on: { KEY_FORGOTTEN: 'failed', LOCK_LOST: 'superseded' },
    },
    // Stripe v1: the key row completes with the 500, and every retry gets it back.
    recordingFailure: {
      entry: {
        type: 'storeOp',
        params: ({ context }) => commitOp(context, null, serverErrorResponse(failureOf(context))),
      },
      on: { COMMITTED: 'failed', LOCK_LOST: 'superseded' },
    },
    cachingFailure: {
      entry: {
        type: 'storeOp',
        params: ({ context }) => cacheSetOp(context, serverErrorResponse(failureOf(context))),
      },
      on: { CACHED: 'failed', KEY_STORE_DOWN: 'failed' },
    },
    // The provider said no after the work began: the answer is this key's answer too, unless the
    // server keeps only successes — then the key is let go and a retry runs the work again.
    declining: {
      // The same point as after a charge: the provider has answered, nothing is recorded yet.
      entry: { type: 'checkpoint', params: { point: 'after-provider-charge' } },
      always: [
        { guard: 'nothing holds the key', target: 'declined' },
        { guard: 'errors are not stored', target: 'forgettingKey' },
        { guard: 'strategy caches responses', target: 'cachingDecline' },
        { target: 'recordingDecline' },
      ],
    },
    forgettingKey: {
      entry: {
        type: 'storeOp',
        params: ({ context }) =>
          op({
            type: 'forgetKey',
            from: context.handlerId,
            tx: context.handlerId,
            fenced: context.locked,
          }),
      },
      on: { KEY_FORGOTTEN: 'declined', LOCK_LOST: 'superseded' },
    },
    // The key row completes with the 402 in one transaction; no payment row is written.
    recordingDecline: {
      entry: {
        type: 'storeOp',
        params: ({ context }) => commitOp(context, null, errorResponse(402)),
      },
      on: { COMMITTED: 'declined', LOCK_LOST: 'superseded' },
    },
    cachingDecline: {
      entry: {
        type: 'storeOp',
        params: ({ context }) => cacheSetOp(context, errorResponse(402)),
      },
      on: { CACHED: 'declined', KEY_STORE_DOWN: 'declined' },
    },
    committing: {
      entry: [
        { type: 'checkpoint', params: { point: 'after-provider-charge' } },
        {
          type: 'storeOp',
          // With recovery points this phase only records the charge; the response comes next.
          params: ({ context }) =>
            commitOp(
              context,
              paymentRow(context),
              recovering(context) ? null : createdResponse(context),
            ),
        },
      ],
      on: {
        COMMITTED: 'chargeRecorded',
        LOCK_LOST: 'superseded',
        // UNIQUE (charge_id): another request recorded this very charge (the provider gave its
        // key's charge back). The transaction rolled back; a held lock is let go, as rocket-rides
        // unlocks a key on an error it did not handle, and the client hears 500.
        UNIQUE_VIOLATION: [
          { guard: 'holds an in-flight lock', target: 'unlockingKey' },
          { target: 'unrecorded' },
        ],
      },
    },
    unlockingKey: {
      entry: {
        type: 'storeOp',
        params: ({ context }) =>
          op({
            type: 'forgetKey',
            from: context.handlerId,
            tx: context.handlerId,
            fenced: context.locked,
          }),
      },
      on: { KEY_FORGOTTEN: 'unrecorded', LOCK_LOST: 'superseded' },
    },
    chargeRecorded: {
      entry: { type: 'checkpoint', params: { point: 'after-commit' } },
      always: [
        { guard: 'strategy has recovery points', target: 'finishing' },
        { guard: 'the response has a key to be cached under', target: 'caching' },
        { target: 'responded' },
      ],
    },
    // Recovery points: the last atomic phase stores the response and stages the receipt email.
    finishing: {
      entry: {
        type: 'storeOp',
        params: ({ context }) =>
          op({
            type: 'finish',
            from: context.handlerId,
            tx: context.handlerId,
            response: createdResponse(context),
            job: { kind: 'send-receipt', paymentId: paymentIdOf(context) },
            fenced: context.locked,
          }),
      },
      on: { FINISHED: 'responded', LOCK_LOST: 'superseded' },
    },
    // The textbook's last step, after the payment: a crash before it loses the record.
    caching: {
      entry: {
        type: 'storeOp',
        params: ({ context }) => cacheSetOp(context, createdResponse(context)),
      },
      on: { CACHED: 'responded', KEY_STORE_DOWN: 'responded' },
    },
    responded: {
      type: 'final',
      entry: { type: 'respond', params: ({ context }) => ({ response: createdResponse(context) }) },
    },
    replaying: {
      type: 'final',
      entry: {
        type: 'respond',
        params: ({ event }) => {
          if (event.type === 'CACHE_HIT') {
            return {
              response: {
                ...event.response,
                headers: { ...event.response.headers, [IDEMPOTENT_REPLAYED]: 'true' },
              },
            };
          }
          if (event.type === 'KEY_EXISTS') return { response: replayedResponse(event.row) };
          throw new Error(`handler: nothing to replay after ${event.type}`);
        },
      },
    },
    declined: { type: 'final', entry: respondWith(402) },
    failed: {
      type: 'final',
      entry: {
        type: 'respond',
        params: ({ context }) => ({ response: serverErrorResponse(failureOf(context)) }),
      },
    },
    rejected: { type: 'final', entry: respondWith(400) },
    conflict: { type: 'final', entry: respondWith(409) },
    mismatch: { type: 'final', entry: respondWith(422) },
    unavailable: { type: 'final', entry: respondWith(503) },
    unauthenticated: {
      type: 'final',
      entry: { type: 'respond', params: { response: problem(401, AUTH_ERRORS[401]) } },
    },
    forbidden: {
      type: 'final',
      entry: { type: 'respond', params: { response: problem(403, AUTH_ERRORS[403]) } },
    },
    unrecorded: {
      type: 'final',
      entry: { type: 'respond', params: { response: problem(500, COMMIT_FAILED) } },
    },
    // Our lock went stale and another request took over: it finishes the work; we may not commit.
    superseded: { type: 'final', entry: respondWith(409) },
  },
});
