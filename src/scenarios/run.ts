import { seededSource, tapeSource, type ChoiceSource } from '../sim/choice.ts';
import { decodeTape } from '../sim/tape.ts';
import { runResourceWorld, runWorld, type PaymentRun, type RunResult } from '../model/run.ts';
import type {
  ResourceFault,
  ResourceWorldSettings,
  ScriptedFault,
  WorldSettings,
} from '../model/settings.ts';
import { faultFits } from './faults.ts';
import { tweakIntents, tweakNetwork, tweakRetry, type Tweaks } from './tweaks.ts';
import type { StrategyId } from '../model/strategies.ts';
import { SCENARIOS } from './catalogue.ts';
import { isResourceScenario, type PaymentScenarioId, type ScenarioId } from './ids.ts';
import { RESOURCE_SCENARIOS } from './resourceCatalogue.ts';

export interface RunRequest {
  scenario: ScenarioId;
  /** The payment world's idempotency strategy; resource scenarios have none and ignore it. */
  strategy: StrategyId;
  /** Seed for normal play; ignored when a tape is given. */
  seed: number;
  /** Exact replay of a recorded run. */
  tape?: string | undefined;
  /** Run a variant of the scenario instead: the explorer's small scope (src/explore/scope.ts). */
  shape?: SettingsShape;
  /** Faults injected by a person on top of the scenario's own (those its world has). */
  faults?: readonly ScriptedFault[];
  /** Settings changed from the controls (retry, key policy, network, key store). */
  tweaks?: Tweaks;
}

/**
 * Runs one scenario under one strategy. Scenario + strategy + (seed or tape) is everything: the
 * page, the CLI and the tests call this same function and get the same trace.
 */
export function runScenario(request: RunRequest & { scenario: PaymentScenarioId }): PaymentRun;
export function runScenario(request: RunRequest): RunResult;
export function runScenario(request: RunRequest): RunResult {
  const { scenario, strategy, seed, tape, shape, faults = [], tweaks = {} } = request;
  const prepared = prepareScenario(scenario, strategy, shape, faults, tweaks);
  if (tape === undefined) return prepared.run(seededSource(seed));
  const source = tapeSource(decodeTape(tape));
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
  payments(settings: WorldSettings, strategy: StrategyId): WorldSettings;
  resources(settings: ResourceWorldSettings): ResourceWorldSettings;
}

/** A scenario's settings built once, for running many schedules of it (the explorer). */
export interface PreparedScenario {
  settings: WorldSettings | ResourceWorldSettings;
  run(source: ChoiceSource): RunResult;
}

export function prepareScenario(
  scenario: ScenarioId,
  strategy: StrategyId,
  shape?: SettingsShape,
  extra: readonly ScriptedFault[] = [],
  tweaks: Tweaks = {},
): PreparedScenario {
  const injected = extra.filter((f) => faultFits(scenario, f));
  if (isResourceScenario(scenario)) {
    const base = RESOURCE_SCENARIOS[scenario].settings();
    const plain = {
      ...base,
      clients: base.clients.map((c) => ({ ...c, retry: tweakRetry(c.retry, tweaks) })),
      network: tweakNetwork(base.network, tweaks),
      faults: [...base.faults, ...(injected as ResourceFault[])],
    };
    const settings = shape ? shape.resources(plain) : plain;
    return { settings, run: (source) => runResourceWorld(settings, source) };
  }
  const base = SCENARIOS[scenario].settings(strategy);
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
    },
    faults: [...base.faults, ...injected],
  };
  const settings = shape ? shape.payments(plain, strategy) : plain;
  return { settings, run: (source) => runWorld(settings, source) };
}

export class TapeMismatchError extends Error {
  override name = 'TapeMismatchError';
}
