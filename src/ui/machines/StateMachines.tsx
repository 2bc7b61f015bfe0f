import { useMemo, useState } from 'react';
import { actorKind, isClient, NETWORK, SERVER, type ActorId } from '../../model/message.ts';
import { machineOf } from '../../model/machineCharts.ts';
import { WORLDS } from '../../model/worlds.ts';
import type { RecordOf } from '../../model/trace.ts';
import {
  edgesTaken,
  layoutMachine,
  machineGraph,
  restrictTo,
  statesReached,
  type MachineGraph,
  type MachineLayout,
  type Point,
} from '../../report/machineGraph.ts';
import { lastTransitionAt, stateAt } from '../../report/timeline.ts';
import { LabelledSelect } from '../common/LabelledSelect.tsx';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { useRecordCount } from '../playback/frame.ts';

/**
 * Each actor's statechart, drawn from the XState machine that ran, with the state it is in at
 * the cursor lit and the transition that brought it there marked.
 */
const BOX_W = 120;
const BOX_H = 34;

export function StateMachines() {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const count = useRecordCount();
  const actors = useMemo(() => {
    const fixed = [SERVER, NETWORK, ...WORLDS[run.world].backEnd];
    const seen = timeline.actors.filter((a) => !fixed.includes(a));
    return [...seen.filter(isClient), ...fixed, ...seen.filter((a) => !isClient(a))];
  }, [timeline, run.world]);
  const [picked, setPicked] = useState<ActorId>('client-1');
  const actor = actors.includes(picked) ? picked : (actors[0] ?? SERVER);
  const machine = machineOf(run.world, actor);
  const [showAll, setShowAll] = useState(false);
  const full = useMemo(() => (machine ? machineGraph(machine) : null), [machine]);
  // The states this run's actors of the same kind reach; the rest are folded unless asked for.
  const visited = useMemo(
    () =>
      full ? statesReached(full, timeline.trace, (a) => actorKind(a) === actorKind(actor)) : null,
    [full, timeline, actor],
  );
  const graph = useMemo(
    () => (full && visited && !showAll ? restrictTo(full, visited) : full),
    [full, showAll, visited],
  );
  const folded = full && graph ? full.states.length - graph.states.length : 0;
  const last = lastTransitionAt(timeline, actor, count);
  // Servers, networks and stores exist from the start; a request handler only once it starts.
  const transient = actorKind(actor) === 'handler';
  const current = stateAt(timeline, actor, count) ?? (transient ? null : (graph?.initial ?? null));

  // A run can have a thousand actors: their menu is built when they change, not on every move.
  const picker = useMemo(
    () => (
      <LabelledSelect
        label={t.machines.actor}
        value={actor}
        options={actors.map((a) => ({ value: a, text: a }))}
        onChange={setPicked}
      />
    ),
    [t, actor, actors],
  );
  return (
    <Panel id="machines" title={t.machines.region}>
      <div className="flex flex-wrap items-center gap-3">
        {picker}
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="machine-now">
          {current === null
            ? t.machines.notYet
            : t.machines.now(
                current,
                last ? t.machines.via(last.from || '∅', last.to, last.event, last.t) : null,
              )}
        </p>
      </div>
      <FoldNote folded={folded} showAll={showAll} onShowAll={setShowAll} />
      {graph && (
        <Chart
          key={`${actor}|${graph.states.length}`}
          graph={graph}
          current={current}
          last={last}
          label={t.machines.chart(actor)}
        />
      )}
    </Panel>
  );
}

function Chart({
  graph,
  current,
  last,
  label,
}: {
  graph: MachineGraph;
  current: string | null;
  last: RecordOf<'transition'> | null;
  label: string;
}) {
  const layout = useMemo(() => layoutMachine(graph, { width: BOX_W, height: BOX_H }), [graph]);
  const taken = useMemo(() => (last ? edgesTaken(graph, last) : new Set<string>()), [graph, last]);
  const { x, y, width, height } = layout.bounds;
  return (
    // The whole chart, labels included, is drawn within its viewBox and shrinks to fit its box:
    // no state is ever cut off at an edge.
    <div className="mt-3">
      <svg
        viewBox={`${x} ${y} ${width} ${height}`}
        width={width}
        role="img"
        aria-label={label}
        className="block h-auto max-w-full"
      >
        <defs>
          <Arrowhead id="arrow" className="fill-slate-400 dark:fill-slate-500" />
          <Arrowhead id="arrow-lit" className="fill-indigo-600 dark:fill-indigo-300" />
        </defs>
        <Edges edges={layout.edges} taken={taken} current={current} />
        <StateBoxes states={layout.states} current={current} />
        {/* Labels last, over the boxes, so no box hides the event that leads on. */}
        <EdgeLabels edges={layout.edges} taken={taken} current={current} />
      </svg>
    </div>
  );
}

