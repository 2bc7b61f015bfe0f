import type * as PacingModule from './schedule.ts';
import { createContext, useContext, useEffect } from 'react';
import { recordsBy, traceBy, type Timeline } from '../../report/timeline.ts';
import { useLab, useLabStore } from '../common/lab.ts';

/** The moment a part of the page shows when it may show it a little after the rest (ShownLater). */
export interface LaterMoment {
  timeline: Timeline;
  count: number;
}

export const LaterMomentContext = createContext<LaterMoment | null>(null);

/**
 * How many records have happened at the cursor: the prefix of the trace every view shows. A view
 * that needs only this re-renders when an event passes, not on every animation frame.
 *
 * Inside ShownLater it is the moment ShownLater hands down, so a jump of the cursor does not
 * render the view at once: it draws just after the stage has painted the jump. For a new run it
 * is the cursor's at once, so that a count never meets another run's trace.
 */
export function useRecordCount(): number {
  const later = useContext(LaterMomentContext);
  return useLab((s) =>
    later !== null && later.timeline === s.timeline
      ? later.count
      : recordsBy(s.timeline, s.cursorMs),
  );
}

/**
 * The trace up to the cursor; a new array only when the count changes, and the same array for
 * every view that reads it, so a summary cached by the array is worked out once per move.
 */
export function useTraceSoFar() {
  const trace = useLab((s) => s.run.trace);
  const count = useRecordCount();
  return traceBy(trace, count);
}

const prefersReducedMotion = () =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

type Pacing = typeof PacingModule;
let pacingModule: Promise<Pacing> | null = null;
/** The pacing loads with the first Play (a few KB the first screen does without). */
const loadPacing = (): Promise<Pacing> => (pacingModule ??= import('./schedule.ts'));

/** A frame longer than this (a background tab, a debugger) counts as this long. */
const MAX_FRAME_MS = 100;

/**
 * While playing, moves the cursor on every animation frame by the pacing schedule
 * (report/pacing.ts): the schedule says where the cursor is after so many wall-clock ms, holding
 * at each captioned moment; this loop only keeps the wall-clock position and applies it. With
 * reduced motion the schedule jumps from moment to moment instead of travelling.
 */
export function usePlaybackLoop(): void {
  const store = useLabStore();
  const playing = useLab((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    const reduced = prefersReducedMotion();
    let frame = 0;
    let pacing: Pacing | null = null;
    let stopped = false;
    let last: number | null = null;
    // Where the loop is on the schedule, and what it set: anything else moved the cursor
    // (a seek, a step, a new run), and the position is read again from the cursor.
    let position: { wallMs: number; cursorMs: number; schedule: unknown } | null = null;
    const tick = (now: number) => {
      if (!pacing) return;
      const { scheduleOf, wallAt, advanceWall } = pacing;
      const state = store.getState();
      const schedule = scheduleOf(state, reduced);
      const elapsed = last === null ? 0 : Math.min(now - last, MAX_FRAME_MS);
      last = now;
      if (!position || position.schedule !== schedule || position.cursorMs !== state.cursorMs) {
        // Play pressed at a moment the learner has stopped at goes on from it, not through its hold again.
        const wallMs = wallAt(schedule, state.cursorMs, state.pauseAtMoments && position === null);
        position = { wallMs, cursorMs: state.cursorMs, schedule };
      }
      const step = advanceWall(schedule, position.wallMs, elapsed, state.pauseAtMoments);
      state.seek(step.cursorMs);
      position = { wallMs: step.wallMs, cursorMs: store.getState().cursorMs, schedule };
      if (step.stopped) state.pause();
      else frame = requestAnimationFrame(tick);
    };
    void loadPacing().then((loaded) => {
      pacing = loaded;
      if (!stopped) frame = requestAnimationFrame(tick);
    });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
    };
  }, [playing, store]);
}

const CONTROLS =
  'input, select, textarea, button, a, summary, [role="button"], [role="slider"], [role="radio"]';
const ARROW_USERS = 'input, select, textarea, [role="slider"], [role="radio"], [role="tab"]';

/** Space plays and pauses, arrows step — unless a control that uses those keys has focus. */
export function usePlaybackKeys(): void {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof Element ? event.target : null;
      // Space belongs to whatever control has focus; arrows only to those that use them.
      const space = event.key === ' ';
      const arrow = event.key === 'ArrowRight' || event.key === 'ArrowLeft';
      if (space && (event.repeat || target?.closest(CONTROLS))) return;
      if (arrow && target?.closest(ARROW_USERS)) return;
      const state = store.getState();
      if (space) state.togglePlay();
      else if (event.key === 'ArrowRight') state.stepForward();
      else if (event.key === 'ArrowLeft') state.stepBack();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
