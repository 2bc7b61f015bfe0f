import type { ScriptedFault, WorldSettings } from '../model/settings.ts';
import type { StrategyId } from '../model/strategies.ts';

/**
 * Scenarios are data: settings for the world plus the faults that make the story. Their titles
 * and descriptions live in the i18n layer (src/i18n), keyed by id, in English and Russian.
 */
export const SCENARIO_IDS = [
  'happy-path',
  'lost-response',
  'crash-after-commit',
  'crash-before-commit',
  'slow-server-timeout',
  'flaky-network',
] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface Scenario {
  id: ScenarioId;
  /** Builds the world for a strategy; everything else is fixed by the scenario. */
  settings(strategy: StrategyId): WorldSettings;
}

export const isScenarioId = (value: string): value is ScenarioId =>
  (SCENARIO_IDS as readonly string[]).includes(value);

const EUR_42 = { amount: 4200, currency: 'EUR', customer: 'cus_ada' };

/** One customer paying €42.00 once, over a healthy network, with a sensible retrying client. */
export function baseSettings(strategy: StrategyId): WorldSettings {
  return {
    clients: [
      {
        intents: [EUR_42],
        startAtMs: 0,
        timeoutMs: 1000,
        retry: { kind: 'exponential', maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2000 },
        keyPolicy: 'per-intent',
      },
    ],
    network: { lossProbability: 0, duplicationProbability: 0, delayMsMin: 40, delayMsMax: 60 },
    server: { strategy, processingMs: 10, storeLatencyMs: 5, restartMs: 500 },
    provider: { latencyMs: 100, customerBalance: 100_000 },
    faults: [],
  };
}

const withFaults =
  (...faults: ScriptedFault[]) =>
  (strategy: StrategyId): WorldSettings => ({ ...baseSettings(strategy), faults });

export const SCENARIOS: Readonly<Record<ScenarioId, Scenario>> = {
  'happy-path': { id: 'happy-path', settings: withFaults() },
  'lost-response': {
    id: 'lost-response',
    settings: withFaults({ kind: 'drop-next', direction: 'response', atMs: 0 }),
  },
  'crash-after-commit': {
    id: 'crash-after-commit',
    settings: withFaults({ kind: 'crash', point: 'after-commit', atMs: 0 }),
  },
  'crash-before-commit': {
    id: 'crash-before-commit',
    settings: withFaults({ kind: 'crash', point: 'before-commit', atMs: 0 }),
  },
  'slow-server-timeout': {
    id: 'slow-server-timeout',
    settings: (strategy) => {
      const base = baseSettings(strategy);
      return { ...base, provider: { ...base.provider, latencyMs: 1500 } };
    },
  },
  'flaky-network': {
    id: 'flaky-network',
    settings: (strategy) => {
      const base = baseSettings(strategy);
      const client = base.clients[0]!;
      return {
        ...base,
        clients: [
          {
            ...client,
            intents: [EUR_42, { ...EUR_42, amount: 1500 }, { ...EUR_42, amount: 999 }],
            retry: {
              kind: 'exponential-jitter',
              maxAttempts: 5,
              baseDelayMs: 200,
              maxDelayMs: 2000,
            },
          },
        ],
        network: {
          lossProbability: 0.25,
          duplicationProbability: 0.05,
          delayMsMin: 20,
          delayMsMax: 300,
        },
      };
    },
  },
};
