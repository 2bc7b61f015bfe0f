import { inFlight, type Timeline } from '../report/timeline.ts';

/** How a recorded run is turned into frames of a video or a GIF. */
export interface FramePlan {
  /** Frames per second of the file. */
  fps: number;
  /** Virtual milliseconds per wall-clock second while messages are on the wire. */
  virtualPerSecond: number;
  /** How many times faster the quiet stretches (nothing on the wire) go by. */
  quietFastForward: number;
  /** How long each mark (a loss, a crash, a charge, a timeout…) holds, in wall-clock seconds. */
  holdSeconds: number;
  /** The last frame holds this long, so the outcome can be read before the loop starts again. */
  endHoldSeconds: number;
}

/** Slow enough to follow a message across the wire, with a beat on every key moment. */
export const SLIDE_PLAN: FramePlan = {
  fps: 12,
  virtualPerSecond: 250,
  quietFastForward: 8,
  holdSeconds: 1.5,
  endHoldSeconds: 3,
};

/** Files must stay small enough to drop into a slide. */
export const MAX_FRAMES = 1500;

/**
 * The cursor of every frame, in order: the run played as the lab plays it (quiet stretches fast),
 * holding on each mark and on the end. Pure: the same timeline gives the same frames.
 */
export function frameCursors(timeline: Timeline, plan: FramePlan = SLIDE_PLAN): number[] {
  const step = plan.virtualPerSecond / plan.fps;
  const holdFrames = Math.round(plan.holdSeconds * plan.fps);
  const markTimes = [...new Set(timeline.marks.map((m) => m.t))].sort((a, b) => a - b);
  const cursors: number[] = [];
  let t = 0;
  let nextMark = 0;
  while (t < timeline.endMs && cursors.length < MAX_FRAMES) {
    cursors.push(t);
    const quiet = inFlight(timeline, t).length === 0;
    let next = Math.min(timeline.endMs, t + step * (quiet ? plan.quietFastForward : 1));
    // A mark passed between two frames is shown, and held, at its own moment.
    const mark = markTimes[nextMark];
    if (mark !== undefined && mark <= next) {
      next = mark;
      nextMark++;
      for (let i = 0; i < holdFrames; i++) cursors.push(mark);
    }
    t = next === t ? t + step : next;
  }
  const endFrames = Math.round(plan.endHoldSeconds * plan.fps);
  for (let i = 0; i < endFrames; i++) cursors.push(timeline.endMs);
  return cursors.slice(0, MAX_FRAMES);
}
