import type { DropReason, SettleParams, TimerName } from './effects.ts';
import type { ActorId, Message } from './message.ts';
import type { ScriptedFault } from './settings.ts';
import type { CrashPoint } from './crashPoints.ts';
import type { StrategyId } from './strategies.ts';
import type { StoreOp } from './machines/storeSchema.ts';
import type { ViolationFacts } from './violations.ts';
import type { Method } from './http.ts';
import type { Resource } from './resources.ts';

/**
 * The run's append-only trace: everything that happened, in order, with its virtual time `t`.
 * Views are pure functions of (trace, cursor); the invariants are pure functions of the trace;
 * the trace hash is a hash of it. Records hold plain JSON data only.
 */
export type TraceRecord =
  | {
      t: number;
      type: 'start';
      strategy: StrategyId;
      claimsAtMostOnce: boolean;
      intents: string[];
      customerBalance: number;
      /** Written only when `payments.charge_id` is not unique in this run (a setting). */
      chargeIdUnique?: false;
    }
  /** The resource world's first record: its intents and the resources before the run. */
  | {
      t: number;
      type: 'start-resources';
      intents: string[];
      /** The resources before the run, with their first ETags. */
      resources: Readonly<Record<string, Resource>>;
      /** Every read-modify-write sends If-Match: then no update may be lost. */
      writersUseIfMatch: boolean;
    }
  /**
   * The resource server executed request `id`: its status, and the resource it touched (its
   * target, or what POST created) before and after. Equal ETags: nothing changed.
   */
  | {
      t: number;
      type: 'served';
      id: number;
      intentId: string;
      method: Method;
      path: string;
      status: number;
      before: Resource | null;
      after: Resource | null;
    }
  /** A message entered the network. */
  | { t: number; type: 'send'; message: Message }
  | { t: number; type: 'deliver'; id: number; to: ActorId }
  /** A client ignored a response to an attempt it had already given up on. */
  | { t: number; type: 'ignored'; id: number; by: ActorId }
  /** A message lost: as it was sent, or (with `dueAt`, when it would have arrived) on the wire. */
  | { t: number; type: 'drop'; id: number; reason: DropReason; dueAt?: number }
  /** The network delivers message `id` a second time, as `copy`. */
  | { t: number; type: 'duplicate'; id: number; copy: Message }
  | { t: number; type: 'timer'; actor: ActorId; name: TimerName }
  | { t: number; type: 'transition'; actor: ActorId; from: string; to: string; event: string }
  | { t: number; type: 'store'; op: StoreOp }
  | {
      t: number;
      type: 'charge';
      chargeId: string;
      intentId: string;
      amount: number;
      by: ActorId;
      customerBalance: number;
      merchantBalance: number;
      /** Whose card: every run has one customer but one (stolen-key), whose cards add up. */
      customer?: string;
    }
  /**
   * The provider refused a charge: the card could not cover it, or (`replayed`) the same key was
   * declined before and gets that answer again. No money moved.
   */
  | {
      t: number;
      type: 'declined';
      intentId: string;
      amount: number;
      by: ActorId;
      customerBalance: number;
      replayed: boolean;
    }
  /** The customer added money to the card, from outside the system. */
  | { t: number; type: 'top-up'; amount: number; customerBalance: number }
  /** The server's own records: a payment row committed, a receipt email staged. */
  | {
      t: number;
      type: 'recorded';
      what: 'payment' | 'receipt';
      id: string;
      intentId: string;
      /** The provider's charge a payment row records (payments only). */
      chargeId?: string;
    }
  /**
   * The store refused a commit on a unique constraint: payment row `id` would have recorded a
   * charge that row `recordedAs` already holds. The transaction rolled back; nothing changed.
   */
  | {
      t: number;
      type: 'refused';
      constraint: string;
      by: ActorId;
      id: string;
      intentId: string;
      chargeId: string;
      recordedAs: string;
    }
  /**
   * A handler's call to the provider failed after the work began: the provider, down, refused it
   * with 503 (`error`, recorded as it refuses: no money moved), or no answer came before the
   * server's read timeout (`timeout`, recorded as the server stops waiting: the charge may have
   * been made).
   */
  | {
      t: number;
      type: 'provider-failed';
      intentId: string;
      amount: number;
      by: ActorId;
      how: 'error' | 'timeout';
    }
  /** The provider recognised the charge's key and returned the earlier charge: no money moved. */
  | { t: number; type: 'dedup'; chargeId: string; intentId: string; by: ActorId }
  | { t: number; type: 'fault'; fault: ScriptedFault }
  /** An outage (partition, key store) is over. */
  | { t: number; type: 'fault-end'; fault: ScriptedFault }
  /** The background completer finished a request nobody was waiting for any more. */
  | { t: number; type: 'background'; handler: ActorId; intentId: string; status: number }
  | { t: number; type: 'crash'; point: CrashPoint | 'now'; lost: ActorId[] }
  | { t: number; type: 'restart' }
  | ({ t: number; type: 'settle'; client: ActorId } & SettleParams)
  /**
   * The shared retry budget (a token bucket): a retry spent tokens, a success put some back, or a
   * retry was refused for want of tokens and its client gave up. `tokens`: what is left after.
   */
  | {
      t: number;
      type: 'retry-budget';
      client: ActorId;
      intentId: string;
      change: 'spend' | 'refund' | 'refuse';
      amount: number;
      tokens: number;
    }
  | { t: number; type: 'invariant'; name: InvariantName; ok: boolean; facts: ViolationFacts };

export type PaymentInvariant = 'atMostOnce' | 'outcomeConsistency' | 'conservation' | 'books';
export type ResourceInvariant = 'noLostUpdate' | 'idempotentEffect';
export type InvariantName = PaymentInvariant | ResourceInvariant;
export const PAYMENT_INVARIANTS: readonly PaymentInvariant[] = [
  'atMostOnce',
  'outcomeConsistency',
  'conservation',
  'books',
];
export const RESOURCE_INVARIANTS: readonly ResourceInvariant[] = [
  'noLostUpdate',
  'idempotentEffect',
];
/** The two worlds a run can happen in: payments with idempotency keys, or HTTP resources. */
export type WorldKind = 'payments' | 'resources';

export type RecordOf<K extends TraceRecord['type']> = Extract<TraceRecord, { type: K }>;
