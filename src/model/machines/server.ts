import { assign, setup } from 'xstate';
import { effect, type AcceptParams, type DropParams, type StartTimerParams } from '../effects.ts';
import type { RequestMessage } from '../message.ts';
import type { CrashPoint } from '../crashPoints.ts';

/**
 * The server process: up, paused or down. While up it accepts requests, each handled by its own
 * request handler (machines/handler.ts). A crash loses everything in memory — every handler and
 * its open transaction — and the process comes back after `restartMs`. A pause (a long garbage
 * collection, a stalled VM) stops all work without losing any: requests queue until it ends.
 */
interface ServerContext {
  restartMs: number;
  /** Crash points armed by a scripted fault: the next request to reach one crashes the server. */
  armedCrashes: CrashPoint[];
}

export type ServerEvent =
  | { type: 'REQUEST'; message: RequestMessage }
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
    input: {} as { restartMs: number },
  },
  actions: {
    accept: effect<AcceptParams>(),
    refuse: effect<DropParams>(),
    abortHandlers: effect<Record<string, never>>(),
    startTimer: effect<StartTimerParams>(),
    runCompleter: effect<Record<string, never>>(),
    'arm crash point': assign({
      armedCrashes: ({ context, event }) => [
        ...context.armedCrashes,
        (event as Extract<ServerEvent, { type: 'ARM_CRASH' }>).point,
      ],
    }),
    'disarm crash point': assign({
      armedCrashes: ({ context, event }) => {
        const point = (event as Extract<ServerEvent, { type: 'CRASH' }>).point;
        const at = context.armedCrashes.indexOf(point as CrashPoint);
        return at < 0 ? context.armedCrashes : context.armedCrashes.toSpliced(at, 1);
      },
    }),
  },
});

/** A crash, from up or paused: memory is lost and the process restarts later. */
const crash = {
  target: 'down',
  actions: [
    'disarm crash point',
    { type: 'abortHandlers', params: {} },
    {
      type: 'startTimer',
      params: ({ context }: { context: ServerContext }) => ({
        name: 'restart' as const,
        delayMs: context.restartMs,
      }),
    },
  ],
} as const;

const accept = {
  actions: {
    type: 'accept',
    params: ({ event }: { event: ServerEvent }) => ({
      message: (event as Extract<ServerEvent, { type: 'REQUEST' }>).message,
    }),
  },
} as const;

export const serverMachine = serverSetup.createMachine({
  id: 'server',
  context: ({ input }) => ({ restartMs: input.restartMs, armedCrashes: [] }),
  initial: 'up',
  on: { ARM_CRASH: { actions: 'arm crash point' } },
  states: {
    up: {
      on: {
        REQUEST: accept,
        // The background completer (recovery points) runs only in a live process.
        COMPLETER_TICK: { actions: { type: 'runCompleter', params: {} } },
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
