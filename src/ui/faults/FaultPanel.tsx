import { useId, useState } from 'react';
import { CRASH_POINTS, type CrashPoint } from '../../model/crashPoints.ts';
import { describeFault } from '../../report/log.ts';
import { worldOf } from '../../scenarios/ids.ts';
import { Panel } from '../common/Panel.tsx';
import { FAULT_BUTTONS, faultButtonLabel } from './labels.ts';
import { useLab, useMessages } from '../common/lab.ts';

const buttonClass =
  'rounded-lg border border-amber-600/60 bg-amber-50 px-3 py-1.5 text-sm font-medium text-amber-950 hover:bg-amber-100 dark:border-amber-400/60 dark:bg-amber-950/60 dark:text-amber-100 dark:hover:bg-amber-900';

/**
 * Break things while the run plays. A fault is added at the cursor's moment and the run is made
 * again with it: everything before that moment stays exactly as it was (the same choices), so the
 * consequence shows from here on — and replays identically after a rewind.
 */
export function FaultPanel() {
  const t = useMessages();
  const f = t.faults;
  const lang = useLab((s) => s.lang);
  const scenario = useLab((s) => s.selection.scenario);
  const injected = useLab((s) => s.selection.faults);
  const inject = useLab((s) => s.injectFault);
  const remove = useLab((s) => s.removeFault);
  const clear = useLab((s) => s.clearFaults);
  const at = useLab((s) => Math.round(s.cursorMs));
  const payments = worldOf(scenario) === 'payments';
  const points = payments
    ? CRASH_POINTS
    : CRASH_POINTS.filter((p) => p !== 'after-provider-charge');
  const [point, setPoint] = useState<CrashPoint>('after-commit');
  const pointId = useId();

  return (
    <Panel id="faults" title={f.region}>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{f.hint(at)}</p>
      <div className="flex flex-wrap items-center gap-2">
        {FAULT_BUTTONS.filter((fault) => payments || fault.kind !== 'key-store-down').map(
          (fault) => (
            <button
              key={faultButtonLabel(fault, t)}
              type="button"
              className={buttonClass}
              onClick={() => inject(fault)}
            >
              {faultButtonLabel(fault, t)}
            </button>
          ),
        )}
        <span className="flex flex-wrap items-center gap-2">
          <label htmlFor={pointId} className="text-sm font-medium">
            {f.crashPoint}
          </label>
          <select
            id={pointId}
            value={points.includes(point) ? point : 'after-commit'}
            onChange={(e) => setPoint(e.target.value as CrashPoint)}
            className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800"
          >
            {points.map((p) => (
              <option key={p} value={p}>
                {t.log.crashPoints[p]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={buttonClass}
            onClick={() =>
              inject({ kind: 'crash', point: points.includes(point) ? point : 'after-commit' })
            }
          >
            {f.armCrash}
          </button>
        </span>
      </div>
      <h3 className="mt-4 text-sm font-semibold">{f.injected}</h3>
      {injected.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">{f.none}</p>
      ) : (
        <ul className="mt-1 flex flex-col gap-1 text-sm">
          {injected.map((fault, i) => {
            const what = f.at(fault.atMs, describeFault(fault, lang));
            return (
              <li key={i} className="flex items-center gap-2">
                <span>{what}</span>
                <button
                  type="button"
                  aria-label={f.remove(what)}
                  onClick={() => remove(i)}
                  className="rounded-md border border-slate-300 px-2 text-xs dark:border-slate-600"
                >
                  ✕
                </button>
              </li>
            );
          })}
          {injected.length > 1 && (
            <li>
              <button
                type="button"
                onClick={clear}
                className="mt-1 rounded-md border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600"
              >
                {f.removeAll}
              </button>
            </li>
          )}
        </ul>
      )}
    </Panel>
  );
}
