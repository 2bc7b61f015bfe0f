import { captionGroupsOf, groupText, type CaptionGroup } from '../../report/captions.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { useCaptionIndex } from './useCaptionIndex.ts';

type Tone = 'bad' | 'fault' | 'good' | 'plain';

/** Kinds that colour the caption: a duplicate or a broken promise, a fault, a save. */
const TONE_OF: Partial<Record<string, Tone>> = {
  chargeAgain: 'bad',
  broken: 'bad',
  requestLost: 'fault',
  requestRefused: 'fault',
  responseLost: 'fault',
  responseLostResource: 'fault',
  crashBeforeCommit: 'fault',
  crashAfterCharge: 'fault',
  crashAfterCommit: 'fault',
  crashBeforeApply: 'fault',
  crashAfterApply: 'fault',
  crashNow: 'fault',
  timeoutRetry: 'fault',
  timeoutGiveUp: 'fault',
  replayed: 'good',
  dedup: 'good',
  alreadyApplied: 'good',
};

const TONE_CLASS: Record<Tone, string> = {
  bad: 'border-fuchsia-600 dark:border-fuchsia-400',
  fault: 'border-amber-500 dark:border-amber-400',
  good: 'border-emerald-600 dark:border-emerald-400',
  plain: 'border-slate-300 dark:border-slate-600',
};

/** The strongest tone among a caption's sentences. */
function toneOf(group: CaptionGroup | undefined): Tone {
  const tones = new Set(group?.moments.map((m) => TONE_OF[m.kind] ?? 'plain'));
  return (['bad', 'fault', 'good'] as const).find((t) => tones.has(t)) ?? 'plain';
}

/**
 * The caption beside the animation: what just happened, in a sentence or two of plain words,
 * written from the trace (report/captions.ts). Screen readers hear the same sentences from the
 * live region (playback/Announcer.tsx); this one is not live, so nothing is said twice.
 */
export function Caption() {
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.timeline.trace);
  const m = useMessages().captions;
  const index = useCaptionIndex();
  const group = index >= 0 ? captionGroupsOf(trace)[index] : undefined;
  return (
    <p
      data-testid="caption"
      data-caption-index={index}
      className={`min-h-[3.5em] border-l-4 py-1 pl-3 text-lg leading-snug font-medium text-balance sm:text-xl ${TONE_CLASS[toneOf(group)]}`}
    >
      {group ? groupText(group, lang) : m.waiting}
    </p>
  );
}
