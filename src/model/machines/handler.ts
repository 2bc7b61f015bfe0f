import { assign, setup } from 'xstate';
import {
  effect,
  type CallProviderParams,
  type CheckpointParams,
  type RespondParams,
  type StoreOpParams,
} from '../effects.ts';
import { IDEMPOTENT_REPLAYED, readIdempotencyKey, type HttpResponse } from '../http.ts';
import type { RequestMessage } from '../message.ts';
import type { StrategyInfo } from '../strategies.ts';
import type { KeyRow, PaymentRow, StoreReply } from './store.ts';
import type { ProviderReply } from './provider.ts';

/**
 * One request's path through the server: parse → idempotency layer → handler → commit → respond.
 * Crash points sit between the steps (`checkpoint` effects); a crash there kills this handler and
 * rolls back its open transaction, but not what the provider already did.
 */
export interface HandlerInput {
  handlerId: string;
  message: RequestMessage;
  strategy: StrategyInfo;
}

interface HandlerContext {
  handlerId: string;
  message: RequestMessage;
  strategy: StrategyInfo;
  key: string | null;
  chargeId: string | null;
  nowMs: number;
}

export type HandlerEvent = (StoreReply | ProviderReply) & { nowMs: number };

const paymentIdOf = (ctx: HandlerContext) => `pay_${ctx.handlerId.replace('handler-', '')}`;

function paymentRow(ctx: HandlerContext): PaymentRow {
  const { body } = ctx.message.request;
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
  const { body } = ctx.message.request;
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

/** The stored response, replayed as it was, marked the way Stripe marks it. */
function replayedResponse(row: KeyRow): HttpResponse {
  return { ...row.response, headers: { ...row.response.headers, [IDEMPOTENT_REPLAYED]: 'true' } };
}

const scopeOf = (ctx: HandlerContext) => ctx.message.request.body.customer;

export const handlerMachine = setup({
  types: {
    context: {} as HandlerContext,
    events: {} as HandlerEvent,
    input: {} as HandlerInput,
  },
  actions: {
    storeOp: effect<StoreOpParams>(),
    callProvider: effect<CallProviderParams>(),
    checkpoint: effect<CheckpointParams>(),
    respond: effect<RespondParams>(),
    'note the time': assign({ nowMs: ({ event }) => event.nowMs }),
    'note the charge': assign({
      chargeId: ({ event }) => (event.type === 'CHARGED' ? event.chargeId : null),
    }),
  },
  guards: {
    'strategy reads a key the request carries': ({ context }) =>
      context.strategy.usesKeys && context.key !== null,
  },
}).createMachine({
  id: 'handler',
  context: ({ input }) => ({
    handlerId: input.handlerId,
    message: input.message,
    strategy: input.strategy,
    key: readIdempotencyKey(input.message.request),
    chargeId: null,
    nowMs: 0,
  }),
  initial: 'received',
  states: {
    received: {
      always: [
        { guard: 'strategy reads a key the request carries', target: 'claimingKey' },
        { target: 'charging' },
      ],
    },
    // The idempotency layer: a unique insert of the key, in the same transaction as the payment.
    claimingKey: {
      entry: {
        type: 'storeOp',
        params: ({ context }) => ({
          op: {
            type: 'claimKey',
            from: context.handlerId,
            tx: context.handlerId,
            claim: { scope: scopeOf(context), key: context.key! },
          },
        }),
      },
      on: {
        KEY_CLAIMED: 'charging',
        KEY_EXISTS: 'replaying',
      },
    },
    charging: {
      entry: [
        { type: 'checkpoint', params: { point: 'before-commit' } },
        {
          type: 'callProvider',
          params: ({ context }) => {
            const { body } = context.message.request;
            return {
              charge: {
                from: context.handlerId,
                customer: body.customer,
                amount: body.amount,
                currency: body.currency,
                intentId: context.message.intentId,
              },
            };
          },
        },
      ],
      on: { CHARGED: { target: 'committing', actions: ['note the charge', 'note the time'] } },
    },
    committing: {
      entry: [
        { type: 'checkpoint', params: { point: 'after-provider-charge' } },
        {
          type: 'storeOp',
          params: ({ context }) => ({
            op: {
              type: 'commit',
              from: context.handlerId,
              tx: context.handlerId,
              payment: paymentRow(context),
              response: createdResponse(context),
            },
          }),
        },
      ],
      on: { COMMITTED: 'responded' },
    },
    responded: {
      type: 'final',
      entry: [
        { type: 'checkpoint', params: { point: 'after-commit' } },
        { type: 'respond', params: ({ context }) => ({ response: createdResponse(context) }) },
      ],
    },
    replaying: {
      type: 'final',
      entry: {
        type: 'respond',
        params: ({ event }) => ({
          response: replayedResponse((event as Extract<HandlerEvent, { type: 'KEY_EXISTS' }>).row),
        }),
      },
    },
  },
});
