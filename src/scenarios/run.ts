import type { PaymentRun, RunResult } from '../model/run.ts';
import { isResourceScenario, type PaymentScenarioId } from './ids.ts';
import { preparePaymentScenario } from './paymentRuns.ts';
import {
  playPrepared,
  type PreparedScenario,
  type RunInput,
  type ScenarioInput,
} from './replay.ts';
import { prepareResourceScenario } from './resourceRuns.ts';

export {
  isTapeError,
  TapeMismatchError,
  type PreparedScenario,
  type RunInput,
  type SettingsShape,
} from './replay.ts';

/**
 * Runs one scenario under one strategy. Scenario + strategy + (seed or tape) is everything: the
 * page, the CLI and the tests call this same function and get the same trace. (The page reaches
 * the resource world through src/state/resourceKit.ts, which loads it when it is first needed.)
 */
export function runScenario(input: RunInput & { scenario: PaymentScenarioId }): PaymentRun;
export function runScenario(input: RunInput): RunResult;
export function runScenario(input: RunInput): RunResult {
  return playPrepared(prepareScenario(input), input);
}

/** A scenario's settings built once, in whichever world it runs. */
export function prepareScenario(input: ScenarioInput): PreparedScenario {
  const { scenario } = input;
  return isResourceScenario(scenario)
    ? prepareResourceScenario({ ...input, scenario })
    : preparePaymentScenario({ ...input, scenario });
}
