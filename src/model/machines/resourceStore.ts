import { assign, setup } from 'xstate';
import { EFFECTS } from '../effects.ts';
import type { RequestMessage } from '../message.ts';
import {
  requestFromWire,
  serve,
  type Fields,
  type ResourceState,
  type ServedParams,
  type ServerRules,
} from '../resources.ts';

/**
 * The resource server's durable state: `/accounts/42`, `/users/123` and whatever POST creates, each
 * with its ETag. Executing a request is one atomic step of `serve` (resources.ts); a crash never
 * leaves half of one. The state outlives the process, as a database's does.
 */
export interface ResourceStoreInput {
  initial: Readonly<Record<string, Fields>>;
  rules: ServerRules;
}

interface ResourceStoreContext {
  state: ResourceState;
  rules: ServerRules;
  /** What the last request did, for the `served` effect that follows its execution. */
  last: ServedParams | null;
}

export type ResourceStoreEvent = { type: 'EXECUTE'; message: RequestMessage };

/** The initial resources, each with its own first ETag. */
export function initialState(initial: Readonly<Record<string, Fields>>): ResourceState {
  const paths = Object.keys(initial);
  const resources = Object.fromEntries(
    paths.map((path, i) => [path, { body: initial[path]!, etag: `"r${i + 1}"` }]),
  );
  return { resources, changes: paths.length };
}

/** Executes one request on the state: the next state, and what the trace records of it. */
function execute(ctx: ResourceStoreContext, message: RequestMessage) {
  const { state, response } = serve(ctx.state, requestFromWire(message.request), ctx.rules);
  const path = response.location ?? message.request.path;
  const served: ServedParams = {
    message,
    response,
    path,
    before: ctx.state.resources[path] ?? null,
    after: state.resources[path] ?? null,
  };
  return { state, served };
}

export const resourceStoreMachine = setup({
  types: {
    context: {} as ResourceStoreContext,
    events: {} as ResourceStoreEvent,
    input: {} as ResourceStoreInput,
  },
  actions: {
    served: EFFECTS.served,
    // One assignment executes the request; the effect after it reads the result (XState v5 runs
    // a transition's actions in order, so the effect sees the assigned context).
    'apply the request': assign(({ context, event }) => {
      const { state, served } = execute(context, event.message);
      return { state, last: served };
    }),
  },
}).createMachine({
  id: 'resourceStore',
  context: ({ input }) => ({ state: initialState(input.initial), rules: input.rules, last: null }),
  initial: 'ready',
  states: {
    ready: {
      on: {
        EXECUTE: {
          actions: [
            'apply the request',
            {
              type: 'served',
              params: ({ context }) => {
                if (!context.last) throw new Error('resource store: nothing was served');
                return context.last;
              },
            },
          ],
        },
      },
    },
  },
});
