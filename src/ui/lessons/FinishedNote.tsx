import { LESSON_OUTLINE } from '../../scenarios/outline.ts';
import { useLab } from '../common/lab.ts';
import { useLessonTexts } from './texts.ts';

/** "Lesson done", on the page a finished lesson leads to: the moment is marked, once. */
export function FinishedNote() {
  const texts = useLessonTexts();
  const finished = useLab((s) => s.justFinished);
  const index = LESSON_OUTLINE.findIndex((l) => l.id === finished);
  if (finished === null || index < 0) return null;
  return (
    <p
      role="status"
      className="mb-3 rounded-lg border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950/60 dark:text-emerald-100"
    >
      {texts.ui.finished(index + 1, texts.lessons[finished]!.title)}
    </p>
  );
}
