import type { WorldKind } from '../model/trace.ts';

/**
 * Every scenario's id, in the order the lab lists them. Payment scenarios run the payment world
 * under a chosen idempotency strategy; resource scenarios run the resource world (HTTP methods,
 * ETags and preconditions), where there is no strategy to choose.
 */
export const PAYMENT_SCENARIO_IDS = [
  'happy-path',
  'lost-response',
  'crash-after-commit',
  'crash-before-commit',
  'slow-server-timeout',
  'flaky-network',
  'double-click',
  'concurrent-retries',
  'duplicate-delivery',
  'new-key-per-retry',
  'key-expired',
  'key-store-down',
  'key-store-down-fail-closed',
  'payload-mismatch',
  'crash-after-provider-charge',
  'declined-late-copy',
  'provider-outage',
  'provider-timeout',
  'retry-storm',
  'retry-storm-jitter',
  'stolen-key',
] as const;

export const RESOURCE_SCENARIO_IDS = [
  'method-retries',
  'delete-twice',
  'lost-update',
  'lost-update-prevented',
  'conditional-retry',
  'create-only-put',
  'precondition-required',
] as const;

export type PaymentScenarioId = (typeof PAYMENT_SCENARIO_IDS)[number];
export type ResourceScenarioId = (typeof RESOURCE_SCENARIO_IDS)[number];
export type ScenarioId = PaymentScenarioId | ResourceScenarioId;

export const SCENARIO_IDS: readonly ScenarioId[] = [
  ...PAYMENT_SCENARIO_IDS,
  ...RESOURCE_SCENARIO_IDS,
];

export const isScenarioId = (value: string): value is ScenarioId =>
  (SCENARIO_IDS as readonly string[]).includes(value);

export const isResourceScenario = (id: ScenarioId): id is ResourceScenarioId =>
  (RESOURCE_SCENARIO_IDS as readonly string[]).includes(id);

export const worldOf = (id: ScenarioId): WorldKind =>
  isResourceScenario(id) ? 'resources' : 'payments';
