import type { ClientSettings, ScriptedFault, WorldSettings } from '../model/settings.ts';
import type { StrategyId } from '../model/strategies.ts';
import type { PaymentScenarioId } from './ids.ts';

/**
 * The failure catalogue: scenarios as data. Each is the world's settings plus the faults that make
 * its story, and declares, per strategy, the outcome it must show — checked by a test over many
 * seeds and printed by `npm run sim -- --matrix`. Titles and descriptions live in src/i18n.
 */

/** Duplicate charges in every run, in none, or depending on chance (the seed). */
export type DuplicateClaim = 'always' | 'never' | 'possible';

export interface Expectation {
  duplicates: DuplicateClaim;
  /** Statuses that must be among those the clients received, in every run. */
  statuses?: number[];
  /** Does every answer a client saw match the charges made? Default: when there are no duplicates. */
  consistent?: boolean;
}

export interface Scenario {
  id: PaymentScenarioId;
  /** Builds the world for a strategy; everything else is fixed by the scenario. */
  settings(strategy: StrategyId): WorldSettings;
  expect: Readonly<Record<StrategyId, Expectation>>;
}

/** Whether the answers the clients saw may be trusted, as the scenario declares it. */
export const expectsConsistency = (e: Expectation): boolean =>
  e.consistent ?? e.duplicates === 'never';

const EUR_42 = { amount: 4200, currency: 'EUR', customer: 'cus_ada' };

export const BASE_CLIENT: ClientSettings = {
  intents: [EUR_42],
  startAtMs: 0,
  timeoutMs: 1000,
  retry: { kind: 'exponential', maxAttempts: 4, baseDelayMs: 200, maxDelayMs: 2000 },
  keyPolicy: 'per-intent',
};

/** One customer paying €42.00 once, over a healthy network, with a sensible retrying client. */
export function baseSettings(strategy: StrategyId): WorldSettings {
  return {
    clients: [BASE_CLIENT],
    network: {
      lossProbability: 0,
      duplicationProbability: 0,
      delayMinMs: 40,
      delayMaxMs: 60,
      delayStepMs: 1,
      maxLosses: null,
      maxDuplicates: null,
      copyLagMs: 0,
    },
    server: {
      strategy,
      processingMs: 10,
      storeLatencyMs: 5,
      restartMs: 500,
      keyRequired: false,
      keyTtlMs: 86_400_000,
      keyStoreFailure: 'fail-closed',
      storeErrors: true,
      lockTimeoutMs: 2000,
      completerIntervalMs: 1000,
      crashProbability: 0,
      crashPoints: [],
      maxCrashes: null,
    },
    provider: {
      latencyMs: 100,
      customerBalance: 1_000_000,
      honoursKeys: true,
      keyRetentionMs: 86_400_000,
      topUps: [],
    },
    faults: [],
  };
}

type Change = (settings: WorldSettings) => WorldSettings;

const build =
  (...changes: Change[]) =>
  (strategy: StrategyId): WorldSettings =>
    changes.reduce((settings, change) => change(settings), baseSettings(strategy));

const faults =
  (...list: ScriptedFault[]): Change =>
  (s) => ({ ...s, faults: [...s.faults, ...list] });
const client =
  (change: Partial<ClientSettings>): Change =>
  (s) => ({ ...s, clients: s.clients.map((c) => ({ ...c, ...change })) });
const server =
  (change: Partial<WorldSettings['server']>): Change =>
  (s) => ({ ...s, server: { ...s.server, ...change } });
const network =
  (change: Partial<WorldSettings['network']>): Change =>
  (s) => ({ ...s, network: { ...s.network, ...change } });
const provider =
  (change: Partial<WorldSettings['provider']>): Change =>
  (s) => ({ ...s, provider: { ...s.provider, ...change } });

const dropResponse: ScriptedFault = { kind: 'drop-next', direction: 'response', atMs: 0 };

/** Expectations for the four keyed strategies that claim at most one charge per payment. */
const keyed = (e: Expectation) => ({
  'atomic-key': e,
  'locked-key': e,
  fingerprinted: e,
  'recovery-points': e,
});
const all = (e: Expectation) => ({ none: e, 'naive-cache': e, ...keyed(e) });
const NEVER: Expectation = { duplicates: 'never' };
const ALWAYS: Expectation = { duplicates: 'always' };

/** Many clients, one payment each, through a server outage: how retries pile up. */
function storm(jitter: boolean): Change {
  return (s) => ({
    ...s,
    clients: Array.from({ length: 12 }, (_, i) => ({
      ...BASE_CLIENT,
      intents: [{ ...EUR_42, amount: 1000 + 100 * i }],
      startAtMs: 5 * i,
      retry: {
        kind: jitter ? 'exponential-jitter' : 'exponential',
        maxAttempts: 6,
        baseDelayMs: 400,
        maxDelayMs: 4000,
      },
    })),
    server: { ...s.server, restartMs: 2500 },
    faults: [{ kind: 'crash', point: 'now', atMs: 30 }],
  });
}

