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
      <p>{t.notice.badParams(bad.map((b) => `“${b}”`).join(', '))}</p>
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
