import { IDEMPOTENT_REPLAYED } from '../model/http.ts';
import type { ActorId, Message } from '../model/message.ts';
import type { RecordOf, TraceRecord } from '../model/trace.ts';
import { countBefore } from './search.ts';

/**
 * A recorded run prepared for playback: views are pure functions of (timeline, cursor), where the
 * cursor is a virtual time in ms. Built once per run; every question a frame asks — how many
 * records have happened, which state an actor is in, which messages are on the wire — is a binary
 * search or a short scan, so scrubbing a 10,000-event run stays instant.
 */
export interface MessageSpan {
  message: Message;
  sentAt: number;
  /** When it arrived, or (for a lost message) when the view shows it falling away. */
  endAt: number;
  fate: 'delivered' | 'dropped';
  /** A message lost on the wire: when, and when it would have arrived; null when lost as sent. */
  lost: { at: number; dueAt: number } | null;
  /** A response replayed from the idempotency-key table. */
  replayed: boolean;
}

export type MarkKind = 'fault' | 'crash' | 'drop' | 'timeout' | 'violation' | 'charge';

export interface Mark {
  t: number;
  kind: MarkKind;
  /** Index of the record the mark stands for. */
  index: number;
}

export interface Timeline {
  trace: readonly TraceRecord[];
  /** The time of the last record: the end of the scrubber. */
  endMs: number;
  /** Distinct record times, ascending: where "step" stops. */
  stops: number[];
  spans: MessageSpan[];
  marks: Mark[];
  /** Each actor's states as (record index, state) pairs, in order. */
  states: Map<ActorId, { index: number; state: string }[]>;
  /** The actors in order of first appearance: clients first, as the trace starts them. */
  actors: ActorId[];
}

/** How long a lost message is shown falling from the wire, in virtual ms. */
export const DROP_FALL_MS = 30;

export function buildTimeline(trace: readonly TraceRecord[]): Timeline {
  const spans = new Map<number, MessageSpan>();
  const states = new Map<ActorId, { index: number; state: string }[]>();
  const marks: Mark[] = [];
  const actors = new Set<ActorId>();
  const open = (message: Message, t: number) => {
    actors.add(message.from).add(message.to);
    spans.set(message.id, {
      message,
      sentAt: t,
      endAt: Infinity,
      fate: 'delivered',
      lost: null,
      replayed:
        message.kind === 'response' && message.response.headers[IDEMPOTENT_REPLAYED] === 'true',
    });
  };
  trace.forEach((record, index) => {
    const mark = (kind: MarkKind) => marks.push({ t: record.t, kind, index });
    switch (record.type) {
      case 'send':
        return open(record.message, record.t);
      case 'duplicate':
        return open(record.copy, record.t);
      case 'deliver':
        spans.get(record.id)!.endAt = record.t;
        return;
      case 'drop': {
        const span = spans.get(record.id)!;
        const lost = record.dueAt === undefined ? null : { at: record.t, dueAt: record.dueAt };
        Object.assign(span, { fate: 'dropped', endAt: record.t + DROP_FALL_MS, lost });
        return mark('drop');
      }
      case 'transition': {
        actors.add(record.actor);
        const list = states.get(record.actor) ?? [];
        if (list.length === 0 && record.from) list.push({ index: -1, state: record.from });
        list.push({ index, state: record.to });
        states.set(record.actor, list);
        return;
      }
      case 'fault':
        return mark('fault');
      case 'crash':
        return mark('crash');
      case 'timer':
        if (record.name === 'timeout') mark('timeout');
        return;
      case 'invariant':
        return mark('violation');
      case 'charge':
        return mark('charge');
    }
  });
  const times = trace.map((r) => r.t);
  return {
    trace,
    endMs: times.at(-1) ?? 0,
    stops: [...new Set(times)],
    spans: [...spans.values()],
    marks,
    states,
    actors: [...actors],
  };
}

/** How many records have happened by time `t` (those at exactly `t` included). */
export function recordsBy(timeline: Timeline, t: number): number {
  const { trace } = timeline;
  return countBefore(trace.length, (i) => trace[i]!.t <= t);
}

/** An actor's machine state once `count` records have happened, or null before it exists. */
export function stateAt(timeline: Timeline, actor: ActorId, count: number): string | null {
  const list = timeline.states.get(actor);
  if (!list) return null;
  return list[lastBefore(list, count)]?.state ?? null;
}

/**
 * The transition record that put the actor in its state once `count` records have happened, or
 * null if it has made none yet: its last entry in the timeline's states (a binary search, not a
 * scan back through the trace).
 */
export function lastTransitionAt(
  timeline: Timeline,
  actor: ActorId,
  count: number,
): RecordOf<'transition'> | null {
  const list = timeline.states.get(actor) ?? [];
  const entry = list[lastBefore(list, count)];
  const record = entry && entry.index >= 0 ? timeline.trace[entry.index] : undefined;
  return record?.type === 'transition' ? record : null;
}

