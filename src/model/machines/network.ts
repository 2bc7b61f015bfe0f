import { assign, setup } from 'xstate';
import { effect, type DeliverParams, type DropParams } from '../effects.ts';
import type { Message } from '../message.ts';

/**
 * The network between clients and the server: one link per direction. What chance decides — is
 * this message lost, how long does it take, is it delivered twice — arrives already drawn in
 * `fate` (the kernel owns every choice); what a person scripts — "drop the next response", a
 * partition — is this machine's state.
 */
export type Direction = 'request' | 'response';

export interface Fate {
  lost: boolean;
  delayMs: number;
  /** Delay of a second copy, or null when the message is delivered once. */
  duplicateDelayMs: number | null;
}

interface NetworkContext {
  /** Scripted drops waiting for the next message in each direction. */
  armed: Record<Direction, number>;
  /** Scripted duplications waiting for the next message in each direction. */
  armedCopies: Record<Direction, number>;
}

export type NetworkEvent =
  | { type: 'TRANSMIT'; message: Message; fate: Fate }
  | { type: 'ARM_DROP'; direction: Direction }
  | { type: 'ARM_DUPLICATE'; direction: Direction }
  | { type: 'PARTITION' }
  | { type: 'HEAL' };

export const directionOf = (message: Message): Direction => message.kind;

type Transmit = Extract<NetworkEvent, { type: 'TRANSMIT' }>;
const asTransmit = (event: NetworkEvent) => event as Transmit;

const dropParams = (event: NetworkEvent, reason: DropParams['reason']): DropParams => ({
  message: asTransmit(event).message,
  reason,
});

export const networkMachine = setup({
  types: { context: {} as NetworkContext, events: {} as NetworkEvent },
  actions: {
    deliver: effect<DeliverParams>(),
    drop: effect<DropParams>(),
    'arm a drop': assign({
      armed: ({ context, event }) => {
        const direction = (event as Extract<NetworkEvent, { type: 'ARM_DROP' }>).direction;
        return { ...context.armed, [direction]: context.armed[direction] + 1 };
      },
    }),
    'arm a duplication': assign({
      armedCopies: ({ context, event }) => {
        const direction = (event as Extract<NetworkEvent, { type: 'ARM_DUPLICATE' }>).direction;
        return { ...context.armedCopies, [direction]: context.armedCopies[direction] + 1 };
      },
    }),
    'use up the armed duplication': assign({
      armedCopies: ({ context, event }) => {
        const direction = directionOf(asTransmit(event).message);
        return { ...context.armedCopies, [direction]: context.armedCopies[direction] - 1 };
      },
    }),
    'use up the armed drop': assign({
      armed: ({ context, event }) => {
        const direction = directionOf(asTransmit(event).message);
        return { ...context.armed, [direction]: context.armed[direction] - 1 };
      },
    }),
  },
  guards: {
    'a drop is armed for this direction': ({ context, event }) =>
      context.armed[directionOf(asTransmit(event).message)] > 0,
    'a duplication is armed for this direction': ({ context, event }) =>
      context.armedCopies[directionOf(asTransmit(event).message)] > 0,
    'message is lost': ({ event }) => asTransmit(event).fate.lost,
    'message is duplicated': ({ event }) => asTransmit(event).fate.duplicateDelayMs !== null,
  },
}).createMachine({
  id: 'network',
  context: { armed: { request: 0, response: 0 }, armedCopies: { request: 0, response: 0 } },
  initial: 'connected',
  on: { ARM_DROP: { actions: 'arm a drop' }, ARM_DUPLICATE: { actions: 'arm a duplication' } },
  states: {
    connected: {
      on: {
        PARTITION: 'partitioned',
        TRANSMIT: [
          {
            guard: 'a drop is armed for this direction',
            actions: [
              'use up the armed drop',
              { type: 'drop', params: ({ event }) => dropParams(event, 'scripted') },
            ],
          },
          {
            guard: 'message is lost',
            actions: { type: 'drop', params: ({ event }) => dropParams(event, 'loss') },
          },
          {
            guard: 'a duplication is armed for this direction',
            actions: ['use up the armed duplication', ...deliverTwice()],
          },
          {
            guard: 'message is duplicated',
            actions: [...deliverTwice()],
          },
          { actions: { type: 'deliver', params: ({ event }) => deliverParams(event) } },
        ],
      },
    },
    // Nothing crosses a partition, in either direction, until it heals.
    partitioned: {
      on: {
        HEAL: 'connected',
        TRANSMIT: {
          actions: { type: 'drop', params: ({ event }) => dropParams(event, 'partition') },
        },
      },
    },
  },
});

function deliverTwice() {
  return [
    { type: 'deliver', params: ({ event }: { event: NetworkEvent }) => deliverParams(event) },
    {
      type: 'deliver',
      params: ({ event }: { event: NetworkEvent }) => ({
        ...deliverParams(event),
        delayMs: asTransmit(event).fate.duplicateDelayMs ?? asTransmit(event).fate.delayMs,
        duplicate: true,
      }),
    },
  ] as const;
}

function deliverParams(event: NetworkEvent): DeliverParams {
  const { message, fate } = asTransmit(event);
  return { message, delayMs: fate.delayMs };
}
