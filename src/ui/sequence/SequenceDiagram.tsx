import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { statusLine } from '../../model/http.ts';
import { PROVIDER, SERVER, STORE, type ActorId, type Message } from '../../model/message.ts';
import type { MessageSpan, Timeline } from '../../report/timeline.ts';
import type { LabStore } from '../../state/store.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useLabStore, useMessages } from '../common/lab.ts';
import { MessageDetails } from './MessageDetails.tsx';
import { useRecordCount } from '../playback/frame.ts';
import {
  arrowShape,
  diagramWidth,
  followTop,
  isFollowing,
  LANE_LABEL_Y,
  LANE_LINE_TOP,
  laneEvents,
  lanesOf,
  markAt,
  pointsBetween,
  rowsOf,
  spansInView,
  timesInView,
  type Lanes,
  type Point,
  type Rows,
} from './geometry.ts';

/**
 * Swimlanes over the run: one lane per actor, one row per moment something happened (quiet
 * stretches take no room), growing with the cursor. Messages are arrows; drops, copies, crashes,
 * timeouts and broken invariants are marked. Any message can be selected to read it in full.
 * Where each thing stands is worked out in geometry.ts; this file draws it.
 */
export function SequenceDiagram() {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const count = useRecordCount();
  const { selected, select, unselect } = useSelection(timeline);
  const lanes = useMemo(() => lanesOf(timeline, run.world), [timeline, run.world]);
  const rows = useMemo(() => rowsOf(timeline), [timeline]);
  const points = useMemo(() => laneEvents(timeline.trace), [timeline]);
  const box = useRef<HTMLDivElement>(null);
  const store = useLabStore();
  // Where the reader scrolled to, valid only until the next event (then the diagram follows).
  const [reading, setReading] = useState<{ count: number; top: number } | null>(null);
  useFollowCursor(store, box, rows);
  const lastT = timeline.trace[count - 1]?.t ?? -1;
  const following = followTop(rows, lastT);
  const onScroll = () => {
    const top = box.current?.scrollTop ?? 0;
    setReading(isFollowing(top, following) ? null : { count, top });
  };
  const top = reading?.count === count ? reading.top : following;
  const width = diagramWidth(lanes);
  const { from, to } = timesInView(rows, top);
  const inView = useMemo(
    () => spansInView(timeline.spans, from, to, selected),
    [timeline, from, to, selected],
  );
  const marks = useMemo(
    () =>
      pointsBetween(points, from, Math.min(to, lastT)).map((p) => (
        <LaneMark key={p.index} point={p} x={lanes.x} y={rows.y(p.t)} />
      )),
    [points, from, to, lastT, lanes, rows],
  );

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
          <LaneLines lanes={lanes} height={rows.height} />
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
      {chosen && <MessageDetails message={chosen} onClose={unselect} />}
    </Panel>
  );
}

/** The message selected to read; a selection belongs to its run: a new run shows no stale one. */
function useSelection(timeline: Timeline) {
  const [choice, setChoice] = useState<{ timeline: Timeline; id: number } | null>(null);
  const selected = choice?.timeline === timeline ? choice.id : null;
  const select = useCallback((id: number) => setChoice({ timeline, id }), [timeline]);
  const unselect = useCallback(() => setChoice(null), []);
  return { selected, select, unselect };
}

/**
 * Keeps the cursor in the scroll box as the run plays or jumps. A link that opens at a moment, or
 * a new run, shows the cursor at once, not the diagram's top (the rows drawn are the ones around
 * the cursor).
 */
function useFollowCursor(
  store: LabStore,
  boxRef: { readonly current: HTMLDivElement | null },
  rows: Rows,
) {
  const follow = useCallback(() => {
    const target = followTop(rows, store.getState().cursorMs);
    if (boxRef.current) boxRef.current.scrollTop = target;
  }, [store, boxRef, rows]);
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
}

/** Each actor's name over its lane, and the lane down the whole diagram. */
const LaneLines = memo(function LaneLines({ lanes, height }: { lanes: Lanes; height: number }) {
  return lanes.ids.map((id) => (
    <g key={id}>
      <text
        x={lanes.x(id)}
        y={LANE_LABEL_Y}
        textAnchor="middle"
        className="fill-current text-xs font-semibold"
      >
        {id}
      </text>
      <line
        x1={lanes.x(id)}
        x2={lanes.x(id)}
        y1={LANE_LINE_TOP}
        y2={height}
        className="stroke-slate-300 dark:stroke-slate-700"
      />
    </g>
  ));
});

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
  const dropped = span.fate === 'dropped';
  const {
    x1,
    y1,
    x2,
    xEnd,
    yEnd,
    arrived,
    crossed,
    label: at,
  } = arrowShape(span, lanes, y, cursorMs);
  const label = arrowLabel(message, span.replayed ? t.topology.replayed : null);
  const select = () => onSelect(message.id);
  return (
    <g
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`${label}${dropped ? ` (${t.topology.lost})` : ''}`}
      className={`cursor-pointer ${arrowTone(span)}`}
      onClick={select}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        }
      }}
    >
      <line
        x1={x1}
        y1={y1}
        x2={xEnd}
        y2={yEnd}
        strokeWidth={selected ? 3.5 : 2}
        strokeDasharray={message.copyOf !== undefined ? '5 3' : undefined}
      />
      {/* A wide transparent twin makes the thin arrow easy to click. */}
      <line x1={x1} y1={y1} x2={xEnd} y2={yEnd} strokeWidth={12} stroke="transparent" />
      {arrived && <circle cx={x2} cy={yEnd} r={3.5} />}
      {crossed && (
        <text x={xEnd} y={yEnd + 4} textAnchor="middle" className="text-sm font-bold">
          ✕
        </text>
      )}
      <text x={at.x} y={at.y} textAnchor="middle" className="stroke-none font-mono text-[10px]">
        {label}
      </text>
    </g>
  );
});

/** Lost messages orange, requests blue, responses green. */
function arrowTone(span: MessageSpan): string {
  if (span.fate === 'dropped') return 'stroke-orange-500 fill-orange-500';
  return span.message.kind === 'request'
    ? 'stroke-sky-600 fill-sky-600 dark:stroke-sky-400 dark:fill-sky-400'
    : 'stroke-emerald-600 fill-emerald-600 dark:stroke-emerald-400 dark:fill-emerald-400';
}

function arrowLabel(message: Message, replayed: string | null): string {
  if (message.kind === 'request') return `${message.request.method} ${message.request.path}`;
  return `${statusLine(message.response.status)}${replayed ? ` · ${replayed}` : ''}`;
}

/** A small mark on a lane for what happens off the wire. */
function LaneMark({ point, x, y }: { point: Point; x: (id: ActorId) => number; y: number }) {
  const { record } = point;
  const t = useMessages();
  const words = t.sequence.marks;
  const invariantNames = t.invariants.names;
  const dot = (lane: ActorId, symbol: string, className: string) => (
    <text {...markAt(x(lane), y)} className={`text-[11px] font-semibold ${className}`}>
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