/** The position of the last entry whose record index is below `count` (-1 if none is). */
function lastBefore(list: readonly { index: number }[], count: number): number {
  return countBefore(list.length, (i) => list[i]!.index < count) - 1;
}

/** Where a message is at time `t`: how far along its wire, and how far it has fallen off it. */
export interface WirePosition {
  span: MessageSpan;
  /** 0 at the sender, 1 at the receiver. */
  along: number;
  /** 0 on the wire, 1 fallen away (a lost message). */
  fallen: number;
}

/** Messages on the wire at time `t`; a lost one falls from where it was when it was lost. */
export function inFlight(timeline: Timeline, t: number): WirePosition[] {
  const { sentAt, longestMs } = wireIndexOf(timeline);
  // Spans come sorted by their send: one sent longestMs or more before t has ended by then, so
  // a frame looks at the few sent since, not at every message of the run.
  return timeline.spans
    .slice(upperBound(sentAt, t - longestMs), upperBound(sentAt, t))
    .filter((s) => s.sentAt <= t && t < s.endAt)
    .map((span) => ({ span, ...positionAt(span, t) }));
}

/** The spans' send times, and how long the longest stays on the wire. */
const wireIndices = new WeakMap<Timeline, { sentAt: number[]; longestMs: number }>();

function wireIndexOf(timeline: Timeline) {
  let index = wireIndices.get(timeline);
  if (!index) {
    const { spans } = timeline;
    const longestMs = spans.reduce((most, s) => Math.max(most, s.endAt - s.sentAt), 0);
    index = { sentAt: spans.map((s) => s.sentAt), longestMs };
    wireIndices.set(timeline, index);
  }
  return index;
}

/** How many of the ascending `values` are at most `t`. */
function upperBound(values: readonly number[], t: number): number {
  return countBefore(values.length, (i) => values[i]! <= t);
}

function positionAt(span: MessageSpan, t: number): { along: number; fallen: number } {
  const fraction = (from: number, to: number) => (to === from ? 1 : (t - from) / (to - from));
  if (span.fate === 'delivered') return { along: fraction(span.sentAt, span.endAt), fallen: 0 };
  // Lost as it was sent: shown halfway, falling for the whole of its short span.
  if (!span.lost) return { along: 0.5, fallen: fraction(span.sentAt, span.endAt) };
  const { at, dueAt } = span.lost;
  const reached = Math.min(1, (Math.min(t, at) - span.sentAt) / Math.max(1, dueAt - span.sentAt));
  return { along: reached, fallen: t < at ? 0 : fraction(at, span.endAt) };
}

/** The next stop after `t`, or the end. */
export function nextStop(timeline: Timeline, t: number): number {
  return timeline.stops[upperBound(timeline.stops, t)] ?? timeline.endMs;
}

/** The last stop before `t`, or the start. */
export function previousStop(timeline: Timeline, t: number): number {
  const { stops } = timeline;
  // The stops at or after t start where those below t end.
  return stops[countBefore(stops.length, (i) => stops[i]! < t) - 1] ?? 0;
}

/** The trace's first `count` records, one shared array per trace and count. */
const prefixes = new WeakMap<readonly TraceRecord[], { count: number; prefix: TraceRecord[] }>();

/**
 * The first `count` records of the trace: the same array for every view that asks in one frame,
 * so a reading cached by the array (the ledger's summary) is worked out once, not per view.
 */
export function traceBy(trace: readonly TraceRecord[], count: number): readonly TraceRecord[] {
  const known = prefixes.get(trace);
  if (known?.count === count) return known.prefix;
  const prefix = trace.slice(0, count);
  prefixes.set(trace, { count, prefix });
  return prefix;
}

/** Indices of each run's charge records, found once per timeline. */
const chargeIndices = new WeakMap<Timeline, number[]>();

/**
 * How many charges the provider has made once `count` records have happened: a binary search
 * over the run's charges, not a scan of the trace on every frame.
 */
export function chargesBy(timeline: Timeline, count: number): number {
  const indices = chargeIndicesOf(timeline);
  return countBefore(indices.length, (i) => indices[i]! < count);
}

/**
 * The rules broken once `count` records have happened, from the timeline's marks (a few per run),
 * not a scan of the trace per rule on every move.
 */
export function violationsBy(timeline: Timeline, count: number): RecordOf<'invariant'>[] {
  return timeline.marks.flatMap(({ kind, index }) => {
    const record = timeline.trace[index];
    return kind === 'violation' && index < count && record?.type === 'invariant' ? [record] : [];
  });
}

/** The record index of each of the run's charges, worked out once per run. */
function chargeIndicesOf(timeline: Timeline): number[] {
  let indices = chargeIndices.get(timeline);
  if (!indices) {
    indices = timeline.marks.filter((m) => m.kind === 'charge').map((m) => m.index);
    chargeIndices.set(timeline, indices);
  }
  return indices;
}
