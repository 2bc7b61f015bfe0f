import type { Timeline } from '../report/timeline.ts';
import { cursorAt, pacedSchedule } from '../report/pacing.ts';
import { DEFAULT_SPEED } from '../state/playbackSlice.ts';

/** How a recorded run is turned into frames of a video or a GIF. */
export interface FramePlan {
  /** Frames per second of the file. */
  fps: number;
  /** The playback speed, as in the lab: each key moment holds long enough to read its caption. */
  speed: number;
  /** The last frame holds this long, so the outcome can be read before the loop starts again. */
  endHoldSeconds: number;
}

/** The run as the lab plays it at its default speed, at a frame rate a slide shows smoothly. */
export const SLIDE_PLAN: FramePlan = { fps: 12, speed: DEFAULT_SPEED, endHoldSeconds: 3 };

/** Files must stay small enough to drop into a slide: about two minutes at most. */
export const MAX_FRAMES = 1500;

/**
 * The cursor of every frame, in order: the lab's own pacing (report/pacing.ts) sampled at the
 * plan's frame rate — quiet stretches fast, a hold on every captioned moment — then a hold on
 * the end. Pure: the same timeline gives the same frames.
 */
export function frameCursors(timeline: Timeline, plan: FramePlan = SLIDE_PLAN): number[] {
  const schedule = pacedSchedule([timeline], plan.speed, timeline.endMs);
  const frameMs = 1000 / plan.fps;
  const playing = Math.ceil(schedule.totalWallMs / frameMs);
  const cursors = Array.from({ length: playing }, (_, i) => cursorAt(schedule, i * frameMs));
  const ending = Math.round(plan.endHoldSeconds * plan.fps);
  for (let i = 0; i < ending; i++) cursors.push(timeline.endMs);
  return cursors.slice(0, MAX_FRAMES);
}
