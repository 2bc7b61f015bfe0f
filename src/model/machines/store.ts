import { assign, setup } from 'xstate';
import { theEvent } from './params.ts';
import { EFFECTS, type ReplyParams } from '../effects.ts';
import type { ActorId } from '../message.ts';
import {
  CHARGE_ID_UNIQUE,
  type KeyOp,
  type LockDecision,
  type OpOf,
  type StoreContext,
  type StoreEvent,
  type StoreInput,
  type StoreReply,
} from './storeSchema.ts';
import {
  cachedResponse,
  chargeHolder,
  committedKeys,
  completed,
  isHeld,
  keyRow,
  liveKeyRow,
  lockDecision,
  sameKey,
  wakeWaiters,
  withoutClaim,
  withoutKey,
} from './storeTables.ts';

/**
 * The database as a machine: the tables and their rules are in storeSchema.ts and storeTables.ts;
 * this file says which operation is answered how in each state. Every action and guard gets the
 * event's data through its params, typed by the transition it is on.
 */
type At<O> = { op: O; nowMs: number };

const reply = (to: ActorId, answer: StoreReply): ReplyParams => ({ to, reply: answer });

/** The action that answers the operation's sender with a fixed reply. */
const answerSender = (answer: StoreReply) => ({
  type: 'reply' as const,
  params: ({ event }: { event: { op: { from: ActorId } } }) => reply(event.op.from, answer),
});

/** The key's stored row, read only under a guard that found it. */
const answerWithStoredRow = {
  type: 'reply' as const,
  params: ({ context, event }: { context: StoreContext; event: At<KeyOp> }) => {
    const { op, nowMs } = event;
    const row = liveKeyRow(context, op.claim, op.keyTtlMs, nowMs);
    if (!row) throw new Error('store: no live row for a key that was found');
    return reply(op.from, { type: 'KEY_EXISTS', row });
  },
};

/** Answers every waiter that a released claim lets go on, then updates the queue. */
const WAKE_WAITERS = [
  {
    type: 'replyAll' as const,
    params: ({ context, event }: { context: StoreContext; event: { nowMs: number } }) => ({
      replies: wakeWaiters(context, event.nowMs).replies,
    }),
  },
  { type: 'wake waiters' as const, params: theEvent },
];

/** A guard on the locking strategies' decision for this LOCK_KEY. */
const lockIs = (decision: LockDecision) => ({
  type: 'lock decision is' as const,
  params: ({ event }: { event: At<OpOf<'lockKey'>> }) => ({ ...event, decision }),
});

