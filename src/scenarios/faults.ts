import type { ResourceFault, ScriptedFault } from '../model/settings.ts';
import { worldAccepts } from '../model/worlds.ts';
import { worldOf, type ScenarioId } from './ids.ts';

/**
 * Faults a person injects while a run plays, written compactly for links:
 * `drop-response@340,crash-after-commit@500,partition@200+300`. Each becomes part of the run's
 * settings, so the run stays a pure function of its link: rewinding and playing again shows the
 * same thing.
 *
 * A fault has one shape, the kernel's `ScriptedFault`, and one code. The table below is the only
 * place that relates them: parsing, formatting, the fault panel's buttons and the lesson tasks'
 * labels are all read from it.
 */

/** The words on a fault's button or menu entry: a key of the fault panel's texts (src/i18n). */
export type FaultLabel =
  | 'dropRequest'
  | 'dropResponse'
  | 'copyRequest'
  | 'copyResponse'
  | 'crashNow'
  | 'armCrash'
  | 'partition'
  | 'pauseServer'
  | 'keysDown'
  | 'providerDown'
  | 'providerTimeout';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type LastingFault = Extract<ScriptedFault, { durationMs: number }>;
type OnceFault = Exclude<ScriptedFault, LastingFault>;

/** A fault's row in the table. `shape` is the fault without its moment and duration. */
export type FaultRow = {
  /** The fault's name in links and on the command line, before its `@ms`. */
  code: string;
  label: FaultLabel;
  /** How long the fault panel's one-press button makes it last; null when it has no button. */
  button: { durationMs: number } | null;
} & (
  | { lasting: false; shape: DistributiveOmit<OnceFault, 'atMs'> }
  /** An outage: it lasts, `partition@200+300`. */
  | { lasting: true; shape: DistributiveOmit<LastingFault, 'atMs' | 'durationMs'> }
);

const once = (
  code: string,
  shape: DistributiveOmit<OnceFault, 'atMs'>,
  label: FaultLabel,
  button: boolean,
): FaultRow => ({ code, shape, label, lasting: false, button: button ? { durationMs: 0 } : null });

const lasting = (
  code: string,
  shape: DistributiveOmit<LastingFault, 'atMs' | 'durationMs'>,
  label: FaultLabel,
  buttonMs: number,
): FaultRow => ({ code, shape, label, lasting: true, button: { durationMs: buttonMs } });

/**
 * Every fault, in the order the fault panel offers its buttons. Crashes at a named point have
 * no button of their own: the panel offers them in its crash-point menu.
 */
export const FAULTS: readonly FaultRow[] = [
  once('drop-request', { kind: 'drop-next', direction: 'request' }, 'dropRequest', true),
  once('drop-response', { kind: 'drop-next', direction: 'response' }, 'dropResponse', true),
  once('copy-request', { kind: 'duplicate-next', direction: 'request' }, 'copyRequest', true),
  once('copy-response', { kind: 'duplicate-next', direction: 'response' }, 'copyResponse', false),
  once('crash', { kind: 'crash', point: 'now' }, 'crashNow', true),
  once('crash-before-commit', { kind: 'crash', point: 'before-commit' }, 'armCrash', false),
  once(
    'crash-after-provider-charge',
    { kind: 'crash', point: 'after-provider-charge' },
    'armCrash',
    false,
  ),
  once('crash-after-commit', { kind: 'crash', point: 'after-commit' }, 'armCrash', false),
  lasting('partition', { kind: 'partition' }, 'partition', 500),
  lasting('pause', { kind: 'server-pause' }, 'pauseServer', 1000),
  lasting('keys-down', { kind: 'key-store-down' }, 'keysDown', 1000),
  lasting('provider-down', { kind: 'provider-down' }, 'providerDown', 1000),
  lasting('provider-timeout', { kind: 'provider-timeout' }, 'providerTimeout', 1000),
];

/** The fault of a row at a moment; `durationMs` is used only by lasting faults. */
export const faultOf = (entry: FaultRow, atMs: number, durationMs = 0): ScriptedFault =>
  entry.lasting ? { ...entry.shape, atMs, durationMs } : { ...entry.shape, atMs };

/** What tells rows apart: the kind, and the direction or crash point where there is one. */
const shapeKey = (shape: FaultRow['shape'] | ScriptedFault): string =>
  [
    shape.kind,
    'direction' in shape ? shape.direction : '',
    'point' in shape ? shape.point : '',
  ].join(' ');

/** The row a fault belongs to: the one whose shape it has. */
export function faultRow(fault: ScriptedFault): FaultRow {
  const key = shapeKey(fault);
  const found = FAULTS.find((entry) => shapeKey(entry.shape) === key);
  // Every ScriptedFault has a row (a test holds the table to that): reaching here is a bug.
  if (!found) throw new Error(`no fault code for ${JSON.stringify(fault)}`);
  return found;
}

/** The row of a code (`drop-response`), or undefined. */
const faultRowByCode = (code: string): FaultRow | undefined =>
  FAULTS.find((entry) => entry.code === code);

const LONGEST_MS = 3_600_000;

export function faultCode(fault: ScriptedFault): string {
  const duration = 'durationMs' in fault ? `+${fault.durationMs}` : '';
  return `${faultRow(fault).code}@${fault.atMs}${duration}`;
}

export const encodeFaults = (faults: readonly ScriptedFault[]): string =>
  faults.map(faultCode).join(',');

/** One fault from its code, or null when the code is not one. */
export function parseFault(code: string): ScriptedFault | null {
  // A '+' typed into a link arrives as a space (form encoding), so either separates the duration.
  const match = /^([a-z-]+)@(\d{1,7})(?:[+ ](\d{1,7}))?$/.exec(code.trim());
  if (!match) return null;
  const [, name, at, duration] = match;
  const entry = faultRowByCode(name!);
  const atMs = Number(at);
  const durationMs = duration === undefined ? null : Number(duration);
  if (!entry || atMs > LONGEST_MS || (durationMs !== null && durationMs > LONGEST_MS)) return null;
  // An outage needs its duration, and only an outage has one: `crash@1+5` is not a fault.
  if (entry.lasting !== (durationMs !== null)) return null;
  return faultOf(entry, atMs, durationMs ?? 0);
}

/** Whether a scenario's world has what the fault acts on: the resource world has no key store. */
export const faultFits = (scenario: ScenarioId, fault: ScriptedFault): boolean =>
  worldAccepts(worldOf(scenario), fault);

/** A fault the resource world takes, typed as its own: the same fit, from `worldAccepts`. */
export const isResourceFault = (fault: ScriptedFault): fault is ResourceFault =>
  worldAccepts('resources', fault);

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

/**
 * Faults for a scenario from their codes, split into those it takes and those it does not: a
 * code that is no fault, or a fault its world lacks (a key store down where there are no keys).
 */
export function parseFaultsFor(
  scenario: ScenarioId,
  text: string,
): { faults: ScriptedFault[]; bad: string[] } {
  const { faults, bad } = parseFaults(text);
  const unfit = faults.filter((f) => !faultFits(scenario, f)).map(faultCode);
  return { faults: faults.filter((f) => faultFits(scenario, f)), bad: [...bad, ...unfit] };
}
