import {
  EFFECTS,
  type SettleParams,
  type StartTimerParams,
  type TransmitParams,
} from '../effects.ts';
import type { HttpRequest } from '../http.ts';
import { theEvent } from './params.ts';
import { SERVER, type ResponseMessage } from '../message.ts';
import type { RetryPolicy } from '../settings.ts';

/**
 * The retry loop both clients share: send an attempt and start its timeout, wait for an answer,
 * decide on a retryable answer or a timeout whether the budget allows another attempt, back off,
 * and settle the intent before moving to the next one. Each client spreads these guards, effects
 * and states into its own machine and keeps only the states that are its own; the states here
 * name two actions each client defines for its own context: 'count attempt' and
 * 'move to next intent'. Everything stays flat, as the fast stepper (stepper.ts) requires.
 */

/** The events every client of the loop handles. */
export type LoopEvent =
  | { type: 'START' }
  | { type: 'RESPONSE'; message: ResponseMessage }
  | { type: 'TIMEOUT' }
  | { type: 'BACKOFF_ELAPSED' };

/** A RESPONSE event's data, as the params of the guards and actions that read the answer. */
export interface Answer {
  message: ResponseMessage;
}

/** Any event of a client: only an answer carries a message. */
type AnyEvent = { type: string; message?: ResponseMessage };

/** What the loop reads from a client's context. */
export interface LoopContext {
  clientId: string;
  intents: readonly unknown[];
  timeoutMs: number;
  retry: RetryPolicy;
  /** Index of the intent being worked on. */
  intentIndex: number;
  /**
   * Messages sent for the current intent so far. Each carries its number, so that an answer to an
   * earlier one is known as late.
   */
  attempt: number;
}

/** What a client tells the loop about its own context. */
export interface LoopSpec<C extends LoopContext> {
  /** The id of the intent being worked on, as messages and settlements carry it. */
  intentId(ctx: C): string;
  /** Attempts of the request being retried: the retry budget and the backoff count these. */
  tries(ctx: C): number;
  /** The request this attempt sends. */
  request(ctx: C): HttpRequest;
  /** For a write computed from a read: the ETag of the state read (see `Provenance.basedOn`). */
  basedOn?(ctx: C): string | null;
}

/** The intent being worked on; the loop never runs past the last one. */
export function currentIntent<I>(ctx: { intents: readonly I[]; intentIndex: number }): I {
  const intent = ctx.intents[ctx.intentIndex];
  if (intent === undefined) {
    throw new Error(`client: no intent ${ctx.intentIndex + 1} of ${ctx.intents.length}`);
  }
  return intent;
}

/** Statuses worth another attempt: the server may succeed later, and the request is unchanged. */
export const RETRYABLE = new Set([409, 425, 429, 500, 502, 503, 504]);

/** Delay before the next attempt, after `attempt` attempts (AWS: min(cap, base · 2^n)). */
export function backoffDelayMs(retry: RetryPolicy, attempt: number): number {
  if (retry.kind === 'fixed') return retry.baseDelayMs;
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
}

/** The effects of the loop, for a client's `setup({ actions })`. */
export const LOOP_EFFECTS = {
  transmit: EFFECTS.transmit,
  startTimer: EFFECTS.startTimer,
  cancelTimer: EFFECTS.cancelTimer,
  settle: EFFECTS.settle,
  ignore: EFFECTS.ignore,
};

/** An answer that comes when the client is not waiting for one: it is recorded, not acted on. */
export const IGNORE_LATE = {
  actions: {
    type: 'ignore',
    params: ({ event }: { event: Answer }) => ({ messageId: event.message.id }),
  },
} as const;

/** The attempt's answer came: its timeout no longer matters. */
export const STOP_WAITING = { type: 'cancelTimer', params: { name: 'timeout' } } as const;

