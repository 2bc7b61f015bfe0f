import { statusLine } from '../../model/http.ts';
import {
  isClient,
  PROVIDER,
  SERVER,
  STORE,
  type ActorId,
  type Message,
} from '../../model/message.ts';
import type { Messages } from '../../i18n/en.ts';
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
/** The first row's height: the lane names sit in a header row of their own, above the scroll. */
export const TOP = 18;
const LANE_GAP = 130;
/** Lanes close up a little when there are many, so that seven fit a laptop's half screen. */
const NARROW_LANE_GAP = 112;
const NARROW_FROM_LANES = 6;
const LEFT = 70;
/** Room right of the last lane, for its marks. */
const RIGHT = 70;
/** A lane line starts a little above the first row. */
export const LANE_LINE_TOP = 0;
/** Clients drawn on lanes of their own before the rest fold into one. */
export const SHOWN_CLIENTS = 3;

/** Clients folded into one lane: their numbers in the run (1-based), and whether unfolded. */
export interface Fold {
  id: string;
  from: number;
  to: number;
  members: readonly ActorId[];
  expanded: boolean;
}

export interface Lanes {
  /** Lane names left to right: actors, and the fold's id when clients are folded. */
  ids: string[];
  /** An actor's lane; a folded client's is the fold's lane. */
  x: (id: ActorId) => number;
  /** Clients folded (or unfolded again) beyond the first few; null with few clients. */
  fold: Fold | null;
}

/**
 * With a few clients: clients, then the server, then the world's back end, left to right, the
 * way a request travels. With many, the back end comes first, mirrored (provider, store, server,
 * then the clients), so the server and the store never leave the screen to the right however
 * many clients there are; clients beyond the first few share one lane until the reader unfolds
 * them.
 */
export function lanesOf(timeline: Timeline, world: WorldKind, expanded = false): Lanes {
  const clients = timeline.actors.filter(isClient);
  const backEnd = [SERVER, ...WORLDS[world].backEnd];
  if (clients.length <= SHOWN_CLIENTS + 1) return placeLanes([...clients, ...backEnd], null);
  const members = clients.slice(SHOWN_CLIENTS);
  const fold: Fold = {
    id: `clients ${SHOWN_CLIENTS + 1}–${clients.length}`,
    from: SHOWN_CLIENTS + 1,
    to: clients.length,
    members,
    expanded,
  };
  const shown = expanded ? clients : [...clients.slice(0, SHOWN_CLIENTS), fold.id];
  return placeLanes([...backEnd.reverse(), ...shown], fold);
}

function placeLanes(ids: string[], fold: Fold | null): Lanes {
  const index = new Map(ids.map((id, i) => [id, i]));
  if (fold && !fold.expanded) for (const id of fold.members) index.set(id, index.get(fold.id)!);
  const gap = laneGap(ids.length);
  return { ids, fold, x: (id) => LEFT + (index.get(id) ?? 0) * gap };
}

function laneGap(lanes: number): number {
  return lanes >= NARROW_FROM_LANES ? NARROW_LANE_GAP : LANE_GAP;
}

export function diagramWidth(lanes: Lanes): number {
  return LEFT + (lanes.ids.length - 1) * laneGap(lanes.ids.length) + RIGHT;
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

/** The scroll box's height when the page gives it none of its own: at most 28rem. */
export const VIEW_PX = 28 * REM_PX;
/** How far above the box's bottom the cursor line is kept while the diagram follows it. */
const FOLLOW_GAP_PX = 60;

/** The scroll position that keeps time `t` in view near the bottom of a box `viewPx` high. */
export function followTop(rows: Rows, t: number, viewPx = VIEW_PX): number {
  const gap = Math.min(FOLLOW_GAP_PX, viewPx / 3);
  return Math.max(0, rows.y(t) - viewPx + gap);
}

/**
 * Whether a scroll position is the diagram's own following rather than the reader's: its own
 * moves stay within a row or two of the last event.
 */
export function isFollowing(top: number, following: number): boolean {
  return Math.abs(top - following) < 3 * ROW;
}

/**
 * The virtual times in a box `viewPx` high scrolled to `top`, two rows to spare each side: a run
 * may have thousands of messages, and only these are drawn.
 */
export function timesInView(
  rows: Rows,
  top: number,
  viewPx = VIEW_PX,
): { from: number; to: number } {
  return rows.timesBetween(top - 2 * ROW, top + viewPx + 2 * ROW);
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
  };
}

