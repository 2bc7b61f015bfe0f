import { assign, setup } from 'xstate';
import { effect, type ReplyParams } from '../effects.ts';
import type { HttpResponse } from '../http.ts';
import type { ActorId, RequestMessage } from '../message.ts';

/**
 * The database. Tables: `payments`; `idempotency_keys` with a unique constraint on (scope, key);
 * a `response_cache` (the textbook's key-value cache, outside any transaction); and `staged_jobs`
 * (follow-ups such as receipts, written inside a transaction and sent only after commit).
 *
 * Two ways to hold a key, as the strategies need them:
 * - a *claim* (atomic-key): the key row is written in the payment's own transaction. Like a row
 *   lock in Postgres, it is visible at once: a second claim waits until the first transaction
 *   commits (and then sees the row) or rolls back (and then takes the key).
 * - a *lock* (locked-key and after): an in-flight key row committed up front, stamped with who
 *   holds it and since when. A second request sees it at once; a stale lock can be taken over.
 *
 * Keys and cache entries older than the key TTL count as absent: a retry after expiry is new.
 */
export type RecoveryPoint = 'started' | 'charge_created' | 'finished';

export interface PaymentRow {
  id: string;
  /** Ground truth for the invariants; no column a server could read. */
  intentId: string;
  customer: string;
  amount: number;
  currency: string;
  chargeId: string;
  idempotencyKey: string | null;
  createdAtMs: number;
}

export interface KeyRow {
  scope: string;
  key: string;
  /** A digest of method, path and body: the same key with another request is a client bug. */
  fingerprint: string;
  status: 'in-flight' | 'completed';
  recoveryPoint: RecoveryPoint;
  lockedBy: string | null;
  lockedAtMs: number | null;
  /** The response to replay for every later request with this key. */
  response: HttpResponse | null;
  chargeId: string | null;
  /** The payment recorded for this key, once there is one. */
  paymentId: string | null;
  /** Kept so that the background completer can finish the request (rocket-rides keeps params). */
  request: RequestMessage;
  createdAtMs: number;
}

export interface CacheEntry {
  scope: string;
  key: string;
  response: HttpResponse;
  storedAtMs: number;
}

export interface StagedJob {
  kind: 'send-receipt';
  paymentId: string;
}

export interface KeyClaim {
  scope: string;
  key: string;
}

/** What every key operation carries: who asks, for which key, and the retention in force. */
interface KeyOp {
  from: ActorId;
  tx: string;
  claim: KeyClaim;
  fingerprint: string;
  request: RequestMessage;
  keyTtlMs: number | null;
}

export type StoreOp =
  | ({ type: 'claimKey' } & KeyOp)
  | ({ type: 'lockKey'; lockTimeoutMs: number; checkFingerprint: boolean } & KeyOp)
  | {
      type: 'commit';
      from: ActorId;
      tx: string;
      /** The payment to record, or null for a declined one: only its answer is kept. */
      payment: PaymentRow | null;
      /** The response to store on the key row, or null when the request has more phases to go. */
      response: HttpResponse | null;
      /** The transaction works under an in-flight lock, and must still hold it to commit. */
      fenced: boolean;
    }
  | {
      type: 'finish';
      from: ActorId;
      tx: string;
      response: HttpResponse;
      job: StagedJob;
      fenced: boolean;
    }
  | { type: 'rollback'; tx: string }
  /**
   * Let go of the key: roll back its claim, or delete the in-flight row the request locked —
   * unless, `fenced`, its lock was taken over meanwhile (the new holder's row stays).
   */
  | { type: 'forgetKey'; from: ActorId; tx: string; fenced: boolean }
  | { type: 'cacheGet'; from: ActorId; claim: KeyClaim; keyTtlMs: number | null }
  | { type: 'cacheSet'; from: ActorId; claim: KeyClaim; response: HttpResponse };

export type StoreReply =
  | { type: 'KEY_CLAIMED' }
  | {
      type: 'KEY_LOCKED';
      recoveryPoint: RecoveryPoint;
      chargeId: string | null;
      paymentId: string | null;
    }
  | { type: 'KEY_EXISTS'; row: KeyRow }
  | { type: 'KEY_BUSY' }
  | { type: 'KEY_MISMATCH' }
  | { type: 'KEY_STORE_DOWN' }
  | { type: 'COMMITTED' }
  | { type: 'FINISHED' }
  /** Another request took the stale lock over: this transaction may not commit (fencing). */
  | { type: 'LOCK_LOST' }
  | { type: 'CACHE_HIT'; response: HttpResponse }
  | { type: 'CACHE_MISS' }
  | { type: 'CACHED' }
  | { type: 'KEY_FORGOTTEN' };

