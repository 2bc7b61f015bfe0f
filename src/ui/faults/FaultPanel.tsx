import { useState } from 'react';
import { LabelledSelect } from '../common/LabelledSelect.tsx';
import type { ScriptedFault } from '../../model/settings.ts';
import { describeFault } from '../../report/log.ts';
import { faultFits } from '../../scenarios/faults.ts';
import { Panel } from '../common/Panel.tsx';
import { ARMED_CRASHES, FAULT_BUTTONS, faultButtonLabel } from './labels.ts';
import { useLab, useMessages } from '../common/lab.ts';

const buttonClass =
  'rounded-lg border border-amber-600/60 bg-amber-50 px-2.5 py-1 text-sm font-medium text-amber-950 hover:bg-amber-100 dark:border-amber-400/60 dark:bg-amber-950/60 dark:text-amber-100 dark:hover:bg-amber-900';

/** The one-press faults this scenario's world has something to act on. */
export function useFittingFaults(): readonly ScriptedFault[] {
  const scenario = useLab((s) => s.spec.scenario);
  return FAULT_BUTTONS.filter((fault) => faultFits(scenario, fault));
}

/** The crash armed by default: the one every lesson on duplicates starts from. */
const DEFAULT_POINT = 'after-commit';

/**
 * Break things while the run plays. A fault is added at the cursor's moment and the run is made
 * again with it: everything before that moment stays exactly as it was (the same choices), so the
 * consequence shows from here on — and replays identically after a rewind.
 */
export function FaultPanel({
  className = '',
  trayOnPhones = false,
}: {
  className?: string;
  /**
   * On a phone the one-press faults are in the tray over the playback bar (FaultTray), within a
   * thumb's reach while the run plays; here they would be a second copy, so only the crash-point
   * menu and the list of faults stay, and a line says where the buttons went.
   */
  trayOnPhones?: boolean;
}) {
  const t = useMessages();
  const scenario = useLab((s) => s.spec.scenario);
  // Only the faults this scenario's world has something to act on are offered.
  const fits = (fault: ScriptedFault) => faultFits(scenario, fault);
  const inTray = trayOnPhones ? 'max-lg:hidden' : '';
  return (
    <Panel id="faults" title={t.faults.region} className={className} dense inlineTitle>
      <FaultHint />
      {trayOnPhones && (
        <p className="basis-full text-sm text-slate-700 lg:hidden dark:text-slate-200">
          {t.stageFit.trayNote}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-1.5">
        {useFittingFaults().map((fault) => (
          <InjectButton key={faultButtonLabel(fault, t)} fault={fault} className={inTray} />
        ))}
        <CrashPointMenu crashes={ARMED_CRASHES.filter(fits)} />
      </div>
      <InjectedList />
    </Panel>
  );
}

/**
 * When a fault would land: the cursor's moment, the one part of the panel that changes as the run
 * plays or the timeline moves (the buttons and the crash menu do not draw again for it).
 */
function FaultHint() {
  const t = useMessages();
  const at = useLab((s) => Math.round(s.cursorMs));
  return (
    // On a short screen the hint is left to screen readers: the buttons must stay in view.
    <p className="basis-full text-xs text-slate-600 [@media(max-height:820px)]:sr-only dark:text-slate-300">
      {t.faults.hint(at)}
    </p>
  );
}

export function InjectButton({
  fault,
  label,
  className = '',
}: {
  fault: ScriptedFault;
  label?: string;
  className?: string;
}) {
  const t = useMessages();
  const inject = useLab((s) => s.injectFault);
  return (
    <button type="button" className={`${buttonClass} ${className}`} onClick={() => inject(fault)}>
      {label ?? faultButtonLabel(fault, t)}
    </button>
  );
}

/** A crash at a point the learner picks: the point's menu, and the button that arms it. */
function CrashPointMenu({ crashes }: { crashes: typeof ARMED_CRASHES }) {
  const t = useMessages();
  const [point, setPoint] = useState<string>(DEFAULT_POINT);
  const chosen =
    crashes.find((c) => c.point === point) ?? crashes.find((c) => c.point === DEFAULT_POINT);
  if (!chosen) return null;
  return (
    <span className="flex flex-wrap items-center gap-2">
      <LabelledSelect
        label={t.faults.crashPoint}
        value={chosen.point}
        options={crashes.map((c) => ({ value: c.point, text: t.log.crashPoints[c.point] }))}
        onChange={setPoint}
      />
      <InjectButton fault={chosen} label={t.faults.armCrash} />
    </span>
  );
}

/** The faults in the run, each with a way to take it out again. */
function InjectedList() {
  const f = useMessages().faults;
  const lang = useLab((s) => s.lang);
  const injected = useLab((s) => s.spec.faults);
  const remove = useLab((s) => s.removeFault);
  const clear = useLab((s) => s.clearFaults);
  return (
    <div className="flex basis-full flex-wrap items-baseline gap-x-2 text-sm">
      <h3 className="font-semibold">{f.injected}</h3>
      {injected.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-300">{f.none}</p>
      ) : (
        <ul className="flex flex-wrap gap-x-3 gap-y-1">
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
    </div>
  );
}
