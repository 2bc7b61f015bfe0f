import {
  type NetworkSettings,
  type ResourceWorldSettings,
  type RetryPolicy,
  type WorldSettings,
} from '../model/settings.ts';
import {
  isResourceCrashPoint,
  RESOURCE_CRASH_POINTS,
  type CrashPoint,
} from '../model/crashPoints.ts';
import { STRATEGIES, type StrategyId } from '../model/strategies.ts';
import type { SettingsShape } from '../scenarios/run.ts';

/**
 * A small scope for exploring fault schedules: on top of a scenario's own faults, every message
 * may be lost or duplicated and every crash point may crash — each a two-way choice, within a
 * budget — and every delay is either its shortest or its longest, so messages can overtake each
 * other. Jitter becomes plain backoff: its thousand-way choices would swamp the tree.
 */
export interface Scope {
  losses: number;
  duplicates: number;
  crashes: number;
  /** Where crashes may strike; by default the points the strategy claims to survive. */
  crashPoints?: CrashPoint[];
  /** Caps every client's attempts, to keep the tree small. */
  attempts?: number;
  /**
   * Every message takes the shortest delay, so nothing overtakes anything: only the faults branch.
   * For scenarios with several clients, whose interleavings alone make trees too big to walk.
   */
  fixedDelays?: boolean;
}

export const DEFAULT_SCOPE: Scope = { losses: 1, duplicates: 0, crashes: 0 };

export function smallScope(
  settings: WorldSettings,
  strategy: StrategyId,
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
      crashPoints: scope.crashPoints ?? [...STRATEGIES[strategy].survivesCrashAt],
      maxCrashes: scope.crashes,
    },
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

function scopedRetry(retry: RetryPolicy, scope: Scope): RetryPolicy {
  return {
    ...retry,
    kind: retry.kind === 'exponential-jitter' ? 'exponential' : retry.kind,
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
    scope.attempts === undefined ? '' : ` --attempts ${scope.attempts}`,
    scope.crashPoints === undefined ? '' : ` --crash-points ${scope.crashPoints.join(',')}`,
    scope.fixedDelays ? ' --fixed-delays' : '',
  ].join('');

/** The small scope as a settings shape for `runScenario` and `prepareScenario`. */
export const scoped = (scope: Scope): SettingsShape => ({
  payments: (settings, strategy) => smallScope(settings, strategy, scope),
  resources: (settings) => resourceSmallScope(settings, scope),
});
