import { describe, expect, it } from 'vitest';
import { backoffDelayMs, backoffTimer, currentIntent } from './retryLoop.ts';
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

describe('backoff with jitter, as AWS writes it (min(cap, base · 2^n) = exp)', () => {
  const retry = { maxAttempts: 6, baseDelayMs: 400, maxDelayMs: 4000 };

  it('full jitter draws from 0 to exp; equal jitter from half of exp to exp', () => {
    expect(backoffTimer({ ...retry, kind: 'exponential-jitter' }, 3, undefined, 0)).toEqual({
      name: 'backoff',
      delayMs: 1600,
      jitter: { fromMs: 0 },
    });
    expect(backoffTimer({ ...retry, kind: 'equal-jitter' }, 3, undefined, 0)).toEqual({
      name: 'backoff',
      delayMs: 1600,
      jitter: { fromMs: 800 },
    });
  });

  it('decorrelated jitter draws from base to three times the last sleep, capped afterwards', () => {
    const decorrelated = { ...retry, kind: 'decorrelated-jitter' as const };
    // The first retry has no earlier sleep: it builds on the base.
    expect(backoffTimer(decorrelated, 1, 999, 0)).toEqual({
      name: 'backoff',
      delayMs: 1200,
      jitter: { fromMs: 400, capMs: 4000 },
    });
    expect(backoffTimer(decorrelated, 2, 3000, 0)).toMatchObject({ delayMs: 9000 });
  });

  it('a Retry-After is a floor under any of them; plain backoff has no jitter at all', () => {
    expect(backoffTimer({ ...retry, kind: 'exponential' }, 1, undefined, 1000)).toEqual({
      name: 'backoff',
      delayMs: 400,
      atLeastMs: 1000,
    });
    expect(backoffTimer({ ...retry, kind: 'fixed' }, 4, undefined, 0)).toEqual({
      name: 'backoff',
      delayMs: 400,
    });
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