/** An arrow's label: the request line, or the status (and whether it was replayed). */
export function arrowLabel(message: Message, replayed: string | null): string {
  if (message.kind === 'request') return `${message.request.method} ${message.request.path}`;
  return `${statusLine(message.response.status)}${replayed ? ` · ${replayed}` : ''}`;
}

export type MarkTone = 'store' | 'charge' | 'dedup' | 'warn' | 'crash' | 'quiet' | 'broken';

/** What a lane mark says and where: on a lane, or (null) in the left margin. */
export interface Mark {
  lane: ActorId | null;
  symbol: string;
  text: string;
  tone: MarkTone;
}

/** The mark a record leaves on its lane, or null for records the diagram does not mark. */
export function markOf(record: TraceRecord, t: Messages): Mark | null {
  const words = t.sequence.marks;
  const on = (lane: ActorId, symbol: string, text: string, tone: MarkTone) => ({
    lane,
    symbol,
    text: `${symbol} ${text}`,
    tone,
  });
  switch (record.type) {
    case 'store':
      return on(STORE, '•', record.op.type, 'store');
    case 'served':
      return on(STORE, '•', `${record.method} ${record.status}`, 'store');
    case 'charge':
      return on(PROVIDER, '€', record.chargeId, 'charge');
    case 'dedup':
      return on(PROVIDER, '=', record.chargeId, 'dedup');
    case 'declined':
      return on(PROVIDER, '⊘', words.declined, 'warn');
    case 'top-up':
      return on(PROVIDER, '+', words.topUp, 'charge');
    case 'crash':
      return on(SERVER, '✕', words.crash, 'crash');
    case 'restart':
      return on(SERVER, '↻', words.restart, 'quiet');
    case 'timer':
      return record.name === 'timeout' ? on(record.actor, '◷', words.timeout, 'quiet') : null;
    case 'invariant':
      // A sign in the margin; its name is read from its title, not printed.
      return { lane: null, symbol: '⚠', text: '⚠', tone: 'broken' };
    default:
      return null;
  }
}

/** A text's box in SVG pixels: left, top, width, height. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type LabelFont = 'arrow' | 'mark';

/**
 * Where a label may stand: its text (a mark may shrink to its symbol), its anchor point (the
 * text's baseline) and which end of the text the anchor is.
 */
export interface LabelSpot {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  font: LabelFont;
}

/**
 * Font sizes and a generous average advance per character, in ems: arrows are 10 px monospace
 * (0.6 em a glyph), marks 11 px semibold sans with wide symbols (◷, ⊘, €). Estimates rather than
 * measurements keep placement pure and the same in Node and every browser; the browser test
 * checks them against the real boxes.
 */
const FONTS: Record<LabelFont, { px: number; em: number; symbolEm: number }> = {
  arrow: { px: 10, em: 0.61, symbolEm: 0 },
  mark: { px: 11, em: 0.64, symbolEm: 0.5 },
};

/** The box a spot's text fills, a pixel to spare around it. */
export function boxOf(spot: LabelSpot): Box {
  const font = FONTS[spot.font];
  const w = [...spot.text].length * font.em * font.px + font.symbolEm * font.px + 2;
  const left =
    spot.anchor === 'start' ? spot.x : spot.anchor === 'middle' ? spot.x - w / 2 : spot.x - w;
  return { x: left - 1, y: spot.y - font.px * 0.9 - 1, w, h: font.px * 1.2 + 2 };
}

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Something with a label to place: its spots, in order of preference. */
export interface LabelItem {
  key: string;
  spots: LabelSpot[];
}