interface Waiter {
  from: ActorId;
  tx: string;
  op: KeyOp;
}

export interface StoreContext {
  payments: PaymentRow[];
  keys: KeyRow[];
  /** Open transactions that hold a key claim (atomic-key), by transaction id. */
  claims: Record<string, KeyOp>;
  /** Claims waiting for another transaction's claim on the same key to end. */
  waiters: Waiter[];
  cache: CacheEntry[];
  jobs: StagedJob[];
}

type OpOf<K extends StoreOp['type']> = Extract<StoreOp, { type: K }>;

export type StoreEvent =
  | { type: 'CLAIM_KEY'; op: OpOf<'claimKey'>; nowMs: number }
  | { type: 'LOCK_KEY'; op: OpOf<'lockKey'>; nowMs: number }
  | { type: 'COMMIT'; op: OpOf<'commit'>; nowMs: number }
  | { type: 'FINISH'; op: OpOf<'finish'>; nowMs: number }
  | { type: 'ROLLBACK'; op: OpOf<'rollback'>; nowMs: number }
  | { type: 'FORGET_KEY'; op: OpOf<'forgetKey'>; nowMs: number }
  | { type: 'CACHE_GET'; op: OpOf<'cacheGet'>; nowMs: number }
  | { type: 'CACHE_SET'; op: OpOf<'cacheSet'>; nowMs: number }
  | { type: 'KEYS_DOWN' }
  | { type: 'KEYS_UP' };

export const STORE_EVENT = {
  claimKey: 'CLAIM_KEY',
  lockKey: 'LOCK_KEY',
  commit: 'COMMIT',
  finish: 'FINISH',
  rollback: 'ROLLBACK',
  forgetKey: 'FORGET_KEY',
  cacheGet: 'CACHE_GET',
  cacheSet: 'CACHE_SET',
} as const;

// --- pure helpers over the tables -------------------------------------------------------------

const sameKey = (a: KeyClaim, b: KeyClaim) => a.scope === b.scope && a.key === b.key;

const expired = (createdAtMs: number, ttlMs: number | null, nowMs: number) =>
  ttlMs !== null && nowMs - createdAtMs >= ttlMs;

/** The key's row, unless it has outlived the retention window. */
export function liveKeyRow(
  ctx: StoreContext,
  claim: KeyClaim,
  ttlMs: number | null,
  nowMs: number,
) {
  const row = ctx.keys.find((r) => sameKey(r, claim));
  // A request still in flight holds its key whatever its age: only finished keys expire.
  return row && (row.status === 'in-flight' || !expired(row.createdAtMs, ttlMs, nowMs))
    ? row
    : undefined;
}

const withoutKey = (keys: KeyRow[], claim: KeyClaim) => keys.filter((r) => !sameKey(r, claim));

const isHeld = (claims: Record<string, KeyOp>, claim: KeyClaim): boolean =>
  Object.values(claims).some((held) => sameKey(held.claim, claim));

function withoutClaim(claims: Record<string, KeyOp>, tx: string): Record<string, KeyOp> {
  const rest = { ...claims };
  delete rest[tx];
  return rest;
}

export type LockDecision = 'new' | 'takeover' | 'exists' | 'busy' | 'mismatch';

/** The locking strategies' decision, in the order rocket-rides makes it. */
export function lockDecision(ctx: StoreContext, op: OpOf<'lockKey'>, nowMs: number): LockDecision {
  const row = liveKeyRow(ctx, op.claim, op.keyTtlMs, nowMs);
  if (!row) return 'new';
  if (op.checkFingerprint && row.fingerprint !== op.fingerprint) return 'mismatch';
  if (row.status === 'completed') return 'exists';
  const stale = row.lockedAtMs === null || nowMs - row.lockedAtMs >= op.lockTimeoutMs;
  return stale ? 'takeover' : 'busy';
}

function keyRow(op: KeyOp, nowMs: number, lockedBy: string | null): KeyRow {
  return {
    ...op.claim,
    fingerprint: op.fingerprint,
    status: 'in-flight',
    recoveryPoint: 'started',
    lockedBy,
    lockedAtMs: lockedBy ? nowMs : null,
    response: null,
    chargeId: null,
    paymentId: null,
    request: op.request,
    createdAtMs: nowMs,
  };
}

