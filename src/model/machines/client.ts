import { assign, setup } from 'xstate';
import {
  effect,
  type CancelTimerParams,
  type SettleParams,
  type StartTimerParams,
  type TransmitParams,
} from '../effects.ts';
import { IDEMPOTENCY_KEY, isSuccess, type HttpRequest } from '../http.ts';
import { makeIdempotencyKey } from '../keys.ts';
import { clientTag, SERVER, type ResponseMessage } from '../message.ts';
import type { ClientSettings, IntentSpec, KeyPolicy, RetryPolicy } from '../settings.ts';

/**
 * A client works through its intents one at a time. Each intent is one logical operation — one
 * payment — that may take several attempts: it sends, waits with a timeout, and on a timeout or a
 * retryable answer backs off and tries again while its retry budget lasts.
 */
export interface ClientInput {
  clientId: string;
  /** The client whose intents these are (itself, unless this is a double submit). */
  ownerId: string;
  settings: ClientSettings;
}

interface ClientContext {
  clientId: string;
  /** Whose intents these are: itself, or the client whose form this one submits again. */
  ownerId: string;
  intents: IntentSpec[];
  timeoutMs: number;
  retry: RetryPolicy;
  keyPolicy: KeyPolicy;
  /** Index of the intent being worked on. */
  intentIndex: number;
  /** Attempts sent so far for the current intent. */
  attempt: number;
}

export type ClientEvent =
  | { type: 'START' }
  | { type: 'RESPONSE'; message: ResponseMessage }
  | { type: 'TIMEOUT' }
  | { type: 'BACKOFF_ELAPSED' };

// Pure helpers: the protocol's arithmetic, kept out of the machine so it reads like the protocol.

export const intentIdOf = (clientId: string, index: number): string =>
  `${clientTag(clientId)}-p${index + 1}`;

const currentIntentId = (ctx: ClientContext) => intentIdOf(ctx.ownerId, ctx.intentIndex);

/** The key the policy gives this attempt: right (per intent) or one of the two classic bugs. */
function keyFor(ctx: ClientContext): string | null {
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
  const intent = ctx.intents[ctx.intentIndex]!;
  const key = keyFor(ctx);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key) headers[IDEMPOTENCY_KEY] = `"${key}"`;
  return { method: 'POST', path: '/payments', headers, body: { ...intent } };
}

/** Statuses worth another attempt: the server may succeed later, and the request is unchanged. */
export const RETRYABLE = new Set([409, 425, 429, 500, 502, 503, 504]);

/** Delay before the next attempt, after `attempt` attempts (AWS: min(cap, base · 2^n)). */
export function backoffDelayMs(retry: RetryPolicy, attempt: number): number {
  if (retry.kind === 'fixed') return retry.baseDelayMs;
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
}

const isCurrent = (ctx: ClientContext, message: ResponseMessage) =>
  message.intentId === currentIntentId(ctx) && message.attempt === ctx.attempt;

const budgetLeft = (ctx: ClientContext) =>
  ctx.retry.kind !== 'none' && ctx.attempt < ctx.retry.maxAttempts;

/** An answer that comes when the client is not waiting for one: it is recorded, not acted on. */
export const IGNORE_LATE = {
  actions: {
    type: 'ignore',
    params: ({ event }: { event: { type: string } }) => ({
      messageId: (event as Extract<ClientEvent, { type: 'RESPONSE' }>).message.id,
    }),
  },
} as const;

