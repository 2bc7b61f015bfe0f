import { memo, useCallback, useMemo, useState, type ReactNode } from 'react';
import { statusLine } from '../../model/http.ts';
import { PROVIDER, SERVER, STORE, type ActorId } from '../../model/message.ts';
import {
  chargesBy,
  inFlight,
  recordsBy,
  stateAt,
  type MessageSpan,
  type Timeline,
  type WirePosition,
} from '../../report/timeline.ts';
import type { RunResult } from '../../model/run.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import type { Messages } from '../../i18n/en.ts';
import {
  NARROW_PX,
  narrowLayout,
  NODE_H,
  wideLayout,
  WIDTH,
  type Columns,
  type Drawing,
  type Node,
} from './layout.ts';

/**
 * The actors as boxes, each with its machine state at the cursor, and the messages on the wire
 * moving between them — positions interpolated from send and delivery times, never from a timer
 * of the view's own. A lost message falls away; a crashed server turns red. Where everything
 * stands, on a wide screen or a narrow one, is worked out in layout.ts.
 */

/** How long a store or provider stays lit after it did something, in virtual ms. */
const ACTIVITY_MS = 60;

/**
 * What the back end is doing at the cursor, in a few characters: the store's latest operation
 * while it is fresh, the provider's charges so far; the server is up or down.
 */
function backEndLabel(
  id: ActorId,
  timeline: Timeline,
  count: number,
  cursorMs: number,
  t: Messages,
): string | null {
  if (id === SERVER) return t.topology.up;
  // Counted and scanned in the whole run's trace up to the cursor: a copy of the trace so far,
  // or a count over it, on every frame made scrubbing a long run slow.
  if (id === PROVIDER) return t.topology.charges(chargesBy(timeline, count));
  if (id !== STORE) return null;
  // Once the run is over nothing is in progress: a commit in its last moment is done.
  if (cursorMs >= timeline.endMs) return t.topology.idle;
  const { trace } = timeline;
  for (let i = count - 1; i >= 0; i--) {
    const r = trace[i];
    if (!r || r.t < cursorMs - ACTIVITY_MS) break;
    if (r.type === 'store') return t.topology.storeOps[r.op.type];
    if (r.type === 'served') return `${r.method} → ${r.status}`;
  }
  return t.topology.idle;
}

/** A message's label on the wire: `POST /payments` or `201`. */
function wireLabel(span: MessageSpan): string {
  const { message } = span;
  if (message.kind === 'request') return message.request.method;
  return String(message.response.status);
}

/** A callback ref that watches an element until React lets go of it. */
type BoxRef = (el: HTMLElement | null) => (() => void) | undefined;

/**
 * The width of the topology's box in CSS px, followed as it resizes (a phone turned, a window
 * dragged). The first guess comes from the window, so a phone draws its layout from the first
 * frame; the observer reports before the first paint if the guess was wrong.
 */
