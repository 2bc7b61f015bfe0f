import { useEffect, useMemo } from 'react';
import { GLOSSARY_TEXTS } from '../../i18n/glossary.ts';
import { GLOSSARY, GLOSSARY_IDS } from '../../scenarios/glossary.ts';
import type { Scene } from '../../scenarios/spec.ts';
import { toHash } from '../../state/route.ts';
import { toSearch } from '../../state/url.ts';
import { useLab } from '../common/lab.ts';
import { mayMoveFocus } from '../common/focusOnLoad.ts';
import { useLessonTexts } from './texts.ts';

const sceneLink = ({ spec, at }: Scene, lang: Parameters<typeof toSearch>[1]) =>
  `${toSearch(spec, lang, at)}${toHash({ page: 'lab' })}`;

/** The words the course uses, each in plain words, with the run that shows it where there is one. */
export function GlossaryPage({ term }: { term?: string | undefined }) {
  const t = useLessonTexts().ui.glossary;
  const lang = useLab((s) => s.lang);
  const words = GLOSSARY_TEXTS[lang];
  const links = useMemo(
    () => GLOSSARY.map((entry) => (entry.lab ? sceneLink(entry.lab, lang) : null)),
    [lang],
  );
  // A link to one term brings it into view, as the interview list does for a question.
  useEffect(() => {
    if (term && mayMoveFocus()) document.getElementById(`term-${term}`)?.focus();
  }, [term]);
  return (
    <main className="mx-auto max-w-3xl px-4 py-6" aria-labelledby="glossary-title">
      <h2 id="glossary-title" className="text-2xl font-bold tracking-tight">
        {t.title}
      </h2>
      {term && !GLOSSARY_IDS.includes(term) && (
        <p
          role="status"
          className="mt-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          {t.notFound}
        </p>
      )}
      <p className="mt-2 text-slate-700 dark:text-slate-300">{t.intro}</p>
      <dl className="mt-6 flex flex-col gap-3">
        {GLOSSARY.map((entry, i) => {
          const text = words[entry.id]!;
          const link = links[i];
          return (
            <div
              key={entry.id}
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            >
              <dt>
                <h3 id={`term-${entry.id}`} tabIndex={-1} className="font-semibold">
                  {text.term}
                </h3>
              </dt>
              <dd className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                {text.text}
                {link && (
                  <a
                    href={link}
                    aria-label={`${t.seeIt}: ${text.term}`}
                    className="mt-1 block w-fit font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                  >
                    {t.seeIt} →
                  </a>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
    </main>
  );
}
