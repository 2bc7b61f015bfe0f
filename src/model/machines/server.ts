import { assign, setup } from 'xstate';
import { effect, type AcceptParams, type DropParams, type StartTimerParams } from '../effects.ts';
import type { RequestMessage } from '../message.ts';
import type { CrashPoint } from '../settings.ts';

/**
 * The server process: up or down. While up it accepts requests, each handled by its own request
 * handler (machines/handler.ts). A crash loses everything in memory — every handler and its open
 * transaction — and the process comes back after `restartMs`.
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
  | { type: 'COMPLETER_TICK' };

export const serverMachine = setup({
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
}).createMachine({
  id: 'server',
  context: ({ input }) => ({ restartMs: input.restartMs, armedCrashes: [] }),
  initial: 'up',
  on: { ARM_CRASH: { actions: 'arm crash point' } },
  states: {
    up: {
      on: {
        REQUEST: {
          actions: { type: 'accept', params: ({ event }) => ({ message: event.message }) },
        },
        // The background completer (recovery points) runs only in a live process.
        COMPLETER_TICK: { actions: { type: 'runCompleter', params: {} } },
        CRASH: {
          target: 'down',
          actions: [
            'disarm crash point',
            { type: 'abortHandlers', params: {} },
            {
              type: 'startTimer',
              params: ({ context }) => ({ name: 'restart', delayMs: context.restartMs }),
            },
          ],
        },
      },
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
