import { describe, expect, it } from 'vitest';
import { STRATEGIES, STRATEGY_IDS } from '../model/strategies.ts';
import { promiseText } from './promiseTexts.ts';

describe('what a strategy promises, said from its declaration', () => {
  it('names exactly the faults the explorer proves it under, in both languages', () => {
    expect(promiseText(STRATEGIES['atomic-key'], 'en')).toBe(
      'It promises at most one charge per payment under lost messages, messages delivered twice, a crash before or after the commit (not between the provider’s charge and the commit) and a server frozen for any length of time.',
    );
    expect(promiseText(STRATEGIES['recovery-points'], 'en')).toContain('a crash at any point');
    // A lease-based lock says what it does not promise, and why.
    const locked = promiseText(STRATEGIES['locked-key'], 'en');
    expect(locked).not.toContain('frozen for any length');
    expect(locked).toContain('Not under a server frozen for longer than the lock’s timeout');
    expect(promiseText(STRATEGIES['locked-key'], 'ru')).toContain('аренда');
    expect(promiseText(STRATEGIES.none, 'ru')).toContain('ничего не обещает');
  });

  it('gives every strategy its own sentence, and no English in the Russian', () => {
    for (const id of STRATEGY_IDS) {
      const [en, ru] = [promiseText(STRATEGIES[id], 'en'), promiseText(STRATEGIES[id], 'ru')];
      expect(en.length).toBeGreaterThan(20);
      expect(ru).not.toMatch(/[a-z]{4,}/);
      expect(ru).not.toBe(en);
    }
  });
});
