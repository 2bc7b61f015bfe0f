import { assign, setup } from 'xstate';
import { effect, type ReplyParams } from '../effects.ts';
import type { ActorId } from '../message.ts';

/**
 * The external payment provider. A charge moves money from the customer to the merchant and
 * cannot be undone by the server's rollback: that is what makes duplicates expensive.
 */
export interface ChargeRequest {
  from: ActorId;
  customer: string;
  amount: number;
  currency: string;
  /** Ground truth for the invariants: which intent this charge serves. */
  intentId: string;
  /** The caller's idempotency key for this charge (recovery points derive one from theirs). */
  idempotencyKey: string | null;
}

export interface ChargeRecord extends ChargeRequest {
  id: string;
  atMs: number;
}

/** A decline moves no money: the card cannot cover the amount (Stripe: `card_declined`). */
export type ProviderReply =
  { type: 'CHARGED'; chargeId: string } | { type: 'DECLINED'; reason: 'insufficient_funds' };

interface ProviderContext {
  honoursKeys: boolean;
  charges: ChargeRecord[];
  /**
   * What each idempotency key got, and when: its charge, or null for a decline. Stripe saves the
   * result of every request that began, errors included, and gives it back for the same key.
   */
  byKey: Record<string, { chargeId: string | null; atMs: number }>;
  /** How long the provider remembers a key (Stripe: 24 hours). */
  keyRetentionMs: number;
  customerBalance: number;
  merchantBalance: number;
}

export type ProviderEvent =
  | { type: 'CHARGE'; charge: ChargeRequest; nowMs: number }
  /** The customer adds money to the card, from outside the system. */
  | { type: 'TOP_UP'; amount: number };

type ChargeEvent = Extract<ProviderEvent, { type: 'CHARGE' }>;
const chargeOf = (event: ProviderEvent) => (event as ChargeEvent).charge;

/** What this request's key got earlier (a charge id, or null for a decline), while remembered. */
function remembered(ctx: ProviderContext, event: ProviderEvent): string | null | undefined {
  const { charge, nowMs } = event as ChargeEvent;
  const known =
    !ctx.honoursKeys || charge.idempotencyKey === null
      ? undefined
      : ctx.byKey[charge.idempotencyKey];
  return known && nowMs - known.atMs < ctx.keyRetentionMs ? known.chargeId : undefined;
}

/** Read only under 'a charge with this key exists'. */
const rememberedCharge = (ctx: ProviderContext, event: ProviderEvent) =>
  remembered(ctx, event) as string;

const declineParams = (event: ProviderEvent, replayed: boolean) => ({
  intentId: chargeOf(event).intentId,
  amount: chargeOf(event).amount,
  replayed,
});

const declinedReply = (event: ProviderEvent): ReplyParams => ({
  to: chargeOf(event).from,
  reply: { type: 'DECLINED', reason: 'insufficient_funds' },
});

const chargeIdAfter = (ctx: ProviderContext) => `ch_${ctx.charges.length + 1}`;

export const providerMachine = setup({
  types: {
    context: {} as ProviderContext,
    events: {} as ProviderEvent,
    input: {} as { customerBalance: number; honoursKeys: boolean; keyRetentionMs: number },
  },
  actions: {
    reply: effect<ReplyParams>(),
    'move the money': assign(({ context, event }) => {
      const { charge, nowMs } = event as ChargeEvent;
      const id = chargeIdAfter(context);
      const key = charge.idempotencyKey;
      return {
        charges: [...context.charges, { ...charge, id, atMs: nowMs }],
        byKey:
          key === null ? context.byKey : { ...context.byKey, [key]: { chargeId: id, atMs: nowMs } },
        customerBalance: context.customerBalance - charge.amount,
        merchantBalance: context.merchantBalance + charge.amount,
      };
    }),
    'add the money': assign({
      customerBalance: ({ context, event }) =>
        context.customerBalance + (event as Extract<ProviderEvent, { type: 'TOP_UP' }>).amount,
    }),
    dedup: effect<{ chargeId: string }>(),
    decline: effect<{ intentId: string; amount: number; replayed: boolean }>(),
    'remember the decline': assign({
      byKey: ({ context, event }) => {
        const { charge, nowMs } = event as ChargeEvent;
        if (charge.idempotencyKey === null) return context.byKey;
        return { ...context.byKey, [charge.idempotencyKey]: { chargeId: null, atMs: nowMs } };
      },
    }),
  },
  guards: {
    'a charge with this key exists': ({ context, event }) =>
      typeof remembered(context, event) === 'string',
    'a decline with this key exists': ({ context, event }) => remembered(context, event) === null,
    'the card cannot cover it': ({ context, event }) =>
      context.customerBalance < chargeOf(event).amount,
  },
}).createMachine({
  id: 'provider',
  context: ({ input }) => ({
    honoursKeys: input.honoursKeys,
    keyRetentionMs: input.keyRetentionMs,
    byKey: {},
    charges: [],
    customerBalance: input.customerBalance,
    merchantBalance: 0,
  }),
  initial: 'ready',
  on: { TOP_UP: { actions: 'add the money' } },
  states: {
    ready: {
      on: {
        CHARGE: [
          {
            // Stripe's behaviour: the same key gets the first charge back, and no money moves.
            guard: 'a charge with this key exists',
            actions: [
              {
                type: 'dedup',
                params: ({ context, event }) => ({
                  chargeId: rememberedCharge(context, event),
                }),
              },
              {
                type: 'reply',
                params: ({ context, event }) => ({
                  to: event.charge.from,
                  reply: {
                    type: 'CHARGED',
                    chargeId: rememberedCharge(context, event),
                  },
                }),
              },
            ],
          },
          {
            // The same key gets the same decline, even if the card could pay now.
            guard: 'a decline with this key exists',
            actions: [
              { type: 'decline', params: ({ event }) => declineParams(event, true) },
              { type: 'reply', params: ({ event }) => declinedReply(event) },
            ],
          },
          {
            guard: 'the card cannot cover it',
            actions: [
              'remember the decline',
              { type: 'decline', params: ({ event }) => declineParams(event, false) },
              { type: 'reply', params: ({ event }) => declinedReply(event) },
            ],
          },
          {
            actions: [
              'move the money',
              {
                type: 'reply',
                params: ({ context, event }) => ({
                  to: event.charge.from,
                  reply: { type: 'CHARGED', chargeId: context.charges.at(-1)!.id },
                }),
              },
            ],
          },
        ],
      },
    },
  },
});
