import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { statusLine } from '../../model/http.ts';
import {
  isClient,
  PROVIDER,
  SERVER,
  STORE,
  type ActorId,
  type Message,
} from '../../model/message.ts';
import { WORLDS, type WorldKind } from '../../model/worlds.ts';
import type { TraceRecord } from '../../model/trace.ts';
import type { MessageSpan, Timeline } from '../../report/timeline.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useLabStore, useMessages } from '../common/lab.ts';
import { MessageDetails } from './MessageDetails.tsx';
import { useRecordCount } from '../playback/frame.ts';
import { REM_PX } from '../common/rem.ts';

/**
 * Swimlanes over the run: one lane per actor, one row per moment something happened (quiet
 * stretches take no room), growing with the cursor. Messages are arrows; drops, copies, crashes,
 * timeouts and broken invariants are marked. Any message can be selected to read it in full.
 */
const ROW = 22;
const TOP = 34;
const LANE_GAP = 130;
const LEFT = 70;

interface Lanes {
  ids: ActorId[];
  x: (id: ActorId) => number;
}

function lanesOf(timeline: Timeline, world: WorldKind): Lanes {
  const clients = timeline.actors.filter(isClient);
  const ids = [...clients, SERVER, ...WORLDS[world].backEnd];
  const index = new Map(ids.map((id, i) => [id, i]));
  return { ids, x: (id) => LEFT + (index.get(id) ?? 0) * LANE_GAP };
}

