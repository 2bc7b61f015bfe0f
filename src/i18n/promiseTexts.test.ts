import { describe, expect, it } from 'vitest';
import { STRATEGIES, STRATEGY_IDS } from '../model/strategies.ts';
import { promiseText } from './promiseTexts.ts';

describe('what a strategy promises, said from its declaration', () => {
  it('names exactly the faults the explorer proves it under, in both languages', () => {
    expect(promiseText(STRATEGIES['atomic-key'], 'en')).toBe(
      'It promises at most one charge per payment under lost messages, messages delivered twice, a crash before or after the commit (not between the provider’s charge and the commit), a server frozen for any length of time and a provider that fails after the work began (its 500 stored as the key’s answer).',
    );
    expect(promiseText(STRATEGIES['recovery-points'], 'en')).toContain('a crash at any point');
    // A lease-based lock says what it does not promise, and why.
    const locked = promiseText(STRATEGIES['locked-key'], 'en');
    expect(locked).not.toContain('frozen for any length');
    expect(locked).toContain('Not under a server frozen for longer than the lock’s timeout');
    expect(promiseText(STRATEGIES['locked-key'], 'ru')).toContain('аренда');
    expect(promiseText(STRATEGIES.none, 'ru')).toContain('ничего не обещает');
  });

  it('says what a provider outage does with each 5xx policy', () => {
    // Released, a retry after a call that timed out charges again: no promise without a key the
    // provider checks, and the sentence says so.
    const released = promiseText(STRATEGIES['atomic-key'], 'en', 'release');
    expect(released).not.toContain('provider that fails');
    expect(released).toContain('Not when the provider fails after the work began');
    expect(promiseText(STRATEGIES['atomic-key'], 'ru', 'release')).toContain('освобождается');
    // Recovery points release by default, and the provider's own key is what holds.
    expect(promiseText(STRATEGIES['recovery-points'], 'en')).toContain(
      'the key released: the provider’s own key stops a second charge',
    );
    expect(promiseText(STRATEGIES['recovery-points'], 'en', 'store')).toContain(
      'its 500 stored as the key’s answer',
    );
  });

  it('gives every strategy its own sentence, and no English in the Russian', () => {
    for (const id of STRATEGY_IDS)
      for (const policy of ['store', 'release'] as const) {
        const en = promiseText(STRATEGIES[id], 'en', policy);
        const ru = promiseText(STRATEGIES[id], 'ru', policy);
        expect(en.length).toBeGreaterThan(20);
        expect(ru).not.toMatch(/[a-z]{4,}/);
        expect(ru).not.toBe(en);
      }
  });
});
