/**
 * Everything that shapes a run besides the choice source: the world's actors, their options and
 * the scripted faults. Scenario + settings + tape = one exact trace. Units are in field names.
 */
import type { Method } from './http.ts';
import type { Fields, Patch } from './resources.ts';
import type { Errors5xxPolicy, StrategyId } from './strategies.ts';
import type { CrashPoint, ResourceCrashPoint } from './crashPoints.ts';

/**
 * How a client picks Idempotency-Key values. `per-intent` is right; the others are real bugs:
 * `per-attempt` makes every retry look new, `reused` sends one key for every payment.
 */
export type KeyPolicy = 'none' | 'per-intent' | 'per-attempt' | 'reused';
export const KEY_POLICIES: readonly KeyPolicy[] = ['none', 'per-intent', 'per-attempt', 'reused'];

/**
 * How a client waits between attempts. With `exp = min(cap, base · 2^(n-1))` after n attempts
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"): `exponential` sleeps exp;
 * `exponential-jitter` (AWS's full jitter) a random time in [0, exp]; `equal-jitter` half of exp
 * and a random part of the other half; `decorrelated-jitter` min(cap, random in [base, 3 · the
 * previous sleep]). Every random sleep is one of the kernel's choices, so it replays from the tape.
 */
export type RetryKind =
  'none' | 'fixed' | 'exponential' | 'exponential-jitter' | 'equal-jitter' | 'decorrelated-jitter';
export const RETRY_KINDS: readonly RetryKind[] = [
  'none',
  'fixed',
  'exponential',
  'exponential-jitter',
  'equal-jitter',
  'decorrelated-jitter',
];

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
  /**
   * A double submit: this client sends the intents of client number `resubmits` (0-based) again —
   * the same payments with the same keys, as a second click on one form would.
   */
  resubmits?: number;
  /**
   * The account this client's API key belongs to: the caller the server authenticates, and the
   * only customer it may charge. By default the customer its first payment names.
   */
  account?: string;
  /**
   * Sends, on every request, the first Idempotency-Key of client number `sendsKeyOf` (0-based):
   * a key copied from a log, or guessed. Another caller's key, in another scope.
   */
  sendsKeyOf?: number;
}

export interface NetworkSettings {
  /** Chance that any one message is lost, 0..1. */
  lossProbability: number;
  /** Chance that a delivered message is delivered twice, 0..1. */
  duplicationProbability: number;
  /** One-way delay, drawn per message from [min, max] in steps of `delayStepMs`. */
  delayMinMs: number;
  delayMaxMs: number;
  /** Granularity of delays; (max − min) makes a delay a two-way choice (the explorer's reordering). */
  delayStepMs: number;
  /** At most this many random losses and duplications in one run (fault budgets), or null. */
  maxLosses: number | null;
  maxDuplicates: number | null;
  /**
   * How much later than its own delay a duplicated copy arrives: a copy held up on the way (an
   * intermediary's own retry, a queue's redelivery) comes late. 0 for a copy that is not held back.
   */
  copyLagMs: number;
}

/** What a keyed strategy does when the idempotency-key store cannot be reached. */
export type KeyStoreFailure = 'fail-open' | 'fail-closed';

export interface ServerSettings {
  strategy: StrategyId;
  /** Time between a request's arrival and the start of its handling. */
  processingMs: number;
  /** Round trip of one store operation. */
  storeLatencyMs: number;
  /** How long a crashed server stays down before it restarts with empty memory. */
  restartMs: number;
  /** Keyed strategies answer 400 to a request without an Idempotency-Key. */
  keyRequired: boolean;
  /** How long a stored key is honoured; a retry after that is a brand-new request. Null: forever. */
  keyTtlMs: number | null;
  keyStoreFailure: KeyStoreFailure;
  /**
   * Keyed strategies store an error that arose after the work began (a declined card) against the
   * key and replay it, as Stripe and rocket-rides do; false keeps only successes, so a retry with
   * the key runs the work again.
   */
  storeErrors: boolean;
  /** An in-flight lock older than this may be taken over (rocket-rides: 90 s). */
  lockTimeoutMs: number;
  /** How often the background completer looks for abandoned requests (recovery points only). */
  completerIntervalMs: number;
  /** Chance of a crash at each crash point a request passes (for exploration), 0..1. */
  crashProbability: number;
  /** The crash points where chance may strike; scripted crashes can use any point. */
  crashPoints: CrashPoint[];
  /** At most this many random crashes in one run, or null. */
  maxCrashes: number | null;
  /**
   * `payments.charge_id` is UNIQUE (as in rocket-rides): a second row for a charge already
   * recorded fails its commit. Absent: true; false shows the books without the constraint.
   */
  chargeIdUnique?: boolean;
  /**
   * What a keyed strategy does with a 5xx that arose after the work began (the provider failed or
   * timed out): store it against the key and replay it (Stripe v1), or release the key so that a
   * retry resumes the work (rocket-rides). Absent: rocket-rides with recovery points, Stripe
   * otherwise (`errors5xxOf`). Declines (402) follow `storeErrors` instead.
   */
  errors5xx?: Errors5xxPolicy;
  /**
   * The server's read timeout on a call to the provider. Only a call the provider leaves hanging
   * (the `provider-timeout` fault) meets it: the lab's provider otherwise answers at its latency.
   */
  providerTimeoutMs?: number;
  /**
   * Overload protection: at most this many client requests in progress at once; one more is
   * answered 429 Too Many Requests with Retry-After at once (RFC 6585 §4). Absent or null: no limit.
   */
  maxInProgress?: number | null;
}

