import { useMemo } from 'react';
import { describeTrace } from '../../report/log.ts';
import { useLab } from '../common/lab.ts';
import { useRecordCount } from '../playback/frame.ts';

/**
 * The caption line beside the animation: what just happened, in one sentence. For now the last
 * event's line from the event log; captions written from the trace's key moments replace it.
 */
export function Caption() {
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.timeline.trace);
  const count = useRecordCount();
  const lines = useMemo(() => describeTrace(trace, lang), [trace, lang]);
  const line = count > 0 ? lines[count - 1] : undefined;
  return (
    <p data-testid="caption" className="min-h-[1.5em] text-base">
      {line ? `${line.actor}: ${line.verb} ${line.detail}` : ''}
    </p>
  );
}
