import type { Messages } from '../../i18n/i18n.ts';
import type { ScriptedFault } from '../../model/settings.ts';
import { FAULTS, faultOf, faultRow } from '../../scenarios/faults.ts';

/**
 * The one-press faults of Live faults, in the order its buttons show them: each is a fault at
 * moment 0, which the store moves to the cursor when it is pressed.
 */
export const FAULT_BUTTONS: readonly ScriptedFault[] = FAULTS.flatMap((entry) =>
  entry.button ? [faultOf(entry, 0, entry.button.durationMs)] : [],
);

/** The crashes armed at a named point, offered in Live faults' crash-point menu. */
export const ARMED_CRASHES = FAULTS.flatMap((entry) => {
  const fault = faultOf(entry, 0);
  return fault.kind === 'crash' && fault.point !== 'now' ? [{ ...fault, point: fault.point }] : [];
});

/** The words on a fault's button, wherever it is offered (Live faults, a lesson's task). */
export function faultButtonLabel(fault: ScriptedFault, t: Messages): string {
  const label = faultRow(fault).label;
  if (label === 'armCrash' && fault.kind === 'crash' && fault.point !== 'now')
    return `${t.faults.armCrash}: ${t.log.crashPoints[fault.point]}`;
  if (label === 'providerDown' || label === 'providerTimeout') return t.outage[label];
  return t.faults[label];
}
