import { useMemo } from 'react';
import type { ResourceRun } from '../../model/run.ts';
import type { TraceRecord } from '../../model/trace.ts';
import { summarizeResources } from '../../model/resourceOutcome.ts';
import { fieldsText, outcomeText } from '../../report/words.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { AnswerStatuses, HeadlineBox, TraceFacts, verdictText } from './RunFacts.tsx';

const termClass = 'font-medium text-slate-500 dark:text-slate-400';

/** What a resource run came to: lost updates and doubled effects first, then the final state. */
export function ResourceOutcome({
  run,
  trace,
}: {
  run: ResourceRun;
  trace: readonly TraceRecord[];
}) {
  const t = useMessages();
  const r = t.resourceOutcome;
  const lang = useLab((s) => s.lang);
  const outcome = useMemo(() => summarizeResources(trace), [trace]);
  const harmed = outcome.lostUpdates > 0 || outcome.repeatedEffects > 0;
  const headline =
    outcome.lostUpdates > 0
      ? r.headlineLost(outcome.lostUpdates)
      : outcome.repeatedEffects > 0
        ? r.headlineRepeated(outcome.repeatedEffects)
        : r.headlineSafe;

  return (
    <Panel id="ledger" title={t.ledger.region}>
      <HeadlineBox harmed={harmed} headline={headline} testId="resource-headline">
        <p className={verdictText(outcome.lostUpdates > 0)}>
          {outcome.lostUpdates > 0 ? r.lostUpdates(outcome.lostUpdates) : r.noLostUpdates}
        </p>
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

      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div className="sm:col-span-2">
          <dt className={termClass}>{r.finalState}</dt>
          <dd className="mt-1">
            <ul className="font-mono text-xs" data-testid="final-state">
              {Object.entries(outcome.finalState).map(([path, body]) => (
                <li key={path}>
                  {path} {fieldsText(body)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <AnswerStatuses statuses={outcome.statuses} late={outcome.lateStatuses} />
        <div>
          <dt className={termClass}>{r.intents}</dt>
          <dd className="mt-1">
            <ul>
              {outcome.perIntent.map((p) => (
                <li key={p.intentId}>
                  <span className="font-mono text-xs">{p.intentId}</span> {p.request}:{' '}
                  {outcomeText(p.outcome, p.status, lang)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <TraceFacts run={run} />
      </dl>
    </Panel>
  );
}
