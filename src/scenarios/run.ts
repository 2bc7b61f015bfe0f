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
import { resourceSmallScope, smallScope, type Scope } from '../explore/scope.ts';

export interface RunRequest {
  scenario: ScenarioId;
  /** The payment world's idempotency strategy; resource scenarios have none and ignore it. */
  strategy: StrategyId;
  /** Seed for normal play; ignored when a tape is given. */
  seed: number;
  /** Exact replay of a recorded run. */
  tape?: string | undefined;
  /** Run the explorer's small scope of the scenario instead (see src/explore/scope.ts). */
  scope?: Scope;
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
  const { scenario, strategy, seed, tape, scope, faults = [], tweaks = {} } = request;
  const prepared = prepareScenario(scenario, strategy, scope, faults, tweaks);
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

/** The scenario's world (in its small scope, if one is given) run on any choice source. */
export function runWithSource(
  scenario: ScenarioId,
  strategy: StrategyId,
  source: ChoiceSource,
  scope?: Scope,
): RunResult {
  return prepareScenario(scenario, strategy, scope).run(source);
}

/** A scenario's settings built once, for running many schedules of it (the explorer). */
export interface PreparedScenario {
  settings: WorldSettings | ResourceWorldSettings;
  run(source: ChoiceSource): RunResult;
}

export function prepareScenario(
  scenario: ScenarioId,
  strategy: StrategyId,
  scope?: Scope,
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
    const settings = scope ? resourceSmallScope(plain, scope) : plain;
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
  const settings = scope ? smallScope(plain, strategy, scope) : plain;
  return { settings, run: (source) => runWorld(settings, source) };
}

export class TapeMismatchError extends Error {
  override name = 'TapeMismatchError';
}
