import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Timeline } from '../../report/timeline.ts';
import type { LabStore } from '../../state/store.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useLabStore, useMessages } from '../common/lab.ts';
import { MessageDetails } from './MessageDetails.tsx';
import { useRecordCount } from '../playback/frame.ts';
import { LabelLayer, LaneLines, LaneMark, WiresAt } from './parts.tsx';
import {
  followTop,
  isFollowing,
  pointsBetween,
  spansInView,
  timesInView,
  VIEW_PX,
  wiresBetween,
  type Lanes,
  type Rows,
} from './geometry.ts';
import { useSequenceLayout } from './useSequence.ts';

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
  const [unfolded, setUnfolded] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const { height: viewPx, width: boxWidth } = useBoxSize(box);
  const layout = useSequenceLayout(unfolded, boxWidth);
  const { t, words, timeline, lanes, rows, points, labels } = layout;
  const count = useRecordCount();
  const { selected, select, unselect } = useSelection(timeline);
  const store = useLabStore();
  // Where the reader scrolled to, valid only until the next event (then the diagram follows).
  const [reading, setReading] = useState<{ count: number; top: number } | null>(null);
  const ownScroll = useFollowCursor(store, box, rows, viewPx);
  const lastT = timeline.trace[count - 1]?.t ?? -1;
  const following = followTop(rows, lastT, viewPx);
  const onScroll = () => {
    // A scroll the diagram made itself to follow the cursor is not the reader's: reading
    // scrollTop here would force a layout, and a stale position a render back and forth.
    if (ownScroll.current) return;
    const top = box.current?.scrollTop ?? 0;
    setReading(isFollowing(top, following) ? null : { count, top });
  };
  const top = reading?.count === count ? reading.top : following;
  const { from, to } = timesInView(rows, top, viewPx);
  const inView = useMemo(
    () => spansInView(layout.spans, from, to, selected),
    [layout.spans, from, to, selected],
  );
  const callsInView = useMemo(() => wiresBetween(layout.calls, from, to), [layout.calls, from, to]);
  const marks = useMemo(
    () =>
      pointsBetween(points, from, Math.min(to, lastT)).map((p) => (
        <LaneMark key={p.index} point={p} spot={labels.get(`p${p.index}`)} t={t} words={words} />
      )),
    [points, from, to, lastT, labels, t, words],
  );

  const chosen = inView.find((s) => s.message.id === selected)?.message ?? null;
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
        // How many records it shows: npm run perf waits for it to match the timeline's.
        data-count={count}
        className="max-h-[var(--sequence-max-h,28rem)] min-h-40 flex-1 overflow-auto rounded-lg border border-slate-200 dark:border-slate-800"
      >
        <LaneHeader lanes={lanes} />
        <svg
          width={lanes.width}
          height={rows.height}
          className="block min-w-full"
          aria-label={t.sequence.caption}
          role="group"
        >
          <LaneLines lanes={lanes} height={rows.height} />
          {/* Under the labels, which a halo keeps readable where it crosses them. */}
          <CursorLine y={rows.y} />
          <Wires
            spans={inView}
            calls={callsInView}
            layout={layout}
            selected={selected}
            onSelect={select}
          />
          <LabelLayer>{marks}</LabelLayer>
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
 * The height the rows have in the scroll box (its height less the lane names' row), and the
 * width the lanes have to fit in (null until measured), as the page lays the box out.
 */
function useBoxSize(boxRef: { readonly current: HTMLDivElement | null }) {
  const [size, setSize] = useState<{ height: number; width: number | null }>({
    height: VIEW_PX - HEADER_PX,
    width: null,
  });
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => {
      const height = Math.max(ROW_MIN_PX, box.clientHeight - HEADER_PX);
      // A box not laid out yet (or hidden) has no width to fit.
      const width = box.clientWidth > 0 ? box.clientWidth : null;
      setSize((old) => (old.height === height && old.width === width ? old : { height, width }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, [boxRef]);
  return size;
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
): { readonly current: boolean } {
  // True from the diagram's own scroll until the next frame, when its scroll event has passed.
  const moving = useRef(false);
  const follow = useCallback(() => {
    const target = followTop(rows, store.getState().cursorMs, viewPx);
    if (!boxRef.current) return;
    moving.current = true;
    boxRef.current.scrollTop = target;
    requestAnimationFrame(() => {
      moving.current = false;
    });
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
  return moving;
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
 * rows scroll under it (and moves sideways with them). A name wider than its lane's room is cut,
 * its whole name in a tooltip.
 */
const LaneHeader = memo(function LaneHeader({ lanes }: { lanes: Lanes }) {
  const s = useMessages().sequenceStage;
  return (
    <div
      data-testid="sequence-lanes"
      className="sticky top-0 z-10 min-w-full border-b border-slate-200 bg-white/95 dark:border-slate-800 dark:bg-slate-900/95"
      style={{ width: lanes.width, height: HEADER_PX }}
    >
      {lanes.ids.map((id) => {
        const name = lanes.fold?.id === id ? s.folded(lanes.fold.from, lanes.fold.to) : id;
        return (
          <span
            key={id}
            title={name}
            className="absolute top-1.5 -translate-x-1/2 truncate text-center text-xs font-semibold whitespace-nowrap"
            style={{ left: lanes.x(id), maxWidth: lanes.gap - 4 }}
          >
            {name}
          </span>
        );
      })}
    </div>
  );
});

/** The cursor's line across the whole box, which may be wider than the lanes need. */
function CursorLine({ y }: { y: (t: number) => number }) {
  const cursorY = y(useLab((s) => s.cursorMs));
  return (
    <line
      x1={0}
      x2="100%"
      y1={cursorY}
      y2={cursorY}
      className="stroke-indigo-500"
      strokeDasharray="4 3"
    />
  );
}

/** The wires in view at the cursor, redrawn on every frame. */
function Wires(props: Omit<Parameters<typeof WiresAt>[0], 'cursorMs'>) {
  return <WiresAt {...props} cursorMs={useLab((s) => s.cursorMs)} />;
}
