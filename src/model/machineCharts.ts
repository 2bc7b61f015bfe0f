import type { AnyStateMachine } from 'xstate';
import { clientMachine } from './machines/client.ts';
import { handlerMachine } from './machines/handler.ts';
import { networkMachine } from './machines/network.ts';
import { providerMachine } from './machines/provider.ts';
import { resourceClientMachine } from './machines/resourceClient.ts';
import { resourceStoreMachine } from './machines/resourceStore.ts';
import { serverMachine } from './machines/server.ts';
import { storeMachine } from './machines/store.ts';
import { actorKind, type ActorId, type ActorKind } from './message.ts';
import type { WorldKind } from './trace.ts';

type Machines = Readonly<Partial<Record<ActorKind, AnyStateMachine>>>;

const COMMON_MACHINES = { server: serverMachine, network: networkMachine };

/**
 * The machine that runs each kind of actor in each world, for the state charts. Apart from
 * worlds.ts, so the first screen, which draws no chart, does not load the resource world's.
 */
const MACHINES: Readonly<Record<WorldKind, Machines>> = {
  payments: {
    ...COMMON_MACHINES,
    client: clientMachine,
    handler: handlerMachine,
    completer: handlerMachine,
    store: storeMachine,
    provider: providerMachine,
  },
  resources: { ...COMMON_MACHINES, client: resourceClientMachine, store: resourceStoreMachine },
};

/** The machine an actor of this world runs, or null for one drawn without a chart. */
export function machineOf(world: WorldKind, actor: ActorId): AnyStateMachine | null {
  const kind = actorKind(actor);
  return (kind && MACHINES[world][kind]) ?? null;
}