/** How many states are folded away, and the switch that shows them all. */
function FoldNote({
  folded,
  showAll,
  onShowAll,
}: {
  folded: number;
  showAll: boolean;
  onShowAll: (all: boolean) => void;
}) {
  const s = useMessages().stage;
  if (folded === 0 && !showAll) return null;
  return (
    <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
      {folded > 0 && <p className="text-slate-600 dark:text-slate-300">{s.hiddenStates(folded)}</p>}
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          className="size-4 accent-indigo-600"
          checked={showAll}
          onChange={(e) => onShowAll(e.target.checked)}
        />
        {s.showAllStates}
      </label>
    </div>
  );
}

type Edge = MachineLayout['edges'][number];

const edgeKey = (edge: Edge) => `${edge.from}|${edge.to}`;

/**
 * How an edge is drawn: lit if the step that just happened took it; labelled if lit or it can
 * happen next. Only those are labelled, so the chart shows no clutter.
 */
function edgeLook(edge: Edge, taken: ReadonlySet<string>, current: string | null) {
  const lit = taken.has(edgeKey(edge));
  return { lit, labelled: lit || edge.from === current };
}

interface EdgesProps {
  edges: readonly Edge[];
  /** The edges the last step took, by `edgeKey`. */
  taken: ReadonlySet<string>;
  current: string | null;
}

function Edges({ edges, taken, current }: EdgesProps) {
  // The routes are drawn once per machine; only their colours change as the run moves.
  const paths = useMemo(() => edges.map((edge) => smoothPath(edge.points)), [edges]);
  return edges.map((edge, i) => {
    const { lit, labelled } = edgeLook(edge, taken, current);
    return (
      <path
        key={edgeKey(edge)}
        d={paths[i]}
        fill="none"
        strokeWidth={lit ? 2.5 : 1.2}
        className={
          lit
            ? 'stroke-indigo-600 dark:stroke-indigo-300'
            : labelled
              ? 'stroke-slate-500 dark:stroke-slate-400'
              : 'stroke-slate-300 dark:stroke-slate-600'
        }
        markerEnd={lit ? 'url(#arrow-lit)' : 'url(#arrow)'}
      />
    );
  });
}

function EdgeLabels({ edges, taken, current }: EdgesProps) {
  return edges.map((edge) => {
    const { lit, labelled } = edgeLook(edge, taken, current);
    if (!labelled) return null;
    return (
      <text
        key={edgeKey(edge)}
        x={edge.label.x}
        y={edge.label.y - 4}
        textAnchor="middle"
        paintOrder="stroke"
        strokeWidth={3}
        className={`stroke-white font-mono text-[9px] dark:stroke-slate-900 ${lit ? 'fill-indigo-700 font-bold dark:fill-indigo-300' : 'fill-slate-600 dark:fill-slate-300'}`}
      >
        {edge.events.join(' / ')}
      </text>
    );
  });
}

function StateBoxes({
  states,
  current,
}: {
  states: MachineLayout['states'];
  current: string | null;
}) {
  return states.map(({ name, x, y }) => {
    const lit = name === current;
    return (
      <g key={name} transform={`translate(${x}, ${y})`}>
        <rect
          width={BOX_W}
          height={BOX_H}
          rx={17}
          strokeWidth={lit ? 2.5 : 1}
          className={
            lit
              ? 'fill-indigo-600 stroke-indigo-800 dark:fill-indigo-400 dark:stroke-indigo-200'
              : 'fill-white stroke-slate-400 dark:fill-slate-900 dark:stroke-slate-500'
          }
        />
        <text
          x={BOX_W / 2}
          y={BOX_H / 2 + 4}
          textAnchor="middle"
          className={`text-xs ${lit ? 'fill-white font-bold dark:fill-slate-950' : 'fill-current'}`}
        >
          {name}
        </text>
      </g>
    );
  });
}

function Arrowhead({ id, className }: { id: string; className: string }) {
  return (
    <marker
      id={id}
      viewBox="0 0 8 8"
      refX="7"
      refY="4"
      markerUnits="userSpaceOnUse"
      markerWidth="8"
      markerHeight="8"
      orient="auto"
    >
      <path d="M0,0 L8,4 L0,8 z" className={className} />
    </marker>
  );
}

/** A route through dagre's points, its corners rounded by quadratic curves between midpoints. */
function smoothPath(points: readonly Point[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (points.length < 2 || !first || !last) return '';
  const corners = points.slice(1, -1);
  let d = `M${first.x},${first.y}`;
  corners.forEach((p, i) => {
    const next = corners[i + 1] ?? last;
    d += ` Q${p.x},${p.y} ${(p.x + next.x) / 2},${(p.y + next.y) / 2}`;
  });
  return `${d} L${last.x},${last.y}`;
}
