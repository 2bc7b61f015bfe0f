import { statusLine } from '../../model/http.ts';
import {
  actorKind,
  COMPLETER,
  isClient,
  PROVIDER,
  SERVER,
  STORE,
  type ActorId,
  type Message,
} from '../../model/message.ts';
import type { Messages } from '../../i18n/en.ts';
import type { SequenceTexts } from '../../i18n/sequenceTexts.ts';
import { WORLDS, type WorldKind } from '../../model/worlds.ts';
import type { TraceRecord } from '../../model/trace.ts';
import type { MessageSpan, Timeline } from '../../report/timeline.ts';
import type { CallSpan } from '../../report/calls.ts';
import { REM_PX } from '../common/rem.ts';
import { firstStopAfter } from './range.ts';
import { countBefore } from '../../report/search.ts';

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
/** The closest lanes may come to fit a narrow box; closer, the box scrolls sideways. */
const MIN_LANE_GAP = 64;
const LEFT = 70;
/** Room right of the last lane, for its marks. */
const RIGHT = 70;
/** The least room left of the first lane and right of the last: half a lane's name. */
const MIN_MARGIN = 40;
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
  /** An actor's lane; a folded client's is the fold's lane; a request's is the server's. */
  x: (id: ActorId) => number;
  /** Clients folded (or unfolded again) beyond the first few; null with few clients. */
  fold: Fold | null;
  /** Space between two lanes, and the diagram's whole width. */
  gap: number;
  width: number;
}

/**
 * With a few clients: clients, then the server, then the world's back end, left to right, the
 * way a request travels. With many, the back end comes first, mirrored (provider, store, server,
 * then the clients), so the server and the store never leave the screen to the right however
 * many clients there are; clients beyond the first few share one lane until the reader unfolds
 * them. Given the width of the box it is drawn in, the lanes close up to fit it.
 */
export function lanesOf(
  timeline: Timeline,
  world: WorldKind,
  expanded = false,
  boxWidth: number | null = null,
): Lanes {
  const clients = timeline.actors.filter(isClient);
  const backEnd = [SERVER, ...WORLDS[world].backEnd];
  if (clients.length <= SHOWN_CLIENTS + 1)
    return placeLanes([...clients, ...backEnd], null, boxWidth);
  const members = clients.slice(SHOWN_CLIENTS);
  const fold: Fold = {
    id: `clients ${SHOWN_CLIENTS + 1}–${clients.length}`,
    from: SHOWN_CLIENTS + 1,
    to: clients.length,
    members,
    expanded,
  };
  const shown = expanded ? clients : [...clients.slice(0, SHOWN_CLIENTS), fold.id];
  return placeLanes([...backEnd.reverse(), ...shown], fold, boxWidth);
}

function placeLanes(ids: string[], fold: Fold | null, boxWidth: number | null): Lanes {
  const index = new Map(ids.map((id, i) => [id, i]));
  if (fold && !fold.expanded) for (const id of fold.members) index.set(id, index.get(fold.id)!);
  const { left, gap, right } = spacing(ids.length, boxWidth);
  const server = index.get(SERVER) ?? 0;
  // Requests in the server's memory (handler-N, completer-N) call out from the server's lane.
  const laneOf = (id: ActorId) =>
    index.get(id) ?? (actorKind(id) === 'handler' || id === COMPLETER ? server : 0);
  return {
    ids,
    fold,
    gap,
    width: left + (ids.length - 1) * gap + right,
    x: (id) => left + laneOf(id) * gap,
  };
}

/**
 * The margins and the gap between lanes: roomy when the box has room (or is not measured yet),
 * closed up to fit a narrow box (a slide's frame, a phone), never closer than a lane's name needs.
 */
export function spacing(lanes: number, boxWidth: number | null) {
  const roomy = {
    left: LEFT,
    right: RIGHT,
    gap: lanes >= NARROW_FROM_LANES ? NARROW_LANE_GAP : LANE_GAP,
  };
  const needs = roomy.left + roomy.right + (lanes - 1) * roomy.gap;
  if (boxWidth === null || boxWidth >= needs || lanes < 2) return roomy;
  const margin = Math.max(MIN_MARGIN, Math.min(LEFT, Math.floor(boxWidth * 0.08)));
  const gap = Math.floor((boxWidth - 2 * margin) / (lanes - 1));
  return { left: margin, right: margin, gap: Math.max(MIN_LANE_GAP, Math.min(roomy.gap, gap)) };
}

