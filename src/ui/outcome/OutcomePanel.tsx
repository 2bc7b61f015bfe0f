import { useMemo } from 'react';
import { summarize, type IntentOutcome, type RunOutcome } from '../../model/outcome.ts';
import type { PaymentRun } from '../../model/run.ts';
import type { TraceRecord } from '../../model/trace.ts';
import { useTraceSoFar } from '../playback/frame.ts';
import { outcomeText } from '../../report/words.ts';
import { AnswerStatuses, Fact, HeadlineBox, LedgerFacts, verdictText } from './RunFacts.tsx';
import { ResourceOutcome } from './ResourceOutcome.tsx';
import { chargedAfterFailure } from './lineFacts.ts';
import { paymentVerdict } from './verdict.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { Deferred } from '../common/Deferred.tsx';
import { retryable } from '../common/retryable.ts';

// The store's tables sit under the ledger's headline: they load right after the first paint,
// which keeps the first screen's JavaScript within its budget.
const StoreTables = retryable(() => import('./StoreTables.tsx').then((m) => m.StoreTables));

/** The ledger at the cursor: what the run has come to so far, in the terms of its world. */
export function OutcomePanel() {
  const run = useLab((s) => s.run);
  const trace = useTraceSoFar();
  return run.world === 'resources' ? (
    <ResourceOutcome run={run} trace={trace} />
  ) : (
    <PaymentOutcome run={run} trace={trace} />
  );
}

/** Charges per payment in words first, then duplicates, statuses and replays. */
function PaymentOutcome({ run, trace }: { run: PaymentRun; trace: readonly TraceRecord[] }) {
  const t = useMessages();
  const outcome = useMemo(() => summarize(trace), [trace]);
  return (
    <Panel id="ledger" title={t.ledger.region}>
      <PaymentHeadline outcome={outcome} />
      <Deferred>
        <StoreTables />
      </Deferred>
      <LedgerFacts run={run}>
        <AnswerStatuses statuses={outcome.statuses} late={outcome.lateStatuses} />
        <PaymentList perIntent={outcome.perIntent} />
      </LedgerFacts>
    </Panel>
  );
}

/** Charges against payments, and under it each harm in words, or that there was none. */
function PaymentHeadline({ outcome }: { outcome: RunOutcome }) {
  const t = useMessages();
  const duplicated = outcome.duplicateCharges > 0;
  const failedButCharged = chargedAfterFailure(outcome);
  const replays = outcome.replays + outcome.lateReplays;
  const verdict = paymentVerdict(outcome);
  const harmed = verdict === 'harmed';
  // Green only once every payment has its answer: mid-run, one charge may yet become two. At
  // the start nothing has happened, and the ledger says so rather than a verdict.
  const pending = verdict === 'pending' || verdict === 'start';
  const broken = outcome.violations[0];
  const settledSentence =
    verdict === 'start'
      ? t.stage.start
      : broken
        ? t.stage.ruleBrokenShort(t.invariants.names[broken.name])
        : pending
          ? t.stage.soFar
          : t.outcome.noDuplicates;
  return (
    <HeadlineBox
      harmed={harmed}
      pending={pending}
      headline={t.outcome.chargesFor(outcome.charges, outcome.intents)}
      testId="charges-headline"
    >
      {/* "No duplicate" is no comfort beside another harm: then only the harm is said. */}
      {(duplicated || failedButCharged === 0) && (
        <p className={verdictText(duplicated, pending)}>
          {duplicated ? t.outcome.duplicates(outcome.duplicateCharges) : settledSentence}
        </p>
      )}
      {failedButCharged > 0 && (
        <p className={`mt-1 ${verdictText(true)}`}>
          {t.outcome.chargedAfterFailure(failedButCharged)}
        </p>
      )}
      {outcome.duplicateRecords > 0 && outcome.duplicateCharges === 0 && (
        <p className="mt-1 text-sm font-medium text-amber-900 dark:text-amber-200">
          {t.outcome.duplicateRecords(outcome.duplicateRecords)}
        </p>
      )}
      <p className="mt-1 text-sm text-slate-700 dark:text-slate-200">
        {t.outcome.serverLoad(outcome.requestsHandled, outcome.peakLoad, outcome.peakRetryLoad)}
      </p>
      {/* Amber once it refused a retry: a client gave up, and its payment has no answer. */}
      {outcome.retryBudget && (
        <p
          className={`mt-1 text-sm ${outcome.retryBudget.refused ? 'font-medium text-amber-900 dark:text-amber-200' : 'text-slate-700 dark:text-slate-200'}`}
          data-testid="retry-budget"
        >
          {t.retries.ledger(outcome.retryBudget.tokens, outcome.retryBudget.refused)}
        </p>
      )}
      {replays > 0 && (
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-200">
          {t.outcome.replays(replays)}
        </p>
      )}
    </HeadlineBox>
  );
}

/** Each payment's charges and answer, the ones that went wrong first, a few at the most. */
function PaymentList({ perIntent }: { perIntent: readonly IntentOutcome[] }) {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const shown = useMemo(() => paymentsWorthShowing(perIntent), [perIntent]);
  const hidden = perIntent.length - shown.length;
  return (
    <Fact term={t.outcome.perIntent}>
      <ul>
        {shown.map((p) => (
          <li key={p.intentId}>
            {t.outcome.intentLine(p.intentId, p.charges, outcomeText(p.outcome, p.status, lang))}
          </li>
        ))}
        {hidden > 0 && (
          <li className="text-slate-600 dark:text-slate-300">{t.outcome.morePayments(hidden)}</li>
        )}
      </ul>
    </Fact>
  );
}

/** At most this many payments are listed; a busy run has hundreds. */
const PAYMENTS_LISTED = 6;

/**
 * The payments that went wrong first (charged twice, or not known to be done), then the rest; in
 * one pass that stops once it has enough that went wrong (a busy run has 1,200 payments).
 */
function paymentsWorthShowing(perIntent: readonly IntentOutcome[]): IntentOutcome[] {
  const wrong: IntentOutcome[] = [];
  const fine: IntentOutcome[] = [];
  for (const p of perIntent) {
    if (p.charges !== 1 || p.outcome !== 'succeeded') wrong.push(p);
    else if (fine.length < PAYMENTS_LISTED) fine.push(p);
    if (wrong.length === PAYMENTS_LISTED) break;
  }
  return [...wrong, ...fine].slice(0, PAYMENTS_LISTED);
}
