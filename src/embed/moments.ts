import type { Lang } from '../i18n/i18n.ts';
import type { TraceRecord } from '../model/trace.ts';
import { captionGroupsOf, groupText } from '../report/captions.ts';

/** A moment of a run worth a caption: which record, what sort of event, and its sentence. */
export interface KeyMoment {
  /** The last record it tells, by index: the moment has happened once the cursor passes it. */
  index: number;
  /** What it tells (a caption kind: `responseLost`, `chargeAgain`, `crashAfterCommit`…). */
  kind: string;
  text: string;
}

/**
 * The run's captioned key moments, in order: the captions the stage shows (report/captions.ts),
 * one per moment in virtual time, so a deck is told exactly what the audience reads.
 */
export function keyMoments(trace: readonly TraceRecord[], lang: Lang): KeyMoment[] {
  return captionGroupsOf(trace).map((group) => ({
    index: Math.max(...group.moments.map((m) => m.index)),
    kind: group.moments[0]?.kind ?? 'end',
    text: groupText(group, lang),
  }));
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