/** The `settle` effect's action: the intent ends with this outcome and the answer's status. */
function settleEffect<C extends LoopContext>(spec: LoopSpec<C>) {
  return (outcome: SettleParams['outcome'], alreadyApplied = false) =>
    ({
      type: 'settle',
      params: ({ context, event }: { context: C; event: AnyEvent }): SettleParams => ({
        intentId: spec.intentId(context),
        outcome,
        status: event.message ? event.message.response.status : null,
        ...(alreadyApplied ? { alreadyApplied } : {}),
      }),
    }) as const;
}
type Settle<C extends LoopContext> = ReturnType<typeof settleEffect<C>>;

function loopGuards<C extends LoopContext>(spec: LoopSpec<C>) {
  return {
    'response is for an earlier attempt': ({ context }: { context: C }, { message }: Answer) =>
      message.intentId !== spec.intentId(context) || message.attempt !== context.attempt,
    'response is retryable': (_: unknown, { message }: Answer) =>
      RETRYABLE.has(message.response.status),
    'retry budget left': ({ context }: { context: C }) =>
      context.retry.kind !== 'none' && spec.tries(context) < context.retry.maxAttempts,
    'more intents to do': ({ context }: { context: C }) =>
      context.intentIndex + 1 < context.intents.length,
  };
}

/** The waiting state's first answer to a RESPONSE, its last two, and how its own ones settle. */
function waitingTransitions<C extends LoopContext>(settle: Settle<C>) {
  return {
    // A late answer to an earlier attempt: its connection was given up, so it is ignored.
    ignoreEarlierAttempt: {
      guard: { type: 'response is for an earlier attempt', params: theEvent },
      ...IGNORE_LATE,
    },
    retryIfRetryable: {
      guard: { type: 'response is retryable', params: theEvent },
      target: 'deciding',
      actions: STOP_WAITING,
    },
    failOtherwise: { target: 'settled', actions: [STOP_WAITING, settle('failed')] },
    /** What an answer that ends the intent does: stop waiting, and settle with this outcome. */
    settle: (outcome: SettleParams['outcome'], { alreadyApplied = false } = {}) =>
      ({ target: 'settled', actions: [STOP_WAITING, settle(outcome, alreadyApplied)] }) as const,
  } as const;
}

/** The states before `waiting`: idle, and sending an attempt. */
function startStates<C extends LoopContext>(spec: LoopSpec<C>) {
  function transmit({ context }: { context: C }): TransmitParams {
    const basedOn = spec.basedOn?.(context) ?? null;
    return {
      message: {
        kind: 'request',
        from: context.clientId,
        to: SERVER,
        intentId: spec.intentId(context),
        attempt: context.attempt,
        ...(basedOn === null ? {} : { basedOn }),
        request: spec.request(context),
      },
    };
  }
  return {
    idle: {
      on: { START: 'sending' },
    },
    // Transient: every attempt passes through here, so the attempt count and the request agree.
    sending: {
      entry: [
        'count attempt',
        { type: 'transmit', params: transmit },
        {
          type: 'startTimer',
          params: ({ context }: { context: C }): StartTimerParams => ({
            name: 'timeout',
            delayMs: context.timeoutMs,
          }),
        },
      ],
      always: 'waiting',
    },
  } as const;
}

/** The states after a client's own: deciding on another attempt, backing off, settling. */
function endStates<C extends LoopContext>(spec: LoopSpec<C>, settle: Settle<C>) {
  return {
    // Another attempt while the budget lasts; after that the outcome is unknown to the client.
    deciding: {
      always: [
        { guard: 'retry budget left', target: 'backingOff' },
        { target: 'settled', actions: settle('unknown') },
      ],
    },
    backingOff: {
      entry: {
        type: 'startTimer',
        params: ({ context }: { context: C }): StartTimerParams => ({
          name: 'backoff',
          delayMs: backoffDelayMs(context.retry, spec.tries(context)),
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
  } as const;
}

/**
 * The loop for one client's context. A machine spreads `guards` into its setup, `start` and `end`
 * around its own states, and puts `transitions` around its own answers in `waiting`.
 */
export function retryLoop<C extends LoopContext>(spec: LoopSpec<C>) {
  const settle = settleEffect(spec);
  return {
    guards: loopGuards(spec),
    transitions: waitingTransitions(settle),
    start: startStates(spec),
    end: endStates(spec, settle),
  };
}
