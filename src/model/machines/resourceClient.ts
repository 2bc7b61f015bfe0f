import { assign, setup } from 'xstate';
import {
  effect,
  type CancelTimerParams,
  type SettleParams,
  type StartTimerParams,
  type TransmitParams,
} from '../effects.ts';
import { ETAG, isSuccess, type HttpRequest } from '../http.ts';
import { clientTag, SERVER, type ResponseMessage } from '../message.ts';
import {
  applyPatch,
  requestToWire,
  sameFields,
  type Fields,
  type ResourceRequest,
} from '../resources.ts';
import type { ResourceClientSettings, ResourceIntent, RetryPolicy } from '../settings.ts';
import { backoffDelayMs, IGNORE_LATE, RETRYABLE } from './client.ts';

/**
 * A client of the resource server works through its intents one at a time, like the payment
 * client: send, wait with a timeout, back off and retry the very same request while the budget
 * lasts. An `update` intent is two requests — a read, then a write computed from it — and a
 * conditional update that meets 412 reads again: if its change is already there, the 412 meant
 * "done"; otherwise it merges its change into the fresh state and writes again.
 */
export interface ResourceClientInput {
  clientId: string;
  settings: ResourceClientSettings;
}

/** What the last read showed: the state a write is computed from. */
interface Seen {
  etag: string;
  body: Fields;
}

interface ResourceClientContext {
  clientId: string;
  intents: ResourceIntent[];
  timeoutMs: number;
  retry: RetryPolicy;
  intentIndex: number;
  /**
   * Messages sent for this intent so far, reads and writes together, so that a late answer to the
   * read can never pass for the answer to the write.
   */
  attempt: number;
  /** Attempts of the current request: the retry budget and the backoff count these. */
  tries: number;
  /** For an update: null while reading, the state read once it is writing. */
  seen: Seen | null;
  /** Fresh reads after a 412, bounded so two writers cannot loop for ever. */
  rereads: number;
  /**
   * The 412 answered a retried write: the first attempt may have succeeded with its answer lost,
   * so the 412 may mean "already done". The next read must tell which, if it can.
   */
  unsure: boolean;
}

export type ResourceClientEvent =
  | { type: 'START' }
  | { type: 'RESPONSE'; message: ResponseMessage }
  | { type: 'TIMEOUT' }
  | { type: 'BACKOFF_ELAPSED' }
  | { type: 'THINK_ELAPSED' };

type ResponseEvent = Extract<ResourceClientEvent, { type: 'RESPONSE' }>;

/** After this many 412s an update gives up and reports the conflict. */
export const MAX_REREADS = 3;

// --- pure helpers -------------------------------------------------------------------------------

export const resourceIntentIdOf = (clientId: string, index: number): string =>
  `${clientTag(clientId)}-r${index + 1}`;

const intentOf = (ctx: ResourceClientContext) => ctx.intents[ctx.intentIndex]!;
const currentIntentId = (ctx: ResourceClientContext) =>
  resourceIntentIdOf(ctx.clientId, ctx.intentIndex);

/** The request this attempt sends: the intent's own, or the read or write step of an update. */
function requestOf(ctx: ResourceClientContext): ResourceRequest {
  const intent = intentOf(ctx);
  if (intent.kind === 'request') {
    const { kind: _kind, ...request } = intent;
    return request;
  }
  if (ctx.seen === null) return { method: 'GET', path: intent.path };
  return {
    method: 'PUT',
    path: intent.path,
    body: applyPatch(ctx.seen.body, intent.change),
    ...(intent.conditional ? { ifMatch: ctx.seen.etag } : {}),
  };
}

function transmitParams(ctx: ResourceClientContext): TransmitParams {
  const request: HttpRequest = requestToWire(requestOf(ctx));
  return {
    message: {
      kind: 'request',
      from: ctx.clientId,
      to: SERVER,
      intentId: currentIntentId(ctx),
      attempt: ctx.attempt,
      ...(ctx.seen ? { basedOn: ctx.seen.etag } : {}),
      request,
    },
  };
}

const isUpdate = (ctx: ResourceClientContext) => intentOf(ctx).kind === 'update';
const reading = (ctx: ResourceClientContext) => isUpdate(ctx) && ctx.seen === null;
const statusOf = (event: ResourceClientEvent) => (event as ResponseEvent).message.response.status;

/** What a read returned. */
function seenFrom(event: ResourceClientEvent): Seen {
  const { response } = (event as ResponseEvent).message;
  return { etag: response.headers[ETAG] ?? '', body: response.body };
}

/** After an unsure 412, the fresh read shows the change made: the lost answer was a success. */
function changeAlreadyThere(ctx: ResourceClientContext, event: ResourceClientEvent): boolean {
  const intent = intentOf(ctx);
  if (intent.kind !== 'update' || !ctx.unsure) return false;
  const { body } = seenFrom(event);
  return sameFields(applyPatch(body, intent.change), body);
}

/**
 * After an unsure 412, a relative change ("add 10") cannot be seen in the state: the balance says
 * nothing of who added what. Writing again could add twice, so the honest answer is "unknown".
 */
function cannotTell(ctx: ResourceClientContext): boolean {
  const intent = intentOf(ctx);
  return intent.kind === 'update' && ctx.unsure && intent.change.op === 'add';
}

/**
 * Answers that end an intent well. Besides 2xx: 304 (a conditional read found its copy current),
 * and 404 to a DELETE — the resource is gone, which is what was asked, even if an earlier attempt
 * is what removed it.
 */
