import type { HttpResponse } from '../http.ts';
import type { ActorId, RequestMessage } from '../message.ts';

/**
 * The database. Tables: `payments`, with `charge_id` unique (rocket-rides); `idempotency_keys` with a unique constraint on (scope, key);
 * a `response_cache` (the textbook's key-value cache, outside any transaction); and `staged_jobs`
 * (follow-ups such as receipts, written inside a transaction and sent only after commit).
 *
 * Two ways to hold a key, as the strategies need them:
 * - a *claim* (atomic-key): the key row is written in the payment's own transaction. Like a row
 *   lock in Postgres, it is visible at once: a second claim waits until the first transaction
 *   commits (and then sees the row) or rolls back (and then takes the key).
 * - a *lock* (locked-key and after): an in-flight key row committed up front, stamped with who
 *   holds it and since when. A second request sees it at once; a stale lock can be taken over.
 *
 * Keys and cache entries older than the key TTL count as absent: a retry after expiry is new.
 */
export type RecoveryPoint = 'started' | 'charge_created' | 'finished';

export interface PaymentRow {
  id: string;
  /** Ground truth for the invariants; no column a server could read. */
  intentId: string;
  customer: string;
  amount: number;
  currency: string;
  chargeId: string;
  idempotencyKey: string | null;
  createdAtMs: number;
}

export interface KeyRow {
  scope: string;
  key: string;
  /** A digest of method, path and body: the same key with another request is a client bug. */
  fingerprint: string;
  status: 'in-flight' | 'completed';
  recoveryPoint: RecoveryPoint;
  lockedBy: string | null;
  lockedAtMs: number | null;
  /** The response to replay for every later request with this key. */
  response: HttpResponse | null;
  chargeId: string | null;
  /** The payment recorded for this key, once there is one. */
  paymentId: string | null;
  /** Kept so that the background completer can finish the request (rocket-rides keeps params). */
  request: RequestMessage;
  createdAtMs: number;
}

export interface CacheEntry {
  scope: string;
  key: string;
  response: HttpResponse;
  storedAtMs: number;
}

export interface StagedJob {
  kind: 'send-receipt';
  paymentId: string;
}

export interface KeyClaim {
  scope: string;
  key: string;
}

/** What every key operation carries: who asks, for which key, and the retention in force. */
export interface KeyOp {
  from: ActorId;
  tx: string;
  claim: KeyClaim;
  fingerprint: string;
  request: RequestMessage;
  keyTtlMs: number | null;
}

export type StoreOp =
  | ({ type: 'claimKey' } & KeyOp)
  | ({ type: 'lockKey'; lockTimeoutMs: number; checkFingerprint: boolean } & KeyOp)
  | {
      type: 'commit';
      from: ActorId;
      tx: string;
      /** The payment to record, or null for a declined one: only its answer is kept. */
      payment: PaymentRow | null;
      /** The response to store on the key row, or null when the request has more phases to go. */
      response: HttpResponse | null;
      /** The transaction works under an in-flight lock, and must still hold it to commit. */
      fenced: boolean;
    }
  | {
      type: 'finish';
      from: ActorId;
      tx: string;
      response: HttpResponse;
      job: StagedJob;
      fenced: boolean;
    }
  | { type: 'rollback'; tx: string }
  /**
   * Let go of the key: roll back its claim, or delete the in-flight row the request locked —
   * unless, `fenced`, its lock was taken over meanwhile (the new holder's row stays).
   */
  | {
      type: 'forgetKey';
      from: ActorId;
      tx: string;
      fenced: boolean;
      /**
       * Keep the locked row and only unlock it (rocket-rides: `locked_at = NULL`), so that a retry
       * or the completer takes it over at once and resumes from its recovery point.
       */
      keepRow?: boolean;
    }
  | { type: 'cacheGet'; from: ActorId; claim: KeyClaim; keyTtlMs: number | null }
  | { type: 'cacheSet'; from: ActorId; claim: KeyClaim; response: HttpResponse };

