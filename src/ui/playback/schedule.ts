import { advanceWall, pacedSchedule, wallAt, type Schedule } from '../../report/pacing.ts';
import { timelinesOf } from '../../state/playbackSlice.ts';
import type { LabState } from '../../state/slices.ts';

/**
 * What the animation loop needs from the pacing (report/pacing.ts), in a chunk of its own: it
 * loads when Play is first pressed, so the first screen does not carry it.
 */
export { advanceWall, wallAt, type Schedule };

let lastSchedule: { key: readonly unknown[]; schedule: Schedule } | null = null;

/**
 * The wall-clock schedule of what is on screen at the chosen speed, built once per run, speed and
 * motion preference: the animation loop asks for it on every frame.
 */
export function scheduleOf(state: LabState, reducedMotion: boolean): Schedule {
  const key = [state.timeline, state.compared?.timeline, state.speed, state.endMs, reducedMotion];
  if (lastSchedule && key.every((k, i) => k === lastSchedule!.key[i])) return lastSchedule.schedule;
  const schedule = pacedSchedule(timelinesOf(state), state.speed, state.endMs, reducedMotion);
  lastSchedule = { key, schedule };
  return schedule;
}
