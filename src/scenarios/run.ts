import { prefixThenSeeded, seededSource, tapeSource, type ChoiceSource } from '../sim/choice.ts';
import { decodeTape } from '../sim/tape.ts';
import { runResourceWorld, runWorld, type PaymentRun, type RunResult } from '../model/run.ts';
import type { ResourceWorldSettings, RetryBudget, WorldSettings } from '../model/settings.ts';
import { faultFits, isResourceFault } from './faults.ts';
import { tweakIntents, tweakNetwork, tweakRetry, type Tweaks } from './tweaks.ts';
import { LAB_RETRY_BUDGET } from '../model/retryBudget.ts';
import { STRATEGIES, type StrategyInfo } from '../model/strategies.ts';
import { SCENARIOS } from './catalogue.ts';
import type { RunSpec } from './spec.ts';
import { isResourceScenario, type PaymentScenarioId } from './ids.ts';
import { RESOURCE_SCENARIOS } from './resourceCatalogue.ts';

/**
 * The parts of a spec that make one run; the compared strategy is the caller's to run (with
 * `comparedSpec`). Faults, tweaks and the tape may be left out: none, none, play the seed.
 */
export type RunInput = Pick<RunSpec, 'scenario' | 'strategy' | 'seed'> &
  Partial<Pick<RunSpec, 'tape' | 'scope' | 'faults' | 'tweaks'>> & {
    /**
     * Run a variant of the scenario instead: the explorer's small scope (src/explore/scope.ts
     * `scoped`). A spec that names a scope must come with its shape.
     */
    shape?: SettingsShape;
    /**
     * Replay these choices, then draw the rest from the seed: a tape's run changed at some
     * moment (a fault injected) keeps its past. The new run's own tape is in its result.
     */
    prefix?: readonly number[];
  };

/**
 * Runs one scenario under one strategy. Scenario + strategy + (seed or tape) is everything: the
 * page, the CLI and the tests call this same function and get the same trace.
 */
export function runScenario(input: RunInput & { scenario: PaymentScenarioId }): PaymentRun;
export function runScenario(input: RunInput): RunResult;
export function runScenario(input: RunInput): RunResult {
  const prepared = prepareScenario(input);
  if (input.prefix) return prepared.run(prefixThenSeeded(input.prefix, input.seed));
  if (input.tape === undefined || input.tape === null)
    return prepared.run(seededSource(input.seed));
  const source = tapeSource(decodeTape(input.tape));
  const result = prepared.run(source);
  if (source.remaining() > 0) {
    throw new TapeMismatchError(
      `tape has ${source.remaining()} unused choices: it was recorded for another run`,
    );
  }
  return result;
}

/**
 * A variant of a scenario's settings, one per world: the explorer's small scope. It is passed in
 * rather than imported, so the page, which never explores, does not load it.
 */
export interface SettingsShape {
  payments(settings: WorldSettings, strategy: StrategyInfo): WorldSettings;
  resources(settings: ResourceWorldSettings): ResourceWorldSettings;
}

/** A scenario's settings built once, for running many schedules of it (the explorer). */
export interface PreparedScenario {
  settings: WorldSettings | ResourceWorldSettings;
  run(source: ChoiceSource): RunResult;
}

export function prepareScenario({
  scenario,
  strategy,
  scope,
  shape,
  faults: extra = [],
  tweaks = {},
}: Omit<RunInput, 'seed' | 'tape' | 'prefix'>): PreparedScenario {
  // Run plainly, a scoped spec would give another trace than its link promises: a bug, not input.
  if (scope && !shape) throw new Error('scope without its shape');
  const injected = extra.filter((f) => faultFits(scenario, f));
  if (isResourceScenario(scenario)) {
    const base = RESOURCE_SCENARIOS[scenario].settings();
    const plain = {
      ...base,
      clients: base.clients.map((c) => ({ ...c, retry: tweakRetry(c.retry, tweaks) })),
      network: tweakNetwork(base.network, tweaks),
      faults: [...base.faults, ...injected.filter(isResourceFault)],
    };
    const settings = shape ? shape.resources(plain) : plain;
    return { settings, run: (source) => runResourceWorld(settings, source) };
  }
  const { retryBudget, ...base } = SCENARIOS[scenario].settings(strategy);
  const plain: WorldSettings = {
    ...base,
    clients: base.clients.map((c) => ({
      ...c,
      retry: tweakRetry(c.retry, tweaks),
      keyPolicy: tweaks.keyPolicy ?? c.keyPolicy,
      intents: tweakIntents(c.intents, tweaks),
    })),
    network: tweakNetwork(base.network, tweaks),
    server: {
      ...base.server,
      keyTtlMs: tweaks.keyTtlMs ?? base.server.keyTtlMs,
      keyStoreFailure: tweaks.keyStoreFailure ?? base.server.keyStoreFailure,
      storeErrors: tweaks.errors ? tweaks.errors === 'store' : base.server.storeErrors,
      keyRequired: tweaks.keyRequired ? tweaks.keyRequired === 'yes' : base.server.keyRequired,
      ...(tweaks.errors5xx ? { errors5xx: tweaks.errors5xx } : {}),
      ...(tweaks.maxInProgress === undefined ? {} : { maxInProgress: tweaks.maxInProgress }),
    },
    faults: [...base.faults, ...injected],
    ...retryBudgetOf(retryBudget, tweaks),
  };
  const settings = shape ? shape.payments(plain, STRATEGIES[strategy]) : plain;
  return { settings, run: (source) => runWorld(settings, source) };
}

/** The scenario's retry budget, or the lab's when the settings switch one on (none for `off`). */
function retryBudgetOf(
  scenario: RetryBudget | undefined,
  tweaks: Tweaks,
): Pick<WorldSettings, 'retryBudget'> {
  const budget = tweaks.retryBudget ? tweaks.retryBudget === 'on' && LAB_RETRY_BUDGET : scenario;
  return budget ? { retryBudget: budget } : {};
}

export class TapeMismatchError extends Error {
  override name = 'TapeMismatchError';
}

/**
 * Whether an error says a tape does not fit its run: undecodable (TapeFormatError), running out
 * or choosing the impossible (TapeReplayError), or left over (TapeMismatchError). Such a tape
 * came from outside — a link, a flag — and is refused politely, not as a bug.
 */
export const isTapeError = (error: unknown): boolean =>
  error instanceof Error && /^Tape\w*Error$/.test(error.name);
