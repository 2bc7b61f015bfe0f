import { useMemo } from 'react';
import type { RunResult } from '../../model/run.ts';
import type { StrategyId } from '../../model/strategies.ts';
import { recordsBy, type Timeline } from '../../report/timeline.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { LedgerLine } from '../outcome/LedgerLine.tsx';
import { TopologyFigure } from '../topology/Topology.tsx';
import type { ReactNode } from 'react';

/** Below this width (CSS px) a side's topology is drawn top to bottom, as on a phone. */
const SIDE_NARROW_PX = 360;

/**
 * Two strategies drawn the same way, side by side, on the same scenario, seed and faults and at
 * the same cursor: each its topology and its ledger's headline, so the double charge on one side
 * and the replayed response on the other happen at the same moment, in the same place.
 */
export function CompareView({ children }: { children?: ReactNode }) {
  const t = useMessages();
  const selection = useLab((s) => s.spec);
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const compared = useLab((s) => s.compared);
  if (!compared || !selection.compare) return null;
  return (
    <Panel id="compare" title={t.compare.region} dense>
      <p className="sr-only">{t.compare.hint}</p>
      <div className="grid gap-x-3 gap-y-2 md:grid-cols-2">
        <Side strategy={selection.strategy} run={run} timeline={timeline} />
        <Side strategy={selection.compare} run={compared.run} timeline={compared.timeline} />
      </div>
      {children}
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
  const trace = useMemo(() => run.trace.slice(0, count), [run, count]);
  return (
    <section
      aria-label={t.strategies[strategy].title}
      // The sides share their rows (a subgrid): a headline that wraps on one side does not push
      // its drawing below the other's, so the two topologies stay level.
      className="row-span-3 grid min-w-0 grid-rows-subgrid gap-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700"
    >
      <h3 className="text-base font-semibold">{t.strategies[strategy].title}</h3>
      <LedgerLine run={run} trace={trace} testId={`ledger-line-${strategy}`} />
      <TopologyFigure run={run} timeline={timeline} narrowBelow={SIDE_NARROW_PX} />
    </section>
  );
}
