import { useMessages } from '../common/lab.ts';
import { InjectButton, useFittingFaults } from './FaultPanel.tsx';
import { faultButtonLabel } from './labels.ts';

/**
 * The one-press live faults on a phone, in one row over the fixed playback bar: while a run plays
 * the topology and its caption are pinned to the top of the screen and cover the fault panel, so
 * the buttons come to the thumb instead. The row scrolls sideways when they do not all fit; a
 * fault pressed here lands at the moment on screen, and its effect shows in the pinned stage.
 */
export function FaultTray() {
  const t = useMessages();
  const faults = useFittingFaults();
  return (
    <div
      role="group"
      aria-label={t.stageFit.tray}
      className="flex items-center gap-1.5 overflow-x-auto overscroll-x-contain rounded-t-xl border border-b-0 border-slate-200 bg-white/95 px-3 py-1.5 dark:border-slate-800 dark:bg-slate-900/95"
    >
      <span aria-hidden="true" className="shrink-0 text-amber-600 dark:text-amber-400">
        ⚡
      </span>
      {faults.map((fault) => (
        <InjectButton
          key={faultButtonLabel(fault, t)}
          fault={fault}
          className="h-9 shrink-0 whitespace-nowrap"
        />
      ))}
    </div>
  );
}
