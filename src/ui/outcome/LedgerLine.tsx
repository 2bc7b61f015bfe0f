import { useMemo } from 'react';
import { resourceKit } from '../../state/loadResources.ts';
import type { RunResult } from '../../model/run.ts';
import type { TraceRecord } from '../../model/trace.ts';
import type { Messages } from '../../i18n/en.ts';
import { strategyGist } from '../../i18n/captionTexts.ts';
import type { Lang } from '../../i18n/i18n.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { lineFactsAt, type LineFacts } from './lineFacts.ts';
import { resourceHeadline, resourceVerdict, verdictOf, type Verdict } from './verdict.ts';

/** Red with ⚠ for harm, green with ✓ when settled and fine, grey while nothing is decided. */
export const VERDICT_TONE: Record<Verdict, string> = {
  harmed: 'border-red-600 bg-red-50 dark:border-red-400 dark:bg-red-950/60',
  pending: 'border-slate-400 bg-slate-50 dark:border-slate-500 dark:bg-slate-800/60',
  start: 'border-slate-400 bg-slate-50 dark:border-slate-500 dark:bg-slate-800/60',
  fine: 'border-emerald-600 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950/60',
};
export const VERDICT_ICON: Record<Verdict, string> = {
  harmed: '⚠',
  pending: '…',
  start: '○',
  fine: '✓',
};

interface Line {
  verdict: Verdict;
  headline: string;
  detail: string;
  /** Before anything happened: what this run's server does with the key, and what a key is. */
  gist?: string;
}

/**
 * A payment run in one line: charges against payments, and whether any was charged twice. Its
 * facts are looked up in one reading of the whole run (lineFacts.ts), not summed from the trace
 * on every move: `trace` is the run's first records, a prefix of `run.trace`.
 */
function paymentLine(run: RunResult, trace: readonly TraceRecord[], t: Messages, lang: Lang): Line {
  const facts = lineFactsAt(run.trace, trace.length);
  const verdict = verdictOf(facts);
  const headline = t.outcome.chargesFor(facts.charges, facts.intents);
  if (verdict === 'start') {
    const first = trace[0];
    const gist = first?.type === 'start' ? { gist: strategyGist(lang, first.strategy) } : {};
    return { verdict, headline, detail: t.stage.start, ...gist };
  }
  const detail = paymentDetail(facts, verdict, t);
  // A replayed answer is the fix at work: worth saying beside the verdict.
  const withReplays =
    facts.replays > 0 ? `${detail} · ${t.stage.replaysShort(facts.replays)}` : detail;
  return { verdict, headline, detail: withReplays };
}

/** The worst thing that happened so far, in a few words; or that nothing bad has (yet). */
function paymentDetail(facts: LineFacts, verdict: Verdict, t: Messages): string {
  if (facts.duplicateCharges > 0) return t.stage.duplicateShort(facts.duplicateCharges);
  if (facts.chargedAfterFailure > 0)
    return t.stage.chargedAfterFailureShort(facts.chargedAfterFailure);
  if (facts.firstBroken) return t.stage.ruleBrokenShort(t.invariants.names[facts.firstBroken]);
  return verdict === 'pending' ? t.stage.soFar : t.stage.noDuplicateShort;
}

/** A resource run in one line: lost or doubled changes, or that none was (so far). */
function resourceLine(trace: readonly TraceRecord[], t: Messages): Line {
  const r = t.resourceOutcome;
  const outcome = resourceKit().summarizeResources(trace);
  const verdict = resourceVerdict(outcome);
  if (verdict === 'start') return { verdict, headline: '', detail: t.stage.start };
  const headline = resourceHeadline(r, outcome);
  const detail = verdict === 'pending' ? t.stage.resourceSoFar : '';
  return { verdict, headline: verdict === 'pending' ? '' : headline, detail };
}

/**
 * The ledger's headline on the stage, in one compact box: what the run has come to at the cursor.
 * At the start it says nothing has happened; a verdict appears only once the events earn it.
 */
export function LedgerLine({
  run,
  trace,
  testId = 'ledger-line',
}: {
  run: RunResult;
  trace: readonly TraceRecord[];
  testId?: string;
}) {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const line = useMemo(
    () => (run.world === 'resources' ? resourceLine(trace, t) : paymentLine(run, trace, t, lang)),
    [run, trace, t, lang],
  );
  return (
    <div
      className={`rounded-lg border-l-4 px-3 py-2 ${VERDICT_TONE[line.verdict]}`}
      data-testid={testId}
      data-verdict={line.verdict}
    >
      <p className="text-lg leading-snug font-bold">
        <span aria-hidden="true" className="mr-2">
          {VERDICT_ICON[line.verdict]}
        </span>
        {line.headline}
        {line.headline && line.detail && (
          <span aria-hidden="true" className="font-normal">
            {' · '}
          </span>
        )}
        <span
          className={`text-base ${line.verdict === 'harmed' ? 'font-semibold text-red-800 dark:text-red-200' : 'font-medium text-slate-700 dark:text-slate-200'}`}
        >
          {line.detail}
        </span>
      </p>
      {line.gist && (
        <p className="mt-1 text-base leading-snug text-slate-700 dark:text-slate-200">
          {line.gist}
        </p>
      )}
    </div>
  );
}
