import type { AnyStateMachine, StateNode } from 'xstate';

/**
 * A fast, pure interpreter for the XState machines of this world. It reads the machine XState
 * built from our definition — its state nodes, transitions, guards and actions — and steps it
 * without XState's general-purpose macrostep machinery, which costs 10–40 µs a step on these
 * machines against about 1 µs here (see `npm run bench`).
 *
 * It supports exactly the subset the model uses, and refuses the rest loudly: flat states (one
 * level under the root, plus transitions on the root), named guards, named or inline actions,
 * `assign`, eventless `always` transitions and final states. The XState engine (engine.ts) runs
 * the same machines through XState's own `transition()`, and a test holds the two to identical
 * traces for every scenario, strategy and many seeds.
 */
/** An action the machine asked for, by name: the engine checks it is an effect (effects.ts). */
export interface EmittedAction {
  type: string;
  params: unknown;
}

export interface FastSnapshot {
  value: string;
  context: Record<string, unknown>;
  status: 'active' | 'done';
}

type Args = { context: Record<string, unknown>; event: { type: string } };
type Fn = ((args: Args, params: unknown) => unknown) & {
  type?: string;
  assignment?: unknown;
};
type Definition = {
  target?: readonly StateNode[] | undefined;
  actions: readonly unknown[];
  guard?: unknown;
  reenter?: boolean;
};

/** Eventless transitions chained longer than this are a modelling bug (a livelock). */
const MAX_ALWAYS_CHAIN = 32;

interface Run {
  machine: AnyStateMachine;
  context: Record<string, unknown>;
  event: { type: string };
  effects: EmittedAction[];
}

export function fastInitial(
  machine: AnyStateMachine,
  input: unknown,
): [FastSnapshot, EmittedAction[]] {
  const config = machine.config as { context?: unknown };
  const initEvent = { type: 'xstate.init', input };
  const context =
    typeof config.context === 'function'
      ? (config.context as (a: { input: unknown }) => Record<string, unknown>)({ input })
      : { ...(config.context as Record<string, unknown>) };
  const run: Run = { machine, context, event: initEvent, effects: [] };
  assertFlatRoot(machine);
  const initial = machine.root.initial.target[0];
  if (!initial || initial.parent !== machine.root)
    throw unsupported(machine, 'nested initial state');
  const node = enter(run, initial);
  return [settle(run, node), run.effects];
}

export function fastStep(
  machine: AnyStateMachine,
  snapshot: FastSnapshot,
  event: { type: string },
): [FastSnapshot, EmittedAction[]] {
  if (snapshot.status === 'done') return [snapshot, []];
  const run: Run = { machine, context: snapshot.context, event, effects: [] };
  const current = machine.root.states[snapshot.value] as StateNode | undefined;
  if (!current) throw unsupported(machine, `unknown state ${snapshot.value}`);
  const chosen =
    select(run, current.transitions.get(event.type)) ??
    select(run, machine.root.transitions.get(event.type));
  if (!chosen) return [snapshot, []];
  const node = take(run, current, chosen);
  return [settle(run, node), run.effects];
}

/** Follows eventless transitions until none is enabled, then freezes the snapshot. */
function settle(run: Run, start: StateNode): FastSnapshot {
  let node = start;
  for (let i = 0; node.type !== 'final'; i++) {
    if (i > MAX_ALWAYS_CHAIN) throw unsupported(run.machine, 'endless always chain');
    const chosen = select(run, node.always);
    if (!chosen) break;
    node = take(run, node, chosen);
  }
  return {
    value: node.key,
    context: run.context,
    status: node.type === 'final' ? 'done' : 'active',
  };
}

function select(run: Run, candidates: readonly Definition[] | undefined): Definition | undefined {
  if (!candidates) return undefined;
  for (const candidate of candidates) {
    if (candidate.guard === undefined || checkGuard(run, candidate.guard)) return candidate;
  }
  return undefined;
}

