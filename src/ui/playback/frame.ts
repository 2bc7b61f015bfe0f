import { useEffect, useMemo, useRef } from 'react';
import { inFlight, recordsBy } from '../../report/timeline.ts';
import { IDLE_FAST_FORWARD, nextMoment } from '../../state/playbackSlice.ts';
import { useLab, useLabStore } from '../common/lab.ts';

/**
 * How many records have happened at the cursor: the prefix of the trace every view shows. A view
 * that needs only this re-renders when an event passes, not on every animation frame.
 */
export function useRecordCount(): number {
  return useLab((s) => recordsBy(s.timeline, s.cursorMs));
}

/** The trace up to the cursor; a new array only when the count changes. */
export function useTraceSoFar() {
  const trace = useLab((s) => s.run.trace);
  const count = useRecordCount();
  return useMemo(() => trace.slice(0, count), [trace, count]);
}

const prefersReducedMotion = () =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/** While playing, moves the cursor on every animation frame; with reduced motion, event by event. */
export function usePlaybackLoop(): void {
  const store = useLabStore();
  const playing = useLab((s) => s.playing);
  const last = useRef<number | null>(null);
  useEffect(() => {
    if (!playing) return;
    if (prefersReducedMotion()) {
      const timer = window.setInterval(() => {
        const state = store.getState();
        const next = nextMoment(state, state.cursorMs);
        state.seek(next);
        if (next <= state.cursorMs || next >= state.endMs) state.pause();
      }, 700);
      return () => window.clearInterval(timer);
    }
    let frame = 0;
    const tick = (now: number) => {
      const state = store.getState();
      const elapsed = last.current === null ? 0 : Math.min(now - last.current, 100);
      last.current = now;
      const busy =
        inFlight(state.timeline, state.cursorMs).length > 0 ||
        (state.compared !== null && inFlight(state.compared.timeline, state.cursorMs).length > 0);
      state.advance(elapsed * state.speed * (busy ? 1 : IDLE_FAST_FORWARD));
      if (store.getState().playing) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      last.current = null;
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
