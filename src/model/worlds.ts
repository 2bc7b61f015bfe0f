import type { AnyStateMachine } from 'xstate';
import { clientMachine } from './machines/client.ts';
import { handlerMachine } from './machines/handler.ts';
import { networkMachine } from './machines/network.ts';
import { providerMachine } from './machines/provider.ts';
import { resourceClientMachine } from './machines/resourceClient.ts';
import { resourceStoreMachine } from './machines/resourceStore.ts';
import { serverMachine } from './machines/server.ts';
import { storeMachine } from './machines/store.ts';
import { actorKind, PROVIDER, STORE, type ActorId, type ActorKind } from './message.ts';
import { type ScriptedFault } from './settings.ts';
import { CRASH_POINTS, RESOURCE_CRASH_POINTS, type CrashPoint } from './crashPoints.ts';
import {
  PAYMENT_INVARIANTS,
  RESOURCE_INVARIANTS,
  type InvariantName,
  type WorldKind,
} from './trace.ts';

export type { WorldKind } from './trace.ts';

/**
 * What differs between the payment world and the resource world, in one place: views, the
 * explorer and the fault checks look a world up here instead of asking which world it is.
 */
export interface WorldSpec {
  kind: WorldKind;
  /** The invariants its monitor checks, in display order; a run's verdicts name exactly these. */
  invariants: readonly InvariantName[];
  /** The actors behind the server, in the order the views draw them. */
  backEnd: readonly ActorId[];
  /** Where its server can crash (besides `now`), in the order a request passes them. */
  crashPoints: readonly CrashPoint[];
  /**
   * Whether its server keeps idempotency keys: then a strategy applies, keys can be sent and
   * the key store can go down.
   */
  keyed: boolean;
  /** The machine that runs each kind of actor, for the state charts. */
  machines: Readonly<Partial<Record<ActorKind, AnyStateMachine>>>;
}

const COMMON_MACHINES = { server: serverMachine, network: networkMachine };

export const WORLDS: Readonly<Record<WorldKind, WorldSpec>> = {
  payments: {
    kind: 'payments',
    invariants: PAYMENT_INVARIANTS,
    backEnd: [STORE, PROVIDER],
    crashPoints: CRASH_POINTS,
    keyed: true,
    machines: {
      ...COMMON_MACHINES,
      client: clientMachine,
      handler: handlerMachine,
      completer: handlerMachine,
      store: storeMachine,
      provider: providerMachine,
    },
  },
  resources: {
    kind: 'resources',
    invariants: RESOURCE_INVARIANTS,
    backEnd: [STORE],
    crashPoints: RESOURCE_CRASH_POINTS,
    keyed: false,
    machines: { ...COMMON_MACHINES, client: resourceClientMachine, store: resourceStoreMachine },
  },
};

/** The machine an actor of this world runs, or null for one drawn without a chart. */
export function machineOf(world: WorldKind, actor: ActorId): AnyStateMachine | null {
  const kind = actorKind(actor);
  return (kind && WORLDS[world].machines[kind]) ?? null;
}

/** Whether this world has what the fault acts on: the resource world has no key store. */
export function worldAccepts(world: WorldKind, fault: ScriptedFault): boolean {
  const spec = WORLDS[world];
  switch (fault.kind) {
    case 'drop-next':
    case 'duplicate-next':
    case 'partition':
    case 'server-pause':
      return true;
    case 'crash':
      return fault.point === 'now' || spec.crashPoints.includes(fault.point);
    case 'key-store-down':
      return spec.keyed;
    case 'provider-down':
    case 'provider-timeout':
      return spec.backEnd.includes(PROVIDER);
    default:
      return unknownFault(fault);
  }
}

/**
 * A kind the switch does not name fits no world: the compiler flags a fault added without its
 * line above, and at run time untyped data (a saved scenario) is refused, not silently inert.
 */
function unknownFault(fault: never): false {
  void fault;
  return false;
}
