import { seededSource, tapeSource } from '../sim/choice.ts';
import { decodeTape } from '../sim/tape.ts';
import { runWorld, type RunResult } from '../model/run.ts';
import type { StrategyId } from '../model/strategies.ts';
import { SCENARIOS, type ScenarioId } from './catalogue.ts';
import { smallScope, type Scope } from '../explore/scope.ts';

export interface RunRequest {
  scenario: ScenarioId;
  strategy: StrategyId;
  /** Seed for normal play; ignored when a tape is given. */
  seed: number;
  /** Exact replay of a recorded run. */
  tape?: string | undefined;
  /** Run the explorer's small scope of the scenario instead (see src/explore/scope.ts). */
  scope?: Scope;
}

/**
 * Runs one scenario under one strategy. Scenario + strategy + (seed or tape) is everything: the
 * page, the CLI and the tests call this same function and get the same trace.
 */
export function runScenario({ scenario, strategy, seed, tape, scope }: RunRequest): RunResult {
  const plain = SCENARIOS[scenario].settings(strategy);
  const settings = scope ? smallScope(plain, strategy, scope) : plain;
  if (tape === undefined) return runWorld(settings, seededSource(seed));
  const source = tapeSource(decodeTape(tape));
  const result = runWorld(settings, source);
  if (source.remaining() > 0) {
    throw new TapeMismatchError(
      `tape has ${source.remaining()} unused choices: it was recorded for another run`,
    );
  }
  return result;
}

export class TapeMismatchError extends Error {
  override name = 'TapeMismatchError';
}
