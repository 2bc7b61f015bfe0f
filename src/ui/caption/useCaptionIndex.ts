import { captionGroupsOf, groupAt } from '../../report/captions.ts';
import { useLab } from '../common/lab.ts';

/**
 * The caption at the cursor (report/captions.ts): the latest captioned moment at or before it,
 * held until the next. A number, so views re-render when the caption changes, not every frame.
 */
export function useCaptionIndex(): number {
  return useLab((s) => groupAt(captionGroupsOf(s.timeline.trace), s.cursorMs));
}