/**
 * When a claim is released, each waiter either sees the committed row, takes the key itself (the
 * first one, after a rollback), or keeps waiting behind the new holder.
 */
export function wakeWaiters(ctx: StoreContext, nowMs: number) {
  const waiters: Waiter[] = [];
  const replies: ReplyParams[] = [];
  let claims = ctx.claims;
  for (const waiter of ctx.waiters) {
    const row = liveKeyRow(ctx, waiter.op.claim, waiter.op.keyTtlMs, nowMs);
    if (row) replies.push({ to: waiter.from, reply: { type: 'KEY_EXISTS', row } });
    else if (isHeld(claims, waiter.op.claim)) waiters.push(waiter);
    else {
      claims = { ...claims, [waiter.tx]: waiter.op };
      replies.push({ to: waiter.from, reply: { type: 'KEY_CLAIMED' } });
    }
  }
  return { claims, waiters, replies };
}

/**
 * A commit's effect on the key table: a claimed key becomes a completed row; a locked row either
 * reaches its next recovery point (no response yet) or completes and releases its lock. A lock
 * that was taken over meanwhile belongs to its new holder and is left alone.
 */
function committedKeys(ctx: StoreContext, op: OpOf<'commit'>, nowMs: number): KeyRow[] {
  const claim = ctx.claims[op.tx];
  if (claim) {
    const row = { ...keyRow(claim, nowMs, null), status: 'completed' as const };
    return [...withoutKey(ctx.keys, claim.claim), completed(row, op.response, op.payment)];
  }
  return ctx.keys.map((row) => {
    if (row.lockedBy !== op.tx) return row;
    if (op.response === null && op.payment) {
      const { chargeId, id: paymentId } = op.payment;
      return {
        ...row,
        recoveryPoint: 'charge_created' as const,
        chargeId,
        paymentId,
        lockedAtMs: nowMs,
      };
    }
    return completed(row, op.response, op.payment);
  });
}

function completed(
  row: KeyRow,
  response: HttpResponse | null,
  payment: { chargeId: string; id: string } | null,
): KeyRow {
  return {
    ...row,
    status: 'completed',
    recoveryPoint: 'finished',
    response,
    chargeId: payment?.chargeId ?? row.chargeId,
    paymentId: payment?.id ?? row.paymentId,
    lockedBy: null,
    lockedAtMs: null,
  };
}

const ev = <K extends StoreEvent['type']>(event: StoreEvent) =>
  event as Extract<StoreEvent, { type: K }>;
const keyOp = (event: StoreEvent) => (event as { op: KeyOp }).op;
const reply = (to: ActorId, answer: StoreReply): ReplyParams => ({ to, reply: answer });

/** The action that answers the operation's sender with a fixed reply. */
const answerSender = (answer: StoreReply) => ({
  type: 'reply' as const,
  params: ({ event }: { event: StoreEvent }) =>
    reply((event as { op: { from: ActorId } }).op.from, answer),
});

/** Answers every waiter that a released claim lets go on, then updates the queue. */
const WAKE_WAITERS = [
  {
    type: 'replyAll' as const,
    params: ({ context, event }: { context: StoreContext; event: StoreEvent }) => ({
      replies: wakeWaiters(context, (event as { nowMs: number }).nowMs).replies,
    }),
  },
  'wake waiters' as const,
];

