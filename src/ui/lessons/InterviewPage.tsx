import { useEffect, useMemo, type MouseEvent } from 'react';
import type { Scene } from '../../scenarios/spec.ts';
import { INTERVIEW_QUESTIONS } from '../../scenarios/interview.ts';
import { toHash } from '../../state/route.ts';
import { toSearch } from '../../state/url.ts';
import { useLab } from '../common/lab.ts';
import { useLessonTexts } from './texts.ts';
import { mayMoveFocus } from '../common/focusOnLoad.ts';
import { PageLink } from './PageLink.tsx';

/** A link that opens the simulator in a scene's run, at the moment it names. */
function labLink(id: string, { spec, at }: Scene, lang: Parameters<typeof toSearch>[1]): string {
  return `${toSearch(spec, lang, at)}${toHash({ page: 'lab', question: id })}`;
}

/** A plain click opens the simulator in place; a click meant for a new tab is left alone. */
const opensInPlace = (e: MouseEvent) =>
  e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

/** Interview mode: the questions, a model answer each, and "show me" in the simulator. */
export function InterviewPage({ question }: { question?: string | undefined }) {
  const texts = useLessonTexts();
  // Coming back from "show me": the question the learner left from is brought into view.
  useEffect(() => {
    if (question && mayMoveFocus()) document.getElementById(`q-${question}`)?.focus();
  }, [question]);
  const t = texts.ui;
  const lang = useLab((s) => s.lang);
  const links = useMemo(() => INTERVIEW_QUESTIONS.map((q) => labLink(q.id, q.lab, lang)), [lang]);
  const openScene = useLab((s) => s.openScene);
  const setRoute = useLab((s) => s.setRoute);
  // Show me without a page load: a new history entry (Back returns here), the setup, the lab.
  const showMe = (e: MouseEvent, i: number) => {
    if (!opensInPlace(e)) return;
    e.preventDefault();
    const question = INTERVIEW_QUESTIONS[i]!;
    window.history.pushState(null, '', links[i]);
    openScene(question.lab);
    void setRoute({ page: 'lab', question: question.id });
    window.scrollTo(0, 0); // a new page starts at its top, as one loaded fresh would
  };
  return (
    <main className="mx-auto max-w-3xl px-4 py-6" aria-labelledby="interview-title">
      <h2 id="interview-title" className="text-2xl font-bold tracking-tight">
        {t.interview}
      </h2>
      <p className="mt-2 text-slate-700 dark:text-slate-300">{t.interviewIntro}</p>
      <PageLink href="#/matrix" className="mt-2">
        {t.matrix.link}
      </PageLink>
      <ol className="mt-6 flex flex-col gap-3">
        {INTERVIEW_QUESTIONS.map((question, i) => {
          const text = texts.interview[question.id]!;
          const id = `q-${question.id}`;
          return (
            <li
              key={question.id}
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <article aria-labelledby={id}>
                <h3 id={id} tabIndex={-1} className="font-semibold">
                  {text.question}
                </h3>
                <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{text.answer}</p>
                <a
                  href={links[i]}
                  onClick={(e) => showMe(e, i)}
                  aria-label={`${t.showMe}: ${text.question}`}
                  className="mt-3 inline-block rounded-lg border border-indigo-600 px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-indigo-50 dark:border-indigo-400 dark:text-indigo-200 dark:hover:bg-indigo-950"
                >
                  {t.showMe} →
                </a>
              </article>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