/** Exit the source (if the transition has a target), run the transition's actions, enter. */
function take(run: Run, source: StateNode, transition: Definition): StateNode {
  const target = transition.target?.[0];
  if (transition.target && transition.target.length > 1)
    throw unsupported(run.machine, 'parallel targets');
  if (!target) {
    execute(run, transition.actions);
    return source;
  }
  if (target.parent !== run.machine.root) throw unsupported(run.machine, 'nested target');
  // XState: a transition to its own source state without `reenter` neither exits nor enters.
  if (target === source && !transition.reenter) {
    execute(run, transition.actions);
    return source;
  }
  execute(run, source.exit);
  execute(run, transition.actions);
  return enter(run, target);
}

function enter(run: Run, node: StateNode): StateNode {
  if (node.type !== 'atomic' && node.type !== 'final')
    throw unsupported(run.machine, `${node.type} state`);
  execute(run, node.entry);
  return node;
}

/** Root-level entry, exit and eventless transitions are XState features this stepper skips. */
function assertFlatRoot(machine: AnyStateMachine): void {
  const root = machine.root;
  if (root.entry.length || root.exit.length || root.always?.length) {
    throw unsupported(machine, 'entry, exit or always on the root');
  }
}

function checkGuard(run: Run, guard: unknown): boolean {
  const name = nameOf(run, guard);
  const impl = run.machine.implementations.guards[name] as Fn | undefined;
  if (!impl) throw unsupported(run.machine, `guard "${name}" (use named guards only)`);
  return Boolean(impl({ context: run.context, event: run.event }, paramsOf(run, guard)));
}

function execute(run: Run, actions: readonly unknown[]): void {
  for (const action of actions) {
    if (typeof action === 'function') {
      perform(run, action as Fn, (action as Fn).type ?? 'inline', undefined);
      continue;
    }
    const name = nameOf(run, action);
    const impl = run.machine.implementations.actions[name] as Fn | undefined;
    if (!impl) throw unsupported(run.machine, `action "${name}"`);
    perform(run, impl, name, paramsOf(run, action));
  }
}

/** `assign` updates the context for the actions after it; anything else is an effect. */
function perform(run: Run, impl: Fn, name: string, params: unknown): void {
  if (impl.type === 'xstate.assign') {
    run.context = { ...run.context, ...resolveAssignment(run, impl.assignment, params) };
  } else if (impl.type?.startsWith('xstate.')) {
    throw unsupported(run.machine, `built-in action ${impl.type}`);
  } else {
    run.effects.push({ type: name, params });
  }
}

function resolveAssignment(
  run: Run,
  assignment: unknown,
  params: unknown,
): Record<string, unknown> {
  const args = { context: run.context, event: run.event };
  if (typeof assignment === 'function')
    return (assignment as Fn)(args, params) as Record<string, unknown>;
  const update: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(assignment as Record<string, unknown>)) {
    update[key] = typeof value === 'function' ? (value as Fn)(args, params) : value;
  }
  return update;
}

/**
 * A guard or action reference is `'name'` or `{ type: 'name', params }`, where params may be a
 * function of the context and event. Read in two calls, so the hot path allocates nothing for it.
 */
function nameOf(run: Run, ref: unknown): string {
  if (typeof ref === 'string') return ref;
  if (ref && typeof ref === 'object' && 'type' in ref && typeof ref.type === 'string')
    return ref.type;
  throw unsupported(run.machine, 'inline guard (name every guard in setup)');
}

function paramsOf(run: Run, ref: unknown): unknown {
  if (typeof ref !== 'object' || ref === null || !('params' in ref)) return undefined;
  const params = ref.params;
  if (typeof params !== 'function') return params;
  return (params as Fn)({ context: run.context, event: run.event }, undefined);
}

function unsupported(machine: AnyStateMachine, what: string): Error {
  return new Error(`fast stepper: machine "${machine.id}" uses ${what}, which it does not support`);
}
