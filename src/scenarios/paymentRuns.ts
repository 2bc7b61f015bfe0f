import { runWorld, type PaymentRun } from '../model/run.ts';
import type { RetryBudget, WorldSettings } from '../model/settings.ts';
import { LAB_RETRY_BUDGET } from '../model/retryBudget.ts';
import { STRATEGIES } from '../model/strategies.ts';
import { SCENARIOS } from './catalogue.ts';
import type { PaymentScenarioId } from './ids.ts';
import { injectedFaults, type PreparedScenario, type ScenarioInput } from './replay.ts';
import { tweakIntents, tweakNetwork, tweakRetry, type Tweaks } from './tweaks.ts';

/** A payment scenario's settings, with the user's faults and tweaks, ready to run. */
export function preparePaymentScenario(
  input: ScenarioInput & { scenario: PaymentScenarioId },
): PreparedScenario<PaymentRun> {
  const { scenario, strategy, shape, tweaks = {} } = input;
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
      ...(tweaks.chargeId ? { chargeIdUnique: tweaks.chargeId === 'unique' } : {}),
      ...(tweaks.maxInProgress === undefined ? {} : { maxInProgress: tweaks.maxInProgress }),
    },
    faults: [...base.faults, ...injectedFaults(input)],
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