function isDone(ctx: ResourceClientContext, event: ResourceClientEvent): boolean {
  const status = statusOf(event);
  const intent = intentOf(ctx);
  return (
    isSuccess(status) ||
    status === 304 ||
    (status === 404 && intent.kind === 'request' && intent.method === 'DELETE')
  );
}

function settled(
  ctx: ResourceClientContext,
  outcome: SettleParams['outcome'],
  event: ResourceClientEvent,
  alreadyApplied = false,
): SettleParams {
  return {
    intentId: currentIntentId(ctx),
    outcome,
    status: event.type === 'RESPONSE' ? event.message.response.status : null,
    ...(alreadyApplied ? { alreadyApplied } : {}),
  };
}

const settleAs =
  (outcome: SettleParams['outcome'], alreadyApplied = false) =>
  ({ context, event }: { context: ResourceClientContext; event: ResourceClientEvent }) =>
    settled(context, outcome, event, alreadyApplied);

const stopWaiting = { type: 'cancelTimer', params: { name: 'timeout' } } as const;

export const resourceClientMachine = setup({
  types: {
    context: {} as ResourceClientContext,
    events: {} as ResourceClientEvent,
    input: {} as ResourceClientInput,
  },
  actions: {
    transmit: effect<TransmitParams>(),
    startTimer: effect<StartTimerParams>(),
    cancelTimer: effect<CancelTimerParams>(),
    settle: effect<SettleParams>(),
    ignore: effect<{ messageId: number }>(),
    'count attempt': assign({
      attempt: ({ context }) => context.attempt + 1,
      tries: ({ context }) => context.tries + 1,
    }),
    'remember what was read': assign({ seen: ({ event }) => seenFrom(event), tries: 0 }),
    'read again': assign({
      seen: null,
      tries: 0,
      rereads: ({ context }) => context.rereads + 1,
      unsure: ({ context }) => context.tries > 1,
    }),
    'move to next intent': assign({
      intentIndex: ({ context }) => context.intentIndex + 1,
      attempt: 0,
      tries: 0,
      seen: null,
      rereads: 0,
      unsure: false,
    }),
  },
  guards: {
    'response is for an earlier attempt': ({ context, event }) =>
      event.type === 'RESPONSE' &&
      (event.message.intentId !== currentIntentId(context) ||
        event.message.attempt !== context.attempt),
    'the read shows the change already made': ({ context, event }) =>
      reading(context) && statusOf(event) === 200 && changeAlreadyThere(context, event),
    'the read cannot tell whether the change was made': ({ context, event }) =>
      reading(context) && statusOf(event) === 200 && cannotTell(context),
    'the read succeeded': ({ context, event }) => reading(context) && statusOf(event) === 200,
    'the write met a newer version': ({ context, event }) =>
      isUpdate(context) &&
      context.seen !== null &&
      statusOf(event) === 412 &&
      context.rereads < MAX_REREADS,
    'the intent is done': ({ context, event }) => isDone(context, event),
    'response is retryable': ({ event }) => RETRYABLE.has(statusOf(event)),
    'retry budget left': ({ context }) =>
      context.retry.kind !== 'none' && context.tries < context.retry.maxAttempts,
    'more intents to do': ({ context }) => context.intentIndex + 1 < context.intents.length,
  },
}).createMachine({
  id: 'resourceClient',
  context: ({ input }) => ({
    clientId: input.clientId,
    intents: input.settings.intents,
    timeoutMs: input.settings.timeoutMs,
    retry: input.settings.retry,
    intentIndex: 0,
    attempt: 0,
    tries: 0,
    seen: null,
    rereads: 0,
    unsure: false,
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
        { type: 'transmit', params: ({ context }) => transmitParams(context) },
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
          { guard: 'response is for an earlier attempt', ...IGNORE_LATE },
          {
            guard: 'the read shows the change already made',
            target: 'settled',
            actions: [stopWaiting, { type: 'settle', params: settleAs('succeeded', true) }],
          },
          {
            guard: 'the read cannot tell whether the change was made',
            target: 'settled',
            actions: [stopWaiting, { type: 'settle', params: settleAs('unknown') }],
          },
          {
            guard: 'the read succeeded',
            target: 'thinking',
            actions: [stopWaiting, 'remember what was read'],
          },
          {
            guard: 'the write met a newer version',
            target: 'sending',
            actions: [stopWaiting, 'read again'],
          },
          {
            guard: 'the intent is done',
            target: 'settled',
            actions: [stopWaiting, { type: 'settle', params: settleAs('succeeded') }],
          },
          { guard: 'response is retryable', target: 'deciding', actions: stopWaiting },
          {
            target: 'settled',
            actions: [stopWaiting, { type: 'settle', params: settleAs('failed') }],
          },
        ],
        TIMEOUT: 'deciding',
      },
    },
    // A person edits what they read before saving it: the window in which updates collide.
    thinking: {
      entry: {
        type: 'startTimer',
        params: ({ context }) => {
          const intent = intentOf(context);
          return { name: 'think', delayMs: intent.kind === 'update' ? intent.thinkMs : 0 };
        },
      },
      on: { THINK_ELAPSED: 'sending', RESPONSE: IGNORE_LATE },
    },
    deciding: {
      always: [
        { guard: 'retry budget left', target: 'backingOff' },
        { target: 'settled', actions: { type: 'settle', params: settleAs('unknown') } },
      ],
    },
    backingOff: {
      entry: {
        type: 'startTimer',
        params: ({ context }) => ({
          name: 'backoff',
          delayMs: backoffDelayMs(context.retry, context.tries),
          ...(context.retry.kind === 'exponential-jitter' ? { jitter: true } : {}),
        }),
      },
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
