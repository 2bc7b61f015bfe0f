import type { AnyStateMachine } from 'xstate';

/**
 * A machine's states and transitions, read from the XState definition itself, so the diagram the
 * lab draws is the machine that ran. Flat machines only (the lab's machines are flat). States are
 * placed in layers by their distance from the initial state, so the protocol reads left to right.
 */
export interface MachineGraph {
  states: { name: string; layer: number; row: number }[];
  /** One edge per (from, to), naming every event that takes it; guards are merged. */
  edges: { from: string; to: string; events: string[] }[];
  initial: string;
}

export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const root = machine.root;
  const initial = root.initial?.target?.[0]?.key ?? Object.keys(root.states)[0]!;
  const edges = new Map<string, { from: string; to: string; events: string[] }>();
  const add = (from: string, to: string | undefined, event: string) => {
    if (to === undefined || to === from) return; // self-transitions only run actions
    const edge = edges.get(`${from}|${to}`) ?? { from, to, events: [] };
    if (!edge.events.includes(event)) edge.events.push(event);
    edges.set(`${from}|${to}`, edge);
  };
  for (const [name, node] of Object.entries(root.states)) {
    for (const [event, list] of node.transitions)
      for (const t of list) add(name, t.target?.[0]?.key, event);
    for (const t of node.always ?? []) add(name, t.target?.[0]?.key, 'always');
  }
  const layers = layersFrom(initial, Object.keys(root.states), [...edges.values()]);
  const rows = new Map<number, number>();
  const states = Object.keys(root.states).map((name) => {
    const layer = layers.get(name)!;
    const row = rows.get(layer) ?? 0;
    rows.set(layer, row + 1);
    return { name, layer, row };
  });
  return { states, edges: [...edges.values()], initial };
}

/** Breadth-first distance from the initial state; unreachable states go after the last layer. */
function layersFrom(
  initial: string,
  names: string[],
  edges: { from: string; to: string }[],
): Map<string, number> {
  const layer = new Map<string, number>([[initial, 0]]);
  const queue = [initial];
  while (queue.length) {
    const from = queue.shift()!;
    for (const edge of edges.filter((e) => e.from === from && !layer.has(e.to))) {
      layer.set(edge.to, layer.get(from)! + 1);
      queue.push(edge.to);
    }
  }
  const last = Math.max(...layer.values()) + 1;
  for (const name of names) if (!layer.has(name)) layer.set(name, last);
  return layer;
}
