import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MessageSpan, Timeline } from '../../report/timeline.ts';
import type { LabStore } from '../../state/store.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useLabStore, useMessages } from '../common/lab.ts';
import { MessageDetails } from './MessageDetails.tsx';
import { useRecordCount } from '../playback/frame.ts';
import {
  arrowLabel,
  arrowShape,
  diagramWidth,
  followTop,
  isFollowing,
  labelItems,
  LANE_LINE_TOP,
  laneEvents,
  lanesOf,
  markOf,
  placeLabels,
  pointsBetween,
  rowsOf,
  spansInView,
  timesInView,
  VIEW_PX,
  type LabelSpot,
  type Lanes,
  type MarkTone,
  type Point,
  type Rows,
} from './geometry.ts';

/** The height of the lane names' row, which stays at the top of the box as it scrolls. */
const HEADER_PX = 28;

/**
 * Swimlanes over the run: one lane per actor, one row per moment something happened (quiet
 * stretches take no room), growing with the cursor. Messages are arrows; drops, copies, crashes,
 * timeouts and broken invariants are marked. Any message can be selected to read it in full.
 * Where each thing stands is worked out in geometry.ts; this file draws it.
 *
 * Height: the panel fills the height its parent gives it and the diagram scrolls inside; a parent
 * that gives none gets a box of at most 28rem (or `--sequence-max-h`, which a stage may set).
 */
