/**
 * Everything that shapes a run besides the choice source: the world's actors, their options and
 * the scripted faults. Scenario + settings + tape = one exact trace. Units are in field names.
 */
import type { StrategyId } from './strategies.ts';

export type KeyPolicy = 'none' | 'per-intent' | 'per-attempt';
export type RetryKind = 'none' | 'fixed' | 'exponential' | 'exponential-jitter';

export interface RetryPolicy {
  kind: RetryKind;
  /** Total attempts including the first; 1 means never retry. */
  maxAttempts: number;
  /** Fixed delay, or the first step of exponential backoff. */
  baseDelayMs: number;
  /** Upper bound of exponential backoff (AWS's `cap`). */
  maxDelayMs: number;
}

export interface IntentSpec {
  amount: number;
  currency: string;
  customer: string;
}

export interface ClientSettings {
  /** Intents are worked one at a time, in order; the next starts when one settles. */
  intents: IntentSpec[];
  startAtMs: number;
  timeoutMs: number;
  retry: RetryPolicy;
  keyPolicy: KeyPolicy;
}

export interface NetworkSettings {
  /** Chance that any one message is lost, 0..1. */
  lossProbability: number;
  /** Chance that a delivered message is delivered twice, 0..1. */
  duplicationProbability: number;
  /** One-way delay, drawn uniformly per message from [min, max]. */
  delayMsMin: number;
  delayMsMax: number;
}

export type CrashPoint = 'before-commit' | 'after-provider-charge' | 'after-commit';
export const CRASH_POINTS: readonly CrashPoint[] = [
  'before-commit',
  'after-provider-charge',
  'after-commit',
];

export interface ServerSettings {
  strategy: StrategyId;
  /** Time between a request's arrival and the start of its handling. */
  processingMs: number;
  /** Round trip of one store operation. */
  storeLatencyMs: number;
  /** How long a crashed server stays down before it restarts with empty memory. */
  restartMs: number;
}

export interface ProviderSettings {
  /** Round trip of one call to the payment provider. */
  latencyMs: number;
  /** The customer's balance before the run, in minor units (cents). */
  customerBalance: number;
}

/**
 * Faults a person (or a scenario) scripts. Each takes effect at `atMs`: a drop arms the network to
 * lose the next message in that direction; a crash arms the server to crash the next time a
 * request reaches `point`, or at once for `now`.
 */
export type ScriptedFault =
  | { kind: 'drop-next'; direction: 'request' | 'response'; atMs: number }
  | { kind: 'crash'; point: CrashPoint | 'now'; atMs: number };

export interface WorldSettings {
  clients: ClientSettings[];
  network: NetworkSettings;
  server: ServerSettings;
  provider: ProviderSettings;
  faults: ScriptedFault[];
}
