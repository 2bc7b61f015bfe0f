import { assign, setup } from 'xstate';
import type { StartTimerParams } from '../effects.ts';
import { ETAG, isSuccess } from '../http.ts';
import { clientTag, type ResponseMessage } from '../message.ts';
import {
  applyPatch,
  requestToWire,
  sameFields,
  type Fields,
  type ResourceRequest,
} from '../resources.ts';
import type { ResourceClientSettings, ResourceIntent } from '../settings.ts';
import {
  currentIntent,
  IGNORE_LATE,
  LOOP_EFFECTS,
  retryLoop,
  STOP_WAITING,
  type Answer,
  type LoopContext,
  type LoopEvent,
} from './retryLoop.ts';
import { theEvent } from './params.ts';

/**
 * A client of the resource server works through its intents one at a time, like the payment
 * client: send, wait with a timeout, back off and retry the very same request while the budget
 * lasts (the loop both share is in retryLoop.ts). An `update` intent is two requests — a read, then a write computed from it — and a
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

interface ResourceClientContext extends LoopContext {
  intents: ResourceIntent[];
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

export type ResourceClientEvent = LoopEvent | { type: 'THINK_ELAPSED' };

/** After this many 412s an update gives up and reports the conflict. */
export const MAX_REREADS = 3;

// --- pure helpers -------------------------------------------------------------------------------

export const resourceIntentIdOf = (clientId: string, index: number): string =>
  `${clientTag(clientId)}-r${index + 1}`;

const currentIntentId = (ctx: ResourceClientContext) =>
  resourceIntentIdOf(ctx.clientId, ctx.intentIndex);

/** The request this attempt sends: the intent's own, or the read or write step of an update. */
function requestOf(ctx: ResourceClientContext): ResourceRequest {
  const intent = currentIntent(ctx);
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

const isUpdate = (ctx: ResourceClientContext) => currentIntent(ctx).kind === 'update';
const reading = (ctx: ResourceClientContext) => isUpdate(ctx) && ctx.seen === null;

/** What a read returned. */
function seenFrom({ response }: ResponseMessage): Seen {
  return { etag: response.headers[ETAG] ?? '', body: response.body };
}

/** After an unsure 412, the fresh read shows the change made: the lost answer was a success. */
function changeAlreadyThere(ctx: ResourceClientContext, message: ResponseMessage): boolean {
  const intent = currentIntent(ctx);
  if (intent.kind !== 'update' || !ctx.unsure) return false;
  const { body } = seenFrom(message);
  return sameFields(applyPatch(body, intent.change), body);
}

/**
 * After an unsure 412, a relative change ("add 10") cannot be seen in the state: the balance says
 * nothing of who added what. Writing again could add twice, so the honest answer is "unknown".
 */
function cannotTell(ctx: ResourceClientContext): boolean {
  const intent = currentIntent(ctx);
  return intent.kind === 'update' && ctx.unsure && intent.change.op === 'add';
}

/**
 * Answers that end an intent well. Besides 2xx: 304 (a conditional read found its copy current),
 * and 404 to a DELETE — the resource is gone, which is what was asked, even if an earlier attempt
 * is what removed it.
 */
function isDone(ctx: ResourceClientContext, message: ResponseMessage): boolean {
  const { status } = message.response;
  const intent = currentIntent(ctx);
  return (
    isSuccess(status) ||
    status === 304 ||
    (status === 404 && intent.kind === 'request' && intent.method === 'DELETE')
  );
}

const loop = retryLoop<ResourceClientContext>({
  intentId: currentIntentId,
  tries: (ctx) => ctx.tries,
  request: (ctx) => requestToWire(requestOf(ctx)),
  basedOn: (ctx) => (ctx.seen ? ctx.seen.etag : null),
});

export const resourceClientMachine = setup({
  types: {
    context: {} as ResourceClientContext,
    events: {} as ResourceClientEvent,
    input: {} as ResourceClientInput,
  },
  actions: {
    ...LOOP_EFFECTS,
    'remember the sleep': assign({
      lastSleepMs: (_, { sleptMs }: { sleptMs?: number }) => sleptMs,
    }),
    'count attempt': assign({
      attempt: ({ context }) => context.attempt + 1,
      tries: ({ context }) => context.tries + 1,
    }),
    'remember what was read': assign({
      seen: (_, { message }: Answer) => seenFrom(message),
      tries: 0,
    }),
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
    ...loop.guards,
    'the read shows the change already made': ({ context }, { message }: Answer) =>
      reading(context) && message.response.status === 200 && changeAlreadyThere(context, message),
    'the read cannot tell whether the change was made': ({ context }, { message }: Answer) =>
      reading(context) && message.response.status === 200 && cannotTell(context),
    'the read succeeded': ({ context }, { message }: Answer) =>
      reading(context) && message.response.status === 200,
    'the write met a newer version': ({ context }, { message }: Answer) =>
      isUpdate(context) &&
      context.seen !== null &&
      message.response.status === 412 &&
      context.rereads < MAX_REREADS,
    'the intent is done': ({ context }, { message }: Answer) => isDone(context, message),
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
    ...loop.start,
    waiting: {
      on: {
        RESPONSE: [
          loop.transitions.ignoreEarlierAttempt,
          {
            guard: { type: 'the read shows the change already made', params: theEvent },
            ...loop.transitions.settle('succeeded', { alreadyApplied: true }),
          },
          {
            guard: { type: 'the read cannot tell whether the change was made', params: theEvent },
            ...loop.transitions.settle('unknown'),
          },
          {
            guard: { type: 'the read succeeded', params: theEvent },
            target: 'thinking',
            actions: [STOP_WAITING, { type: 'remember what was read', params: theEvent }],
          },
          {
            guard: { type: 'the write met a newer version', params: theEvent },
            target: 'sending',
            actions: [STOP_WAITING, 'read again'],
          },
          {
            guard: { type: 'the intent is done', params: theEvent },
            ...loop.transitions.settle('succeeded'),
          },
          loop.transitions.retryIfRetryable,
          loop.transitions.failOtherwise,
        ],
        TIMEOUT: 'deciding',
      },
    },
    // A person edits what they read before saving it: the window in which updates collide.
    thinking: {
      entry: {
        type: 'startTimer',
        params: ({ context }): StartTimerParams => {
          const intent = currentIntent(context);
          return { name: 'think', delayMs: intent.kind === 'update' ? intent.thinkMs : 0 };
        },
      },
      on: { THINK_ELAPSED: 'sending', RESPONSE: IGNORE_LATE },
    },
    ...loop.end,
  },
});