export function diagramWidth(lanes: Lanes): number {
  return lanes.width;
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

/** Anything drawn as an arrow from one lane to another: a message, or a call and its answer. */
export interface Wire {
  sentAt: number;
  endAt: number;
  fate: 'delivered' | 'dropped';
  lost: { at: number; dueAt: number } | null;
}

/** A wire's two lanes: a message's sender and receiver, or a call's. */
export function endsOf(wire: MessageSpan | CallSpan): { from: ActorId; to: ActorId } {
  return 'message' in wire ? wire.message : wire;
}

/**
 * Wires ordered by when they left, with the latest end of any wire up to each: which wires cross
 * a stretch of time is then two binary searches and a walk over the wires near it, however long
 * the run (a 10,000-record run is scrubbed without scanning all its arrows on each move).
 */
export interface WireIndex<W extends Wire> {
  wires: readonly W[];
  /** `latestEnd[i]`: the latest `endAt` of wires 0..i. */
  latestEnd: Float64Array;
}

export function indexWires<W extends Wire>(wires: readonly W[]): WireIndex<W> {
  const sorted = wires.every((w, i) => i === 0 || wires[i - 1]!.sentAt <= w.sentAt)
    ? wires
    : [...wires].sort((a, b) => a.sentAt - b.sentAt);
  const latestEnd = new Float64Array(sorted.length);
  let latest = -Infinity;
  sorted.forEach((w, i) => (latestEnd[i] = latest = Math.max(latest, w.endAt)));
  return { wires: sorted, latestEnd };
}

/** The wires on the wire at some time from `from` to `to`, in the order they left. */
export function wiresBetween<W extends Wire>(index: WireIndex<W>, from: number, to: number): W[] {
  const { wires, latestEnd } = index;
  // The first wire that, or an earlier one, is still on the wire at `from`.
  const first = countBefore(wires.length, (i) => latestEnd[i]! < from);
  const found: W[] = [];
  for (let i = first; i < wires.length && wires[i]!.sentAt <= to; i++)
    if (wires[i]!.endAt >= from) found.push(wires[i]!);
  return found;
}

/** The messages on the wire at some time in view; the selected one too, to keep its focus. */
export function spansInView(
  spans: readonly MessageSpan[] | WireIndex<MessageSpan>,
  from: number,
  to: number,
  selected: number | null,
): MessageSpan[] {
  const index = 'latestEnd' in spans ? spans : indexWires(spans);
  const found = wiresBetween(index, from, to);
  if (selected === null || found.some((s) => s.message.id === selected)) return found;
  const chosen = index.wires.find((s) => s.message.id === selected);
  return chosen ? [...found, chosen] : found;
}

/** A record drawn on a lane, with its place in the trace (a stable key). */
export type Point = { t: number; record: TraceRecord; index: number };

/** Records marked on a lane; the server's calls (store operations, charges) are arrows instead. */
const LANE_RECORDS: readonly TraceRecord['type'][] = [
  'store',
  'served',
  'top-up',
  'crash',
  'restart',
  'timer',
  'invariant',
];

/**
 * Things that happen on one lane: a rollback after a crash, crashes, timeouts, violations (the
 * calls a request makes to the store or the provider are drawn as arrows, see report/calls.ts).
 */
export function laneEvents(trace: readonly TraceRecord[]): Point[] {
  const points: Point[] = [];
  trace.forEach((record, index) => {
    if (!LANE_RECORDS.includes(record.type)) return;
    if (record.type === 'store' && 'from' in record.op) return;
    points.push({ t: record.t, record, index });
  });
  return points;
}

/** The lane events from `from` to `to`, both included: points are in time order. */
export function pointsBetween(points: readonly Point[], from: number, to: number): Point[] {
  const first = countBefore(points.length, (i) => points[i]!.t < from);
  const found: Point[] = [];
  for (let i = first; i < points.length && points[i]!.t <= to; i++) found.push(points[i]!);
  return found;
}

/**
 * How far an arrow is drawn at the cursor (0 to 1 of the way to `targetY`) and, for a lost
 * message, where along it the cross stands.
 */
function arrowReach(span: Wire, cursorMs: number, y: (t: number) => number) {
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
  span: MessageSpan | CallSpan,
  lanes: Lanes,
  y: (t: number) => number,
  cursorMs: number,
): ArrowShape {
  const { from, to } = endsOf(span);
  const x1 = lanes.x(from);
  const x2 = lanes.x(to);
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
export function markOf(record: TraceRecord, t: Messages, s: SequenceTexts): Mark | null {
  const words = t.sequence.marks;
  const on = (lane: ActorId, symbol: string, text: string, tone: MarkTone) => ({
    lane,
    symbol,
    text: `${symbol} ${text}`,
    tone,
  });
  switch (record.type) {
    case 'store':
      // Only what no request asked for is a mark: the rollback of a crashed request's work.
      return on(STORE, '↺', s.rollback, 'store');
    case 'served':
      return on(STORE, '•', `${record.method} ${record.status}`, 'store');
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
 * Where a label may stand: its text (a mark may shrink to its symbol, a long label to its first
 * letters and an ellipsis), its anchor point (the text's baseline) and which end of the text the
 * anchor is. `full` is the whole text of a shortened one, for its tooltip.
 */
export interface LabelSpot {
  text: string;
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  font: LabelFont;
  full?: string;
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

/**
 * Baselines, in pixels from a row's line: a label stands in the band just above its row (or, for
 * an answer, just below the row it arrives at), never across a row's line, where the cursor line
 * rests when the run is paused or stepped.
 */
const ABOVE_ARROW = -5;
const ABOVE_MARK = -5;
const BELOW_ARROW = 13;
const BELOW_MARK = 14;

/** `text` cut to fit `px` pixels in `font`, ending in an ellipsis; null if not even a letter fits. */
export function shortened(text: string, px: number, font: LabelFont): string | null {
  const { px: size, em, symbolEm } = FONTS[font];
  const fits = Math.floor((px - 2 - symbolEm * size) / (em * size));
  const letters = [...text];
  if (letters.length <= fits) return text;
  return fits >= 3 ? `${letters.slice(0, fits - 1).join('')}…` : null;
}

/** Spots, then the same spots with their text cut to fit `px`, for a label that may not fit. */
function withShortened(spots: LabelSpot[], px: number): LabelSpot[] {
  const short = spots.flatMap((spot) => {
    const text = shortened(spot.text, px, spot.font);
    return text && text !== spot.text ? [{ ...spot, text, full: spot.text }] : [];
  });
  return [...spots, ...short];
}

/** Something with a label to place: its spots, in order of preference. */
export interface LabelItem {
  key: string;
  spots: LabelSpot[];
}

/** Where along an arrow its label may stand, in order of preference: the middle first. */
const ALONG = [0.5, 0.32, 0.68, 0.18, 0.82];

/** Spots above a wire's start, at points along its run, cut to the room between its lanes. */
function alongSpots(x1: number, x2: number, baseline: number, text: string): LabelSpot[] {
  const spots = ALONG.map((along) => ({
    text,
    x: x1 + (x2 - x1) * along,
    y: baseline,
    anchor: 'middle' as const,
    font: 'arrow' as const,
  }));
  return withShortened(spots, Math.abs(x2 - x1) - 10);
}

/** An arrow's label spots: just above where it leaves its sender, at points along its run. */
export function arrowLabelItem(
  span: MessageSpan,
  lanes: Lanes,
  y: (t: number) => number,
  text: string,
): LabelItem {
  const x1 = lanes.x(span.message.from);
  const x2 = lanes.x(span.message.to);
  return {
    key: `m${span.message.id}`,
    spots: alongSpots(x1, x2, y(span.sentAt) + ABOVE_ARROW, text),
  };
}

/**
 * A call's label stands above it (a call is level: the store and the provider act at once). An
 * answer's label stands first just under where it arrives, on the side it came from, since the
 * band above its start is its call's; then above its start, as any arrow's.
 */
export function callLabelItem(
  call: CallSpan,
  lanes: Lanes,
  y: (t: number) => number,
  text: string,
): LabelItem {
  const x1 = lanes.x(call.from);
  const x2 = lanes.x(call.to);
  const key = `c${call.key}`;
  const along = alongSpots(x1, x2, y(call.sentAt) + ABOVE_ARROW, text);
  if (call.kind === 'call') return { key, spots: along };
  const leftward = x2 < x1;
  const under: LabelSpot = {
    text,
    x: x2 + (leftward ? 6 : -6),
    y: y(call.endAt) + BELOW_ARROW,
    anchor: leftward ? 'start' : 'end',
    font: 'arrow',
  };
  return { key, spots: [...withShortened([under], lanes.gap - 10), ...along] };
}

/** A lane mark's spots: right of its lane, left of it, then its symbol alone on either side. */
export function markLabelItem(
  point: Point,
  mark: Mark,
  lanes: Lanes,
  y: (t: number) => number,
): LabelItem {
  const baseline = y(point.t) + ABOVE_MARK;
  const key = `p${point.index}`;
  if (mark.lane === null)
    return { key, spots: [{ text: mark.text, x: 6, y: baseline, anchor: 'start', font: 'mark' }] };
  const x = lanes.x(mark.lane);
  const spot = (text: string, anchor: 'start' | 'end', below = false): LabelSpot => ({
    text,
    x: anchor === 'start' ? x + 8 : x - 8,
    y: below ? y(point.t) + BELOW_MARK : baseline,
    anchor,
    font: 'mark',
  });
  return {
    key,
    spots: [
      spot(mark.text, 'start'),
      spot(mark.text, 'end'),
      // Just under its row rather than a bare symbol: "◷" alone says little to a first reader.
      spot(mark.text, 'start', true),
      spot(mark.text, 'end', true),
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

/** How a call and its answer read on their arrow: as short as the diagram needs. */
export function callLabel(
  call: CallSpan,
  words: SequenceTexts,
  money: (minorUnits: number) => string,
): string {
  const { what } = call;
  if (call.kind === 'reply') {
    if (call.reply === null) return words.unheard;
    if (call.reply === 'PROVIDER_TIMEOUT') return words.replies.PROVIDER_TIMEOUT;
    if (what.type === 'charge') return words.charged(what.chargeId);
    if (what.type === 'dedup') return words.sameCharge(what.chargeId);
    if (what.type === 'store' && what.unlock) return words.keyUnlocked;
    return words.replies[call.reply];
  }
  switch (what.type) {
    case 'store':
      if (what.unlock) return words.unlockKey;
      return what.paymentId ? words.commitPayment(what.paymentId) : words.ops[what.op];
    case 'charge':
      return (what.again ? words.chargeAgain : words.charge)(money(what.amount));
    case 'dedup':
      return words.chargeSameKey;
    case 'declined':
    case 'refused':
      return words.charge(money(what.amount));
  }
}

/**
 * Where a lost message's or answer's cross stands once it has fallen: no label may cover it (it
 * is the most important mark of a lost-response run). Reserved before any label is placed.
 */
function crossItem(
  key: string,
  wire: MessageSpan | CallSpan,
  lanes: Lanes,
  y: (t: number) => number,
) {
  const { xEnd, yEnd } = arrowShape(wire, lanes, y, Infinity);
  const spot: LabelSpot = { text: '✕', x: xEnd, y: yEnd + 4, anchor: 'middle', font: 'mark' };
  return { key, spots: [spot] };
}

/** Keys of reserved places, which hold no label: a renderer draws nothing for them. */
export const isReserved = (key: string) => key.startsWith('x');

/**
 * Every label of a run, in the order they are placed: first the crosses of lost messages (not
 * labels, but no label may cover one); then by time, a moment's lane marks before its calls, its
 * calls before its messages (a mark has fewer places to go; a charge matters most); the answers
 * to calls last, as they say least. Built once per run, so a label does not move as the diagram
 * scrolls or the cursor plays.
 */
export function labelItems(
  timeline: Timeline,
  calls: readonly CallSpan[],
  lanes: Lanes,
  y: (t: number) => number,
  t: Messages,
  s: SequenceTexts,
  money: (minorUnits: number) => string,
): LabelItem[] {
  const crosses: LabelItem[] = [];
  const timed: { t: number; item: LabelItem }[] = [];
  const answers: LabelItem[] = [];
  for (const point of laneEvents(timeline.trace)) {
    const mark = markOf(point.record, t, s);
    if (mark) timed.push({ t: point.t, item: markLabelItem(point, mark, lanes, y) });
  }
  for (const call of calls) {
    if (call.fate === 'dropped') crosses.push(crossItem(`x${call.key}`, call, lanes, y));
    const item = callLabelItem(call, lanes, y, callLabel(call, s, money));
    if (call.kind === 'reply') answers.push(item);
    else timed.push({ t: call.sentAt, item });
  }
  for (const span of timeline.spans) {
    if (span.fate === 'dropped') crosses.push(crossItem(`xm${span.message.id}`, span, lanes, y));
    const text = arrowLabel(span.message, span.replayed ? t.topology.replayed : null);
    timed.push({ t: span.sentAt, item: arrowLabelItem(span, lanes, y, text) });
  }
  // A stable sort keeps marks ahead of the calls and arrows of their moment.
  const byTime = timed.sort((a, b) => a.t - b.t).map(({ item }) => item);
  return [...crosses, ...byTime, ...answers];
}
