import { PROVIDER, STORE, type ActorId } from './message.ts';
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
 * explorer and the fault checks look a world up here instead of asking which world it is. (The
 * machines each world runs are in machineCharts.ts, with the state charts that draw them.)
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
}

export const WORLDS: Readonly<Record<WorldKind, WorldSpec>> = {
  payments: {
    kind: 'payments',
    invariants: PAYMENT_INVARIANTS,
    backEnd: [STORE, PROVIDER],
    crashPoints: CRASH_POINTS,
    keyed: true,
  },
  resources: {
    kind: 'resources',
    invariants: RESOURCE_INVARIANTS,
    backEnd: [STORE],
    crashPoints: RESOURCE_CRASH_POINTS,
    keyed: false,
  },
};

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