/** Where along an arrow its label may stand, in order of preference: the middle first. */
const ALONG = [0.5, 0.32, 0.68, 0.18, 0.82];

/** An arrow's label spots: just above where it leaves its sender, at points along its run. */
export function arrowLabelItem(
  span: MessageSpan,
  lanes: Lanes,
  y: (t: number) => number,
  text: string,
): LabelItem {
  const x1 = lanes.x(span.message.from);
  const x2 = lanes.x(span.message.to);
  const baseline = y(span.sentAt) - 3;
  return {
    key: `m${span.message.id}`,
    spots: ALONG.map((along) => ({
      text,
      x: x1 + (x2 - x1) * along,
      y: baseline,
      anchor: 'middle',
      font: 'arrow',
    })),
  };
}

/** A lane mark's spots: right of its lane, left of it, then its symbol alone on either side. */
export function markLabelItem(
  point: Point,
  mark: Mark,
  lanes: Lanes,
  y: (t: number) => number,
): LabelItem {
  const baseline = y(point.t) + 4;
  const key = `p${point.index}`;
  if (mark.lane === null)
    return { key, spots: [{ text: mark.text, x: 6, y: baseline, anchor: 'start', font: 'mark' }] };
  const x = lanes.x(mark.lane);
  const spot = (text: string, anchor: 'start' | 'end'): LabelSpot => ({
    text,
    x: anchor === 'start' ? x + 8 : x - 8,
    y: baseline,
    anchor,
    font: 'mark',
  });
  return {
    key,
    spots: [
      spot(mark.text, 'start'),
      spot(mark.text, 'end'),
      spot(mark.symbol, 'start'),
      spot(mark.symbol, 'end'),
    ],
  };
}

/**
 * Places labels so that no two overlap: each, in the order given, takes its first spot that
 * stays inside the diagram and clears every label placed before it; one with no such spot is not
 * printed (its arrow or mark still names itself to a screen reader and on selection). Placed
 * boxes are kept by row, so a run of thousands of labels is placed in one quick pass.
 */
export function placeLabels(items: readonly LabelItem[], width: number): Map<string, LabelSpot> {
  const placed = new Map<string, LabelSpot>();
  const byRow = new Map<number, Box[]>();
  const rowsOf = (box: Box) => {
    const first = Math.floor(box.y / ROW);
    const last = Math.floor((box.y + box.h) / ROW);
    return first === last ? [first] : [first, last];
  };
  const clear = (box: Box) =>
    box.x >= 0 &&
    box.x + box.w <= width &&
    rowsOf(box).every((row) => !(byRow.get(row) ?? []).some((other) => intersects(box, other)));
  for (const item of items) {
    for (const spot of item.spots) {
      const box = boxOf(spot);
      if (!clear(box)) continue;
      placed.set(item.key, spot);
      for (const row of rowsOf(box)) {
        const list = byRow.get(row);
        if (list) list.push(box);
        else byRow.set(row, [box]);
      }
      break;
    }
  }
  return placed;
}

/**
 * Every label of a run, in the order they are placed: by time, a moment's lane marks before its
 * arrows (a mark has fewer places to go). Built once per run, so a label does not move as the
 * diagram scrolls or the cursor plays.
 */
export function labelItems(
  timeline: Timeline,
  lanes: Lanes,
  y: (t: number) => number,
  t: Messages,
): LabelItem[] {
  const timed: { t: number; item: LabelItem }[] = [];
  for (const point of laneEvents(timeline.trace)) {
    const mark = markOf(point.record, t);
    if (mark) timed.push({ t: point.t, item: markLabelItem(point, mark, lanes, y) });
  }
  for (const span of timeline.spans) {
    const text = arrowLabel(span.message, span.replayed ? t.topology.replayed : null);
    timed.push({ t: span.sentAt, item: arrowLabelItem(span, lanes, y, text) });
  }
  // A stable sort keeps marks ahead of the arrows of their moment.
  return timed.sort((a, b) => a.t - b.t).map(({ item }) => item);
}
