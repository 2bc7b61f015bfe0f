import { assign, setup } from 'xstate';
import { theEvent } from './params.ts';
import { EFFECTS, type DeliverParams, type DropParams } from '../effects.ts';
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

type Transmit = { message: Message; fate: Fate };

const dropAs = (reason: DropParams['reason']) => ({
  type: 'drop' as const,
  params: ({ event }: { event: Transmit }): DropParams => ({ message: event.message, reason }),
});

const deliverOnce = {
  type: 'deliver' as const,
  params: ({ event }: { event: Transmit }): DeliverParams => ({
    message: event.message,
    delayMs: event.fate.delayMs,
  }),
};

/** The message and a second copy of it, later by the copy's own delay. */
const DELIVER_TWICE = [
  deliverOnce,
  {
    type: 'deliver' as const,
    params: ({ event }: { event: Transmit }): DeliverParams => ({
      message: event.message,
      delayMs: event.fate.duplicateDelayMs ?? event.fate.delayMs,
      duplicate: true,
    }),
  },
];

const plusOne = (counts: Record<Direction, number>, direction: Direction, by: number) => ({
  ...counts,
  [direction]: counts[direction] + by,
});

export const networkMachine = setup({
  types: { context: {} as NetworkContext, events: {} as NetworkEvent },
  actions: {
    deliver: EFFECTS.deliver,
    drop: EFFECTS.drop,
    'arm a drop': assign({
      armed: ({ context }, { direction }: { direction: Direction }) =>
        plusOne(context.armed, direction, 1),
    }),
    'arm a duplication': assign({
      armedCopies: ({ context }, { direction }: { direction: Direction }) =>
        plusOne(context.armedCopies, direction, 1),
    }),
    'use up the armed duplication': assign({
      armedCopies: ({ context }, { message }: Transmit) =>
        plusOne(context.armedCopies, directionOf(message), -1),
    }),
    'use up the armed drop': assign({
      armed: ({ context }, { message }: Transmit) =>
        plusOne(context.armed, directionOf(message), -1),
    }),
  },
  guards: {
    'a drop is armed for this direction': ({ context }, { message }: Transmit) =>
      context.armed[directionOf(message)] > 0,
    'a duplication is armed for this direction': ({ context }, { message }: Transmit) =>
      context.armedCopies[directionOf(message)] > 0,
    'message is lost': (_, { fate }: Transmit) => fate.lost,
    'message is duplicated': (_, { fate }: Transmit) => fate.duplicateDelayMs !== null,
  },
}).createMachine({
  id: 'network',
  context: { armed: { request: 0, response: 0 }, armedCopies: { request: 0, response: 0 } },
  initial: 'connected',
  on: {
    ARM_DROP: { actions: { type: 'arm a drop', params: theEvent } },
    ARM_DUPLICATE: { actions: { type: 'arm a duplication', params: theEvent } },
  },
  states: {
    connected: {
      on: {
        PARTITION: 'partitioned',
        TRANSMIT: [
          {
            guard: { type: 'a drop is armed for this direction', params: theEvent },
            actions: [{ type: 'use up the armed drop', params: theEvent }, dropAs('scripted')],
          },
          { guard: { type: 'message is lost', params: theEvent }, actions: dropAs('loss') },
          {
            guard: { type: 'a duplication is armed for this direction', params: theEvent },
            actions: [{ type: 'use up the armed duplication', params: theEvent }, ...DELIVER_TWICE],
          },
          {
            guard: { type: 'message is duplicated', params: theEvent },
            actions: DELIVER_TWICE,
          },
          { actions: deliverOnce },
        ],
      },
    },
    // Nothing crosses a partition, in either direction, until it heals.
    partitioned: {
      on: { HEAL: 'connected', TRANSMIT: { actions: dropAs('partition') } },
    },
  },
});
