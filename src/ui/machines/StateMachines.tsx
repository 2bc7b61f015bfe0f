import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { actorKind, isClient, NETWORK, SERVER, type ActorId } from '../../model/message.ts';
import { machineOf, WORLDS } from '../../model/worlds.ts';
import type { RecordOf, TraceRecord } from '../../model/trace.ts';
import {
  edgesTaken,
  layoutMachine,
  machineGraph,
  type MachineGraph,
  type Point,
} from '../../report/machineGraph.ts';
import { stateAt } from '../../report/timeline.ts';
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
  const pickerId = useId();
  const actors = useMemo(() => {
    const fixed = [SERVER, NETWORK, ...WORLDS[run.world].backEnd];
    const seen = timeline.actors.filter((a) => !fixed.includes(a));
    return [...seen.filter(isClient), ...fixed, ...seen.filter((a) => !isClient(a))];
  }, [timeline, run.world]);
  const [picked, setPicked] = useState<ActorId>('client-1');
  const actor = actors.includes(picked) ? picked : actors[0]!;
  const machine = machineOf(run.world, actor);
  const graph = useMemo(() => (machine ? machineGraph(machine) : null), [machine]);
  const last = useMemo(
    () => lastTransition(timeline.trace, actor, count),
    [timeline, actor, count],
  );
  // Servers, networks and stores exist from the start; a request handler only once it starts.
  const transient = actorKind(actor) === 'handler';
  const current = stateAt(timeline, actor, count) ?? (transient ? null : (graph?.initial ?? null));

  return (
    <Panel id="machines" title={t.machines.region}>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={pickerId} className="text-sm font-medium">
          {t.machines.actor}
        </label>
        <select
          id={pickerId}
          value={actor}
          onChange={(e) => setPicked(e.target.value)}
          className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800"
        >
          {actors.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="machine-now">
          {current === null
            ? t.machines.notYet
            : t.machines.now(
                current,
                last ? t.machines.via(last.from || '∅', last.to, last.event, last.t) : null,
              )}
        </p>
      </div>
      {graph && (
        <Chart
          key={actor}
          graph={graph}
          current={current}
          last={last}
          label={t.machines.chart(actor)}
        />
      )}
    </Panel>
  );
}

/** The transition that put the actor in its state at the cursor, if any has happened. */
function lastTransition(
  trace: readonly TraceRecord[],
  actor: ActorId,
  count: number,
): RecordOf<'transition'> | null {
  for (let i = Math.min(count, trace.length) - 1; i >= 0; i--) {
    const r = trace[i]!;
    if (r.type === 'transition' && r.actor === actor) return r;
  }
  return null;
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
  const scrollLabel = useMessages().machines.scrolls;
  const layout = useMemo(() => layoutMachine(graph, { width: BOX_W, height: BOX_H }), [graph]);
  // The routes are drawn once per machine; only their colours change as the run moves.
  const paths = useMemo(() => layout.edges.map((edge) => smoothPath(edge.points)), [layout]);
  const taken = useMemo(() => (last ? edgesTaken(graph, last) : new Set<string>()), [graph, last]);
  // Only what can happen next is labelled, and the step that just happened: no clutter.
  const isLabelled = (edge: { from: string }, lit: boolean) => lit || edge.from === current;
  const box = useRef<HTMLDivElement>(null);
  const lit = layout.states.find((s) => s.name === current);
  // A wide chart scrolls sideways: keep the lit state in view as the run moves it along, by
  // moving the box's own scroll (scrollIntoView would move the page as well).
  useEffect(() => {
    const el = box.current;
    if (!el || !lit) return;
    const left = lit.x - el.scrollLeft;
    if (left < 0 || left + BOX_W > el.clientWidth)
      el.scrollLeft = lit.x + BOX_W / 2 - el.clientWidth / 2;
  }, [lit]);
  const scrolls = useScrollsSideways(box);
  return (
    // A chart wider than its box scrolls sideways; then the box takes focus, so a keyboard can
    // scroll it too, and says what it holds.
    <div
      ref={box}
      className="mt-3 overflow-x-auto"
      {...(scrolls ? { tabIndex: 0, role: 'group', 'aria-label': scrollLabel } : {})}
    >
      <svg
        width={layout.width}
        height={layout.height}
        role="img"
        aria-label={label}
        className="block"
      >
        <defs>
          <Arrowhead id="arrow" className="fill-slate-400 dark:fill-slate-500" />
          <Arrowhead id="arrow-lit" className="fill-indigo-600 dark:fill-indigo-300" />
        </defs>
        {layout.edges.map((edge, i) => {
          const lit = taken.has(`${edge.from}|${edge.to}`);
          const labelled = isLabelled(edge, lit);
          return (
            <path
              key={`${edge.from}|${edge.to}`}
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
        })}
        {layout.states.map(({ name, x, y }) => {
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
        })}
        {/* Labels last, over the boxes, so no box hides the event that leads on. */}
        {layout.edges.map((edge) => {
          const lit = taken.has(`${edge.from}|${edge.to}`);
          if (!isLabelled(edge, lit)) return null;
          return (
            <text
              key={`${edge.from}|${edge.to}`}
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
        })}
      </svg>
    </div>
  );
}

/** Whether the box's content is wider than the box, kept up to date as either changes size. */
function useScrollsSideways(box: RefObject<HTMLDivElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  // Measured before the first paint (a layout effect), so no moment shows a scrolling box that
  // cannot take focus; the observer follows later changes of either width.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [box]);
  return scrolls;
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
  if (points.length < 2) return '';
  const [first, ...rest] = points;
  const last = rest.pop()!;
  let d = `M${first!.x},${first!.y}`;
  rest.forEach((p, i) => {
    const next = rest[i + 1] ?? last;
    d += ` Q${p.x},${p.y} ${(p.x + next.x) / 2},${(p.y + next.y) / 2}`;
  });
  return `${d} L${last.x},${last.y}`;
}