/**
 * The server's read timeout on a provider call that hangs, unless the settings name one: shorter
 * than the clients' own timeouts (1 s in the catalogue), as a server's deadline for what it calls
 * should be, so that the client hears the server's 500 rather than its own timeout.
 */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 500;

/**
 * For exploration: at a call to the provider, chance may make it fail — down (503, no money
 * moves) or hanging (the money moves, the answer never comes) — within a budget.
 */
export interface ChanceOutages {
  probability: number;
  max: number;
}

export interface ProviderSettings {
  /** Round trip of one call to the payment provider. */
  latencyMs: number;
  /** The customer's balance before the run, in minor units (cents). */
  customerBalance: number;
  /** Does the provider honour an idempotency key on the charge call (Stripe does)? */
  honoursKeys: boolean;
  /** How long it remembers such a key (Stripe: 24 hours). */
  keyRetentionMs: number;
  /** Money the customer adds to the card during the run, each at its moment. */
  topUps: TopUp[];
  /** Chance outages (for exploration); none when absent. */
  chanceOutages?: ChanceOutages;
}

export interface TopUp {
  atMs: number;
  /** In minor units (cents). */
  amount: number;
}

/**
 * Faults a person (or a scenario) scripts, each taking effect at `atMs`: a drop or duplication
 * arms the network for the next message in that direction; a crash arms the server to crash the
 * next time a request reaches `point`, or at once for `now`; outages and pauses last `durationMs`.
 */
export type ScriptedFault =
  | { kind: 'drop-next'; direction: 'request' | 'response'; atMs: number }
  | { kind: 'duplicate-next'; direction: 'request' | 'response'; atMs: number }
  | { kind: 'crash'; point: CrashPoint | 'now'; atMs: number }
  | { kind: 'partition'; atMs: number; durationMs: number }
  | { kind: 'key-store-down'; atMs: number; durationMs: number }
  | { kind: 'server-pause'; atMs: number; durationMs: number }
  /** The provider answers every charge with 503 and moves no money. */
  | { kind: 'provider-down'; atMs: number; durationMs: number }
  /**
   * Calls to the provider hang: it takes the charge (the money moves) but its answer never comes,
   * and the server stops waiting at its read timeout (`providerTimeoutMs`).
   */
  | { kind: 'provider-timeout'; atMs: number; durationMs: number };

export interface WorldSettings {
  clients: ClientSettings[];
  network: NetworkSettings;
  server: ServerSettings;
  provider: ProviderSettings;
  faults: ScriptedFault[];
  /** One retry budget (a token bucket) shared by every client's retries; absent: none. */
  retryBudget?: RetryBudget;
}

/**
 * A retry budget as the AWS SDKs keep one (their retry quota): a bucket of tokens that every
 * retry draws on. A retry costs `retryCost`, one after a timeout `timeoutRetryCost`; with too few
 * tokens left the client gives up at once instead of retrying. A success puts back what its last
 * retry cost, or `successRefund` if it needed none; the bucket never holds more than `capacity`.
 */
export interface RetryBudget {
  capacity: number;
  retryCost: number;
  timeoutRetryCost: number;
  successRefund: number;
}

// --- the resource world (HTTP methods and conditional requests) --------------------------------

/**
 * One thing a resource client sets out to do. A `request` is one HTTP request, retried as it is;
 * an `update` is a read-modify-write: GET the resource, think for `thinkMs` (a person editing a
 * form), then PUT the whole new state computed from what was read — with `If-Match` when
 * `conditional`, in which case a 412 makes the client read again and merge its change.
 */
export type ResourceIntent =
  | {
      kind: 'request';
      method: Method;
      path: string;
      body?: Fields;
      patch?: Patch;
      ifMatch?: string;
      ifNoneMatch?: string;
    }
  | { kind: 'update'; path: string; change: Patch; conditional: boolean; thinkMs: number };

export interface ResourceClientSettings {
  intents: ResourceIntent[];
  startAtMs: number;
  timeoutMs: number;
  retry: RetryPolicy;
}

/** The payment world's faults minus what the resource world lacks (a key store, a provider). */
export type ResourceFault =
  | Extract<ScriptedFault, { kind: 'drop-next' | 'duplicate-next' | 'partition' | 'server-pause' }>
  | { kind: 'crash'; point: ResourceCrashPoint | 'now'; atMs: number };

export interface ResourceServerSettings {
  /** Time between a request's arrival and its execution. */
  processingMs: number;
  restartMs: number;
  /** Demand If-Match on every change to an existing resource: 428 without it (RFC 6585). */
  requireIfMatch: boolean;
  crashProbability: number;
  /** Where chance may strike: before the change is applied, or after it, before the answer. */
  crashPoints: ResourceCrashPoint[];
  maxCrashes: number | null;
}

export interface ResourceWorldSettings {
  clients: ResourceClientSettings[];
  network: NetworkSettings;
  server: ResourceServerSettings;
  /** The resources before the run, by path. */
  initial: Readonly<Record<string, Fields>>;
  faults: ResourceFault[];
}
