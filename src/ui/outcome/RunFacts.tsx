import { useMemo } from 'react';
import { statusLine } from '../../model/http.ts';
import { traceHash, type RunResult } from '../../model/run.ts';
import { useMessages } from '../common/lab.ts';

/** The run's identity: its trace hash and tape, which replay it exactly anywhere. */
export function TraceFacts({ run }: { run: RunResult }) {
  const t = useMessages();
  const hash = useMemo(() => traceHash(run.trace), [run]);
  return (
    <>
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
    </>
  );
}

/** HTTP statuses as small chips; late ones (ignored by the client) are struck through. */
export function StatusChips({ statuses, late = false }: { statuses: number[]; late?: boolean }) {
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
