import { createActor, type ActorScope, type AnyStateMachine, type StateValue } from 'xstate';
import { isEffectName, type Effect } from './effects.ts';
import { fastInitial, fastStep, type EmittedAction } from './stepper.ts';

/**
 * How the world steps its machines. Both engines are pure: a snapshot and an event in, the next
 * snapshot and the effects (as data) out. `fast` is the default; `xstate` is XState's own
 * `transition()` semantics, kept as the reference the fast stepper is tested against.
 */
export interface Snapshot {
  /** The active state's name. */
  value: string;
  context: Record<string, unknown>;
  status: 'active' | 'done';
  /** The engine's own snapshot, when it has one. */
  raw?: unknown;
}

export interface Engine {
  name: EngineName;
  initial(machine: AnyStateMachine, input: unknown): [Snapshot, Effect[]];
  step(machine: AnyStateMachine, snapshot: Snapshot, event: { type: string }): [Snapshot, Effect[]];
}

export type EngineName = 'fast' | 'xstate';

const isEffect = (action: EmittedAction): action is Effect => isEffectName(action.type);

/**
 * The one place where what a machine emitted becomes an `Effect`: every name is checked against
 * the effect map. The params need no check — each machine's `setup` types them from that map.
 */
function effectsOf(machine: AnyStateMachine, actions: EmittedAction[]): Effect[] {
  if (actions.every(isEffect)) return actions;
  const stranger = actions.find((a) => !isEffect(a));
  throw new Error(`machine ${machine.id} asked for "${stranger?.type}", which is not an effect`);
}

export const fastEngine: Engine = {
  name: 'fast',
  initial(machine, input) {
    const [snapshot, actions] = fastInitial(machine, input);
    return [snapshot, effectsOf(machine, actions)];
  },
  step(machine, snapshot, event) {
    const [next, actions] = fastStep(machine, snapshot, event);
    return [next, effectsOf(machine, actions)];
  },
};

// --- XState's own stepping, with a reusable scope ------------------------------------------------

const scopes = new WeakMap<AnyStateMachine, ActorScope<never, never>>();
let collected: EmittedAction[] = [];

/**
 * XState's pure `transition()` builds a throwaway actor on every call (~30 µs here); reusing one
 * inert scope per machine, whose action executor collects actions instead of running them, gives
 * the same result for a fifth of the cost. Safe because runs are synchronous.
 */
function scopeFor(machine: AnyStateMachine, sampleInput: unknown): ActorScope<never, never> {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine, { input: sampleInput });
    scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      system: self.system,
      actionExecutor: (action: { type: string; params: unknown }) => {
        collected.push({ type: action.type, params: action.params });
      },
    } as unknown as ActorScope<never, never>;
    scopes.set(machine, scope);
  }
  return scope;
}

function wrap(
  raw: { value: StateValue; context: unknown; status: string; error?: unknown },
  machineId: string,
): Snapshot {
  if (raw.status === 'error') throw new Error(`machine ${machineId} failed: ${String(raw.error)}`);
  return {
    value: stateName(raw.value),
    context: raw.context as Record<string, unknown>,
    status: raw.status === 'done' ? 'done' : 'active',
    raw,
  };
}

function take(): EmittedAction[] {
  const out = collected;
  collected = [];
  return out;
}

export const xstateEngine: Engine = {
  name: 'xstate',
  initial(machine, input) {
    const scope = scopeFor(machine, input);
    take();
    const raw = machine.getInitialSnapshot(scope as never, input);
    return [wrap(raw, machine.id), effectsOf(machine, take())];
  },
  step(machine, snapshot, event) {
    const scope = scopeFor(machine, undefined);
    take();
    const raw = machine.transition(snapshot.raw as never, event as never, scope as never);
    return [wrap(raw, machine.id), effectsOf(machine, take())];
  },
};

export const ENGINES: Readonly<Record<EngineName, Engine>> = {
  fast: fastEngine,
  xstate: xstateEngine,
};

/** A state value as one readable name: `charging`, or `parent.child` for nested states. */
export function stateName(value: StateValue): string {
  if (typeof value === 'string') return value;
  return Object.entries(value)
    .map(([parent, child]) => (child ? `${parent}.${stateName(child)}` : parent))
    .join(',');
}
