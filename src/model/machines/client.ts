import { assign, setup } from 'xstate';
import { IDEMPOTENCY_KEY, isSuccess, type HttpRequest } from '../http.ts';
import { AUTHORIZATION, authorizationOf } from '../auth.ts';
import { makeIdempotencyKey } from '../keys.ts';
import { clientIdOf, clientTag } from '../message.ts';
import type { ClientSettings, IntentSpec, KeyPolicy } from '../settings.ts';
import {
  currentIntent,
  LOOP_EFFECTS,
  retryLoop,
  type Answer,
  type LoopContext,
  type LoopEvent,
} from './retryLoop.ts';
import { theEvent } from './params.ts';

/**
 * A client works through its intents one at a time. Each intent is one logical operation — one
 * payment — that may take several attempts: it sends, waits with a timeout, and on a timeout or a
 * retryable answer backs off and tries again while its retry budget lasts (the loop is in
 * retryLoop.ts). What is its own is the key each attempt carries.
 */
export interface ClientInput {
  clientId: string;
  /** The client whose intents these are (itself, unless this is a double submit). */
  ownerId: string;
  settings: ClientSettings;
}

interface ClientContext extends LoopContext {
  /** Whose intents these are: itself, or the client whose form this one submits again. */
  ownerId: string;
  intents: IntentSpec[];
  keyPolicy: KeyPolicy;
  /** The client whose first key this one sends instead of its own (copied, or guessed), if any. */
  keyOf: string | null;
  /** Attempts sent so far for the current intent: the retry budget counts these. */
  attempt: number;
}

export type ClientEvent = LoopEvent;

// Pure helpers: the protocol's arithmetic, kept out of the machine so it reads like the protocol.

export const intentIdOf = (clientId: string, index: number): string =>
  `${clientTag(clientId)}-p${index + 1}`;

const currentIntentId = (ctx: ClientContext) => intentIdOf(ctx.ownerId, ctx.intentIndex);

/** The key the policy gives this attempt: right (per intent) or one of the two classic bugs. */
function keyFor(ctx: ClientContext): string | null {
  if (ctx.keyOf !== null) return makeIdempotencyKey(ctx.keyOf, 0);
  switch (ctx.keyPolicy) {
    case 'none':
      return null;
    case 'per-intent':
      return makeIdempotencyKey(ctx.ownerId, ctx.intentIndex);
    case 'per-attempt':
      return makeIdempotencyKey(ctx.clientId, ctx.intentIndex, ctx.attempt);
    case 'reused':
      return makeIdempotencyKey(ctx.ownerId);
  }
}

function buildRequest(ctx: ClientContext): HttpRequest {
  const intent = currentIntent(ctx);
  const key = keyFor(ctx);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    // A double submit is the same person's second click: it is made with the owner's credentials.
    [AUTHORIZATION]: authorizationOf(ctx.ownerId),
  };
  if (key) headers[IDEMPOTENCY_KEY] = `"${key}"`;
  return { method: 'POST', path: '/payments', headers, body: { ...intent } };
}

const loop = retryLoop<ClientContext>({
  intentId: currentIntentId,
  tries: (ctx) => ctx.attempt,
  request: buildRequest,
});

export const clientMachine = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as ClientInput,
  },
  actions: {
    ...LOOP_EFFECTS,
    'remember the sleep': assign({
      lastSleepMs: (_, { sleptMs }: { sleptMs?: number }) => sleptMs,
    }),
    'count attempt': assign({ attempt: ({ context }) => context.attempt + 1 }),
    'move to next intent': assign({
      intentIndex: ({ context }) => context.intentIndex + 1,
      attempt: 0,
    }),
  },
  guards: {
    ...loop.guards,
    'response is a success': (_, { message }: Answer) => isSuccess(message.response.status),
  },
}).createMachine({
  id: 'client',
  context: ({ input }) => ({
    clientId: input.clientId,
    ownerId: input.ownerId,
    intents: input.settings.intents,
    timeoutMs: input.settings.timeoutMs,
    retry: input.settings.retry,
    keyPolicy: input.settings.keyPolicy,
    keyOf: input.settings.sendsKeyOf === undefined ? null : clientIdOf(input.settings.sendsKeyOf),
    intentIndex: 0,
    attempt: 0,
  }),
  initial: 'idle',
  states: {
    ...loop.start,
    waiting: {
      on: {
        RESPONSE: [
          loop.transitions.ignoreEarlierAttempt,
          {
            guard: { type: 'response is a success', params: theEvent },
            ...loop.transitions.settle('succeeded'),
          },
          loop.transitions.retryIfRetryable,
          loop.transitions.failOtherwise,
        ],
        TIMEOUT: 'deciding',
      },
    },
    ...loop.end,
  },
});
