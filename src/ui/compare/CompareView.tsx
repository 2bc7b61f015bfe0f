import { useEffect, useMemo } from 'react';
import { summarize } from '../../model/outcome.ts';
import type { RunResult } from '../../model/run.ts';
import type { StrategyId } from '../../model/strategies.ts';
import { recordsBy, type Timeline } from '../../report/timeline.ts';
import { bringIntoView, COMPARE_TOGGLE_ID } from '../common/bringIntoView.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { StatusChips } from '../outcome/RunFacts.tsx';

/**
 * Two strategies side by side on the same scenario, seed and faults, at the same moment: the
 * double charge on one side, the replayed response on the other.
 */
export function CompareView() {
  const t = useMessages();
  const selection = useLab((s) => s.spec);
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const compared = useLab((s) => s.compared);
  const shown = compared !== null && selection.compare !== null;
  // The panel opens below the ledger, out of sight: ticking the box brings it into view (a page
  // opened from a link with compare= stays where it is).
  useEffect(() => {
    if (shown && document.activeElement?.id === COMPARE_TOGGLE_ID) bringIntoView('compare');
  }, [shown]);
  if (!compared || !selection.compare) return null;
  return (
    <Panel id="compare" title={t.compare.region}>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{t.compare.hint}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Side strategy={selection.strategy} run={run} timeline={timeline} />
        <Side strategy={selection.compare} run={compared.run} timeline={compared.timeline} />
      </div>
    </Panel>
  );
}

function Side({
  strategy,
  run,
  timeline,
}: {
  strategy: StrategyId;
  run: RunResult;
  timeline: Timeline;
}) {
  const t = useMessages();
  const count = useLab((s) => recordsBy(timeline, s.cursorMs));
  const outcome = useMemo(() => summarize(run.trace.slice(0, count)), [run, count]);
  const duplicated = outcome.duplicateCharges > 0;
  return (
    <section
      aria-label={t.strategies[strategy].title}
      className={`rounded-lg border-l-4 p-3 ${
        duplicated
          ? 'border-red-600 bg-red-50 dark:border-red-400 dark:bg-red-950/60'
          : 'border-emerald-600 bg-emerald-50 dark:border-emerald-400 dark:bg-emerald-950/60'
      }`}
    >
      <h3 className="text-sm font-semibold">{t.strategies[strategy].title}</h3>
      <p className="mt-1 text-xl font-bold">
        <span aria-hidden="true" className="mr-2">
          {duplicated ? '⚠' : '✓'}
        </span>
        {t.outcome.chargesFor(outcome.charges, outcome.intents)}
      </p>
      <p className="mt-1 text-sm">
        {duplicated ? t.outcome.duplicates(outcome.duplicateCharges) : t.outcome.noDuplicates}
      </p>
      {outcome.replays > 0 && <p className="mt-1 text-sm">{t.outcome.replays(outcome.replays)}</p>}
      <div className="mt-2 text-sm">
        {outcome.statuses.length === 0 ? (
          t.outcome.none
        ) : (
          <StatusChips statuses={outcome.statuses} />
        )}
      </div>
    </section>
  );
}
