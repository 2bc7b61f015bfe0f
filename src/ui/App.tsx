import { Suspense, useEffect } from 'react';
import { Controls } from './controls/Controls.tsx';
import { OutcomePanel } from './outcome/OutcomePanel.tsx';
import { InvariantsPanel } from './outcome/InvariantsPanel.tsx';
import { LanguageSwitch } from './common/LanguageSwitch.tsx';
import { SiteNav } from './common/SiteNav.tsx';
import { LoadFailure } from './common/LoadFailure.tsx';
import { BadLinkNotice, FromInterviewNotice } from './common/BadLinkNotice.tsx';
import { useLab, useMessages } from './common/lab.ts';
import { PlaybackBar } from './playback/PlaybackBar.tsx';
import { usePlaybackKeys, usePlaybackLoop } from './playback/frame.ts';
import { Topology } from './topology/Topology.tsx';
import { Deferred } from './common/Deferred.tsx';
import { retryable } from './common/retryable.ts';

// Views off the first screen load after it, keeping the initial bundle within its budget.
const FaultPanel = retryable(() => import('./faults/FaultPanel.tsx').then((m) => m.FaultPanel));
const CompareView = retryable(() => import('./compare/CompareView.tsx').then((m) => m.CompareView));
const StateMachines = retryable(() =>
  import('./machines/StateMachines.tsx').then((m) => m.StateMachines),
);
// The live region reads the event log's sentences; it is there a moment after the first paint.
const Announcer = retryable(() => import('./playback/Announcer.tsx').then((m) => m.Announcer));
const EventLog = retryable(() => import('./log/EventLog.tsx').then((m) => m.EventLog));
const SequenceDiagram = retryable(() =>
  import('./sequence/SequenceDiagram.tsx').then((m) => m.SequenceDiagram),
);
// The course, its lessons and the interview questions, with their texts, load when opened.
const ExportMenu = retryable(() => import('./export/ExportMenu.tsx').then((m) => m.ExportMenu));
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
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-4">
          <div>
            <h1 className="text-2xl font-bold tracking-tight">
              <span aria-hidden="true" className="mr-2 text-indigo-600 dark:text-indigo-400">
                ⟳
              </span>
              {t.app.title}
            </h1>
            <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-300">
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
        <LabPage />
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

/** The simulator itself: every control and every view of one run. */
function LabPage() {
  const t = useMessages();
  return (
    <>
      {/* On a phone the panels stack as controls, playback, topology, ledger, invariants, log:
          what to press, then what happens. On a wide screen they form two columns. */}
      <main className="mx-auto flex max-w-7xl flex-col gap-4 px-4 py-5 lg:grid lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <BadLinkNotice />
        <FromInterviewNotice />
        <div className="contents lg:flex lg:flex-col lg:gap-4">
          <div className="order-1">
            <Controls />
          </div>
          <div className="order-5">
            <InvariantsPanel />
          </div>
        </div>
        <div className="contents min-w-0 lg:flex lg:flex-col lg:gap-4">
          <div className="order-2 lg:sticky lg:top-0 lg:z-10">
            <PlaybackBar />
            <div className="mt-2 flex justify-end">
              <Deferred>
                <ExportMenu />
              </Deferred>
            </div>
          </div>
          <div className="order-3">
            <Topology />
          </div>
          <div className="order-4 flex flex-col gap-4">
            <OutcomePanel />
            <Deferred>
              <CompareView />
              <FaultPanel />
            </Deferred>
          </div>
          <div className="order-6 min-w-0">
            <Deferred fallback={<p className="text-sm">{t.sequence.loading}</p>}>
              <SequenceDiagram />
            </Deferred>
          </div>
          <div className="order-7 min-w-0">
            <Deferred fallback={<p className="text-sm">{t.machines.loading}</p>}>
              <StateMachines />
            </Deferred>
          </div>
          {/* The skip link's target, there before the lazily loaded log is. */}
          <div id="log" className="order-8 min-w-0">
            <Deferred>
              <EventLog />
            </Deferred>
          </div>
        </div>
      </main>
    </>
  );
}
