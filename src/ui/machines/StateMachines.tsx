import { useId, useMemo, useState } from 'react';
import type { AnyStateMachine } from 'xstate';
import { clientMachine } from '../../model/machines/client.ts';
import { handlerMachine } from '../../model/machines/handler.ts';
import { networkMachine } from '../../model/machines/network.ts';
import { providerMachine } from '../../model/machines/provider.ts';
import { resourceClientMachine } from '../../model/machines/resourceClient.ts';
import { resourceStoreMachine } from '../../model/machines/resourceStore.ts';
import { serverMachine } from '../../model/machines/server.ts';
import { storeMachine } from '../../model/machines/store.ts';
import { NETWORK, PROVIDER, SERVER, STORE, type ActorId } from '../../model/message.ts';
import type { RecordOf, TraceRecord } from '../../model/trace.ts';
import { machineGraph, type MachineGraph } from '../../report/machineGraph.ts';
import { stateAt } from '../../report/timeline.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { useRecordCount } from '../playback/frame.ts';

/**
 * Each actor's statechart, drawn from the XState machine that ran, with the state it is in at
 * the cursor lit and the transition that brought it there marked.
 */
const COL = 160;
const ROW = 64;
const BOX_W = 124;
const BOX_H = 34;
const PAD = 24;

function machineOf(actor: ActorId, world: 'payments' | 'resources'): AnyStateMachine | null {
  if (actor.startsWith('client-'))
    return world === 'payments' ? clientMachine : resourceClientMachine;
  if (actor.startsWith('handler-') || actor.startsWith('completer-')) return handlerMachine;
  if (actor === SERVER) return serverMachine;
  if (actor === NETWORK) return networkMachine;
  if (actor === STORE) return world === 'payments' ? storeMachine : resourceStoreMachine;
  if (actor === PROVIDER && world === 'payments') return providerMachine;
  return null;
}

export function StateMachines() {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const count = useRecordCount();
  const pickerId = useId();
  const actors = useMemo(() => {
    const fixed = [SERVER, NETWORK, STORE, ...(run.world === 'payments' ? [PROVIDER] : [])];
    const seen = timeline.actors.filter((a) => !fixed.includes(a));
    return [
      ...seen.filter((a) => a.startsWith('client-')),
      ...fixed,
      ...seen.filter((a) => !a.startsWith('client-')),
    ];
  }, [timeline, run.world]);
  const [picked, setPicked] = useState<ActorId>('client-1');
  const actor = actors.includes(picked) ? picked : actors[0]!;
  const machine = machineOf(actor, run.world);
  const graph = useMemo(() => (machine ? machineGraph(machine) : null), [machine]);
  const last = useMemo(
    () => lastTransition(timeline.trace, actor, count),
    [timeline, actor, count],
  );
  // Servers, networks and stores exist from the start; a request handler only once it starts.
  const transient = actor.startsWith('handler-') || actor.startsWith('completer-');
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
        <Chart graph={graph} current={current} last={last} label={t.machines.chart(actor)} />
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
  const layers = Math.max(...graph.states.map((s) => s.layer)) + 1;
  const rows = Math.max(...graph.states.map((s) => s.row)) + 1;
  const width = PAD * 2 + (layers - 1) * COL + BOX_W;
  const height = PAD * 2 + (rows - 1) * ROW + BOX_H + 40;
  const at = new Map(
    graph.states.map((s) => [s.name, { x: PAD + s.layer * COL, y: PAD + 20 + s.row * ROW }]),
  );
  return (
    <div className="mt-3 overflow-x-auto">
      <svg width={width} height={height} role="img" aria-label={label} className="block">
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 8 8"
            refX="7"
            refY="4"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L8,4 L0,8 z" className="fill-slate-400 dark:fill-slate-500" />
          </marker>
          <marker
            id="arrow-lit"
            viewBox="0 0 8 8"
            refX="7"
            refY="4"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L8,4 L0,8 z" className="fill-indigo-600 dark:fill-indigo-300" />
          </marker>
        </defs>
        {graph.edges.map((edge) => {
          const a = at.get(edge.from)!;
          const b = at.get(edge.to)!;
          const lit =
            last !== null &&
            last.from === edge.from &&
            last.to === edge.to &&
            edge.events.includes(last.event);
          // Only what can happen next is labelled, and the step that just happened: no clutter.
          const labelled = lit || edge.from === current;
          const forward = b.x > a.x;
          const x1 = forward ? a.x + BOX_W : a.x + BOX_W / 2;
          const y1 = forward ? a.y + BOX_H / 2 : a.y + BOX_H;
          const x2 = forward ? b.x : b.x + BOX_W / 2;
          const y2 = forward ? b.y + BOX_H / 2 : b.y + BOX_H;
          // Backward edges loop underneath, so they never cross the boxes between.
          const cx = (x1 + x2) / 2;
          const cy = forward ? (y1 + y2) / 2 - (b.y === a.y ? 0 : 10) : Math.max(y1, y2) + 40;
          return (
            <g key={`${edge.from}|${edge.to}`}>
              <path
                d={`M${x1},${y1} Q${cx},${cy} ${x2},${y2}`}
                fill="none"
                strokeWidth={lit ? 2.5 : 1.2}
                className={
                  lit
                    ? 'stroke-indigo-600 dark:stroke-indigo-300'
                    : 'stroke-slate-400 dark:stroke-slate-500'
                }
                markerEnd={lit ? 'url(#arrow-lit)' : 'url(#arrow)'}
              />
              {labelled && (
                <text
                  x={cx}
                  y={forward ? cy - 4 : cy - 6}
                  textAnchor="middle"
                  className={`font-mono text-[9px] ${lit ? 'fill-indigo-700 font-bold dark:fill-indigo-300' : 'fill-slate-500 dark:fill-slate-400'}`}
                >
                  {edge.events.join(' / ')}
                </text>
              )}
            </g>
          );
        })}
        {graph.states.map((state) => {
          const { x, y } = at.get(state.name)!;
          const lit = state.name === current;
          return (
            <g key={state.name} transform={`translate(${x}, ${y})`}>
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
                {state.name}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