function useBoxWidth(): [BoxRef, number] {
  const [width, setWidth] = useState(() =>
    typeof window === 'undefined' ? WIDTH : window.innerWidth - 66,
  );
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The topology of the lab's run, as a titled region; the caption line sits under it. */
export function Topology({
  children,
  narrowBelow = NARROW_PX,
  untitled = false,
  columns,
}: {
  children?: ReactNode;
  narrowBelow?: number;
  /**
   * Where the left-to-right drawing's columns stand, when not the lab's own: an embedded stage
   * about 600 px wide passes layout.ts COMPACT (passed in, so the lab's first screen, which never
   * draws it, does not carry it).
   */
  columns?: Columns;
  /** On the stage the drawing speaks for itself: its title is for screen readers only. */
  untitled?: boolean;
}) {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  return (
    <Panel id="topology" title={t.topology.region} dense titleForReadersOnly={untitled}>
      <TopologyFigure run={run} timeline={timeline} narrowBelow={narrowBelow} columns={columns} />
      {children}
    </Panel>
  );
}

/**
 * One run's actors and wire at the store's cursor. Compare draws two of these, one per run, at
 * the same cursor; `narrowBelow` is the box width under which it is drawn top to bottom.
 */
export function TopologyFigure({
  run,
  timeline,
  narrowBelow = NARROW_PX,
  columns,
}: {
  run: RunResult;
  timeline: Timeline;
  narrowBelow?: number;
  columns?: Columns | undefined;
}) {
  const t = useMessages();
  const cursorMs = useLab((s) => s.cursorMs);
  const count = useLab((s) => recordsBy(timeline, s.cursorMs));
  const [figure, drawing] = useDrawing(run, timeline, narrowBelow, columns);
  const nodes = [...drawing.nodes.values()];
  const flying = inFlight(timeline, cursorMs);
  const serverState = stateAt(timeline, SERVER, count);
  /** An actor's machine state at the cursor, in words where the texts have some. */
  const stateOf = (id: ActorId) => {
    const state = stateAt(timeline, id, count);
    return state === null ? null : (t.topology.states[state] ?? t.outage.states[state] ?? state);
  };

  return (
    <figure ref={figure}>
      <svg
        viewBox={`0 0 ${drawing.width} ${drawing.height}`}
        className="h-auto w-full"
        role="img"
        aria-label={t.topology.caption(Math.round(cursorMs))}
      >
        <NetworkBand drawing={drawing} name={t.topology.network} />
        {nodes.map((node) => (
          <ActorBox
            key={node.id}
            node={node}
            state={stateOf(node.id) ?? backEndLabel(node.id, timeline, count, cursorMs, t)}
            process={node.id === SERVER ? serverState : null}
          />
        ))}
        {flying.map(({ span, along, fallen }) => (
          <WireMessage
            key={span.message.id}
            span={span}
            along={along}
            fallen={fallen}
            drawing={drawing}
          />
        ))}
      </svg>
      <TopologyInWords nodes={nodes} flying={flying} stateOf={stateOf} />
    </figure>
  );
}

/**
 * The drawing for the topology's box, and a ref that follows the box's width. The wide drawing
 * scales to its box; the narrow one is laid out for its box's width.
 */
function useDrawing(
  run: RunResult,
  timeline: Timeline,
  narrowBelow: number,
  columns: Columns | undefined,
): [BoxRef, Drawing] {
  const [figure, boxWidth] = useBoxWidth();
  const narrowWidth = boxWidth < narrowBelow ? boxWidth : null;
  const drawing = useMemo(
    () =>
      narrowWidth === null
        ? wideLayout(timeline.actors, run.world, columns)
        : narrowLayout(timeline.actors, run.world, narrowWidth),
    [narrowWidth, timeline, run.world, columns],
  );
  return [figure, drawing];
}

/** The network's dashed area between the clients and the server, with its name. */
function NetworkBand({ drawing: { band, label }, name }: { drawing: Drawing; name: string }) {
  return (
    <>
      <rect
        x={band.x}
        y={band.y}
        width={band.width}
        height={band.height}
        rx={16}
        className="fill-slate-100 stroke-slate-300 dark:fill-slate-800/60 dark:stroke-slate-700"
        strokeDasharray="6 6"
      />
      <text
        x={label.x}
        y={label.y}
        textAnchor={label.anchor}
        className="fill-slate-600 text-[13px] dark:fill-slate-300"
      >
        {name}
      </text>
    </>
  );
}

/** The drawing in words, for a screen reader: each actor's state, each message on the wire. */
function TopologyInWords({
  nodes,
  flying,
  stateOf,
}: {
  nodes: readonly Node[];
  flying: readonly WirePosition[];
  stateOf: (id: ActorId) => string | null;
}) {
  const lost = useMessages().topology.lost;
  return (
    <figcaption className="sr-only">
      <ul>
        {nodes.map((node) => (
          <li key={node.id}>
            {node.id}: {stateOf(node.id) ?? '—'}
          </li>
        ))}
        {flying.map(({ span }) => (
          <li key={span.message.id}>
            {span.message.from} → {span.message.to}: {wireLabel(span)}
            {span.fate === 'dropped' ? ` (${lost})` : ''}
          </li>
        ))}
      </ul>
    </figcaption>
  );
}

/** How the server process looks when it is not simply up: crashed, or frozen in a pause. */
const PROCESS_LOOK = {
  down: { icon: '✕', tone: 'fill-red-100 stroke-red-600 dark:fill-red-950 dark:stroke-red-400' },
  paused: {
    icon: '‖',
    tone: 'fill-amber-100 stroke-amber-600 dark:fill-amber-950 dark:stroke-amber-400',
  },
} as const;

/** Drawn again only when its state changes, not on every frame of a message's flight. */
const ActorBox = memo(function ActorBox({
  node,
  state,
  process,
}: {
  node: Node;
  state: string | null;
  /** The server process's state (up, paused, down); null for every other actor. */
  process: string | null;
}) {
  const t = useMessages();
  const down = process === 'down';
  const look = process === 'down' || process === 'paused' ? PROCESS_LOOK[process] : null;
  const tone = look?.tone ?? node.tone;
  return (
    <g transform={`translate(${node.x - node.w / 2}, ${node.y - NODE_H / 2})`}>
      <rect
        width={node.w}
        height={NODE_H}
        rx={10}
        strokeWidth={look ? 3 : 1.5}
        strokeDasharray={process === 'paused' ? '5 3' : undefined}
        className={tone}
      />
      <text
        x={node.w / 2}
        y={21}
        textAnchor="middle"
        className="fill-current text-[15px] font-semibold"
      >
        {look ? `${look.icon} ${node.id}` : node.id}
      </text>
      <text
        x={node.w / 2}
        y={39}
        textAnchor="middle"
        className="fill-slate-700 font-mono text-[12px] dark:fill-slate-200"
      >
        {down ? t.topology.down : process === 'paused' ? t.topology.paused : (state ?? '')}
      </text>
    </g>
  );
});

/** A message between its endpoints; a lost one drops off the wire as it fades. */
function WireMessage({
  span,
  along,
  fallen,
  drawing,
}: {
  span: MessageSpan;
  along: number;
  fallen: number;
  drawing: Drawing;
}) {
  const t = useMessages();
  const from = drawing.nodes.get(span.message.from);
  const to = drawing.nodes.get(span.message.to);
  if (!from || !to) return null;
  const dropped = span.fate === 'dropped';
  // A lost message falls off the wire where it was lost: it never arrives.
  const { start, end } = drawing.wire(from, to);
  const x = start.x + (end.x - start.x) * along + drawing.fall.x * fallen;
  const y = start.y + (end.y - start.y) * along + drawing.fall.y * fallen;
  const label = wireLabel(span);
  return (
    <g transform={`translate(${x}, ${y})`} opacity={dropped ? 1 - fallen * 0.8 : 1}>
      <title>{wireTitle(span)}</title>
      <rect x={-26} y={-11} width={52} height={22} rx={11} className={wireTone(span)} />
      <text x={0} y={4} textAnchor="middle" className="fill-white font-mono text-[12px] font-bold">
        {dropped ? `✕ ${label}` : label}
      </text>
      {span.replayed && (
        <text
          x={0}
          y={-16}
          textAnchor="middle"
          className="fill-emerald-700 text-[11px] font-semibold dark:fill-emerald-300"
        >
          {t.topology.replayed}
        </text>
      )}
    </g>
  );
}

/** Lost orange, requests blue, successful responses green and failed ones red. */
function wireTone(span: MessageSpan): string {
  if (span.fate === 'dropped') return 'fill-orange-500';
  const { message } = span;
  if (message.kind === 'request') return 'fill-sky-600';
  return message.response.status < 300 ? 'fill-emerald-600' : 'fill-rose-600';
}

/** A message's tooltip: `POST /payments` or `201 Created`. */
function wireTitle({ message }: MessageSpan): string {
  return message.kind === 'request'
    ? `${message.request.method} ${message.request.path}`
    : statusLine(message.response.status);
}
