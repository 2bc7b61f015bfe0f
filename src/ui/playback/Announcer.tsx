import { useEffect, useMemo, useRef, useState } from 'react';
import { describeTrace } from '../../report/log.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { useRecordCount } from './frame.ts';

/**
 * A polite live region: as the cursor passes a fault, a crash or a broken invariant, screen
 * readers hear it in a sentence, the same sentence as in the event log.
 */
export function Announcer() {
  const lang = useLab((s) => s.lang);
  const ms = useMessages().settings.ms;
  const timeline = useLab((s) => s.timeline);
  const count = useRecordCount();
  const lines = useMemo(() => describeTrace(timeline.trace, lang), [timeline, lang]);
  const previous = useRef(count);
  const [text, setText] = useState('');
  useEffect(() => {
    const from = previous.current;
    previous.current = count;
    if (count <= from) return;
    const passed = timeline.marks.filter(
      (m) => m.index >= from && m.index < count && ['fault', 'crash', 'violation'].includes(m.kind),
    );
    const latest = passed.at(-1);
    if (!latest) return;
    const line = lines[latest.index]!;
    setText(`${ms(line.t)}, ${line.actor}: ${line.verb} ${line.detail}`);
  }, [count, timeline, lines, ms]);
  return (
    <div className="sr-only" aria-live="polite" data-testid="announcer">
      {text}
    </div>
  );
}
