import { useMemo, useState, type ReactNode } from 'react';
import { statusLine } from '../../model/http.ts';
import { traceHash, type RunResult } from '../../model/run.ts';
import { useMessages } from '../common/lab.ts';

const HEADLINE_TONE = {
  harmed: 'border-red-600 bg-red-50 dark:border-red-400 dark:bg-red-950/60',
  pending: 'border-slate-400 bg-slate-50 dark:border-slate-500 dark:bg-slate-800/60',
  fine: 'border-emerald-600 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950/60',
};
const HEADLINE_ICON = { harmed: '⚠', pending: '…', fine: '✓' };

/** A busy run's tape runs to thousands of characters: show its start, and copy the rest. */
const TAPE_SHOWN = 120;

function LongTape({ tape }: { tape: string }) {
  const t = useMessages();
  const [copied, setCopied] = useState(false);
  return (
    <>
      {tape.slice(0, TAPE_SHOWN)}…{' '}
      <button
        type="button"
        className="rounded-md border border-slate-300 px-2 font-sans text-xs dark:border-slate-600"
        onClick={() => void navigator.clipboard?.writeText(tape).then(() => setCopied(true))}
      >
        {copied ? t.outcome.copied : t.outcome.copyTape(tape.length)}
      </button>
    </>
  );
}

/** The run's identity: its trace hash and tape, which replay it exactly anywhere. */
function TraceFacts({ run }: { run: RunResult }) {
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
          {t.outcome.tape} · {t.outcome.events}: <span data-testid="event-count">{run.events}</span>
        </dt>
        <dd className="mt-1 font-mono break-all" title={t.outcome.tapeHint} data-testid="tape">
          {run.tape.length > TAPE_SHOWN ? <LongTape tape={run.tape} /> : run.tape}
        </dd>
      </div>
    </>
  );
}

/** Up to this many answers are listed one by one, in the order they came. */
const CHIPS_IN_ORDER = 8;

/**
 * Each status once, with how often it came, in order of first appearance. A busy run has
 * hundreds of answers: a chip each would bury the ledger (and re-laying them out on every move of
 * the timeline cost most of a frame).
 */
function tally(statuses: readonly number[]): { status: number; times: number }[] {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, times]) => ({ status, times }));
}

/**
 * HTTP statuses as small chips; late ones (ignored by the client) are struck through. A few are
 * shown in order; many are counted per status.
 */
export function StatusChips({ statuses, late = false }: { statuses: number[]; late?: boolean }) {
  const t = useMessages();
  const chips =
    statuses.length <= CHIPS_IN_ORDER
      ? statuses.map((status) => ({ status, times: 1 }))
      : tally(statuses);
  return (
    <span className="flex flex-wrap gap-1.5">
      {chips.map(({ status, times }, i) => (
        <span
          key={i}
          className={`rounded-md bg-slate-100 px-2 py-0.5 font-mono text-xs dark:bg-slate-800 ${late ? 'line-through decoration-slate-400' : ''}`}
        >
          {statusLine(status)}
          {times > 1 && (
            <>
              <span aria-hidden="true"> ×{times}</span>
              <span className="sr-only">{t.outcome.times(times)}</span>
            </>
          )}
        </span>
      ))}
    </span>
  );
}

/**
 * The ledger's answer first, in words with an icon and a colour (never colour alone): red with ⚠
 * when something was charged, lost or applied twice, green with ✓ when not.
 */
export function HeadlineBox({
  harmed,
  pending = false,
  headline,
  testId,
  children,
}: {
  harmed: boolean;
  /** Nothing has happened yet: neither good nor bad, so neither green nor red. */
  pending?: boolean;
  headline: string;
  testId: string;
  children: ReactNode;
}) {
  const tone = harmed ? 'harmed' : pending ? 'pending' : 'fine';
  return (
    <div className={`rounded-lg border-l-4 p-3 ${HEADLINE_TONE[tone]}`} aria-live="polite">
      <p className="text-2xl font-bold" data-testid={testId}>
        <span aria-hidden="true" className="mr-2">
          {HEADLINE_ICON[tone]}
        </span>
        {headline}
      </p>
      {children}
    </div>
  );
}

/** A sentence under the headline: red when it reports harm, grey while the run is undecided. */
export const verdictText = (harmed: boolean, pending = false) =>
  `mt-1 font-medium ${harmed ? 'text-red-800 dark:text-red-200' : pending ? 'text-slate-700 dark:text-slate-200' : 'text-emerald-800 dark:text-emerald-200'}`;

/** The statuses the clients acted on, and (when there were any) the late ones they ignored. */
export function AnswerStatuses({ statuses, late }: { statuses: number[]; late: number[] }) {
  const t = useMessages();
  return (
    <>
      <Fact term={t.outcome.statuses}>
        {statuses.length === 0 ? t.outcome.none : <StatusChips statuses={statuses} />}
      </Fact>
      {late.length > 0 && (
        <Fact term={t.outcome.late}>
          <StatusChips statuses={late} late />
        </Fact>
      )}
    </>
  );
}

/** One fact of the ledger's list: a term and what it is; `wide` spans both columns. */
export function Fact({
  term,
  wide = false,
  children,
}: {
  term: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'sm:col-span-2' : undefined}>
      <dt className="font-medium text-slate-500 dark:text-slate-400">{term}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}

/**
 * The ledger's list of facts, in two columns on a wide screen, then the run's identity — folded,
 * since only someone reproducing the run needs it, and its words are not the lesson's.
 */
export function LedgerFacts({ run, children }: { run: RunResult; children: ReactNode }) {
  const t = useMessages();
  return (
    <>
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">{children}</dl>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-300">
          {t.outcome.replayExactly}
        </summary>
        <dl className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">
          <TraceFacts run={run} />
        </dl>
      </details>
    </>
  );
}