export const storeMachine = setup({
  types: {
    context: {} as StoreContext,
    events: {} as StoreEvent,
    input: {} as StoreInput | undefined,
  },
  actions: {
    reply: EFFECTS.reply,
    replyAll: EFFECTS.replyAll,
    // An expired row is reaped as the new request arrives: from here on the key is unused.
    'reap an expired key': assign({
      keys: ({ context }, { op, nowMs }: At<KeyOp>) =>
        liveKeyRow(context, op.claim, op.keyTtlMs, nowMs)
          ? context.keys
          : withoutKey(context.keys, op.claim),
    }),
    'hold the key for the transaction': assign({
      claims: ({ context }, { op }: { op: KeyOp }) => ({ ...context.claims, [op.tx]: op }),
    }),
    'wait for the holder': assign({
      waiters: ({ context }, { op }: { op: KeyOp }) => [
        ...context.waiters,
        { from: op.from, tx: op.tx, op },
      ],
    }),
    'insert an in-flight row': assign({
      keys: ({ context }, { op, nowMs }: At<OpOf<'lockKey'>>) => [
        ...withoutKey(context.keys, op.claim),
        keyRow(op, nowMs, op.tx),
      ],
    }),
    'take over the stale lock': assign({
      keys: ({ context }, { op, nowMs }: At<OpOf<'lockKey'>>) =>
        context.keys.map((row) =>
          sameKey(row, op.claim) ? { ...row, lockedBy: op.tx, lockedAtMs: nowMs } : row,
        ),
    }),
    'apply the transaction': assign(({ context }, { op, nowMs }: At<OpOf<'commit'>>) => ({
      payments: op.payment ? [...context.payments, op.payment] : context.payments,
      keys: committedKeys(context, op, nowMs),
      claims: withoutClaim(context.claims, op.tx),
    })),
    'finish the request': assign(({ context }, { op }: { op: OpOf<'finish'> }) => ({
      keys: context.keys.map((row) =>
        row.lockedBy === op.tx ? completed(row, op.response, null) : row,
      ),
      jobs: [...context.jobs, op.job],
    })),
    // A rollback also forgets the transaction's place in any queue: its handler is gone. A
    // committed in-flight lock stays: only its timeout frees it.
    'discard the transaction': assign({
      claims: ({ context }, { op }: { op: { tx: string } }) => withoutClaim(context.claims, op.tx),
      waiters: ({ context }, { op }: { op: { tx: string } }) =>
        context.waiters.filter((w) => w.tx !== op.tx),
    }),
    'delete the locked row': assign({
      keys: ({ context }, { op }: { op: { tx: string } }) =>
        context.keys.filter((row) => row.lockedBy !== op.tx),
    }),
    'unlock the row': assign({
      keys: ({ context }, { op }: { op: { tx: string } }) =>
        context.keys.map((row) =>
          row.lockedBy === op.tx ? { ...row, lockedBy: null, lockedAtMs: null } : row,
        ),
    }),
    'wake waiters': assign(({ context }, { nowMs }: { nowMs: number }) => {
      const { claims, waiters } = wakeWaiters(context, nowMs);
      return { claims, waiters };
    }),
    'cache the response': assign({
      cache: ({ context }, { op, nowMs }: At<OpOf<'cacheSet'>>) => {
        const others = context.cache.filter((e) => !sameKey(e, op.claim));
        return [...others, { ...op.claim, response: op.response, storedAtMs: nowMs }];
      },
    }),
  },
  guards: {
    'the lock was taken over': ({ context }, { op }: { op: { fenced: boolean; tx: string } }) =>
      op.fenced && !context.keys.some((row) => row.lockedBy === op.tx),
    'the charge is already recorded': ({ context }, { op }: { op: OpOf<'commit'> }) =>
      chargeHolder(context, op) !== undefined,
    'the row is kept': (_, { op }: { op: { keepRow?: boolean } }) => op.keepRow === true,
    'key already stored': ({ context }, { op, nowMs }: At<KeyOp>) =>
      liveKeyRow(context, op.claim, op.keyTtlMs, nowMs) !== undefined,
    'key held by another transaction': ({ context }, { op }: { op: KeyOp }) =>
      isHeld(context.claims, op.claim),
    'lock decision is': (
      { context },
      { op, nowMs, decision }: At<OpOf<'lockKey'>> & { decision: LockDecision },
    ) => lockDecision(context, op, nowMs) === decision,
    'cache holds a live entry': ({ context }, event: At<OpOf<'cacheGet'>>) =>
      cachedResponse(context, event) !== undefined,
  },
}).createMachine({
  id: 'store',
  context: ({ input }) => ({
    payments: [],
    keys: [],
    claims: {},
    waiters: [],
    cache: [],
    jobs: [],
    uniqueChargeIds: input?.uniqueChargeIds ?? true,
  }),
  initial: 'available',
  // Payments and transactions work whatever the state of the key store.
  on: {
    COMMIT: [
      {
        guard: { type: 'the lock was taken over', params: theEvent },
        actions: answerSender({ type: 'LOCK_LOST' }),
      },
      {
        // UNIQUE (charge_id): the whole transaction fails and rolls back, its key claim with it.
        guard: { type: 'the charge is already recorded', params: theEvent },
        actions: [
          {
            type: 'reply',
            params: ({ context, event }) => {
              const holder = chargeHolder(context, event.op);
              if (!holder) throw new Error('store: no holder');
              return reply(event.op.from, {
                type: 'UNIQUE_VIOLATION',
                constraint: CHARGE_ID_UNIQUE,
                chargeId: holder.chargeId,
                recordedAs: holder.id,
              });
            },
          },
          { type: 'discard the transaction', params: theEvent },
          ...WAKE_WAITERS,
        ],
      },
      {
        actions: [
          { type: 'apply the transaction', params: theEvent },
          answerSender({ type: 'COMMITTED' }),
          ...WAKE_WAITERS,
        ],
      },
    ],
    FINISH: [
      {
        guard: { type: 'the lock was taken over', params: theEvent },
        actions: answerSender({ type: 'LOCK_LOST' }),
      },
      {
        actions: [
          { type: 'finish the request', params: theEvent },
          answerSender({ type: 'FINISHED' }),
        ],
      },
    ],
    ROLLBACK: {
      actions: [{ type: 'discard the transaction', params: theEvent }, ...WAKE_WAITERS],
    },
    FORGET_KEY: [
      {
        guard: { type: 'the lock was taken over', params: theEvent },
        actions: answerSender({ type: 'LOCK_LOST' }),
      },
      {
        guard: { type: 'the row is kept', params: theEvent },
        actions: [
          { type: 'discard the transaction', params: theEvent },
          { type: 'unlock the row', params: theEvent },
          answerSender({ type: 'KEY_FORGOTTEN' }),
          ...WAKE_WAITERS,
        ],
      },
      {
        actions: [
          { type: 'discard the transaction', params: theEvent },
          { type: 'delete the locked row', params: theEvent },
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
            guard: { type: 'key already stored', params: theEvent },
            actions: answerWithStoredRow,
          },
          {
            guard: { type: 'key held by another transaction', params: theEvent },
            actions: { type: 'wait for the holder', params: theEvent },
          },
          {
            actions: [
              { type: 'reap an expired key', params: theEvent },
              { type: 'hold the key for the transaction', params: theEvent },
              answerSender({ type: 'KEY_CLAIMED' }),
            ],
          },
        ],
        LOCK_KEY: [
          { guard: lockIs('mismatch'), actions: answerSender({ type: 'KEY_MISMATCH' }) },
          { guard: lockIs('exists'), actions: answerWithStoredRow },
          {
            guard: lockIs('new'),
            actions: [
              { type: 'insert an in-flight row', params: theEvent },
              answerSender({
                type: 'KEY_LOCKED',
                recoveryPoint: 'started',
                chargeId: null,
                paymentId: null,
              }),
            ],
          },
          {
            guard: lockIs('takeover'),
            actions: [
              { type: 'take over the stale lock', params: theEvent },
              {
                type: 'reply',
                params: ({ context, event }) => {
                  const row = context.keys.find((r) => sameKey(r, event.op.claim));
                  if (!row) throw new Error('store: a lock taken over has no row');
                  const { recoveryPoint, chargeId, paymentId } = row;
                  const answer = {
                    type: 'KEY_LOCKED',
                    recoveryPoint,
                    chargeId,
                    paymentId,
                  } as const;
                  return reply(event.op.from, answer);
                },
              },
            ],
          },
          { actions: answerSender({ type: 'KEY_BUSY' }) },
        ],
        CACHE_GET: [
          {
            guard: { type: 'cache holds a live entry', params: theEvent },
            actions: {
              type: 'reply',
              params: ({ context, event }) => {
                const response = cachedResponse(context, event);
                if (!response) throw new Error('store: no live entry for a cache hit');
                return reply(event.op.from, { type: 'CACHE_HIT', response });
              },
            },
          },
          { actions: answerSender({ type: 'CACHE_MISS' }) },
        ],
        CACHE_SET: {
          actions: [
            { type: 'cache the response', params: theEvent },
            answerSender({ type: 'CACHED' }),
          ],
        },
      },
    },
    // The idempotency keys (and the cache) cannot be reached: every lookup fails at once.
    keysUnavailable: {
      on: {
        KEYS_UP: 'available',
        CLAIM_KEY: { actions: answerSender({ type: 'KEY_STORE_DOWN' }) },
        LOCK_KEY: { actions: answerSender({ type: 'KEY_STORE_DOWN' }) },
        CACHE_GET: { actions: answerSender({ type: 'KEY_STORE_DOWN' }) },
        CACHE_SET: { actions: answerSender({ type: 'KEY_STORE_DOWN' }) },
      },
    },
  },
});
