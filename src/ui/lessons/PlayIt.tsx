import { bringIntoView, PLAYBACK_ID } from '../common/bringIntoView.ts';
import { useLab } from '../common/lab.ts';
import { useLessonTexts } from './texts.ts';

/**
 * "▶ Play it": plays the step's run from its start and brings the player into view, so that on a
 * phone, where the text comes first, the learner sees the run they asked for.
 */
export function PlayIt({ className }: { className: string }) {
  const t = useLessonTexts().ui;
  const reset = useLab((s) => s.reset);
  const play = useLab((s) => s.play);
  return (
    <button
      type="button"
      onClick={() => {
        reset();
        play();
        bringIntoView(PLAYBACK_ID);
      }}
      className={className}
    >
      ▶ {t.play}
    </button>
  );
}
