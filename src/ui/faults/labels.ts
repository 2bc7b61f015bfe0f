import type { Messages } from '../../i18n/i18n.ts';
import type { ScriptedFault } from '../../model/settings.ts';

/** A fault as a button injects it: the moment is the cursor's, added when it is pressed. */
export type FaultTemplate = ScriptedFault extends infer F
  ? F extends ScriptedFault
    ? Omit<F, 'atMs'>
    : never
  : never;

/** The one-press faults of Live faults, in the order its buttons show them. */
export const FAULT_BUTTONS: readonly FaultTemplate[] = [
  { kind: 'drop-next', direction: 'request' },
  { kind: 'drop-next', direction: 'response' },
  { kind: 'duplicate-next', direction: 'request' },
  { kind: 'crash', point: 'now' },
  { kind: 'partition', durationMs: 500 },
  { kind: 'server-pause', durationMs: 1000 },
  { kind: 'key-store-down', durationMs: 1000 },
];

/** The words on a fault's button, wherever it is offered (Live faults, a lesson's task). */
export function faultButtonLabel(fault: FaultTemplate, t: Messages): string {
  switch (fault.kind) {
    case 'drop-next':
      return fault.direction === 'response' ? t.faults.dropResponse : t.faults.dropRequest;
    case 'duplicate-next':
      return t.faults.copyRequest;
    case 'crash':
      return fault.point === 'now'
        ? t.faults.crashNow
        : `${t.faults.armCrash}: ${t.log.crashPoints[fault.point]}`;
    case 'partition':
      return t.faults.partition;
    case 'server-pause':
      return t.faults.pauseServer;
    case 'key-store-down':
      return t.faults.keysDown;
  }
}
