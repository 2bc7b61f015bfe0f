import { useEffect, useRef } from 'react';
import { captionGroupsOf, groupText } from '../../report/captions.ts';
import { useLab } from '../common/lab.ts';
import { useCaptionIndex } from '../caption/useCaptionIndex.ts';

/**
 * A polite live region that says each caption (report/captions.ts) once, when the cursor reaches
 * its moment — the same sentences the caption shows. It speaks when the caption changes, never on
 * a frame that changed nothing; the text is written straight into the region, which is the one
 * thing a screen reader listens to.
 */
export function Announcer() {
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.timeline.trace);
  const index = useCaptionIndex();
  const region = useRef<HTMLDivElement>(null);
  const said = useRef<{ trace: unknown; index: number } | null>(null);
  useEffect(() => {
    const last = said.current;
    if (last && last.trace === trace && last.index === index) return;
    said.current = { trace, index };
    // A page that opens mid-run says nothing until the cursor moves: nobody asked yet.
    const group = captionGroupsOf(trace)[index];
    if (!last || !group || !region.current) return;
    region.current.textContent = groupText(group, lang);
  }, [trace, index, lang]);
  return <div ref={region} className="sr-only" aria-live="polite" data-testid="announcer" />;
}