/** Index of the first stop after `t` (stops.length if none): a binary search. */
function firstStopAfter(stops: readonly number[], t: number): number {
  let lo = 0;
  let hi = stops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stops[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Row of each distinct moment, so that y follows the order of events, not the clock. */
function rowsOf(timeline: Timeline) {
  const { stops } = timeline;
  const y = (t: number) => {
    const after = firstStopAfter(stops, t);
    if (after === 0) return TOP;
    const a = stops[after - 1]!;
    if (a === t || after === stops.length) return TOP + (after - 1) * ROW;
    // Between two moments (a message still on the wire): interpolate between their rows.
    return TOP + (after - 1 + (t - a) / (stops[after]! - a)) * ROW;
  };
  /** The virtual times drawn between two heights, with a row to spare on each side. */
  const timesBetween = (top: number, bottom: number) => ({
    from: stops[Math.max(0, Math.floor((top - TOP) / ROW) - 1)] ?? 0,
    to: stops[Math.min(stops.length - 1, Math.ceil((bottom - TOP) / ROW) + 1)] ?? Infinity,
  });
  return { y, timesBetween, height: TOP + stops.length * ROW + 10 };
}

/** The scroll box is at most 28rem high. */
const VIEW_PX = 28 * REM_PX;
/** How far above the box's bottom the cursor line is kept while the diagram follows it. */
const FOLLOW_GAP_PX = 60;

/** A record drawn on a lane, with its place in the trace (a stable key). */
type Point = { t: number; record: TraceRecord; index: number };

const LANE_RECORDS: readonly TraceRecord['type'][] = [
  'store',
  'served',
  'charge',
  'dedup',
  'declined',
  'top-up',
  'crash',
  'restart',
  'timer',
  'invariant',
];

/** Things that happen on one lane: store queries, charges, crashes, timeouts, violations. */
function laneEvents(trace: readonly TraceRecord[]): Point[] {
  const points: Point[] = [];
  trace.forEach((record, index) => {
    if (LANE_RECORDS.includes(record.type)) points.push({ t: record.t, record, index });
  });
  return points;
}

export function SequenceDiagram() {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const count = useRecordCount();
  // A selection belongs to its run: a new run shows no stale message.
  const [choice, setChoice] = useState<{ timeline: Timeline; id: number } | null>(null);
  const selected = choice?.timeline === timeline ? choice.id : null;
  const lanes = useMemo(() => lanesOf(timeline, run.world), [timeline, run.world]);
  const rows = useMemo(() => rowsOf(timeline), [timeline]);
  const points = useMemo(() => laneEvents(timeline.trace), [timeline]);
  const box = useRef<HTMLDivElement>(null);
  const store = useLabStore();
  // Where the reader scrolled to, valid only until the next event (then the diagram follows).
  const [reading, setReading] = useState<{ count: number; top: number } | null>(null);
  const follow = useCallback(() => {
    const target = rows.y(store.getState().cursorMs) - VIEW_PX + FOLLOW_GAP_PX;
    if (box.current) box.current.scrollTop = Math.max(0, target);
  }, [store, rows]);
  // A link that opens at a moment, or a new run, shows the cursor at once, not the diagram's top
  // (the rows drawn are the ones around the cursor).
  useLayoutEffect(follow, [follow]);
  // Follow the cursor down the diagram as the run plays, without re-rendering for it. The scroll
  // is written once per frame, after React has drawn the move: writing it at once would make the
  // browser lay out the whole page an extra time.
  useEffect(() => {
    let frame = 0;
    const unsubscribe = store.subscribe(({ cursorMs }, previous) => {
      if (cursorMs === previous.cursorMs || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        follow();
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, follow]);
  const lastT = count > 0 ? timeline.trace[count - 1]!.t : -1;
  const followTop = Math.max(0, rows.y(lastT) - VIEW_PX + FOLLOW_GAP_PX);
  const onScroll = () => {
    const top = box.current?.scrollTop ?? 0;
    // The diagram's own following moves stay within a row or two of the last event.
    setReading(Math.abs(top - followTop) < 3 * ROW ? null : { count, top });
  };
  const top = reading?.count === count ? reading.top : followTop;
  const width = LEFT + (lanes.ids.length - 1) * LANE_GAP + 70;
  // A run may have thousands of messages: only what is in the scroll box is drawn.
  const { from, to } = rows.timesBetween(top - 2 * ROW, top + VIEW_PX + 2 * ROW);
  // The selected arrow stays drawn out of view too, so it keeps its focus and its details.
  const inView = useMemo(
    () =>
      timeline.spans.filter(
        (span) => (span.sentAt <= to && span.endAt >= from) || span.message.id === selected,
      ),
    [timeline, from, to, selected],
  );
  const marks = useMemo(
    () =>
      points
        .filter((p) => p.t >= from && p.t <= Math.min(to, lastT))
        .map((p) => <LaneMark key={p.index} point={p} x={lanes.x} y={rows.y(p.t)} />),
    [points, from, to, lastT, lanes, rows],
  );
  const select = useCallback((id: number) => setChoice({ timeline, id }), [timeline]);

  const chosen = timeline.spans.find((s) => s.message.id === selected)?.message ?? null;
  return (
    <Panel id="sequence" title={t.sequence.region}>
      <div
        ref={box}
        onScroll={onScroll}
        className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800"
      >
        <svg
          width={width}
          height={rows.height}
          className="block min-w-full"
          aria-label={t.sequence.caption}
          role="group"
        >
          {lanes.ids.map((id) => (
            <g key={id}>
              <text
                x={lanes.x(id)}
                y={16}
                textAnchor="middle"
                className="fill-current text-xs font-semibold"
              >
                {id}
              </text>
              <line
                x1={lanes.x(id)}
                x2={lanes.x(id)}
                y1={TOP - 10}
                y2={rows.height}
                className="stroke-slate-300 dark:stroke-slate-700"
              />
            </g>
          ))}
          {marks}
          <Arrows
            spans={inView}
            lanes={lanes}
            y={rows.y}
            width={width}
            selected={selected}
            onSelect={select}
          />
        </svg>
      </div>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{t.sequence.hint}</p>
      {chosen && <MessageDetails message={chosen} onClose={() => setChoice(null)} />}
    </Panel>
  );
}

/**
 * The messages in view and the cursor line, redrawn on every frame. Arrows that have landed get
 * the same props each frame, so only those still on the wire draw again; an arrow keeps its
 * element (and its focus) when its message lands.
 */
function Arrows({
  spans,
  lanes,
  y,
  width,
  selected,
  onSelect,
}: {
  spans: readonly MessageSpan[];
  lanes: Lanes;
  y: (t: number) => number;
  width: number;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const cursorMs = useLab((s) => s.cursorMs);
  const cursorY = y(cursorMs);
  return (
    <>
      {spans
        .filter((span) => span.sentAt <= cursorMs)
        .map((span) => (
          <Arrow
            key={span.message.id}
            span={span}
            lanes={lanes}
            y={y}
            cursorMs={span.endAt <= cursorMs ? Infinity : cursorMs}
            selected={span.message.id === selected}
            onSelect={onSelect}
          />
        ))}
      <line
        x1={0}
        x2={width}
        y1={cursorY}
        y2={cursorY}
        className="stroke-indigo-500"
        strokeDasharray="4 3"
      />
    </>
  );
}

const Arrow = memo(function Arrow({
  span,
  lanes,
  y,
  cursorMs,
  selected,
  onSelect,
}: {
  span: MessageSpan;
  lanes: Lanes;
  y: (t: number) => number;
  cursorMs: number;
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  const t = useMessages();
  const { message } = span;
  const x1 = lanes.x(message.from);
  const x2 = lanes.x(message.to);
  const dropped = span.fate === 'dropped';
  // A lost message ends at a cross: halfway if it was lost as it was sent, or where it was when
  // it was lost on the wire. One still on the wire ends at the cursor.
  const { along, lostAlong, targetY } = arrowReach(span, cursorMs, y);
  const y1 = y(span.sentAt);
  const y2 = y1 + (targetY - y1) * along;
  const xEnd = x1 + (x2 - x1) * along;
  const tone = dropped
    ? 'stroke-orange-500 fill-orange-500'
    : message.kind === 'request'
      ? 'stroke-sky-600 fill-sky-600 dark:stroke-sky-400 dark:fill-sky-400'
      : 'stroke-emerald-600 fill-emerald-600 dark:stroke-emerald-400 dark:fill-emerald-400';
  const label = arrowLabel(message, span.replayed ? t.topology.replayed : null);
  const arrived = !dropped && cursorMs >= span.endAt;
  return (
    <g
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`${label}${dropped ? ` (${t.topology.lost})` : ''}`}
      className={`cursor-pointer ${tone}`}
      onClick={() => onSelect(message.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(message.id);
        }
      }}
    >
      <line
        x1={x1}
        y1={y1}
        x2={xEnd}
        y2={y2}
        strokeWidth={selected ? 3.5 : 2}
        strokeDasharray={message.copyOf !== undefined ? '5 3' : undefined}
      />
      {/* A wide transparent twin makes the thin arrow easy to click. */}
      <line x1={x1} y1={y1} x2={xEnd} y2={y2} strokeWidth={12} stroke="transparent" />
      {arrived && <circle cx={x2} cy={y2} r={3.5} />}
      {dropped && along >= lostAlong && (
        <text x={xEnd} y={y2 + 4} textAnchor="middle" className="text-sm font-bold">
          ✕
        </text>
      )}
      <text
        x={(x1 + x2) / 2}
        y={y1 - 3}
        textAnchor="middle"
        className="stroke-none font-mono text-[10px]"
      >
        {label}
      </text>
    </g>
  );
});

function arrowLabel(message: Message, replayed: string | null): string {
  if (message.kind === 'request') return `${message.request.method} ${message.request.path}`;
  return `${statusLine(message.response.status)}${replayed ? ` · ${replayed}` : ''}`;
}

/**
 * How far an arrow is drawn at the cursor (0 to 1 of the way to `targetY`) and, for a lost
 * message, where along it the cross stands.
 */
function arrowReach(span: MessageSpan, cursorMs: number, y: (t: number) => number) {
  const end = Math.min(cursorMs, span.endAt);
  const fraction = (to: number) =>
    to === span.sentAt ? 1 : (end - span.sentAt) / (to - span.sentAt);
  if (span.fate === 'delivered')
    return { along: fraction(span.endAt), lostAlong: 1, targetY: y(span.endAt) };
  if (!span.lost) {
    // Lost as it was sent: it grows to halfway, slanting down one row, over its fall.
    return {
      along: Math.min(0.5, fraction(span.endAt) / 2),
      lostAlong: 0.5,
      targetY: y(span.sentAt) + ROW,
    };
  }
  const { at, dueAt } = span.lost;
  const lostAlong = Math.min(1, (at - span.sentAt) / Math.max(1, dueAt - span.sentAt));
  return {
    along: Math.min(lostAlong, fraction(span.lost.dueAt)),
    lostAlong,
    targetY: y(span.lost.dueAt),
  };
}

/** A small mark on a lane for what happens off the wire. */
function LaneMark({ point, x, y }: { point: Point; x: (id: ActorId) => number; y: number }) {
  const { record } = point;
  const t = useMessages();
  const words = t.sequence.marks;
  const invariantNames = t.invariants.names;
  const dot = (lane: ActorId, symbol: string, className: string) => (
    <text x={x(lane) + 8} y={y + 4} className={`text-[11px] font-semibold ${className}`}>
      {symbol}
    </text>
  );
  switch (record.type) {
    case 'store':
      return dot(STORE, `• ${record.op.type}`, 'fill-emerald-700 dark:fill-emerald-300');
    case 'served':
      return dot(
        STORE,
        `• ${record.method} ${record.status}`,
        'fill-emerald-700 dark:fill-emerald-300',
      );
    case 'charge':
      return dot(PROVIDER, `€ ${record.chargeId}`, 'fill-indigo-700 dark:fill-indigo-300');
    case 'dedup':
      return dot(PROVIDER, `= ${record.chargeId}`, 'fill-emerald-700 dark:fill-emerald-300');
    case 'declined':
      return dot(PROVIDER, `⊘ ${words.declined}`, 'fill-amber-700 dark:fill-amber-300');
    case 'top-up':
      return dot(PROVIDER, `+ ${words.topUp}`, 'fill-indigo-700 dark:fill-indigo-300');
    case 'crash':
      return dot(SERVER, `✕ ${words.crash}`, 'fill-red-600 dark:fill-red-400');
    case 'restart':
      return dot(SERVER, `↻ ${words.restart}`, 'fill-slate-600 dark:fill-slate-300');
    case 'timer':
      return record.name === 'timeout'
        ? dot(record.actor, `◷ ${words.timeout}`, 'fill-slate-600 dark:fill-slate-300')
        : null;
    case 'invariant':
      // A sign in the margin, named in words (not the code's name) for a pointer and a reader.
      return (
        <text
          x={6}
          y={y + 4}
          className="fill-fuchsia-700 text-[12px] font-bold dark:fill-fuchsia-300"
          aria-label={`${words.broken}: ${invariantNames[record.name]}`}
        >
          <title>{`${words.broken}: ${invariantNames[record.name]}`}</title>⚠
        </text>
      );
    default:
      return null;
  }
}
