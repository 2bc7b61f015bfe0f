import {
  startTransition,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { recordsBy } from '../../report/timeline.ts';
import { useLab } from '../common/lab.ts';
import { LaterMomentContext, type LaterMoment } from './frame.ts';

/** A move over at most this many records is drawn by every view at once. */
const SMALL_MOVE = 16;

/**
 * Views that show the cursor's moment once the stage has painted it: the panels below the first
 * screen (the full ledger, invariants, state machines, the event log). A move of the timeline
 * draws and paints the stage alone; then, in the task after that frame, these catch up with the
 * latest moment, in a render React interrupts for the next move (a transition). They lag the
 * stage by a frame or two, and only while the cursor jumps: a small move is drawn by every view
 * at once.
 *
 * Why after the paint, not a deferred value: React starts a deferred render at once, in the gap
 * before the next frame, and when that frame came due in the middle of its commit (or of one of
 * its slices), the stage's paint waited for the views below it. Measured A/B on the
 * 15,285-record run (shuffled scrub, loaded machine), until the stage shows a move: p50 ×0.69
 * and p95 ×0.67 of the deferred value's.
 */
export function ShownLater({ children }: { children: ReactNode }) {
  const timeline = useLab((s) => s.timeline);
  const count = useLab((s) => recordsBy(s.timeline, s.cursorMs));
  const now = useMemo(() => ({ timeline, count }), [timeline, count]);
  const [later, setLater] = useState<LaterMoment>(now);
  // A small move (a step, a short drag, a frame of play) changes little below the stage: every
  // view draws it at once, in the same frame.
  const small = later.timeline === timeline && Math.abs(later.count - count) <= SMALL_MOVE;
  if (small && later !== now) setLater(now);
  // The moment to catch up with when the time comes: the latest, not the one that set it off.
  const latest = useRef(now);
  useLayoutEffect(() => {
    latest.current = now;
  }, [now]);
  const behind = later.timeline !== timeline || later.count !== count;
  useEffect(() => {
    if (!behind) return;
    let timer = 0;
    // An animation frame's callback runs just before it paints; a task queued there runs after.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => startTransition(() => setLater(latest.current)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [behind, later]);
  return (
    <LaterMomentContext.Provider value={small ? now : later}>
      {children}
    </LaterMomentContext.Provider>
  );
}
