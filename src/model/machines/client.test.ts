import { describe, expect, it } from 'vitest';
import { backoffDelayMs, currentIntent } from './retryLoop.ts';
import { makeIdempotencyKey } from '../keys.ts';

describe('client retry policy', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

  it('fixed waits the same each time', () => {
    expect([1, 2, 3].map((n) => backoffDelayMs({ ...policy, kind: 'fixed' }, n))).toEqual([
      100, 100, 100,
    ]);
  });

  it('exponential doubles up to the cap', () => {
    expect(
      [1, 2, 3, 4, 5].map((n) => backoffDelayMs({ ...policy, kind: 'exponential' }, n)),
    ).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe('the intent being worked on', () => {
  it('is read by index, and reading past the last one is a bug said plainly', () => {
    const ctx = { intents: ['first', 'second'], intentIndex: 1 };
    expect(currentIntent(ctx)).toBe('second');
    expect(() => currentIntent({ ...ctx, intentIndex: 2 })).toThrow('client: no intent 3 of 2');
  });
});

describe('idempotency keys', () => {
  it('look like UUIDs and are stable for the same intent', () => {
    const key = makeIdempotencyKey('client-1', 0);
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(makeIdempotencyKey('client-1', 0)).toBe(key);
    expect(makeIdempotencyKey('client-1', 1)).not.toBe(key);
  });
});