/**
 * Ada pays; later another caller — Mallory, with an API key of her own — sends Ada's
 * Idempotency-Key, copied from a log: first with Ada's very request (naming Ada's customer), then
 * with a payment of her own. The key is scoped by who calls, so neither request can read Ada's.
 */
const stolenKey: Change = (s) => ({
  ...s,
  clients: [
    BASE_CLIENT,
    {
      ...BASE_CLIENT,
      account: 'cus_mal',
      sendsKeyOf: 0,
      startAtMs: 500,
      intents: [EUR_42, { amount: 500, currency: 'EUR', customer: 'cus_mal' }],
    },
  ],
});

export const SCENARIOS: Readonly<Record<PaymentScenarioId, Scenario>> = {
  'happy-path': {
    id: 'happy-path',
    settings: build(),
    expect: all({ duplicates: 'never', statuses: [201] }),
  },
  'lost-response': {
    id: 'lost-response',
    settings: build(faults(dropResponse)),
    expect: { ...all({ duplicates: 'never', statuses: [201] }), none: ALWAYS },
  },
  'crash-after-commit': {
    id: 'crash-after-commit',
    settings: build(faults({ kind: 'crash', point: 'after-commit', atMs: 0 })),
    expect: {
      ...keyed({ duplicates: 'never', statuses: [201] }),
      none: ALWAYS,
      'naive-cache': ALWAYS,
    },
  },
  'crash-before-commit': {
    id: 'crash-before-commit',
    settings: build(faults({ kind: 'crash', point: 'before-commit', atMs: 0 })),
    expect: all({ duplicates: 'never', statuses: [201] }),
  },
  'slow-server-timeout': {
    id: 'slow-server-timeout',
    settings: build(provider({ latencyMs: 1500 })),
    expect: { ...keyed({ duplicates: 'never' }), none: ALWAYS, 'naive-cache': ALWAYS },
  },
  'flaky-network': {
    id: 'flaky-network',
    settings: build(
      client({
        intents: [EUR_42, { ...EUR_42, amount: 1500 }, { ...EUR_42, amount: 999 }],
        retry: { kind: 'exponential-jitter', maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 2000 },
      }),
      network({
        lossProbability: 0.25,
        duplicationProbability: 0.05,
        delayMinMs: 20,
        delayMaxMs: 300,
      }),
    ),
    expect: {
      ...keyed(NEVER),
      none: { duplicates: 'possible' },
      'naive-cache': { duplicates: 'possible' },
    },
  },
  'double-click': {
    id: 'double-click',
    settings: (strategy) => {
      const s = baseSettings(strategy);
      return { ...s, clients: [BASE_CLIENT, { ...BASE_CLIENT, resubmits: 0, startAtMs: 25 }] };
    },
    expect: { ...keyed(NEVER), none: ALWAYS, 'naive-cache': ALWAYS },
  },
  'concurrent-retries': {
    id: 'concurrent-retries',
    settings: build(
      client({
        timeoutMs: 250,
        retry: { kind: 'fixed', maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 50 },
      }),
      provider({ latencyMs: 400 }),
    ),
    expect: {
      none: ALWAYS,
      'naive-cache': ALWAYS,
      'atomic-key': NEVER,
      'locked-key': { duplicates: 'never', statuses: [409] },
      fingerprinted: { duplicates: 'never', statuses: [409] },
      'recovery-points': { duplicates: 'never', statuses: [409] },
    },
  },
  'duplicate-delivery': {
    id: 'duplicate-delivery',
    settings: build(faults({ kind: 'duplicate-next', direction: 'request', atMs: 0 })),
    expect: { ...keyed(NEVER), none: ALWAYS, 'naive-cache': ALWAYS },
  },
  'new-key-per-retry': {
    id: 'new-key-per-retry',
    settings: build(client({ keyPolicy: 'per-attempt' }), faults(dropResponse)),
    expect: all(ALWAYS),
  },
  'key-expired': {
    id: 'key-expired',
    settings: build(
      client({ retry: { kind: 'fixed', maxAttempts: 3, baseDelayMs: 2500, maxDelayMs: 2500 } }),
      // Both the server and the provider keep keys for 2 s, as both keep them for 24 h in life.
      server({ keyTtlMs: 2000 }),
      provider({ keyRetentionMs: 2000 }),
      faults(dropResponse),
    ),
    expect: all(ALWAYS),
  },
  'key-store-down': {
    id: 'key-store-down',
    settings: build(
      server({ keyStoreFailure: 'fail-open' }),
      faults({ kind: 'key-store-down', atMs: 0, durationMs: 3000 }, dropResponse),
    ),
    // Recovery points still send the provider a key derived from the client's, so the provider's
    // own memory saves the money; the blind retry's second payment row for that same charge is
    // refused by UNIQUE (charge_id), and the client hears 500 until it gives up, not knowing.
    expect: { ...all(ALWAYS), 'recovery-points': { duplicates: 'never', statuses: [500] } },
  },
  'key-store-down-fail-closed': {
    id: 'key-store-down-fail-closed',
    settings: build(
      client({
        retry: { kind: 'exponential', maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 2000 },
      }),
      server({ keyStoreFailure: 'fail-closed' }),
      faults({ kind: 'key-store-down', atMs: 0, durationMs: 3000 }, dropResponse),
    ),
    expect: {
      ...keyed({ duplicates: 'never', statuses: [503, 201] }),
      none: ALWAYS,
      'naive-cache': { duplicates: 'never', statuses: [503, 201] },
    },
  },
  'payload-mismatch': {
    id: 'payload-mismatch',
    settings: build(
      client({ keyPolicy: 'reused', intents: [EUR_42, { ...EUR_42, amount: 1500 }] }),
    ),
    expect: {
      none: NEVER,
      'naive-cache': { duplicates: 'never', consistent: false },
      'atomic-key': { duplicates: 'never', consistent: false },
      'locked-key': { duplicates: 'never', consistent: false },
      fingerprinted: { duplicates: 'never', statuses: [422] },
      'recovery-points': { duplicates: 'never', statuses: [422] },
    },
  },
  'crash-after-provider-charge': {
    id: 'crash-after-provider-charge',
    settings: build(faults({ kind: 'crash', point: 'after-provider-charge', atMs: 0 })),
    expect: { ...all(ALWAYS), 'recovery-points': { duplicates: 'never', statuses: [201] } },
  },
  'declined-late-copy': {
    id: 'declined-late-copy',
    settings: build(
      // €30 on the card for a €42 payment; €50 more arrives at 400 ms, after the client was told.
      provider({ customerBalance: 3000, topUps: [{ atMs: 400, amount: 5000 }] }),
      // A copy of the request, held up in the network, arrives 800 ms after the original.
      network({ copyLagMs: 800 }),
      faults({ kind: 'duplicate-next', direction: 'request', atMs: 0 }),
    ),
    expect: {
      ...keyed({ duplicates: 'never', statuses: [402] }),
      'naive-cache': { duplicates: 'never', statuses: [402] },
      // One charge, no duplicate — but after the client was told “declined”.
      none: { duplicates: 'never', statuses: [402], consistent: false },
    },
  },
  'provider-outage': {
    id: 'provider-outage',
    // The provider is down for the first second: the first attempts get 500, the later ones not.
    settings: build(faults({ kind: 'provider-down', atMs: 0, durationMs: 1000 })),
    // The policy each strategy has by default (errors5xx): stored (Stripe v1) the 500 is the key's
    // answer for good and this payment never happens with its key; released (rocket-rides, the
    // default with recovery points) a retry resumes the work once the provider is back. A client
    // with no key has nothing stored against it: its retry simply runs again.
    expect: {
      ...keyed({ duplicates: 'never', statuses: [500] }),
      none: { duplicates: 'never', statuses: [500, 201] },
      'naive-cache': { duplicates: 'never', statuses: [500] },
      'recovery-points': { duplicates: 'never', statuses: [500, 201] },
    },
  },
  'provider-timeout': {
    id: 'provider-timeout',
    // Calls to the provider hang for the first second: it charges, but the server stops waiting.
    settings: build(faults({ kind: 'provider-timeout', atMs: 0, durationMs: 1000 })),
    // Stored, the 500 keeps every retry from charging again, but the money moved and no payment
    // is recorded: someone must reconcile it with the provider. Released, a retry charges again —
    // unless, as with recovery points, the provider call carries a key derived from ours.
    expect: {
      ...keyed({ duplicates: 'never', statuses: [500] }),
      none: ALWAYS,
      'naive-cache': { duplicates: 'never', statuses: [500] },
      'recovery-points': { duplicates: 'never', statuses: [500, 201] },
    },
  },
  'retry-storm': { id: 'retry-storm', settings: build(storm(false)), expect: all(NEVER) },
  'retry-storm-jitter': {
    id: 'retry-storm-jitter',
    settings: build(storm(true)),
    expect: all(NEVER),
  },
  'stolen-key': {
    id: 'stolen-key',
    settings: build(stolenKey),
    expect: {
      // 403 for the request that names Ada's customer; Mallory's own payment is her own.
      ...keyed({ duplicates: 'never', statuses: [201, 403, 201] }),
      none: { duplicates: 'never', statuses: [201, 403, 201] },
      // The textbook cache keys by the body's customer and answers before the handler checks
      // the caller: Mallory gets Ada's 201 replayed, for a payment never charged to anyone.
      'naive-cache': { duplicates: 'never', statuses: [201, 201, 201], consistent: false },
    },
  },
};
