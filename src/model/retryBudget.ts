import type { RetryBudget } from './settings.ts';

/**
 * The lab's retry budget: the AWS SDKs' retry quota (500 tokens; a retry costs 5, a retry after a
 * timeout 10; a success without a retry puts 1 back), with a bucket ten times smaller, since the
 * lab's runs make dozens of requests where a service makes thousands.
 */
export const LAB_RETRY_BUDGET: RetryBudget = {
  capacity: 50,
  retryCost: 5,
  timeoutRetryCost: 10,
  successRefund: 1,
};

/** What the bucket did, and what it holds afterwards. */
export interface BucketChange {
  change: 'spend' | 'refund' | 'refuse';
  amount: number;
  tokens: number;
}

/**
 * One token bucket, shared by every client of a run, as an SDK's quota is shared by every request
 * its process makes. `who` names one intent of one client: a success refunds what that intent's
 * last retry cost.
 */
export class RetryBucket {
  private tokens: number;
  private readonly lastCost = new Map<string, number>();

  constructor(private readonly budget: RetryBudget) {
    this.tokens = budget.capacity;
  }

  /** A retry asks for its tokens: spent if the bucket holds enough, refused otherwise. */
  take(who: string, afterTimeout: boolean): BucketChange {
    const cost = afterTimeout ? this.budget.timeoutRetryCost : this.budget.retryCost;
    if (cost > this.tokens) return { change: 'refuse', amount: cost, tokens: this.tokens };
    this.tokens -= cost;
    this.lastCost.set(who, cost);
    return { change: 'spend', amount: cost, tokens: this.tokens };
  }

  /** A success puts tokens back, never past the capacity; null when the bucket is already full. */
  refund(who: string): BucketChange | null {
    const wanted = this.lastCost.get(who) ?? this.budget.successRefund;
    this.lastCost.delete(who);
    const amount = Math.min(wanted, this.budget.capacity - this.tokens);
    if (amount <= 0) return null;
    this.tokens += amount;
    return { change: 'refund', amount, tokens: this.tokens };
  }
}