export const clientMachine = setup({
  types: {
    context: {} as ClientContext,
    events: {} as ClientEvent,
    input: {} as ClientInput,
  },
  actions: {
    transmit: effect<TransmitParams>(),
    startTimer: effect<StartTimerParams>(),
    cancelTimer: effect<CancelTimerParams>(),
    settle: effect<SettleParams>(),
    ignore: effect<{ messageId: number }>(),
    'count attempt': assign({ attempt: ({ context }) => context.attempt + 1 }),
    'move to next intent': assign({
      intentIndex: ({ context }) => context.intentIndex + 1,
      attempt: 0,
    }),
  },
  guards: {
    'response is for an earlier attempt': ({ context, event }) =>
      event.type === 'RESPONSE' && !isCurrent(context, event.message),
    'response is a success': ({ event }) =>
      event.type === 'RESPONSE' && isSuccess(event.message.response.status),
    'response is retryable': ({ event }) =>
      event.type === 'RESPONSE' && RETRYABLE.has(event.message.response.status),
    'retry budget left': ({ context }) => budgetLeft(context),
    'more intents to do': ({ context }) => context.intentIndex + 1 < context.intents.length,
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
    intentIndex: 0,
    attempt: 0,
  }),
  initial: 'idle',
  states: {
    idle: {
      on: { START: 'sending' },
    },
    // Transient: every attempt passes through here, so the attempt count and the request agree.
    sending: {
      entry: [
        'count attempt',
        {
          type: 'transmit',
          params: ({ context }) => ({
            message: {
              kind: 'request',
              from: context.clientId,
              to: SERVER,
              intentId: currentIntentId(context),
              attempt: context.attempt,
              request: buildRequest(context),
            },
          }),
        },
        {
          type: 'startTimer',
          params: ({ context }) => ({ name: 'timeout', delayMs: context.timeoutMs }),
        },
      ],
      always: 'waiting',
    },
    waiting: {
      on: {
        RESPONSE: [
          // A late answer to an earlier attempt: its connection was given up, so it is ignored.
          {
            guard: 'response is for an earlier attempt',
            actions: {
              type: 'ignore',
              params: ({ event }) => ({
                messageId: (event as Extract<ClientEvent, { type: 'RESPONSE' }>).message.id,
              }),
            },
          },
          {
            guard: 'response is a success',
            target: 'settled',
            actions: [
              { type: 'cancelTimer', params: { name: 'timeout' } },
              {
                type: 'settle',
                params: ({ context, event }) => settled(context, 'succeeded', event),
              },
            ],
          },
          {
            guard: 'response is retryable',
            target: 'deciding',
            actions: { type: 'cancelTimer', params: { name: 'timeout' } },
          },
          {
            target: 'settled',
            actions: [
              { type: 'cancelTimer', params: { name: 'timeout' } },
              { type: 'settle', params: ({ context, event }) => settled(context, 'failed', event) },
            ],
          },
        ],
        TIMEOUT: 'deciding',
      },
    },
    // Another attempt while the budget lasts; after that the outcome is unknown to the client.
    deciding: {
      always: [
        { guard: 'retry budget left', target: 'backingOff' },
        {
          target: 'settled',
          actions: {
            type: 'settle',
            params: ({ context, event }) => settled(context, 'unknown', event),
          },
        },
      ],
    },
    backingOff: {
      entry: {
        type: 'startTimer',
        params: ({ context }) => ({
          name: 'backoff',
          delayMs: backoffDelayMs(context.retry, context.attempt),
          ...(context.retry.kind === 'exponential-jitter' ? { jitter: true } : {}),
        }),
      },
      // The attempt was given up when its timer fired: an answer to it now comes too late.
      on: { BACKOFF_ELAPSED: 'sending', RESPONSE: IGNORE_LATE },
    },
    settled: {
      always: [
        { guard: 'more intents to do', target: 'sending', actions: 'move to next intent' },
        { target: 'done' },
      ],
    },
    // Every intent settled. The client stays listening only to ignore late answers.
    done: {
      on: { RESPONSE: IGNORE_LATE },
    },
  },
});

function settled(
  ctx: ClientContext,
  outcome: SettleParams['outcome'],
  event: ClientEvent,
): SettleParams {
  return {
    intentId: currentIntentId(ctx),
    outcome,
    status: event.type === 'RESPONSE' ? event.message.response.status : null,
  };
}
