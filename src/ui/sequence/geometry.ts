import { isClient, SERVER, type ActorId } from '../../model/message.ts';
import { WORLDS, type WorldKind } from '../../model/worlds.ts';
import type { TraceRecord } from '../../model/trace.ts';
import type { MessageSpan, Timeline } from '../../report/timeline.ts';
import { REM_PX } from '../common/rem.ts';

/**
 * Where things stand in the sequence diagram, in SVG pixels: lanes across, one row per moment
 * down, arrows between lanes, and which part of a long run is in the scroll box. Pure arithmetic
 * over the timeline and the cursor, kept out of the components so it can be tested without a
 * browser.
 */
export const ROW = 22;
export const TOP = 34;
const LANE_GAP = 130;
const LEFT = 70;
/** Room right of the last lane, for its marks. */
const RIGHT = 70;
/** The baseline of the actors' names above their lanes. */
export const LANE_LABEL_Y = 16;
/** A lane line starts a little above the first row, under its name. */
export const LANE_LINE_TOP = TOP - 10;

export interface Lanes {
  ids: ActorId[];
  x: (id: ActorId) => number;
}

/** One lane per client, then the server, then the world's back end, left to right. */
export function lanesOf(timeline: Timeline, world: WorldKind): Lanes {
  const clients = timeline.actors.filter(isClient);
  const ids = [...clients, SERVER, ...WORLDS[world].backEnd];
  const index = new Map(ids.map((id, i) => [id, i]));
  return { ids, x: (id) => LEFT + (index.get(id) ?? 0) * LANE_GAP };
}

export function diagramWidth(lanes: Lanes): number {
  return LEFT + (lanes.ids.length - 1) * LANE_GAP + RIGHT;
}

/** Index of the first stop after `t` (stops.length if none): a binary search. */
export function firstStopAfter(stops: readonly number[], t: number): number {
  let lo = 0;
  let hi = stops.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stops[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Rows {
  /** The height of a virtual time. */
  y: (t: number) => number;
  /** The virtual times drawn between two heights, with a row to spare on each side. */
  timesBetween: (top: number, bottom: number) => { from: number; to: number };
  /** The whole diagram's height. */
  height: number;
}

/** Row of each distinct moment, so that y follows the order of events, not the clock. */
export function rowsOf(timeline: Timeline): Rows {
  const { stops } = timeline;
  const y = (t: number) => {
    const after = firstStopAfter(stops, t);
    if (after === 0) return TOP;
    const a = stops[after - 1]!;
    if (a === t || after === stops.length) return TOP + (after - 1) * ROW;
    // Between two moments (a message still on the wire): interpolate between their rows.
    return TOP + (after - 1 + (t - a) / (stops[after]! - a)) * ROW;
  };
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

/** The scroll position that keeps time `t` in view near the box's bottom. */
export function followTop(rows: Rows, t: number): number {
  return Math.max(0, rows.y(t) - VIEW_PX + FOLLOW_GAP_PX);
}

/**
 * Whether a scroll position is the diagram's own following rather than the reader's: its own
 * moves stay within a row or two of the last event.
 */
export function isFollowing(top: number, following: number): boolean {
  return Math.abs(top - following) < 3 * ROW;
}

/**
 * The virtual times in the scroll box scrolled to `top`, two rows to spare each side: a run may
 * have thousands of messages, and only these are drawn.
 */
export function timesInView(rows: Rows, top: number): { from: number; to: number } {
  return rows.timesBetween(top - 2 * ROW, top + VIEW_PX + 2 * ROW);
}

/** The messages on the wire at some time in view; the selected one too, to keep its focus. */
export function spansInView(
  spans: readonly MessageSpan[],
  from: number,
  to: number,
  selected: number | null,
): MessageSpan[] {
  return spans.filter(
    (span) => (span.sentAt <= to && span.endAt >= from) || span.message.id === selected,
  );
}

/** A record drawn on a lane, with its place in the trace (a stable key). */
export type Point = { t: number; record: TraceRecord; index: number };

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
export function laneEvents(trace: readonly TraceRecord[]): Point[] {
  const points: Point[] = [];
  trace.forEach((record, index) => {
    if (LANE_RECORDS.includes(record.type)) points.push({ t: record.t, record, index });
  });
  return points;
}

/** The lane events from `from` to `to`, both included. */
export function pointsBetween(points: readonly Point[], from: number, to: number): Point[] {
  return points.filter((p) => p.t >= from && p.t <= to);
}

/** Where a lane mark's text starts: just right of its lane, its middle on the row. */
export function markAt(laneX: number, y: number): { x: number; y: number } {
  return { x: laneX + 8, y: y + 4 };
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

export interface ArrowShape {
  /** The sender's end. */
  x1: number;
  y1: number;
  /** The receiver's lane. */
  x2: number;
  /** Where the arrow is drawn to at the cursor. */
  xEnd: number;
  yEnd: number;
  /** Delivered by the cursor: a dot marks its arrival. */
  arrived: boolean;
  /** Lost, and drawn as far as where it was lost: a cross marks the place. */
  crossed: boolean;
  /** Where the label's middle stands, just above the arrow's start. */
  label: { x: number; y: number };
}

/**
 * An arrow at the cursor. A lost message ends at a cross: halfway if it was lost as it was sent,
 * or where it was when it was lost on the wire. One still on the wire ends at the cursor.
 */
export function arrowShape(
  span: MessageSpan,
  lanes: Lanes,
  y: (t: number) => number,
  cursorMs: number,
): ArrowShape {
  const x1 = lanes.x(span.message.from);
  const x2 = lanes.x(span.message.to);
  const { along, lostAlong, targetY } = arrowReach(span, cursorMs, y);
  const y1 = y(span.sentAt);
  return {
    x1,
    y1,
    x2,
    xEnd: x1 + (x2 - x1) * along,
    yEnd: y1 + (targetY - y1) * along,
    arrived: span.fate === 'delivered' && cursorMs >= span.endAt,
    crossed: span.fate === 'dropped' && along >= lostAlong,
    label: { x: (x1 + x2) / 2, y: y1 - 3 },
  };
}
