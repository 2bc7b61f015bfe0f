import { useDeferredValue, useMemo, type ReactNode } from 'react';
import { recordsBy } from '../../report/timeline.ts';
import { useLab } from '../common/lab.ts';
import { LaterMomentContext } from './frame.ts';

/**
 * Views that draw the cursor's moment a pass after the stage: the panels below the first screen
 * (the full ledger, invariants, state machines, the event log). A move of the timeline then paints
 * the stage first, and these catch up in a render React may interrupt for the next move, so a
 * scrub across a long run is not held up by views the reader is not looking at. They show the
 * same moment once the cursor rests, a frame or two later.
 */
export function ShownLater({ children }: { children: ReactNode }) {
  const timeline = useLab((s) => s.timeline);
  const count = useLab((s) => recordsBy(s.timeline, s.cursorMs));
  const moment = useMemo(() => ({ timeline, count }), [timeline, count]);
  const later = useDeferredValue(moment);
  return <LaterMomentContext.Provider value={later}>{children}</LaterMomentContext.Provider>;
}
