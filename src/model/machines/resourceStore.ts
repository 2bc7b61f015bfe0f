import { assign, setup } from 'xstate';
import { effect } from '../effects.ts';
import type { RequestMessage } from '../message.ts';
import {
  requestFromWire,
  serve,
  type Fields,
  type ResourceResponse,
  type ResourceState,
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
}

export type ResourceStoreEvent = { type: 'EXECUTE'; message: RequestMessage };

/** What executing one request did, for the trace: the resource it touched, before and after. */
export interface ServedParams {
  message: RequestMessage;
  response: ResourceResponse;
  /** The path the request changed or read: its target, or for POST the resource it created. */
  path: string;
  before: { body: Fields; etag: string } | null;
  after: { body: Fields; etag: string } | null;
}

/** The initial resources, each with its own first ETag. */
export function initialState(initial: Readonly<Record<string, Fields>>): ResourceState {
  const paths = Object.keys(initial);
  const resources = Object.fromEntries(
    paths.map((path, i) => [path, { body: initial[path]!, etag: `"r${i + 1}"` }]),
  );
  return { resources, changes: paths.length };
}

/**
 * `serve` runs once per request: the transition's effect and its assignment share the result.
 * Keyed by the message object, which is unique per delivery.
 */
let last: {
  message: RequestMessage;
  state: ResourceState;
  result: ReturnType<typeof serve>;
} | null = null;
function execute(ctx: ResourceStoreContext, message: RequestMessage) {
  if (last?.message !== message || last.state !== ctx.state) {
    last = {
      message,
      state: ctx.state,
      result: serve(ctx.state, requestFromWire(message.request), ctx.rules),
    };
  }
  return last.result;
}

function servedParams(ctx: ResourceStoreContext, message: RequestMessage): ServedParams {
  const { state, response } = execute(ctx, message);
  const path = response.location ?? message.request.path;
  return {
    message,
    response,
    path,
    before: ctx.state.resources[path] ?? null,
    after: state.resources[path] ?? null,
  };
}

export const resourceStoreMachine = setup({
  types: {
    context: {} as ResourceStoreContext,
    events: {} as ResourceStoreEvent,
    input: {} as ResourceStoreInput,
  },
  actions: {
    served: effect<ServedParams>(),
    'apply the request': assign({
      state: ({ context, event }) => execute(context, event.message).state,
    }),
  },
}).createMachine({
  id: 'resourceStore',
  context: ({ input }) => ({ state: initialState(input.initial), rules: input.rules }),
  initial: 'ready',
  states: {
    ready: {
      on: {
        EXECUTE: {
          actions: [
            {
              type: 'served',
              params: ({ context, event }) => servedParams(context, event.message),
            },
            'apply the request',
          ],
        },
      },
    },
  },
});
