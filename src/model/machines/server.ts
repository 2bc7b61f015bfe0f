import { assign, setup } from 'xstate';
import { EFFECTS } from '../effects.ts';
import { RETRY_LATER, type HttpResponse } from '../http.ts';
import type { RequestMessage } from '../message.ts';
import type { CrashPoint } from '../crashPoints.ts';
import { theEvent } from './params.ts';

/**
 * The server process: up, paused or down. While up it accepts requests, each handled by its own
 * request handler (machines/handler.ts). A crash loses everything in memory — every handler and
 * its open transaction — and the process comes back after `restartMs`. A pause (a long garbage
 * collection, a stalled VM) stops all work without losing any: requests queue until it ends.
 */
interface ServerContext {
  restartMs: number;
  /** Client requests it works on at once before it turns more away with 429; null: no limit. */
  maxInProgress: number | null;
  /** Crash points armed by a scripted fault: the next request to reach one crashes the server. */
  armedCrashes: CrashPoint[];
}

export type ServerEvent =
  /** A request arrives; `inProgress`: the client requests the process is working on already. */
  | { type: 'REQUEST'; message: RequestMessage; inProgress?: number }
  | { type: 'ARM_CRASH'; point: CrashPoint }
  | { type: 'CRASH'; point: CrashPoint | 'now' }
  | { type: 'RESTART' }
  | { type: 'PAUSE' }
  | { type: 'RESUME' }
  | { type: 'COMPLETER_TICK' };

const serverSetup = setup({
  types: {
    context: {} as ServerContext,
    events: {} as ServerEvent,
    input: {} as { restartMs: number; maxInProgress: number | null },
  },
  guards: {
    'too many requests in progress': ({ context }, { inProgress = 0 }: { inProgress?: number }) =>
      context.maxInProgress !== null && inProgress >= context.maxInProgress,
  },
  actions: {
    accept: EFFECTS.accept,
    shed: EFFECTS.shed,
    refuse: EFFECTS.refuse,
    abortHandlers: EFFECTS.abortHandlers,
    startTimer: EFFECTS.startTimer,
    runCompleter: EFFECTS.runCompleter,
    'arm crash point': assign({
      armedCrashes: ({ context }, { point }: { point: CrashPoint }) => [
        ...context.armedCrashes,
        point,
      ],
    }),
    'disarm crash point': assign({
      armedCrashes: ({ context }, { point }: { point: CrashPoint | 'now' }) => {
        const at = point === 'now' ? -1 : context.armedCrashes.indexOf(point);
        return at < 0 ? context.armedCrashes : context.armedCrashes.toSpliced(at, 1);
      },
    }),
  },
});

/** A crash, from up or paused: memory is lost and the process restarts later. */
const crash = {
  target: 'down',
  actions: [
    {
      type: 'disarm crash point',
      params: theEvent<{ point: CrashPoint | 'now' }>,
    },
    'abortHandlers',
    {
      type: 'startTimer',
      params: ({ context }: { context: ServerContext }) => ({
        name: 'restart' as const,
        delayMs: context.restartMs,
      }),
    },
  ],
} as const;

/**
 * 429 Too Many Requests (RFC 6585 §4): the process is at its limit and turns the request away
 * before any work begins — so nothing is stored against its key, and a retry runs normally.
 */
const TOO_MANY_REQUESTS: HttpResponse = {
  status: 429,
  headers: { 'Content-Type': 'application/problem+json', ...RETRY_LATER },
  body: { status: 429, detail: 'Too many requests in progress. Retry later.' },
};

/** Over its limit the process answers 429 at once; otherwise it takes the request in. */
const acceptUnlessOverloaded = [
  {
    guard: { type: 'too many requests in progress', params: theEvent },
    actions: {
      type: 'shed',
      params: ({ event }: { event: { message: RequestMessage } }) => ({
        message: event.message,
        response: TOO_MANY_REQUESTS,
      }),
    },
  },
  {
    actions: {
      type: 'accept',
      params: ({ event }: { event: { message: RequestMessage } }) => ({ message: event.message }),
    },
  },
] as const;

const accept = {
  actions: {
    type: 'accept',
    params: ({ event }: { event: { message: RequestMessage } }) => ({ message: event.message }),
  },
} as const;

export const serverMachine = serverSetup.createMachine({
  id: 'server',
  context: ({ input }) => ({
    restartMs: input.restartMs,
    maxInProgress: input.maxInProgress,
    armedCrashes: [],
  }),
  initial: 'up',
  on: { ARM_CRASH: { actions: { type: 'arm crash point', params: theEvent } } },
  states: {
    up: {
      on: {
        REQUEST: acceptUnlessOverloaded,
        // The background completer (recovery points) runs only in a live process.
        COMPLETER_TICK: { actions: 'runCompleter' },
        CRASH: crash,
        PAUSE: 'paused',
      },
    },
    // Requests are still taken in (the kernel queues them), but nothing runs until RESUME: the
    // world holds every step of every handler until the pause is over.
    paused: {
      on: { REQUEST: accept, CRASH: crash, RESUME: 'up' },
    },
    // A request that reaches a dead process gets no answer: the client can only time out.
    down: {
      on: {
        REQUEST: {
          actions: {
            type: 'refuse',
            params: ({ event }) => ({ message: event.message, reason: 'server-down' }),
          },
        },
        RESTART: 'up',
      },
    },
  },
});
