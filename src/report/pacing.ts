import { captionGroupsOf, type CaptionGroup, type Weight } from './captions.ts';
import type { Timeline } from './timeline.ts';

/**
 * Pacing: how a run plays in wall-clock time, as a pure schedule, so it is tested in Node and the
 * animation loop only applies it. A first-time learner must be able to read what happened before
 * the run goes on, so the cursor HOLDS at every captioned moment — long at a key moment (a loss,
 * a crash, a charge, a timeout, a replay, a broken invariant), briefly at a note — while the
 * stretches between them travel at the chosen speed, and quiet ones (nothing on the wire: a
 * client waiting out its timeout) travel `IDLE_FAST_FORWARD` times faster.
 *
 * Speed keeps its old meaning (virtual ms per wall ms while messages are in flight), and holds
 * scale with it: at 0.1× a key moment holds 2 s, at 0.05× 4 s, at 1× 0.2 s.
 */
export const IDLE_FAST_FORWARD = 8;
/** A key moment's hold, in virtual ms: its wall-clock hold is this divided by the speed. */
export const KEY_HOLD_VIRTUAL_MS = 200;
/** A repeat's hold (the third client timing out), in virtual ms. */
export const REPEAT_HOLD_VIRTUAL_MS = 40;
/** A note's hold (a request sent, a row committed), in virtual ms. */
export const NOTE_HOLD_VIRTUAL_MS = 40;
/** Each further sentence told at the same moment adds this share of the hold: it must be read too. */
export const EXTRA_SENTENCE_SHARE = 0.5;

/** One piece of the schedule: a hold (from === to) or a stretch travelled at a steady rate. */
export interface Segment {
  wallStart: number;
  wallEnd: number;
  from: number;
  to: number;
}

export interface Schedule {
  segments: Segment[];
  /** Wall-clock ms from the run's start to its end. */
  totalWallMs: number;
  endMs: number;
}

/** A moment the schedule holds at: its virtual time and its wall-clock hold at this speed. */
export interface Hold {
  t: number;
  wallMs: number;
}

const HOLD_VIRTUAL_MS: Record<Weight, number> = {
  key: KEY_HOLD_VIRTUAL_MS,
  repeat: REPEAT_HOLD_VIRTUAL_MS,
  note: NOTE_HOLD_VIRTUAL_MS,
};

export function holdsOf(groups: readonly CaptionGroup[], speed: number): Hold[] {
  return groups.map((group) => {
    const base = HOLD_VIRTUAL_MS[group.weight];
    const extra = 1 + EXTRA_SENTENCE_SHARE * (group.moments.length - 1);
    return { t: group.t, wallMs: (base * extra) / speed };
  });
}

/** Stretches with a message on the wire in any of the runs, merged and in order. */
export function busyIntervals(timelines: readonly Timeline[]): [number, number][] {
  const spans = timelines
    .flatMap((tl) => tl.spans.map((s): [number, number] => [s.sentAt, Math.min(s.endAt, tl.endMs)]))
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

export interface ScheduleInput {
  timelines: readonly Timeline[];
  /** The moments to hold at, from every run on screen, merged by time. */
  holds: readonly Hold[];
  speed: number;
  endMs: number;
  /** Reduced motion: jump from moment to moment instead of travelling between them. */
  jump?: boolean;
}

export function buildSchedule({ timelines, holds, speed, endMs, jump }: ScheduleInput): Schedule {
  const busy = busyIntervals(timelines);
  const holdAt = new Map<number, number>();
  for (const h of holds) holdAt.set(h.t, Math.max(holdAt.get(h.t) ?? 0, h.wallMs));
  const points = [...new Set([0, endMs, ...holdAt.keys(), ...busy.flat()])]
    .filter((t) => t >= 0 && t <= endMs)
    .sort((a, b) => a - b);
  const segments: Segment[] = [];
  let wall = 0;
  const push = (from: number, to: number, ms: number) => {
    segments.push({ wallStart: wall, wallEnd: wall + ms, from, to });
    wall += ms;
  };
  let b = 0;
  points.forEach((p, i) => {
    const hold = holdAt.get(p);
    if (hold !== undefined) push(p, p, hold);
    const q = points[i + 1];
    if (q === undefined) return;
    const mid = (p + q) / 2;
    while (b < busy.length && busy[b]![1] < mid) b++;
    const isBusy = b < busy.length && busy[b]![0] <= mid;
    const rate = isBusy ? speed : speed * IDLE_FAST_FORWARD;
    push(p, q, jump ? 0 : (q - p) / rate);
  });
  return { segments, totalWallMs: wall, endMs };
}

/** The first segment whose `key` end is at or after `value` (segments are in order). */
function segmentIndex(segments: readonly Segment[], value: number, key: 'wallEnd' | 'to'): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]![key] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The cursor (virtual ms) `wallMs` after the run's start. */
export function cursorAt(schedule: Schedule, wallMs: number): number {
  const { segments } = schedule;
  if (segments.length === 0 || wallMs >= schedule.totalWallMs) return schedule.endMs;
  if (wallMs <= 0) return 0;
  const s = segments[segmentIndex(segments, wallMs, 'wallEnd')]!;
  if (s.wallEnd === s.wallStart) return s.to;
  return s.from + ((wallMs - s.wallStart) / (s.wallEnd - s.wallStart)) * (s.to - s.from);
}

/**
 * When, in wall-clock ms, the cursor is at `virtualMs`: at a moment, the start of its hold (so its
 * caption is read in full), or with `afterHold` its end (the learner has read it and goes on).
 */
export function wallAt(schedule: Schedule, virtualMs: number, afterHold = false): number {
  const { segments } = schedule;
  if (segments.length === 0) return 0;
  const i = segmentIndex(segments, virtualMs, 'to');
  const s = segments[i]!;
  const hold = [s, segments[i + 1]].find((x) => x && x.from === virtualMs && x.to === virtualMs);
  if (hold) return afterHold ? hold.wallEnd : hold.wallStart;
  if (s.to <= virtualMs) return s.wallEnd;
  const share = (virtualMs - s.from) / (s.to - s.from);
  return s.wallStart + share * (s.wallEnd - s.wallStart);
}

/**
 * One step of playback: from `wallMs`, `elapsedMs` later. With `stopAtMoments` (event-by-event
 * mode) it stops where the next hold begins, so the learner reads and then presses Play.
 */
export function advanceWall(
  schedule: Schedule,
  wallMs: number,
  elapsedMs: number,
  stopAtMoments: boolean,
): { wallMs: number; cursorMs: number; stopped: boolean } {
  let next = Math.min(wallMs + elapsedMs, schedule.totalWallMs);
  let stopped = next >= schedule.totalWallMs;
  if (stopAtMoments) {
    const { segments } = schedule;
    for (let i = segmentIndex(segments, wallMs, 'wallEnd'); i < segments.length; i++) {
      const s = segments[i]!;
      if (s.wallStart > next) break;
      if (s.from === s.to && s.wallStart > wallMs) {
        next = s.wallStart;
        stopped = true;
        break;
      }
    }
  }
  return { wallMs: next, cursorMs: cursorAt(schedule, next), stopped };
}

/** The schedule of the runs on screen at `speed`, holding at every captioned moment of each. */
export function pacedSchedule(
  timelines: readonly Timeline[],
  speed: number,
  endMs: number,
  jump = false,
): Schedule {
  const holds = timelines.flatMap((tl) => holdsOf(captionGroupsOf(tl.trace), speed));
  return buildSchedule({ timelines, holds, speed, endMs, jump });
}
