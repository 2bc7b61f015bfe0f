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
  /** Charges by the idempotency key they were made with, and when. */
  byKey: Record<string, { chargeId: string; atMs: number }>;
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

/** The charge made earlier with this request's key, while the provider still remembers it. */
function rememberedCharge(ctx: ProviderContext, event: ChargeEvent): string | undefined {
  const key = event.charge.idempotencyKey;
  const known = key === null ? undefined : ctx.byKey[key];
  return known && event.nowMs - known.atMs < ctx.keyRetentionMs ? known.chargeId : undefined;
}

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
    decline: effect<{ intentId: string; amount: number }>(),
  },
  guards: {
    'a charge with this key exists': ({ context, event }) =>
      context.honoursKeys &&
      chargeOf(event).idempotencyKey !== null &&
      rememberedCharge(context, event as ChargeEvent) !== undefined,
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
                  chargeId: rememberedCharge(context, event)!,
                }),
              },
              {
                type: 'reply',
                params: ({ context, event }) => ({
                  to: event.charge.from,
                  reply: {
                    type: 'CHARGED',
                    chargeId: rememberedCharge(context, event)!,
                  },
                }),
              },
            ],
          },
          {
            guard: 'the card cannot cover it',
            actions: [
              {
                type: 'decline',
                params: ({ event }) => ({
                  intentId: event.charge.intentId,
                  amount: event.charge.amount,
                }),
              },
              {
                type: 'reply',
                params: ({ event }) => ({
                  to: event.charge.from,
                  reply: { type: 'DECLINED', reason: 'insufficient_funds' },
                }),
              },
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
