import {
  type NetworkSettings,
  type ResourceWorldSettings,
  type RetryPolicy,
  type WorldSettings,
} from '../model/settings.ts';
import {
  CRASH_POINTS,
  isResourceCrashPoint,
  RESOURCE_CRASH_POINTS,
  type CrashPoint,
} from '../model/crashPoints.ts';
import type { ChancePauses } from '../model/worldBase.ts';
import { LAB_RETRY_BUDGET } from '../model/retryBudget.ts';
import type { StrategyInfo } from '../model/strategies.ts';
import type { SettingsShape } from '../scenarios/run.ts';
import type { Scope } from '../scenarios/scope.ts';

/** What the explorer walks unless told otherwise: one lost message per schedule. */
export const DEFAULT_SCOPE: Scope = { losses: 1, duplicates: 0, crashes: 0 };

/**
 * A scenario's settings under a small scope (src/scenarios/scope.ts): every message may be lost or
 * duplicated and every crash point may crash, within the scope's budgets, and delays are shortest
 * or longest.
 */
export function smallScope(
  settings: WorldSettings,
  strategy: StrategyInfo,
  scope: Scope,
): WorldSettings {
  const { network, server, clients } = settings;
  return {
    ...settings,
    clients: clients.map((c) => ({ ...c, retry: scopedRetry(c.retry, scope) })),
    network: scopedNetwork(network, scope),
    server: {
      ...server,
      crashProbability: scope.crashes > 0 ? 0.5 : 0,
      crashPoints: scope.crashPoints ?? [...strategy.survivesCrashAt],
      maxCrashes: scope.crashes,
      ...chancePauses(scope, CRASH_POINTS, server.lockTimeoutMs),
      ...(scope.limit === undefined ? {} : { maxInProgress: scope.limit }),
    },
    provider: {
      ...settings.provider,
      // Each call to the provider may fail, within the budget: down, or hanging (outages1).
      ...(scope.outages ? { chanceOutages: { probability: 0.5, max: scope.outages } } : {}),
    },
    // The lab's retry budget, with as many tokens as the scope gives it: a few retries at most.
    ...(scope.budget === undefined
      ? {}
      : { retryBudget: { ...LAB_RETRY_BUDGET, capacity: scope.budget } }),
  };
}

/** The same small scope for the resource world, where crashes may strike at either point. */
export function resourceSmallScope(
  settings: ResourceWorldSettings,
  scope: Scope,
): ResourceWorldSettings {
  const { network, server, clients } = settings;
  return {
    ...settings,
    clients: clients.map((c) => ({ ...c, retry: scopedRetry(c.retry, scope) })),
    network: scopedNetwork(network, scope),
    server: {
      ...server,
      crashProbability: scope.crashes > 0 ? 0.5 : 0,
      crashPoints: (scope.crashPoints ?? RESOURCE_CRASH_POINTS).filter(isResourceCrashPoint),
      maxCrashes: scope.crashes,
    },
  };
}

/**
 * Pauses at every point a request passes, half and twice `aroundMs` long: for the payment world
 * the key's lock timeout, so a lease both holds and expires within the scope.
 */
function chancePauses(
  scope: Scope,
  points: readonly CrashPoint[],
  aroundMs: number,
): { chancePauses?: ChancePauses } {
  if (!scope.pauses) return {};
  return {
    chancePauses: {
      probability: 0.5,
      points,
      lengthsMs: [Math.round(aroundMs / 2), aroundMs * 2],
      max: scope.pauses,
    },
  };
}

/** Backoff the kernel would draw (a jitter) becomes plain exponential backoff in a small scope. */
const JITTERED: ReadonlySet<RetryPolicy['kind']> = new Set([
  'exponential-jitter',
  'equal-jitter',
  'decorrelated-jitter',
]);

function scopedRetry(retry: RetryPolicy, scope: Scope): RetryPolicy {
  return {
    ...retry,
    kind: JITTERED.has(retry.kind) ? 'exponential' : retry.kind,
    maxAttempts: Math.min(retry.maxAttempts, scope.attempts ?? Infinity),
  };
}

function scopedNetwork(network: NetworkSettings, scope: Scope): NetworkSettings {
  const spread = network.delayMaxMs - network.delayMinMs;
  // A fault the scenario itself leaves to chance stays possible, at least once per schedule.
  const losses = network.lossProbability > 0 ? Math.max(1, scope.losses) : scope.losses;
  const duplicates =
    network.duplicationProbability > 0 ? Math.max(1, scope.duplicates) : scope.duplicates;
  return {
    ...network,
    ...(scope.fixedDelays ? { delayMaxMs: network.delayMinMs } : {}),
    delayStepMs: Math.max(1, spread),
    lossProbability: losses > 0 ? 0.5 : 0,
    maxLosses: losses,
    duplicationProbability: duplicates > 0 ? 0.5 : 0,
    maxDuplicates: duplicates,
  };
}

export const describeScope = (scope: Scope): string =>
  [
    `--losses ${scope.losses} --duplicates ${scope.duplicates} --crashes ${scope.crashes}`,
    scope.pauses === undefined ? '' : ` --pauses ${scope.pauses}`,
    scope.outages === undefined ? '' : ` --outages ${scope.outages}`,
    scope.attempts === undefined ? '' : ` --attempts ${scope.attempts}`,
    scope.budget === undefined ? '' : ` --budget ${scope.budget}`,
    scope.limit === undefined ? '' : ` --limit ${scope.limit}`,
    scope.crashPoints === undefined ? '' : ` --crash-points ${scope.crashPoints.join(',')}`,
    scope.fixedDelays ? ' --fixed-delays' : '',
  ].join('');

/** The small scope as a settings shape for `runScenario` and `prepareScenario`. */
export const scoped = (scope: Scope): SettingsShape => ({
  payments: (settings, strategy) => smallScope(settings, strategy, scope),
  resources: (settings) => resourceSmallScope(settings, scope),
});
