import type { ScriptedFault } from '../model/settings.ts';
import { worldAccepts } from '../model/worlds.ts';
import { worldOf, type ScenarioId } from './ids.ts';

/**
 * Faults a person injects while a run plays, written compactly for links:
 * `drop-response@340,crash-after-commit@500,partition@200+300`. Each becomes part of the run's
 * settings, so the run stays a pure function of its link: rewinding and playing again shows the
 * same thing.
 */
const LONGEST_MS = 3_600_000;

const CODES: Record<string, (atMs: number, durationMs: number | null) => ScriptedFault | null> = {
  'drop-request': (atMs) => ({ kind: 'drop-next', direction: 'request', atMs }),
  'drop-response': (atMs) => ({ kind: 'drop-next', direction: 'response', atMs }),
  'copy-request': (atMs) => ({ kind: 'duplicate-next', direction: 'request', atMs }),
  'copy-response': (atMs) => ({ kind: 'duplicate-next', direction: 'response', atMs }),
  crash: (atMs) => ({ kind: 'crash', point: 'now', atMs }),
  'crash-before-commit': (atMs) => ({ kind: 'crash', point: 'before-commit', atMs }),
  'crash-after-provider-charge': (atMs) => ({
    kind: 'crash',
    point: 'after-provider-charge',
    atMs,
  }),
  'crash-after-commit': (atMs) => ({ kind: 'crash', point: 'after-commit', atMs }),
  partition: (atMs, d) => (d === null ? null : { kind: 'partition', atMs, durationMs: d }),
  'keys-down': (atMs, d) => (d === null ? null : { kind: 'key-store-down', atMs, durationMs: d }),
  pause: (atMs, d) => (d === null ? null : { kind: 'server-pause', atMs, durationMs: d }),
};

export function faultCode(fault: ScriptedFault): string {
  const at = `@${fault.atMs}`;
  switch (fault.kind) {
    case 'drop-next':
      return `drop-${fault.direction}${at}`;
    case 'duplicate-next':
      return `copy-${fault.direction}${at}`;
    case 'crash':
      return `${fault.point === 'now' ? 'crash' : `crash-${fault.point}`}${at}`;
    case 'partition':
      return `partition${at}+${fault.durationMs}`;
    case 'key-store-down':
      return `keys-down${at}+${fault.durationMs}`;
    case 'server-pause':
      return `pause${at}+${fault.durationMs}`;
  }
}

export const encodeFaults = (faults: readonly ScriptedFault[]): string =>
  faults.map(faultCode).join(',');

/** One fault from its code, or null when the code is not one. */
export function parseFault(code: string): ScriptedFault | null {
  // A '+' typed into a link arrives as a space (form encoding), so either separates the duration.
  const match = /^([a-z-]+)@(\d{1,7})(?:[+ ](\d{1,7}))?$/.exec(code.trim());
  if (!match) return null;
  const [, name, at, duration] = match;
  const make = CODES[name!];
  const atMs = Number(at);
  const durationMs = duration === undefined ? null : Number(duration);
  if (!make || atMs > LONGEST_MS || (durationMs !== null && durationMs > LONGEST_MS)) return null;
  const fault = make(atMs, durationMs);
  // A duration belongs only to outages: `crash@1+5` is not a fault.
  if (fault && durationMs !== null && !('durationMs' in fault)) return null;
  return fault;
}

/** Whether a scenario's world has what the fault acts on: the resource world has no key store. */
export const faultFits = (scenario: ScenarioId, fault: ScriptedFault): boolean =>
  worldAccepts(worldOf(scenario), fault);

/** Faults from a link's `faults=` value; every code that is not a fault is reported. */
export function parseFaults(text: string): { faults: ScriptedFault[]; bad: string[] } {
  const faults: ScriptedFault[] = [];
  const bad: string[] = [];
  for (const code of text.split(',').filter((c) => c.trim() !== '')) {
    const fault = parseFault(code);
    if (fault) faults.push(fault);
    else bad.push(code);
  }
  return { faults, bad };
}
