import type { Lang } from '../i18n/i18n.ts';
import type { TraceRecord } from '../model/trace.ts';
import { describeTrace } from '../report/log.ts';

/** A moment of a run worth a caption: which record, what sort of event, and its sentence. */
export interface KeyMoment {
  /** The record's index in the trace: the moment has happened once the cursor passes it. */
  index: number;
  /** The record's type: `drop`, `crash`, `charge`, `timer`, `invariant`… */
  kind: TraceRecord['type'];
  text: string;
}

/**
 * The run's captioned key moments, in order. This is the one place that decides what a deck is
 * told: for now the event log's line of every event that is not routine (a fault, a loss, a
 * charge, an answer, a broken invariant); captions written from the trace's key moments
 * (src/ui/caption) can take its place without the protocol changing.
 */
export function keyMoments(trace: readonly TraceRecord[], lang: Lang): KeyMoment[] {
  const lines = describeTrace(trace, lang);
  const moments: KeyMoment[] = [];
  lines.forEach((line, index) => {
    const record = trace[index];
    if (!record || line.tone === 'normal') return;
    moments.push({ index, kind: record.type, text: `${line.actor}: ${line.verb} ${line.detail}` });
  });
  return moments;
}

/** `keyMoments` for the run and language on screen, worked out once per run and language. */
export function momentsOfStage(): (state: {
  timeline: { trace: readonly TraceRecord[] };
  lang: Lang;
}) => readonly KeyMoment[] {
  let last: { trace: readonly TraceRecord[]; lang: Lang; moments: KeyMoment[] } | null = null;
  return ({ timeline: { trace }, lang }) => {
    if (last?.trace !== trace || last.lang !== lang) {
      last = { trace, lang, moments: keyMoments(trace, lang) };
    }
    return last.moments;
  };
}
