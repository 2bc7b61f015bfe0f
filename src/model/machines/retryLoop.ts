import {
  EFFECTS,
  type SettleParams,
  type StartTimerParams,
  type TakeRetryTokenParams,
  type TransmitParams,
} from '../effects.ts';
import { retryAfterMs, type HttpRequest } from '../http.ts';
import { theEvent } from './params.ts';
import { SERVER, type ResponseMessage } from '../message.ts';
import type { RetryPolicy } from '../settings.ts';

/**
 * The retry loop both clients share: send an attempt and start its timeout, wait for an answer,
 * decide on a retryable answer or a timeout whether the budget allows another attempt, back off,
 * and settle the intent before moving to the next one. Each client spreads these guards, effects
 * and states into its own machine and keeps only the states that are its own; the states here
 * name three actions each client defines for its own context: 'count attempt',
 * 'move to next intent' and 'remember the sleep' (the drawn sleep decorrelated jitter builds on). Everything stays flat, as the fast stepper (stepper.ts) requires.
 */

/** The events every client of the loop handles. */
export type LoopEvent =
  | { type: 'START' }
  | { type: 'RESPONSE'; message: ResponseMessage }
  | { type: 'TIMEOUT' }
  /** The backoff is over; `sleptMs` is what its jitter drew (decorrelated jitter builds on it). */
  | { type: 'BACKOFF_ELAPSED'; sleptMs?: number }
  /** The shared retry budget had too few tokens for this retry: give up now. */
  | { type: 'RETRY_REFUSED' };

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
  /** The last backoff's drawn sleep, for decorrelated jitter; none before the first. */
  lastSleepMs?: number | undefined;
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

/**
 * The backoff timer after `attempt` attempts, as AWS's "Exponential Backoff And Jitter" writes
 * it: the range the kernel draws the sleep from, for the jittered kinds, and the Retry-After the
 * last answer asked for as its floor. `lastSleepMs` is the previous drawn sleep (decorrelated).
 */
export function backoffTimer(
  retry: RetryPolicy,
  attempt: number,
  lastSleepMs: number | undefined,
  atLeastMs: number,
): StartTimerParams {
  const floor = atLeastMs > 0 ? { atLeastMs } : {};
  const exp = backoffDelayMs(retry, attempt);
  switch (retry.kind) {
    case 'exponential-jitter':
      return { name: 'backoff', delayMs: exp, jitter: { fromMs: 0 }, ...floor };
    case 'equal-jitter':
      return {
        name: 'backoff',
        delayMs: exp,
        jitter: { fromMs: exp - Math.floor(exp / 2) },
        ...floor,
      };
    case 'decorrelated-jitter': {
      const previous = attempt > 1 && lastSleepMs !== undefined ? lastSleepMs : retry.baseDelayMs;
      const jitter = { fromMs: retry.baseDelayMs, capMs: retry.maxDelayMs };
      return {
        name: 'backoff',
        delayMs: Math.max(previous * 3, retry.baseDelayMs),
        jitter,
        ...floor,
      };
    }
    default:
      return { name: 'backoff', delayMs: exp, ...floor };
  }
}

/** The effects of the loop, for a client's `setup({ actions })`. */
export const LOOP_EFFECTS = {
  transmit: EFFECTS.transmit,
  startTimer: EFFECTS.startTimer,
  cancelTimer: EFFECTS.cancelTimer,
  settle: EFFECTS.settle,
  ignore: EFFECTS.ignore,
  takeRetryToken: EFFECTS.takeRetryToken,
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
    // The retry draws on the shared retry budget, if there is one (the world refuses it when the
    // bucket is too low), and waits at least as long as the last answer's Retry-After asked.
    backingOff: {
      entry: [
        {
          type: 'takeRetryToken',
          params: ({ context, event }: { context: C; event: AnyEvent }): TakeRetryTokenParams => ({
            intentId: spec.intentId(context),
            afterTimeout: event.type === 'TIMEOUT',
          }),
        },
        {
          type: 'startTimer',
          params: ({ context, event }: { context: C; event: AnyEvent }): StartTimerParams =>
            backoffTimer(
              context.retry,
              spec.tries(context),
              context.lastSleepMs,
              event.message ? retryAfterMs(event.message.response) : 0,
            ),
        },
      ],
      // The attempt was given up when its timer fired: an answer to it now comes too late.
      on: {
        BACKOFF_ELAPSED: {
          target: 'sending',
          actions: {
            type: 'remember the sleep',
            params: ({ event }: { event: { sleptMs?: number } }) => event,
          },
        },
        RESPONSE: IGNORE_LATE,
        RETRY_REFUSED: {
          target: 'settled',
          actions: [{ type: 'cancelTimer', params: { name: 'backoff' } }, settle('unknown')],
        },
      },
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
