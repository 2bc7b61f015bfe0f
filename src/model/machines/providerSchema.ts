import type { ActorId } from '../message.ts';

/**
 * The external payment provider. A charge moves money from the customer to the merchant and
 * cannot be undone by the server's rollback: that is what makes duplicates expensive.
 */
export interface ChargeRequest {
  from: ActorId;
  customer: string;
  amount: number;
  currency: string;
  /** Ground truth for the invariants: which intent this charge serves. */
  intentId: string;
  /** The caller's idempotency key for this charge (recovery points derive one from theirs). */
  idempotencyKey: string | null;
}

export interface ChargeRecord extends ChargeRequest {
  id: string;
  atMs: number;
}

/**
 * A decline moves no money: the card cannot cover the amount (Stripe: `card_declined`). A provider
 * that is down answers 503 and moves no money either. `PROVIDER_TIMEOUT` is no answer at all: the
 * server's read timeout, reached on a call the provider left hanging (whether it charged or not).
 */
export type ProviderReply =
  | { type: 'CHARGED'; chargeId: string }
  | { type: 'DECLINED'; reason: 'insufficient_funds' }
  | { type: 'PROVIDER_ERROR'; status: 503 }
  | { type: 'PROVIDER_TIMEOUT' };

export interface ProviderContext {
  honoursKeys: boolean;
  charges: ChargeRecord[];
  /**
   * What each idempotency key got, and when: its charge, or null for a decline. Stripe saves the
   * result of every request that began, errors included, and gives it back for the same key.
   */
  byKey: Record<string, { chargeId: string | null; atMs: number }>;
  /** How long the provider remembers a key (Stripe: 24 hours). */
  keyRetentionMs: number;
  customerBalance: number;
  merchantBalance: number;
}

export type ProviderEvent =
  | { type: 'CHARGE'; charge: ChargeRequest; nowMs: number }
  /** The customer adds money to the card, from outside the system. */
  | { type: 'TOP_UP'; amount: number }
  /** An outage: every charge gets 503, or (`hang`) is taken but never answered. */
  | { type: 'OUTAGE'; hang: boolean }
  | { type: 'OUTAGE_OVER' };