export function SequenceDiagram() {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const count = useRecordCount();
  const { selected, select, unselect } = useSelection(timeline);
  const [unfolded, setUnfolded] = useState(false);
  const lanes = useMemo(
    () => lanesOf(timeline, run.world, unfolded),
    [timeline, run.world, unfolded],
  );
  const rows = useMemo(() => rowsOf(timeline), [timeline]);
  const width = diagramWidth(lanes);
  const labels = useMemo(
    () => placeLabels(labelItems(timeline, lanes, rows.y, t), width),
    [timeline, lanes, rows, t, width],
  );
  const points = useMemo(() => laneEvents(timeline.trace), [timeline]);
  const box = useRef<HTMLDivElement>(null);
  const viewPx = useRowsHeight(box);
  const store = useLabStore();
  // Where the reader scrolled to, valid only until the next event (then the diagram follows).
  const [reading, setReading] = useState<{ count: number; top: number } | null>(null);
  useFollowCursor(store, box, rows, viewPx);
  const lastT = timeline.trace[count - 1]?.t ?? -1;
  const following = followTop(rows, lastT, viewPx);
  const onScroll = () => {
    const top = box.current?.scrollTop ?? 0;
    setReading(isFollowing(top, following) ? null : { count, top });
  };
  const top = reading?.count === count ? reading.top : following;
  const { from, to } = timesInView(rows, top, viewPx);
  const inView = useMemo(
    () => spansInView(timeline.spans, from, to, selected),
    [timeline, from, to, selected],
  );
  const marks = useMemo(
    () =>
      pointsBetween(points, from, Math.min(to, lastT)).map((p) => (
        <LaneMark key={p.index} point={p} spot={labels.get(`p${p.index}`)} />
      )),
    [points, from, to, lastT, labels],
  );

  const chosen = timeline.spans.find((s) => s.message.id === selected)?.message ?? null;
  return (
    <Panel id="sequence" title={t.sequence.region} className="flex h-full min-h-0 flex-col">
      {lanes.fold && (
        <FoldToggle
          from={lanes.fold.from}
          to={lanes.fold.to}
          unfolded={unfolded}
          onToggle={() => setUnfolded((u) => !u)}
        />
      )}
      <div
        ref={box}
        onScroll={onScroll}
        data-testid="sequence-scroll"
        className="max-h-[var(--sequence-max-h,28rem)] min-h-40 flex-1 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800"
      >
        <LaneHeader lanes={lanes} width={width} />
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
            labels={labels}
            selected={selected}
            onSelect={select}
          />
        </svg>
      </div>
      <p className="sequence-hint mt-1 text-xs text-slate-600 dark:text-slate-300">
        {t.sequence.hint}
      </p>
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
 * The height the rows have in the scroll box (its height less the lane names' row), measured as
 * the page lays the box out: the box is as tall as its parent lets it be.
 */
function useRowsHeight(boxRef: { readonly current: HTMLDivElement | null }): number {
  const [height, setHeight] = useState(VIEW_PX - HEADER_PX);
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => setHeight(Math.max(ROW_MIN_PX, box.clientHeight - HEADER_PX));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [boxRef]);
  return height;
}

/** Below this the box is not laid out yet (or hidden): follow as if it had a few rows. */
const ROW_MIN_PX = 66;

/**
 * Keeps the cursor in the scroll box as the run plays or jumps. A link that opens at a moment, or
 * a new run, shows the cursor at once, not the diagram's top (the rows drawn are the ones around
 * the cursor).
 */
function useFollowCursor(
  store: LabStore,
  boxRef: { readonly current: HTMLDivElement | null },
  rows: Rows,
  viewPx: number,
) {
  const follow = useCallback(() => {
    const target = followTop(rows, store.getState().cursorMs, viewPx);
    if (boxRef.current) boxRef.current.scrollTop = target;
  }, [store, boxRef, rows, viewPx]);
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

/** Unfolds the clients beyond the first few onto lanes of their own, or folds them again. */
function FoldToggle(props: { from: number; to: number; unfolded: boolean; onToggle: () => void }) {
  const s = useMessages().sequenceStage;
  return (
    <div className="mb-2 flex items-center justify-between gap-3 text-xs text-slate-600 dark:text-slate-300">
      <span>{props.unfolded ? s.unfoldedNote : s.foldedNote(props.from, props.to)}</span>
      <button
        type="button"
        aria-expanded={props.unfolded}
        onClick={props.onToggle}
        className="shrink-0 rounded-md border border-slate-300 px-2 py-0.5 font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        {props.unfolded ? s.fold(props.from, props.to) : s.unfold(props.from, props.to)}
      </button>
    </div>
  );
}

/**
 * The actors' names over their lanes, in a row that stays at the top of the scroll box while the
 * rows scroll under it (and moves sideways with them).
 */
const LaneHeader = memo(function LaneHeader({ lanes, width }: { lanes: Lanes; width: number }) {
  const s = useMessages().sequenceStage;
  return (
    <div
      data-testid="sequence-lanes"
      className="sticky top-0 z-10 min-w-full border-b border-slate-200 bg-white/95 dark:border-slate-800 dark:bg-slate-900/95"
      style={{ width, height: HEADER_PX }}
    >
      {lanes.ids.map((id) => (
        <span
          key={id}
          className="absolute top-1.5 -translate-x-1/2 text-xs font-semibold whitespace-nowrap"
          style={{ left: lanes.x(id) }}
        >
          {lanes.fold?.id === id ? s.folded(lanes.fold.from, lanes.fold.to) : id}
        </span>
      ))}
    </div>
  );
});

/** Each lane down the whole diagram. */
const LaneLines = memo(function LaneLines({ lanes, height }: { lanes: Lanes; height: number }) {
  return lanes.ids.map((id) => {
    const x = lanes.x(id);
    return (
      <line
        key={id}
        x1={x}
        x2={x}
        y1={LANE_LINE_TOP}
        y2={height}
        className="stroke-slate-300 dark:stroke-slate-700"
        strokeDasharray={lanes.fold?.id === id ? '6 4' : undefined}
      />
    );
  });
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
  labels,
  selected,
  onSelect,
}: {
  spans: readonly MessageSpan[];
  lanes: Lanes;
  y: (t: number) => number;
  labels: ReadonlyMap<string, LabelSpot>;
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
            spot={labels.get(`m${span.message.id}`)}
            selected={span.message.id === selected}
            onSelect={onSelect}
          />
        ))}
      {/* Across the whole box, which may be wider than the lanes need. */}
      <line
        x1={0}
        x2="100%"
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
  spot,
  selected,
  onSelect,
}: {
  span: MessageSpan;
  lanes: Lanes;
  y: (t: number) => number;
  cursorMs: number;
  /** Where its label stands; none where it would print over another label. */
  spot: LabelSpot | undefined;
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  const t = useMessages();
  const { message } = span;
  const dropped = span.fate === 'dropped';
  const { x1, y1, x2, xEnd, yEnd, arrived, crossed } = arrowShape(span, lanes, y, cursorMs);
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
      {spot && (
        <text
          x={spot.x}
          y={spot.y}
          textAnchor={spot.anchor}
          data-label=""
          className="stroke-none font-mono text-[10px]"
        >
          {spot.text}
        </text>
      )}
      {!spot && <title>{label}</title>}
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

const MARK_TONES: Record<MarkTone, string> = {
  store: 'fill-emerald-700 dark:fill-emerald-300',
  charge: 'fill-indigo-700 dark:fill-indigo-300',
  dedup: 'fill-emerald-700 dark:fill-emerald-300',
  warn: 'fill-amber-700 dark:fill-amber-300',
  crash: 'fill-red-600 dark:fill-red-400',
  quiet: 'fill-slate-600 dark:fill-slate-300',
  broken: 'fill-fuchsia-700 dark:fill-fuchsia-300',
};

/**
 * A small mark on a lane for what happens off the wire, where the label placement put it (its
 * symbol alone when its words would print over another label, nothing when even that would).
 */
function LaneMark({ point, spot }: { point: Point; spot: LabelSpot | undefined }) {
  const t = useMessages();
  const mark = markOf(point.record, t);
  if (!mark || !spot) return null;
  const { record } = point;
  const size = mark.lane === null ? 'text-[12px] font-bold' : 'text-[11px] font-semibold';
  // A broken invariant is a sign in the margin, named in words for a pointer and a reader.
  const named =
    record.type === 'invariant'
      ? `${t.sequence.marks.broken}: ${t.invariants.names[record.name]}`
      : spot.text === mark.text
        ? undefined
        : mark.text;
  return (
    <text
      x={spot.x}
      y={spot.y}
      textAnchor={spot.anchor}
      data-label=""
      className={`${size} ${MARK_TONES[mark.tone]}`}
      aria-label={named}
    >
      {named && <title>{named}</title>}
      {spot.text}
    </text>
  );
}
