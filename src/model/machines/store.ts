import { assign, setup } from 'xstate';
import { effect, type ReplyParams } from '../effects.ts';
import type { HttpResponse } from '../http.ts';
import type { ActorId } from '../message.ts';

/**
 * The database. Two tables: `payments`, and `idempotency_keys` with a unique constraint on
 * (scope, key). Writes are staged in a transaction and applied at commit; a claimed key is visible
 * to other transactions at once, as a row lock is in Postgres, so a second claim of the same key
 * waits until the first transaction commits (and then sees the row) or rolls back (and then gets
 * the key itself).
 */
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
  /** The response to replay for every later request with this key. */
  response: HttpResponse;
  createdAtMs: number;
}

interface KeyClaim {
  scope: string;
  key: string;
}

export type StoreOp =
  | { type: 'claimKey'; from: ActorId; tx: string; claim: KeyClaim }
  | { type: 'commit'; from: ActorId; tx: string; payment: PaymentRow; response: HttpResponse }
  | { type: 'rollback'; tx: string };

export type StoreReply =
  { type: 'KEY_CLAIMED' } | { type: 'KEY_EXISTS'; row: KeyRow } | { type: 'COMMITTED' };

interface Waiter {
  from: ActorId;
  tx: string;
  claim: KeyClaim;
}

export interface StoreContext {
  payments: PaymentRow[];
  keys: KeyRow[];
  /** Open transactions that hold a key claim, by transaction id. */
  claims: Record<string, KeyClaim>;
  /** Claims waiting for another transaction's claim on the same key to end. */
  waiters: Waiter[];
}

export type StoreEvent =
  | { type: 'CLAIM_KEY'; op: Extract<StoreOp, { type: 'claimKey' }>; nowMs: number }
  | { type: 'COMMIT'; op: Extract<StoreOp, { type: 'commit' }>; nowMs: number }
  | { type: 'ROLLBACK'; op: Extract<StoreOp, { type: 'rollback' }>; nowMs: number };

export const STORE_EVENT = {
  claimKey: 'CLAIM_KEY',
  commit: 'COMMIT',
  rollback: 'ROLLBACK',
} as const;

// Pure helpers over the tables.

const sameKey = (a: KeyClaim, b: KeyClaim) => a.scope === b.scope && a.key === b.key;

export const findKeyRow = (ctx: StoreContext, claim: KeyClaim): KeyRow | undefined =>
  ctx.keys.find((row) => sameKey(row, claim));

const isHeld = (claims: Record<string, KeyClaim>, claim: KeyClaim): boolean =>
  Object.values(claims).some((held) => sameKey(held, claim));

const claimOp = (event: StoreEvent) => event.op as Extract<StoreOp, { type: 'claimKey' }>;
const commitOp = (event: StoreEvent) => event.op as Extract<StoreOp, { type: 'commit' }>;

function withoutClaim(claims: Record<string, KeyClaim>, tx: string): Record<string, KeyClaim> {
  const rest = { ...claims };
  delete rest[tx];
  return rest;
}

/**
 * When a claim is released, each waiter either sees the committed row, takes the key itself (the
 * first one, after a rollback), or keeps waiting behind the new holder.
 */
export function wakeWaiters(ctx: StoreContext): {
  claims: Record<string, KeyClaim>;
  waiters: Waiter[];
  replies: ReplyParams[];
} {
  const waiters: Waiter[] = [];
  const replies: ReplyParams[] = [];
  let claims = ctx.claims;
  for (const waiter of ctx.waiters) {
    const row = findKeyRow(ctx, waiter.claim);
    if (row) replies.push({ to: waiter.from, reply: { type: 'KEY_EXISTS', row } });
    else if (isHeld(claims, waiter.claim)) waiters.push(waiter);
    else {
      claims = { ...claims, [waiter.tx]: waiter.claim };
      replies.push({ to: waiter.from, reply: { type: 'KEY_CLAIMED' } });
    }
  }
  return { claims, waiters, replies };
}

export const storeMachine = setup({
  types: { context: {} as StoreContext, events: {} as StoreEvent },
  actions: {
    reply: effect<ReplyParams>(),
    replyAll: effect<{ replies: ReplyParams[] }>(),
    'hold the key for the transaction': assign({
      claims: ({ context, event }) => ({
        ...context.claims,
        [claimOp(event).tx]: claimOp(event).claim,
      }),
    }),
    'wait for the holder': assign({
      waiters: ({ context, event }) => {
        const { from, tx, claim } = claimOp(event);
        return [...context.waiters, { from, tx, claim }];
      },
    }),
    'apply the transaction': assign(({ context, event }) => {
      const { tx, payment, response } = commitOp(event);
      const claim = context.claims[tx];
      const keyRow = claim && { ...claim, response, createdAtMs: event.nowMs };
      return {
        payments: [...context.payments, payment],
        keys: keyRow ? [...context.keys, keyRow] : context.keys,
        claims: withoutClaim(context.claims, tx),
      };
    }),
    // A rollback also forgets the transaction's place in any queue: its handler is gone.
    'discard the transaction': assign({
      claims: ({ context, event }) => withoutClaim(context.claims, event.op.tx),
      waiters: ({ context, event }) => context.waiters.filter((w) => w.tx !== event.op.tx),
    }),
    'wake waiters': assign(({ context }) => {
      const { claims, waiters } = wakeWaiters(context);
      return { claims, waiters };
    }),
  },
  guards: {
    'key already stored': ({ context, event }) =>
      findKeyRow(context, claimOp(event).claim) !== undefined,
    'key held by another transaction': ({ context, event }) =>
      isHeld(context.claims, claimOp(event).claim),
  },
}).createMachine({
  id: 'store',
  context: { payments: [], keys: [], claims: {}, waiters: [] },
  initial: 'available',
  states: {
    available: {
      on: {
        CLAIM_KEY: [
          {
            guard: 'key already stored',
            actions: {
              type: 'reply',
              params: ({ context, event }) => ({
                to: claimOp(event).from,
                reply: { type: 'KEY_EXISTS', row: findKeyRow(context, claimOp(event).claim)! },
              }),
            },
          },
          { guard: 'key held by another transaction', actions: 'wait for the holder' },
          {
            actions: [
              'hold the key for the transaction',
              {
                type: 'reply',
                params: ({ event }) => ({
                  to: claimOp(event).from,
                  reply: { type: 'KEY_CLAIMED' },
                }),
              },
            ],
          },
        ],
        COMMIT: {
          actions: [
            'apply the transaction',
            {
              type: 'reply',
              params: ({ event }) => ({ to: commitOp(event).from, reply: { type: 'COMMITTED' } }),
            },
            {
              type: 'replyAll',
              params: ({ context }) => ({ replies: wakeWaiters(context).replies }),
            },
            'wake waiters',
          ],
        },
        ROLLBACK: {
          actions: [
            'discard the transaction',
            {
              type: 'replyAll',
              params: ({ context }) => ({ replies: wakeWaiters(context).replies }),
            },
            'wake waiters',
          ],
        },
      },
    },
  },
});
