import { Deferred } from '../common/Deferred.tsx';
import { useMessages } from '../common/lab.ts';
import { retryable } from '../common/retryable.ts';
import { InvariantsPanel } from '../outcome/InvariantsPanel.tsx';
import { OutcomePanel } from '../outcome/OutcomePanel.tsx';

const StateMachines = retryable(() =>
  import('../machines/StateMachines.tsx').then((m) => m.StateMachines),
);

/**
 * What needs room, below the stage: the full ledger and the invariants side by side, then the
 * state machines (the event log follows). None of it is on the first screen, so it loads after it.
 */
export function BelowStage() {
  const t = useMessages();
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-[minmax(0,1fr)] gap-3 lg:grid-cols-[minmax(0,1.6fr)_minmax(0,1fr)] lg:items-start">
        <OutcomePanel />
        <InvariantsPanel />
      </div>
      <Deferred fallback={<p className="text-sm">{t.machines.loading}</p>}>
        <StateMachines />
      </Deferred>
    </div>
  );
}
