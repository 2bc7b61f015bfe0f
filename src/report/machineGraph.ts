import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { AnyStateMachine } from 'xstate';
import type { ActorId } from '../model/message.ts';
import type { TraceRecord } from '../model/trace.ts';

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

/**
 * The graph cut down to the states in `keep` (and the initial state), with only the transitions
 * between them: the part of a machine a run actually uses. Layers are counted afresh.
 */
export function restrictTo(graph: MachineGraph, keep: ReadonlySet<string>): MachineGraph {
  const kept = (name: string) => name === graph.initial || keep.has(name);
  const edges = graph.edges.filter((e) => kept(e.from) && kept(e.to));
  const names = graph.states.map((s) => s.name).filter(kept);
  const layers = layersFrom(graph.initial, names, edges);
  const rows = new Map<number, number>();
  const states = names.map((name) => {
    const layer = layers.get(name)!;
    const row = rows.get(layer) ?? 0;
    rows.set(layer, row + 1);
    return { name, layer, row };
  });
  return { states, edges, initial: graph.initial };
}

/**
 * The states that actors of one kind passed through anywhere in a run (every client, say, not
 * only the one on screen): what the run's strategy and faults made that machine do. A recorded
 * step names only where it came to rest, so the transient states it passed on the way (those
 * left at once by an `always` transition) are found along the edges it took.
 */
export function statesReached(
  graph: MachineGraph,
  trace: readonly TraceRecord[],
  sameKind: (actor: ActorId) => boolean,
): Set<string> {
  const reached = new Set<string>();
  const stepsSeen = new Set<string>();
  for (const r of trace) {
    if (r.type !== 'transition' || !sameKind(r.actor)) continue;
    const step = `${r.from}|${r.to}|${r.event}`;
    if (stepsSeen.has(step)) continue;
    stepsSeen.add(step);
    if (r.from) reached.add(r.from);
    reached.add(r.to);
    for (const edge of edgesTaken(graph, r)) for (const name of edge.split('|')) reached.add(name);
  }
  return reached;
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

/** Where a machine's states and transitions sit on the page, in px, for one box size. */
export interface MachineLayout {
  width: number;
  height: number;
  /** Each state's box, by its top-left corner. */
  states: { name: string; x: number; y: number }[];
  /** Each edge's route from box edge to box edge, and a point for its label. */
  edges: { from: string; to: string; events: string[]; points: Point[]; label: Point }[];
  /** What the drawing covers, its routes and labels included: a viewBox that cuts nothing off. */
  bounds: { x: number; y: number; width: number; height: number };
}

/** The width of an edge's label in px, at the chart's 9 px monospace (about 5.6 px a character). */
export const labelWidth = (events: readonly string[]) => events.join(' / ').length * 5.6 + 8;

/** The box around the boxes, the routes and the labels: a route or a label may stray outside. */
function boundsOf(
  width: number,
  height: number,
  edges: readonly { events: string[]; points: Point[]; label: Point }[],
): MachineLayout['bounds'] {
  let [minX, minY, maxX, maxY] = [0, 0, width, height];
  for (const edge of edges) {
    for (const p of edge.points) {
      [minX, maxX, minY, maxY] = [
        Math.min(minX, p.x),
        Math.max(maxX, p.x),
        Math.min(minY, p.y),
        Math.max(maxY, p.y),
      ];
    }
    const half = labelWidth(edge.events) / 2;
    minX = Math.min(minX, edge.label.x - half);
    maxX = Math.max(maxX, edge.label.x + half);
    minY = Math.min(minY, edge.label.y - 16);
  }
  const pad = 4;
  return {
    x: minX - pad,
    y: minY - pad,
    width: maxX - minX + 2 * pad,
    height: maxY - minY + 2 * pad,
  };
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Lays the graph out left to right with dagre's layered layout, which orders the states within a
 * layer so that transitions cross as little as it can and routes each one around the boxes. The
 * layout is a pure function of the graph: the same machine is drawn the same way every time.
 */
export function layoutMachine(
  graph: MachineGraph,
  box: { width: number; height: number },
): MachineLayout {
  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>();
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 40, edgesep: 12, marginx: 12, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const state of graph.states) g.setNode(state.name, { ...box });
  for (const edge of graph.edges) g.setEdge(edge.from, edge.to, {});
  dagre.layout(g);
  const states = graph.states.map(({ name }) => {
    const node = g.node(name);
    return { name, x: node.x! - box.width / 2, y: node.y! - box.height / 2 };
  });
  const edges = graph.edges.map((edge) => {
    const points = g.edge(edge.from, edge.to).points ?? [];
    return { ...edge, points, label: middleOf(points) };
  });
  const { width = 0, height = 0 } = g.graph();
  return { width, height, states, edges, bounds: boundsOf(width, height, edges) };
}

/** The point halfway along a route, measured along its segments. */
function middleOf(points: readonly Point[]): Point {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y));
  let left = lengths.reduce((a, b) => a + b, 0) / 2;
  for (const [i, length] of lengths.entries()) {
    if (left <= length && length > 0) {
      const a = points[i]!;
      const b = points[i + 1]!;
      return { x: a.x + ((b.x - a.x) * left) / length, y: a.y + ((b.y - a.y) * left) / length };
    }
    left -= length;
  }
  return points[0] ?? { x: 0, y: 0 };
}

/**
 * The edges a recorded transition took, as `from|to` keys. XState records one transition from a
 * state to where it came to rest, so a step through transient states (those left at once by an
 * `always` transition) is found as its first edge, taken on the event, and then `always` edges.
 * A handler's first step starts before its initial state (`from` is empty).
 */
export function edgesTaken(
  graph: MachineGraph,
  step: { from: string; to: string; event: string },
): Set<string> {
  const start = step.from || graph.initial;
  const firstHop = (e: MachineGraph['edges'][number]) =>
    step.from === '' ? e.events.includes('always') : e.events.includes(step.event);
  // Breadth first over (state, path so far); the first path to reach `to` is the shortest.
  const queue: { at: string; path: string[] }[] = [{ at: start, path: [] }];
  const seen = new Set<string>();
  while (queue.length) {
    const { at, path } = queue.shift()!;
    if (at === step.to && (path.length > 0 || step.from === '')) return new Set(path);
    if (seen.has(at)) continue;
    seen.add(at);
    for (const e of graph.edges) {
      if (e.from !== at || !(path.length === 0 ? firstHop(e) : e.events.includes('always')))
        continue;
      queue.push({ at: e.to, path: [...path, `${e.from}|${e.to}`] });
    }
  }
  return new Set();
}
