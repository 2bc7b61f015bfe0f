import { useMemo } from 'react';
import { summarize } from '../../model/outcome.ts';
import { traceHash } from '../../model/run.ts';
import { outcomeText } from '../../report/log.ts';
import { statusLine } from '../../model/http.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';

/** What the run came to, in words first: charges per payment, duplicates, statuses, replays. */
export function OutcomePanel() {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const run = useLab((s) => s.run);
  const outcome = useMemo(() => summarize(run.trace), [run]);
  const hash = useMemo(() => traceHash(run.trace), [run]);
  const duplicated = outcome.duplicateCharges > 0;

  return (
    <Panel id="outcome" title={t.outcome.region}>
      <div
        className={`rounded-lg border-l-4 p-3 ${
          duplicated
            ? 'border-red-600 bg-red-50 dark:border-red-400 dark:bg-red-950/60'
            : 'border-emerald-600 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950/60'
        }`}
        aria-live="polite"
      >
        <p className="text-2xl font-bold" data-testid="charges-headline">
          <span aria-hidden="true" className="mr-2">
            {duplicated ? '⚠' : '✓'}
          </span>
          {t.outcome.chargesFor(outcome.charges, outcome.intents)}
        </p>
        <p
          className={`mt-1 font-medium ${duplicated ? 'text-red-800 dark:text-red-200' : 'text-emerald-800 dark:text-emerald-200'}`}
        >
          {duplicated ? t.outcome.duplicates(outcome.duplicateCharges) : t.outcome.noDuplicates}
        </p>
        {outcome.duplicateRecords > 0 && outcome.duplicateCharges === 0 && (
          <p className="mt-1 text-sm font-medium text-amber-900 dark:text-amber-200">
            {t.outcome.duplicateRecords(outcome.duplicateRecords)}
          </p>
        )}
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-200">
          {t.outcome.serverLoad(outcome.requestsHandled, outcome.peakLoad)}
        </p>
        {outcome.replays > 0 && (
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-200">
            {t.outcome.replays(outcome.replays)}
          </p>
        )}
      </div>

      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-500 dark:text-slate-400">{t.outcome.statuses}</dt>
          <dd className="mt-1">
            {outcome.statuses.length === 0 ? (
              t.outcome.none
            ) : (
              <StatusChips statuses={outcome.statuses} />
            )}
          </dd>
        </div>
        {outcome.lateStatuses.length > 0 && (
          <div>
            <dt className="font-medium text-slate-500 dark:text-slate-400">{t.outcome.late}</dt>
            <dd className="mt-1">
              <StatusChips statuses={outcome.lateStatuses} late />
            </dd>
          </div>
        )}
        <div>
          <dt className="font-medium text-slate-500 dark:text-slate-400">{t.outcome.perIntent}</dt>
          <dd className="mt-1">
            <ul>
              {outcome.perIntent.map((p) => (
                <li key={p.intentId}>
                  {t.outcome.intentLine(
                    p.intentId,
                    p.charges,
                    outcomeText(p.outcome, p.status, lang),
                  )}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-500 dark:text-slate-400">{t.outcome.traceHash}</dt>
          <dd className="mt-1 font-mono" data-testid="trace-hash">
            {hash}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-500 dark:text-slate-400">
            {t.outcome.tape} · {t.outcome.events}: {run.events}
          </dt>
          <dd className="mt-1 font-mono break-all" title={t.outcome.tapeHint} data-testid="tape">
            {run.tape}
          </dd>
        </div>
      </dl>
    </Panel>
  );
}

/** HTTP statuses as small chips; late ones (ignored by the client) are struck through. */
function StatusChips({ statuses, late = false }: { statuses: number[]; late?: boolean }) {
  return (
    <span className="flex flex-wrap gap-1.5">
      {statuses.map((status, i) => (
        <span
          key={i}
          className={`rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800 ${late ? 'line-through decoration-slate-400' : ''}`}
        >
          {statusLine(status)}
        </span>
      ))}
    </span>
  );
}
