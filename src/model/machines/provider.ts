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
}

export interface ChargeRecord extends ChargeRequest {
  id: string;
  atMs: number;
}

export type ProviderReply = { type: 'CHARGED'; chargeId: string };

interface ProviderContext {
  charges: ChargeRecord[];
  customerBalance: number;
  merchantBalance: number;
}

export type ProviderEvent = { type: 'CHARGE'; charge: ChargeRequest; nowMs: number };

const chargeIdAfter = (ctx: ProviderContext) => `ch_${ctx.charges.length + 1}`;

export const providerMachine = setup({
  types: {
    context: {} as ProviderContext,
    events: {} as ProviderEvent,
    input: {} as { customerBalance: number },
  },
  actions: {
    reply: effect<ReplyParams>(),
    'move the money': assign(({ context, event }) => ({
      charges: [
        ...context.charges,
        { ...event.charge, id: chargeIdAfter(context), atMs: event.nowMs },
      ],
      customerBalance: context.customerBalance - event.charge.amount,
      merchantBalance: context.merchantBalance + event.charge.amount,
    })),
  },
}).createMachine({
  id: 'provider',
  context: ({ input }) => ({
    charges: [],
    customerBalance: input.customerBalance,
    merchantBalance: 0,
  }),
  initial: 'ready',
  states: {
    ready: {
      on: {
        CHARGE: {
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
      },
    },
  },
});
