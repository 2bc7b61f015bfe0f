import type { LabStore } from '../state/store.ts';

/** How long a looping stage holds its last moment before it starts again, in real ms. */
export const LOOP_HOLD_MS = 2000;

export interface Timers {
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/**
 * Holds a playing stage at `until` (the moment a slide is about), and with `loop` starts it
 * again from the beginning a little after it reaches that moment or the end. Returns a function
 * that stops following.
 */
export function followPlayback(
  store: LabStore,
  { until, loop }: { until: number | null; loop: boolean },
  timers: Timers,
): () => void {
  let restart: number | null = null;
  const limitOf = (endMs: number) => (until === null ? endMs : Math.min(until, endMs));
  const stop = store.subscribe((state, previous) => {
    const limit = limitOf(state.endMs);
    // Only the moment playback crosses the limit: a person who scrubs past it is left alone.
    const crossed = previous.playing && previous.cursorMs < limit && state.cursorMs >= limit;
    if (!crossed) return;
    if (state.cursorMs > limit || state.playing) {
      state.pause();
      state.seek(limit);
    }
    if (!loop) return;
    if (restart !== null) timers.clearTimeout(restart);
    restart = timers.setTimeout(() => {
      restart = null;
      const now = store.getState();
      // Someone moved the cursor or pressed play in the meantime: theirs is the stage now.
      if (now.playing || now.cursorMs !== limit) return;
      now.seek(0);
      now.play();
    }, LOOP_HOLD_MS);
  });
  return () => {
    stop();
    if (restart !== null) timers.clearTimeout(restart);
  };
}
