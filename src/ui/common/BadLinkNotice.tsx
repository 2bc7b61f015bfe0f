import { toHash } from '../../state/route.ts';
import { useLab, useMessages } from './lab.ts';

/** Shown when a shared link carried values the lab does not know; the page uses defaults. */
export function BadLinkNotice() {
  const t = useMessages();
  const bad = useLab((s) => s.badParams);
  const dismiss = useLab((s) => s.dismissNotice);
  if (bad.length === 0) return null;
  return (
    <div
      role="status"
      className="flex items-start justify-between gap-3 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 lg:col-span-2 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>{t.notice.badParams(bad.map(t.notice.quote).join(', '))}</p>
      <button
        type="button"
        onClick={dismiss}
        className="shrink-0 rounded-md border border-amber-400 px-2 py-0.5 font-medium hover:bg-amber-100 dark:border-amber-600 dark:hover:bg-amber-900"
      >
        {t.notice.dismiss}
      </button>
    </div>
  );
}

/** Shown when the run asked for could not open because its code did not load (offline). */
export function LoadNotice() {
  const t = useMessages();
  const retry = useLab((s) => s.retryLoad);
  if (retry === null) return null;
  return (
    <p
      role="alert"
      className="flex items-start justify-between gap-3 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 lg:col-span-2 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {t.notice.runFailed}
      <button
        type="button"
        onClick={retry}
        className="shrink-0 rounded-md border border-amber-400 px-2 py-0.5 font-medium hover:bg-amber-100 dark:border-amber-600 dark:hover:bg-amber-900"
      >
        {t.nav.retry}
      </button>
    </p>
  );
}

/** In the lab opened by an interview question's "show me": a way back to that question. */
export function FromInterviewNotice() {
  const t = useMessages();
  const route = useLab((s) => s.route);
  if (route.page !== 'lab' || !route.question) return null;
  return (
    <p className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-indigo-200 bg-indigo-50 p-3 text-sm lg:col-span-2 dark:border-indigo-800 dark:bg-indigo-950/60">
      {t.nav.fromInterview}
      <a
        href={toHash({ page: 'interview', question: route.question })}
        className="font-semibold text-indigo-800 hover:underline dark:text-indigo-200"
      >
        {t.nav.backToQuestion}
      </a>
    </p>
  );
}