export type StoreReply =
  | { type: 'KEY_CLAIMED' }
  | {
      type: 'KEY_LOCKED';
      recoveryPoint: RecoveryPoint;
      chargeId: string | null;
      paymentId: string | null;
    }
  | { type: 'KEY_EXISTS'; row: KeyRow }
  | { type: 'KEY_BUSY' }
  | { type: 'KEY_MISMATCH' }
  | { type: 'KEY_STORE_DOWN' }
  | { type: 'COMMITTED' }
  | { type: 'FINISHED' }
  /** Another request took the stale lock over: this transaction may not commit (fencing). */
  | { type: 'LOCK_LOST' }
  /**
   * The commit would record a charge that a payment row already holds: `payments.charge_id` is
   * unique, so the transaction fails and rolls back, as Postgres's unique_violation (23505) does.
   */
  | {
      type: 'UNIQUE_VIOLATION';
      constraint: typeof CHARGE_ID_UNIQUE;
      chargeId: string;
      /** The payment row that already holds the charge. */
      recordedAs: string;
    }
  | { type: 'CACHE_HIT'; response: HttpResponse }
  | { type: 'CACHE_MISS' }
  | { type: 'CACHED' }
  | { type: 'KEY_FORGOTTEN' };

export interface Waiter {
  from: ActorId;
  tx: string;
  op: KeyOp;
}

export interface StoreContext {
  payments: PaymentRow[];
  keys: KeyRow[];
  /** Open transactions that hold a key claim (atomic-key), by transaction id. */
  claims: Record<string, KeyOp>;
  /** Claims waiting for another transaction's claim on the same key to end. */
  waiters: Waiter[];
  cache: CacheEntry[];
  jobs: StagedJob[];
  /** `payments.charge_id` is UNIQUE (the default); false: the schema without the constraint. */
  uniqueChargeIds: boolean;
}

/** The constraint's name, as Postgres names `UNIQUE (charge_id)` on `payments`. */
export const CHARGE_ID_UNIQUE = 'payments_charge_id_key';

/** What the store is booted with: its schema's one option. Absent: the constraint is there. */
export interface StoreInput {
  uniqueChargeIds?: boolean;
}

export type OpOf<K extends StoreOp['type']> = Extract<StoreOp, { type: K }>;

export type StoreEvent =
  | { type: 'CLAIM_KEY'; op: OpOf<'claimKey'>; nowMs: number }
  | { type: 'LOCK_KEY'; op: OpOf<'lockKey'>; nowMs: number }
  | { type: 'COMMIT'; op: OpOf<'commit'>; nowMs: number }
  | { type: 'FINISH'; op: OpOf<'finish'>; nowMs: number }
  | { type: 'ROLLBACK'; op: OpOf<'rollback'>; nowMs: number }
  | { type: 'FORGET_KEY'; op: OpOf<'forgetKey'>; nowMs: number }
  | { type: 'CACHE_GET'; op: OpOf<'cacheGet'>; nowMs: number }
  | { type: 'CACHE_SET'; op: OpOf<'cacheSet'>; nowMs: number }
  | { type: 'KEYS_DOWN' }
  | { type: 'KEYS_UP' };

/** The locking strategies' decision for a LOCK_KEY, in the order rocket-rides makes it. */
export type LockDecision = 'new' | 'takeover' | 'exists' | 'busy' | 'mismatch';

/** The event that hands an operation to the store machine, at the time it arrives. */
export function storeEventOf(op: StoreOp, nowMs: number): StoreEvent {
  switch (op.type) {
    case 'claimKey':
      return { type: 'CLAIM_KEY', op, nowMs };
    case 'lockKey':
      return { type: 'LOCK_KEY', op, nowMs };
    case 'commit':
      return { type: 'COMMIT', op, nowMs };
    case 'finish':
      return { type: 'FINISH', op, nowMs };
    case 'rollback':
      return { type: 'ROLLBACK', op, nowMs };
    case 'forgetKey':
      return { type: 'FORGET_KEY', op, nowMs };
    case 'cacheGet':
      return { type: 'CACHE_GET', op, nowMs };
    case 'cacheSet':
      return { type: 'CACHE_SET', op, nowMs };
  }
}
