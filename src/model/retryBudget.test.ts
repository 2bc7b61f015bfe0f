import { describe, expect, it } from 'vitest';
import { LAB_RETRY_BUDGET, RetryBucket } from './retryBudget.ts';

describe('the retry budget (a token bucket, as the AWS SDKs keep their retry quota)', () => {
  it('spends 5 tokens for a retry and 10 for a retry after a timeout, while it has them', () => {
    const bucket = new RetryBucket(LAB_RETRY_BUDGET);
    expect(bucket.take('c1/p1', true)).toEqual({ change: 'spend', amount: 10, tokens: 40 });
    expect(bucket.take('c2/p1', false)).toEqual({ change: 'spend', amount: 5, tokens: 35 });
  });

  it('refuses a retry it cannot pay for in full, and keeps what it has', () => {
    const bucket = new RetryBucket({ ...LAB_RETRY_BUDGET, capacity: 14 });
    expect(bucket.take('c1/p1', true).tokens).toBe(4);
    expect(bucket.take('c2/p1', false)).toEqual({ change: 'refuse', amount: 5, tokens: 4 });
    expect(bucket.take('c3/p1', true)).toEqual({ change: 'refuse', amount: 10, tokens: 4 });
  });

  it('gives back what a successful retry cost, or 1 for a success without a retry', () => {
    const bucket = new RetryBucket(LAB_RETRY_BUDGET);
    bucket.take('c1/p1', true);
    bucket.take('c2/p1', false);
    expect(bucket.refund('c1/p1')).toEqual({ change: 'refund', amount: 10, tokens: 45 });
    expect(bucket.refund('c3/p1')).toEqual({ change: 'refund', amount: 1, tokens: 46 });
    // The cost is given back once: a second success of the same intent earns the plain refund.
    expect(bucket.refund('c1/p1')).toEqual({ change: 'refund', amount: 1, tokens: 47 });
  });

  it('never holds more than its capacity: a full bucket refunds nothing', () => {
    const bucket = new RetryBucket(LAB_RETRY_BUDGET);
    expect(bucket.refund('c1/p1')).toBeNull();
    bucket.take('c1/p1', false);
    expect(bucket.refund('c2/p1')).toEqual({ change: 'refund', amount: 1, tokens: 46 });
    expect(bucket.refund('c1/p1')).toEqual({ change: 'refund', amount: 4, tokens: 50 });
  });
});
