import { Suspense, useEffect } from 'react';
import { LanguageSwitch } from './common/LanguageSwitch.tsx';
import { SiteNav } from './common/SiteNav.tsx';
import { LoadFailure } from './common/LoadFailure.tsx';
import { useLab, useMessages } from './common/lab.ts';
import { usePlaybackKeys, usePlaybackLoop } from './playback/frame.ts';
import { LabStage } from './stage/LabStage.tsx';
import { Deferred } from './common/Deferred.tsx';
import { retryable } from './common/retryable.ts';

// The live region reads the event log's sentences; it is there a moment after the first paint.
const Announcer = retryable(() => import('./playback/Announcer.tsx').then((m) => m.Announcer));
// The course, its lessons and the interview questions, with their texts, load when opened.
const CoursePages = retryable(() => import('./lessons/CoursePages.tsx').then((m) => m.CoursePages));

export function App() {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const route = useLab((s) => s.route);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  usePlaybackLoop();
  usePlaybackKeys();

  return (
    <>
      {route.page === 'lab' && (
        <a
          href="#log"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-indigo-800"
        >
          {t.app.skipToLog}
        </a>
      )}
      {/* One line on the lab, so the stage starts near the top of the screen. */}
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div
          className={`mx-auto flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 ${route.page === 'lab' ? 'max-w-[100rem] py-2' : 'max-w-6xl py-4'}`}
        >
          <div
            className={route.page === 'lab' ? 'flex min-w-0 flex-wrap items-baseline gap-x-4' : ''}
          >
            <h1
              className={`font-bold tracking-tight ${route.page === 'lab' ? 'text-xl' : 'text-2xl'}`}
            >
              <span aria-hidden="true" className="mr-2 text-indigo-600 dark:text-indigo-400">
                ⟳
              </span>
              {t.app.title}
            </h1>
            <p
              className={`max-w-3xl text-sm text-slate-600 dark:text-slate-300 ${route.page === 'lab' ? 'hidden max-w-xl text-xs min-[1360px]:block' : 'mt-1'}`}
            >
              {t.app.tagline}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <SiteNav />
            <LanguageSwitch />
          </div>
        </div>
      </header>
      {route.page === 'lab' ? (
        <LabStage />
      ) : (
        <LoadFailure message={t.nav.failed} retry={t.nav.retry}>
          <Suspense fallback={<p className="p-6 text-sm">{t.nav.loading}</p>}>
            <CoursePages route={route} />
          </Suspense>
        </LoadFailure>
      )}
      <Deferred>
        <Announcer />
      </Deferred>
    </>
  );
}
