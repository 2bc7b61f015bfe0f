import type { ChoiceSource } from '../sim/choice.ts';
import type { ChoicePoint } from '../sim/choice.ts';
import { hashJson } from '../sim/hash.ts';
import { runKernel, type RunLimits, type StopReason } from '../sim/kernel.ts';
import { encodeTape } from '../sim/tape.ts';
import { fastEngine, type Engine } from './engine.ts';
import type { Verdict } from './invariants.ts';
import type { WorldSettings } from './settings.ts';
import {
  PAYMENT_INVARIANTS,
  RESOURCE_INVARIANTS,
  type InvariantName,
  type PaymentInvariant,
  type ResourceInvariant,
  type TraceRecord,
} from './trace.ts';
import { PaymentWorld } from './world.ts';
import type { WorldBase } from './worldBase.ts';

interface RunBase {
  trace: TraceRecord[];
  /** The run's choices as a URL-safe string: replaying it gives this very trace. */
  tape: string;
  points: ChoicePoint[];
  events: number;
  endTimeMs: number;
  stoppedBy: StopReason;
}

export interface PaymentRun extends RunBase {
  world: 'payments';
  invariants: Record<PaymentInvariant, Verdict>;
}

export interface ResourceRun extends RunBase {
  world: 'resources';
  invariants: Record<ResourceInvariant, Verdict>;
}

export type RunResult = PaymentRun | ResourceRun;

/** Generous bounds: the catalogue's runs end on their own long before either. */
export const DEFAULT_LIMITS: RunLimits = { maxEvents: 200_000, maxTimeMs: 3_600_000 };

/** Runs a world to its end: what every world's run has, whichever world it is. */
export function runBase(
  world: WorldBase<{ kind: string }>,
  source: ChoiceSource,
  limits: RunLimits,
) {
  const run = runKernel(world, source, limits);
  return {
    trace: world.trace,
    tape: encodeTape(run.points.map((p) => p.index)),
    points: run.points,
    events: run.events,
    endTimeMs: run.endTimeMs,
    stoppedBy: run.stoppedBy,
  };
}

export function runWorld(
  settings: WorldSettings,
  source: ChoiceSource,
  limits: RunLimits = DEFAULT_LIMITS,
  engine: Engine = fastEngine,
): PaymentRun {
  const world = new PaymentWorld(settings, engine);
  const run = runBase(world, source, limits);
  return { ...run, world: 'payments', invariants: world.monitor.verdicts() };
}

/** The run's verdicts in display order, whichever world it ran. */
export function verdictsOf(result: RunResult): [InvariantName, Verdict][] {
  return result.world === 'payments'
    ? inOrder(PAYMENT_INVARIANTS, result.invariants)
    : inOrder(RESOURCE_INVARIANTS, result.invariants);
}

const inOrder = <N extends InvariantName>(names: readonly N[], verdicts: Record<N, Verdict>) =>
  names.map((name): [N, Verdict] => [name, verdicts[name]]);

/** Stable across Node and browsers: the trace is plain JSON built in a fixed order. */
export const traceHash = (trace: readonly TraceRecord[]): string => hashJson(trace);