export const storeMachine = setup({
  types: { context: {} as StoreContext, events: {} as StoreEvent },
  actions: {
    reply: effect<ReplyParams>(),
    replyAll: effect<{ replies: ReplyParams[] }>(),
    // An expired row is reaped as the new request arrives: from here on the key is unused.
    'reap an expired key': assign({
      keys: ({ context, event }) => {
        const { claim, keyTtlMs } = keyOp(event);
        const now = ev<'CLAIM_KEY'>(event).nowMs;
        return liveKeyRow(context, claim, keyTtlMs, now)
          ? context.keys
          : withoutKey(context.keys, claim);
      },
    }),
    'hold the key for the transaction': assign({
      claims: ({ context, event }) => ({ ...context.claims, [keyOp(event).tx]: keyOp(event) }),
    }),
    'wait for the holder': assign({
      waiters: ({ context, event }) => [
        ...context.waiters,
        { from: keyOp(event).from, tx: keyOp(event).tx, op: keyOp(event) },
      ],
    }),
    'insert an in-flight row': assign({
      keys: ({ context, event }) => {
        const { op, nowMs } = ev<'LOCK_KEY'>(event);
        return [...withoutKey(context.keys, op.claim), keyRow(op, nowMs, op.tx)];
      },
    }),
    'take over the stale lock': assign({
      keys: ({ context, event }) => {
        const { op, nowMs } = ev<'LOCK_KEY'>(event);
        return context.keys.map((row) =>
          sameKey(row, op.claim) ? { ...row, lockedBy: op.tx, lockedAtMs: nowMs } : row,
        );
      },
    }),
    'apply the transaction': assign(({ context, event }) => {
      const { op, nowMs } = ev<'COMMIT'>(event);
      return {
        payments: op.payment ? [...context.payments, op.payment] : context.payments,
        keys: committedKeys(context, op, nowMs),
        claims: withoutClaim(context.claims, op.tx),
      };
    }),
    'finish the request': assign(({ context, event }) => {
      const { op } = ev<'FINISH'>(event);
      return {
        keys: context.keys.map((row) =>
          row.lockedBy === op.tx ? completed(row, op.response, null) : row,
        ),
        jobs: [...context.jobs, op.job],
      };
    }),
    // A rollback also forgets the transaction's place in any queue: its handler is gone. A
    // committed in-flight lock stays: only its timeout frees it.
    'discard the transaction': assign({
      claims: ({ context, event }) => withoutClaim(context.claims, ev<'ROLLBACK'>(event).op.tx),
      waiters: ({ context, event }) =>
        context.waiters.filter((w) => w.tx !== ev<'ROLLBACK'>(event).op.tx),
    }),
    'delete the locked row': assign({
      keys: ({ context, event }) =>
        context.keys.filter((row) => row.lockedBy !== ev<'FORGET_KEY'>(event).op.tx),
    }),
    'wake waiters': assign(({ context, event }) => {
      const { claims, waiters } = wakeWaiters(context, (event as { nowMs: number }).nowMs);
      return { claims, waiters };
    }),
    'cache the response': assign({
      cache: ({ context, event }) => {
        const { op, nowMs } = ev<'CACHE_SET'>(event);
        const others = context.cache.filter((e) => !sameKey(e, op.claim));
        return [...others, { ...op.claim, response: op.response, storedAtMs: nowMs }];
      },
    }),
  },
  guards: {
    'the lock was taken over': ({ context, event }) => {
      const op = (event as { op: { fenced: boolean; tx: string } }).op;
      return op.fenced && !context.keys.some((row) => row.lockedBy === op.tx);
    },
    'key already stored': ({ context, event }) => {
      const { claim, keyTtlMs } = keyOp(event);
      return liveKeyRow(context, claim, keyTtlMs, ev<'CLAIM_KEY'>(event).nowMs) !== undefined;
    },
    'key held by another transaction': ({ context, event }) =>
      isHeld(context.claims, keyOp(event).claim),
    'lock: new key': ({ context, event }) =>
      lockDecision(context, ev<'LOCK_KEY'>(event).op, ev<'LOCK_KEY'>(event).nowMs) === 'new',
    'lock: stale lock': ({ context, event }) =>
      lockDecision(context, ev<'LOCK_KEY'>(event).op, ev<'LOCK_KEY'>(event).nowMs) === 'takeover',
    'lock: completed': ({ context, event }) =>
      lockDecision(context, ev<'LOCK_KEY'>(event).op, ev<'LOCK_KEY'>(event).nowMs) === 'exists',
    'lock: other request': ({ context, event }) =>
      lockDecision(context, ev<'LOCK_KEY'>(event).op, ev<'LOCK_KEY'>(event).nowMs) === 'mismatch',
    'cache holds a live entry': ({ context, event }) =>
      cachedResponse(context, ev<'CACHE_GET'>(event)) !== undefined,
  },
}).createMachine({
  id: 'store',
  context: { payments: [], keys: [], claims: {}, waiters: [], cache: [], jobs: [] },
  initial: 'available',
  // Payments and transactions work whatever the state of the key store.
  on: {
    COMMIT: [
      {
        guard: 'the lock was taken over',
        actions: answerSender({ type: 'LOCK_LOST' }),
      },
      {
        actions: [
          'apply the transaction',
          answerSender({ type: 'COMMITTED' }),
          {
            type: 'replyAll',
            params: ({ context, event }) => ({
              replies: wakeWaiters(context, ev<'COMMIT'>(event).nowMs).replies,
            }),
          },
          'wake waiters',
        ],
      },
    ],
    FINISH: [
      {
        guard: 'the lock was taken over',
        actions: answerSender({ type: 'LOCK_LOST' }),
      },
      {
        actions: ['finish the request', answerSender({ type: 'FINISHED' })],
      },
    ],
    ROLLBACK: { actions: ['discard the transaction', ...WAKE_WAITERS] },
    FORGET_KEY: [
      {
        guard: 'the lock was taken over',
        actions: answerSender({ type: 'LOCK_LOST' }),
      },
      {
        actions: [
          'discard the transaction',
          'delete the locked row',
          answerSender({ type: 'KEY_FORGOTTEN' }),
          ...WAKE_WAITERS,
        ],
      },
    ],
  },
  states: {
    available: {
      on: {
        KEYS_DOWN: 'keysUnavailable',
        CLAIM_KEY: [
          {
            guard: 'key already stored',
            actions: {
              type: 'reply',
              params: ({ context, event }) => {
                const { op, nowMs } = ev<'CLAIM_KEY'>(event);
                return reply(op.from, {
                  type: 'KEY_EXISTS',
                  row: liveKeyRow(context, op.claim, op.keyTtlMs, nowMs)!,
                });
              },
            },
          },
          { guard: 'key held by another transaction', actions: 'wait for the holder' },
          {
            actions: [
              'reap an expired key',
              'hold the key for the transaction',
              answerSender({ type: 'KEY_CLAIMED' }),
            ],
          },
        ],
        LOCK_KEY: [
          {
            guard: 'lock: other request',
            actions: answerSender({ type: 'KEY_MISMATCH' }),
          },
          {
            guard: 'lock: completed',
            actions: {
              type: 'reply',
              params: ({ context, event }) => {
                const { op, nowMs } = ev<'LOCK_KEY'>(event);
                return reply(op.from, {
                  type: 'KEY_EXISTS',
                  row: liveKeyRow(context, op.claim, op.keyTtlMs, nowMs)!,
                });
              },
            },
          },
          {
            guard: 'lock: new key',
            actions: [
              'insert an in-flight row',
              {
                type: 'reply',
                params: ({ event }) =>
                  reply(keyOp(event).from, {
                    type: 'KEY_LOCKED',
                    recoveryPoint: 'started',
                    chargeId: null,
                    paymentId: null,
                  }),
              },
            ],
          },
          {
            guard: 'lock: stale lock',
            actions: [
              'take over the stale lock',
              {
                type: 'reply',
                params: ({ context, event }) => {
                  const { op } = ev<'LOCK_KEY'>(event);
                  const row = context.keys.find((r) => sameKey(r, op.claim))!;
                  const { recoveryPoint, chargeId, paymentId } = row;
                  return reply(op.from, { type: 'KEY_LOCKED', recoveryPoint, chargeId, paymentId });
                },
              },
            ],
          },
          {
            actions: answerSender({ type: 'KEY_BUSY' }),
          },
        ],
        CACHE_GET: [
          {
            guard: 'cache holds a live entry',
            actions: {
              type: 'reply',
              params: ({ context, event }) =>
                reply(ev<'CACHE_GET'>(event).op.from, {
                  type: 'CACHE_HIT',
                  response: cachedResponse(context, ev<'CACHE_GET'>(event))!,
                }),
            },
          },
          {
            actions: answerSender({ type: 'CACHE_MISS' }),
          },
        ],
        CACHE_SET: {
          actions: ['cache the response', answerSender({ type: 'CACHED' })],
        },
      },
    },
    // The idempotency keys (and the cache) cannot be reached: every lookup fails at once.
    keysUnavailable: {
      on: {
        KEYS_UP: 'available',
        CLAIM_KEY: {
          actions: answerSender({ type: 'KEY_STORE_DOWN' }),
        },
        LOCK_KEY: {
          actions: answerSender({ type: 'KEY_STORE_DOWN' }),
        },
        CACHE_GET: {
          actions: answerSender({ type: 'KEY_STORE_DOWN' }),
        },
        CACHE_SET: {
          actions: answerSender({ type: 'KEY_STORE_DOWN' }),
        },
      },
    },
  },
});

function cachedResponse(
  ctx: StoreContext,
  event: Extract<StoreEvent, { type: 'CACHE_GET' }>,
): HttpResponse | undefined {
  const { claim, keyTtlMs } = event.op;
  const entry = ctx.cache.find((e) => sameKey(e, claim));
  return entry && !expired(entry.storedAtMs, keyTtlMs, event.nowMs) ? entry.response : undefined;
}
