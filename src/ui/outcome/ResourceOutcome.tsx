import { useMemo } from 'react';
import type { ResourceRun } from '../../model/run.ts';
import type { TraceRecord } from '../../model/trace.ts';
import {
  summarizeResources,
  type ResourceIntentOutcome,
  type ResourceOutcome as ResourceOutcomeSummary,
} from '../../model/resourceOutcome.ts';
import { fieldsText, outcomeText } from '../../report/words.ts';
import { Panel } from '../common/Panel.tsx';
import { resourceHeadline, resourceVerdict } from './verdict.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { AnswerStatuses, Fact, HeadlineBox, LedgerFacts, verdictText } from './RunFacts.tsx';

/** What a resource run came to: lost updates and doubled effects first, then the final state. */
export function ResourceOutcome({
  run,
  trace,
}: {
  run: ResourceRun;
  trace: readonly TraceRecord[];
}) {
  const t = useMessages();
  const outcome = useMemo(() => summarizeResources(trace), [trace]);
  return (
    <Panel id="ledger" title={t.ledger.region}>
      <ResourceHeadline outcome={outcome} />
      <LedgerFacts run={run}>
        <Fact term={t.resourceOutcome.finalState} wide>
          <ul className="font-mono text-xs" data-testid="final-state">
            {Object.entries(outcome.finalState).map(([path, body]) => (
              <li key={path}>
                {path} {fieldsText(body)}
              </li>
            ))}
          </ul>
        </Fact>
        <AnswerStatuses statuses={outcome.statuses} late={outcome.lateStatuses} />
        <IntentList perIntent={outcome.perIntent} />
      </LedgerFacts>
    </Panel>
  );
}

/** Lost updates, effects applied twice, or that all is well; then each repeat in words. */
function ResourceHeadline({ outcome }: { outcome: ResourceOutcomeSummary }) {
  const { resourceOutcome: r, stage: s } = useMessages();
  const verdict = resourceVerdict(outcome);
  const harmed = verdict === 'harmed';
  // Until every request has its answer, "nothing lost" is a hope, not a verdict.
  const pending = verdict === 'pending' || verdict === 'start';
  const headline = resourceHeadline(r, outcome);
  const sentence =
    outcome.lostUpdates > 0
      ? r.lostUpdates(outcome.lostUpdates)
      : pending
        ? s.resourceSoFar
        : r.noLostUpdates;
  return (
    <HeadlineBox
      harmed={harmed}
      pending={pending}
      headline={verdict === 'start' ? s.start : headline}
      testId="resource-headline"
    >
      {verdict !== 'start' && (
        <p className={verdictText(outcome.lostUpdates > 0, pending)}>{sentence}</p>
      )}
      {outcome.repeats.map((repeat, i) => (
        <p key={i} className="mt-1 text-sm font-medium text-red-800 dark:text-red-200">
          {repeat.identical
            ? r.repeated(repeat.method, repeat.path)
            : r.appliedTwice(repeat.intentId, repeat.path)}
        </p>
      ))}
      {outcome.perIntent
        .filter((p) => p.alreadyApplied)
        .map((p) => (
          <p key={p.intentId} className="mt-1 text-sm text-slate-700 dark:text-slate-200">
            {r.alreadyApplied(p.intentId)}
          </p>
        ))}
    </HeadlineBox>
  );
}

/** Each intent's request and how it ended. */
function IntentList({ perIntent }: { perIntent: readonly ResourceIntentOutcome[] }) {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  return (
    <Fact term={t.resourceOutcome.intents}>
      <ul>
        {perIntent.map((p) => (
          <li key={p.intentId}>
            <span className="font-mono text-xs">{p.intentId}</span> {p.request}:{' '}
            {outcomeText(p.outcome, p.status, lang)}
          </li>
        ))}
      </ul>
    </Fact>
  );
}
