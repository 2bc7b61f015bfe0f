import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useRecordCount } from '../playback/frame.ts';
import { REM_PX } from '../common/rem.ts';
import { describeTrace, type LogLine } from '../../report/log.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';

const TONE: Record<LogLine['tone'], string> = {
  normal: '',
  fault: 'bg-amber-50 dark:bg-amber-950/50',
  success: 'bg-emerald-50 dark:bg-emerald-950/50',
  violation: 'bg-red-100 font-semibold text-red-900 dark:bg-red-950 dark:text-red-100',
  money: 'bg-indigo-50 dark:bg-indigo-950/50',
};

/** Every row is one line of this height, so the log can draw only the rows in view. */
const ROW_PX = 25;
/** The scroll box is at most 32rem high: about this many rows show at once. */
const ROWS_IN_VIEW = Math.ceil((32 * REM_PX) / ROW_PX);
/** Rows drawn beyond the view on each side, so a quick scroll shows no gap. */
const OVERSCAN = 10;
/** How many rows are drawn at most: the view and its overscan on both sides. */
const ROWS_DRAWN = ROWS_IN_VIEW + 2 * OVERSCAN;

/**
 * The accessible log: every trace record as a table row, in virtual time, up to the cursor. A run
 * can hold tens of thousands of records, so only the rows around the view are drawn; spacer rows
 * keep the scroll height true, and aria-rowcount/rowindex tell screen readers where they are.
 * The log follows the cursor (its newest row at the bottom); scrolling up reads older rows until
 * the cursor moves again.
 */
export function EventLog() {
  const t = useMessages();
  const ms = t.settings.ms;
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.run.trace);
  const count = useRecordCount();
  const lines = useMemo(() => describeTrace(trace, lang), [trace, lang]);
  const box = useRef<HTMLDivElement>(null);
  const { start, end, onScroll } = useFollowedWindow(box, count);
  return (
    // Off screen (below the stage, or folded away) the browser skips laying out and painting the
    // log's rows, which change on every step; its place keeps a likely size meanwhile.
    <Panel
      id="event-log"
      title={t.log.region}
      className="min-w-0 [contain-intrinsic-size:auto_36rem] [content-visibility:auto]"
    >
      <div
        ref={box}
        onScroll={onScroll}
        className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800"
        tabIndex={0}
        aria-label={t.log.caption}
      >
        <table
          className="w-full border-collapse text-left text-sm"
          aria-rowcount={count + 1}
          data-count={count}
        >
          <caption className="sr-only">{t.log.caption}</caption>
          <LogHead />
          <tbody className="font-mono text-xs">
            {start > 0 && <Spacer px={start * ROW_PX} />}
            {/* Keyed by line: a step adds one row and drops one. (Keyed by slot modulo the
                window, a step back made React move every other row.) */}
            {lines.slice(start, end).map((line, i) => (
              <Row
                key={start + i}
                line={line}
                index={start + i}
                current={start + i === count - 1}
                ms={ms}
              />
            ))}
            {end < count && <Spacer px={(count - end) * ROW_PX} />}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

/**
 * Which of the first `count` rows are drawn, and the scroll handler that moves them: around the
 * reader's scroll position while they read, else the newest rows, scrolled to the bottom.
 */
function useFollowedWindow(boxRef: { readonly current: HTMLDivElement | null }, count: number) {
  // Where the reader scrolled to, valid only until the cursor moves (then the log follows again).
  const [reading, setReading] = useState<{ count: number; top: number } | null>(null);
  const readTop = reading?.count === count ? reading.top : null;
  // Keep the newest line in view as the run plays, without moving the page and without reading
  // layout (the browser clamps the value to the bottom). Written in the next animation frame, not
  // as React commits: a scroll written at once makes the browser lay out the whole page there and
  // then, and again when it draws the frame (during play, most of a frame's script time went to
  // this one line).
  // Off screen the write waits until the log comes into view: a scroll forces the layout the
  // browser skips there.
  const near = useNearView(boxRef);
  useEffect(() => {
    if (!near) return;
    const frame = requestAnimationFrame(() => {
      if (boxRef.current) boxRef.current.scrollTop = 1e9;
    });
    return () => cancelAnimationFrame(frame);
  }, [boxRef, count, near]);
  const onScroll = () => {
    const el = boxRef.current;
    if (!el) return;
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_PX;
    setReading(atBottom ? null : { count, top: el.scrollTop });
  };
  return { ...rowsDrawn(count, readTop), onScroll };
}

/** Whether the element is in the viewport or within a screen of it, followed as the page scrolls. */
function useNearView(ref: { readonly current: Element | null }): boolean {
  const [near, setNear] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(([entry]) => setNear(entry?.isIntersecting ?? true), {
      rootMargin: '100% 0px',
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return near;
}

/** The rows in view and their overscan, from the scroll position `readTop` or from the end. */
function rowsDrawn(count: number, readTop: number | null): { start: number; end: number } {
  const first =
    readTop === null ? count - ROWS_IN_VIEW - OVERSCAN : Math.floor(readTop / ROW_PX) - OVERSCAN;
  const start = Math.max(0, Math.min(first, count - ROWS_DRAWN));
  return { start, end: Math.min(count, start + ROWS_DRAWN) };
}

function LogHead() {
  const t = useMessages().log;
  return (
    <thead className="sticky top-0 z-10 bg-slate-100 text-xs text-slate-600 uppercase dark:bg-slate-800 dark:text-slate-300">
      <tr aria-rowindex={1}>
        <th scope="col" className="px-2 py-1.5 text-right font-semibold">
          {t.time}
        </th>
        <th scope="col" className="px-2 py-1.5 font-semibold">
          {t.actor}
        </th>
        <th scope="col" className="px-2 py-1.5 font-semibold">
          {t.what}
        </th>
      </tr>
    </thead>
  );
}

/**
 * A row draws again only when its line or its place changes, not when its neighbours do. It
 * takes its time format from the log rather than from the store: forty rows that each watched
 * the store were forty more checks on every move.
 */
const Row = memo(function Row({
  line,
  index,
  current,
  ms,
}: {
  line: LogLine;
  index: number;
  current: boolean;
  ms: (value: number) => string;
}) {
  return (
    <tr
      aria-rowindex={index + 2}
      aria-current={current ? 'true' : undefined}
      style={{ height: ROW_PX }}
      className={`border-t border-slate-100 whitespace-nowrap dark:border-slate-800 ${TONE[line.tone]} ${
        current ? 'outline-2 -outline-offset-2 outline-indigo-500' : ''
      }`}
    >
      <td className="px-2 text-right text-slate-600 tabular-nums dark:text-slate-400">
        {ms(line.t)}
      </td>
      <td className="px-2">{line.actor}</td>
      <td className="px-2">
        <span className="font-semibold">{line.verb}</span> {line.detail}
      </td>
    </tr>
  );
});

/** Stands in for the rows out of view, so the scrollbar stays true to the whole log. */
function Spacer({ px }: { px: number }) {
  return (
    <tr aria-hidden="true" style={{ height: px }}>
      <td colSpan={3} />
    </tr>
  );
}
