import { LESSONS } from '../../scenarios/lessons.ts';
import { toHash } from '../../state/route.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { FinishedNote } from './FinishedNote.tsx';
import { PageLink } from './PageLink.tsx';
import { useLessonTexts } from './texts.ts';

/** The table of contents: every lesson, where the learner stopped in it, and the interview list. */
export function CoursePage() {
  const texts = useLessonTexts();
  const t = texts.ui;
  const nav = useMessages().nav;
  const progress = useLab((s) => s.progress);
  const problem = useLab((s) => s.routeProblem);
  return (
    <main className="mx-auto max-w-3xl px-4 py-6" aria-labelledby="course-title">
      <h2 id="course-title" className="text-2xl font-bold tracking-tight">
        {t.course}
      </h2>
      {problem && (
        <p
          role="status"
          className="mt-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {t.notFound}
        </p>
      )}
      <div className="mt-3">
        <FinishedNote />
      </div>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{t.courseIntro}</p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t.verified}</p>
      <p className="mt-2 text-sm font-medium" data-testid="course-progress">
        {t.lessonsDone(LESSONS.filter((l) => progress[l.id]?.done).length, LESSONS.length)}
      </p>
      <ol className="mt-6 flex flex-col gap-3">
        {LESSONS.map((lesson, i) => {
          const text = texts.lessons[lesson.id]!;
          const mine = progress[lesson.id];
          const status = mine?.done ? t.done : mine ? t.started(mine.step + 1) : t.notStarted;
          const href = toHash({ page: 'lesson', lessonId: lesson.id, step: mine?.step ?? 0 });
          return (
            <li
              key={lesson.id}
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <a
                href={href}
                className="text-lg font-semibold text-indigo-700 hover:underline dark:text-indigo-300"
              >
                {t.lesson(i + 1)}: {text.title}
              </a>
              <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">{text.summary}</p>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                {mine?.done ? '✓ ' : ''}
                {status}
              </p>
            </li>
          );
        })}
      </ol>
      <PageLink href="#/glossary" className="mt-6">
        {t.glossary.link}
      </PageLink>
      <PageLink href="#/matrix" className="mt-2">
        {t.matrix.link}
      </PageLink>
      <PageLink href="#/interview" className="mt-2">
        {nav.interview}: {t.interview}
      </PageLink>
    </main>
  );
}
