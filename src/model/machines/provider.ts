import { assign, setup } from 'xstate';
import { theEvent } from './params.ts';
import { EFFECTS, type DeclineParams, type ReplyParams } from '../effects.ts';
import type { ChargeRequest, ProviderContext, ProviderEvent } from './providerSchema.ts';

/**
 * The provider as a machine (its data is in providerSchema.ts). A charge event's data reaches each
 * action and guard through its params, typed by the transition it is on.
 */
type Charge = { charge: ChargeRequest; nowMs: number };

/** What this request's key got earlier (a charge id, or null for a decline), while remembered. */
function remembered(ctx: ProviderContext, { charge, nowMs }: Charge): string | null | undefined {
  const known =
    !ctx.honoursKeys || charge.idempotencyKey === null
      ? undefined
      : ctx.byKey[charge.idempotencyKey];
  return known && nowMs - known.atMs < ctx.keyRetentionMs ? known.chargeId : undefined;
}

/** Read only under 'a charge with this key exists'. */
function rememberedCharge(ctx: ProviderContext, event: Charge): string {
  const chargeId = remembered(ctx, event);
  if (typeof chargeId !== 'string') throw new Error('provider: no charge for a repeated key');
  return chargeId;
}

const decline = (replayed: boolean) => ({
  type: 'decline' as const,
  params: ({ event }: { event: Charge }): DeclineParams => ({
    intentId: event.charge.intentId,
    amount: event.charge.amount,
    replayed,
  }),
});

type Answering = { context: ProviderContext; event: Charge };

/**
 * The charge's answer: sent back to the caller, or — on a call the provider leaves hanging —
 * withheld, whatever the provider did with the charge: the caller hears nothing.
 */
const answer = (hanging: boolean, reply: (args: Answering) => ReplyParams['reply']) =>
  hanging
    ? { type: 'withhold' as const, params: ({ event }: Answering) => ({ to: event.charge.from }) }
    : {
        type: 'reply' as const,
        params: (args: Answering): ReplyParams => ({
          to: args.event.charge.from,
          reply: reply(args),
        }),
      };

const DECLINED = { type: 'DECLINED', reason: 'insufficient_funds' } as const;

const chargeIdAfter = (ctx: ProviderContext) => `ch_${ctx.charges.length + 1}`;

/** The charge just made, read right after 'move the money'. */
function lastChargeId(ctx: ProviderContext): string {
  const last = ctx.charges.at(-1);
  if (!last) throw new Error('provider: no charge was made');
  return last.id;
}

/**
 * What the provider does with a charge: give back the charge or decline its key remembers, decline
 * what the card cannot cover, or move the money. `hanging`: the same, but nobody hears the answer.
 */
function chargeTransitions(hanging: boolean) {
  return [
    {
      // Stripe's behaviour: the same key gets the first charge back, and no money moves.
      guard: { type: 'a charge with this key exists' as const, params: theEvent<Charge> },
      actions: [
        {
          type: 'dedup' as const,
          params: ({ context, event }: Answering) => ({
            chargeId: rememberedCharge(context, event),
          }),
        },
        answer(hanging, ({ context, event }) => ({
          type: 'CHARGED',
          chargeId: rememberedCharge(context, event),
        })),
      ],
    },
    {
      // The same key gets the same decline, even if the card could pay now.
      guard: { type: 'a decline with this key exists' as const, params: theEvent<Charge> },
      actions: [decline(true), answer(hanging, () => DECLINED)],
    },
    {
      guard: { type: 'the card cannot cover it' as const, params: theEvent<Charge> },
      actions: [
        { type: 'remember the decline' as const, params: theEvent<Charge> },
        decline(false),
        answer(hanging, () => DECLINED),
      ],
    },
    {
      actions: [
        { type: 'move the money' as const, params: theEvent<Charge> },
        answer(hanging, ({ context }) => ({ type: 'CHARGED', chargeId: lastChargeId(context) })),
      ],
    },
  ];
}

/** An outage starts, or changes its kind; its end brings the provider back. */
const OUTAGES = {
  OUTAGE: [{ guard: 'the outage hangs calls' as const, target: '.hanging' }, { target: '.down' }],
  OUTAGE_OVER: '.ready',
};

export const providerMachine = setup({
  types: {
    context: {} as ProviderContext,
    events: {} as ProviderEvent,
    input: {} as { customerBalance: number; honoursKeys: boolean; keyRetentionMs: number },
  },
  actions: {
    reply: EFFECTS.reply,
    withhold: EFFECTS.withhold,
    dedup: EFFECTS.dedup,
    decline: EFFECTS.decline,
    'move the money': assign(({ context }, { charge, nowMs }: Charge) => {
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
      customerBalance: ({ context }, { amount }: { amount: number }) =>
        context.customerBalance + amount,
    }),
    'remember the decline': assign({
      byKey: ({ context }, { charge, nowMs }: Charge) => {
        if (charge.idempotencyKey === null) return context.byKey;
        return { ...context.byKey, [charge.idempotencyKey]: { chargeId: null, atMs: nowMs } };
      },
    }),
  },
  guards: {
    'a charge with this key exists': ({ context }, event: Charge) =>
      typeof remembered(context, event) === 'string',
    'a decline with this key exists': ({ context }, event: Charge) =>
      remembered(context, event) === null,
    'the card cannot cover it': ({ context }, { charge }: Charge) =>
      context.customerBalance < charge.amount,
    'the outage hangs calls': ({ event }) => event.type === 'OUTAGE' && event.hang,
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
  on: { TOP_UP: { actions: { type: 'add the money', params: theEvent } }, ...OUTAGES },
  states: {
    ready: {
      on: { CHARGE: chargeTransitions(false) },
    },
    // An outage (500/503 at the provider): every charge is refused at once and no money moves.
    down: {
      on: {
        CHARGE: {
          actions: answer(false, () => ({ type: 'PROVIDER_ERROR', status: 503 })),
        },
      },
    },
    // Calls hang: the provider takes the charge, but its answer never reaches the caller, who
    // stops waiting at its read timeout not knowing whether the money moved.
    hanging: {
      on: { CHARGE: chargeTransitions(true) },
    },
  },
});
