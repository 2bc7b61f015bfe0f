import type { ChoiceSource } from '../sim/choice.ts';
import type { ChoicePoint } from '../sim/choice.ts';
import { hashJson } from '../sim/hash.ts';
import { runKernel, type RunLimits, type StopReason } from '../sim/kernel.ts';
import { encodeTape } from '../sim/tape.ts';
import type { Verdict } from './invariants.ts';
import type { WorldSettings } from './settings.ts';
import type { InvariantName, TraceRecord } from './trace.ts';
import { PaymentWorld } from './world.ts';
import { fastEngine, type Engine } from './engine.ts';

export interface RunResult {
  trace: TraceRecord[];
  /** The run's choices as a URL-safe string: replaying it gives this very trace. */
  tape: string;
  points: ChoicePoint[];
  events: number;
  endTimeMs: number;
  stoppedBy: StopReason;
  invariants: Record<InvariantName, Verdict>;
}

/** Generous bounds: the catalogue's runs end on their own long before either. */
export const DEFAULT_LIMITS: RunLimits = { maxEvents: 200_000, maxTimeMs: 3_600_000 };

export function runWorld(
  settings: WorldSettings,
  source: ChoiceSource,
  limits: RunLimits = DEFAULT_LIMITS,
  engine: Engine = fastEngine,
): RunResult {
  const world = new PaymentWorld(settings, engine);
  const run = runKernel(world, source, limits);
  return {
    trace: world.trace,
    tape: encodeTape(run.points.map((p) => p.index)),
    points: run.points,
    events: run.events,
    endTimeMs: run.endTimeMs,
    stoppedBy: run.stoppedBy,
    invariants: world.monitor.verdicts(),
  };
}

/** Stable across Node and browsers: the trace is plain JSON built in a fixed order. */
export const traceHash = (trace: readonly TraceRecord[]): string => hashJson(trace);
