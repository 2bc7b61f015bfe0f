import type { StateCreator } from 'zustand';
import { nextStop, previousStop, type Timeline } from '../report/timeline.ts';
import type { LabState, PlaybackSlice, Speed } from './slices.ts';

/**
 * The default speed, chosen by measurement (report/pacing.test.ts): at 0.1× every key moment's
 * caption stays on screen for at least 1.5 s in every catalogue scenario under every strategy,
 * and the longest run still plays in about a minute.
 */
export const DEFAULT_SPEED: Speed = 0.1;

/** Play, pause, step and seek: the cursor over the run on screen (and the compared one). */
export const playbackSlice: StateCreator<LabState, [], [], PlaybackSlice> = (set, get) => {
  const clamp = (ms: number) => Math.min(Math.max(0, ms), get().endMs);
  return {
    cursorMs: 0,
    playing: false,
    speed: DEFAULT_SPEED,
    play() {
      // Playing from the end starts over, as a video player does.
      if (get().cursorMs >= get().endMs) set({ cursorMs: 0 });
      set({ playing: true });
    },
    pause: () => set({ playing: false }),
    togglePlay() {
      if (get().playing) get().pause();
      else get().play();
    },
    stepForward: () => set({ playing: false, cursorMs: nextMoment(get(), get().cursorMs) }),
    stepBack: () => set({ playing: false, cursorMs: previousMoment(get(), get().cursorMs) }),
    reset: () => set({ playing: false, cursorMs: 0 }),
    seek: (ms) => set({ cursorMs: clamp(ms) }),
    setSpeed: (speed) => set({ speed }),
    pauseAtMoments: false,
    setPauseAtMoments: (on) => set({ pauseAtMoments: on }),
    marksHidden: false,
    hideMarks: (hidden) => set({ marksHidden: hidden }),
    advance(virtualMs) {
      const cursorMs = clamp(get().cursorMs + virtualMs);
      set({ cursorMs, playing: get().playing && cursorMs < get().endMs });
    },
  };
};

/** The timelines on screen: the main run, and the compared one when comparing. */
export const timelinesOf = (state: LabState): Timeline[] =>
  state.compared ? [state.timeline, state.compared.timeline] : [state.timeline];

/** The next moment something happens in either run, or the end. */
export function nextMoment(state: LabState, t: number): number {
  const next = timelinesOf(state)
    .map((timeline) => nextStop(timeline, t))
    .filter((s) => s > t);
  return next.length ? Math.min(...next) : state.endMs;
}

/** The last moment before `t` when something happened in either run, or the start. */
export function previousMoment(state: LabState, t: number): number {
  return Math.max(...timelinesOf(state).map((timeline) => previousStop(timeline, t)));
}
