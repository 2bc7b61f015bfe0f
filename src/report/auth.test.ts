import { beforeAll, describe, expect, it } from 'vitest';
import { loadLang } from '../i18n/i18n.ts';
import { runScenario } from '../scenarios/run.ts';
import { captionMoments, captionText } from './captions.ts';
import { describeTrace } from './log.ts';
import { storeHistory } from './storeTables.ts';

/** What the log, the captions and the store's tables say about callers and the books. */
beforeAll(() => loadLang('ru'));

const keyStoreDown = (chargeId?: 'plain') =>
  runScenario({
    scenario: 'key-store-down',
    strategy: 'recovery-points',
    seed: 1,
    ...(chargeId ? { tweaks: { chargeId } } : {}),
  }).trace;

describe('a second row for one charge', () => {
  it('is refused in the log with the constraint’s name, in both languages', () => {
    for (const lang of ['en', 'ru'] as const) {
      const refused = describeTrace(keyStoreDown(), lang).filter(
        (l) => l.actor === 'store' && l.tone === 'fault',
      );
      expect(refused[0]?.detail).toContain('"payments_charge_id_key"');
      expect(refused[0]?.detail).toMatch(/pay_2 .*c1-p1.*ch_1.*pay_1/);
    }
  });

  it('is told by a caption that says what the client hears', () => {
    const texts = captionMoments(keyStoreDown()).map((m) => captionText(m, 'en'));
    expect(texts).toContain(
      'The database refuses a second payment row for charge ch_1 — pay_1 already holds it (UNIQUE charge_id). The transaction rolls back; the server cannot say what happened and answers 500.',
    );
  });

  it('the tables rebuilt from the trace keep one row, or two without the constraint', () => {
    const last = (trace: ReturnType<typeof keyStoreDown>) => storeHistory(trace).at(-1)!.tables;
    expect(last(keyStoreDown()).payments.map((p) => [p.id, p.chargeId])).toEqual([
      ['pay_1', 'ch_1'],
    ]);
    expect(last(keyStoreDown('plain')).payments.map((p) => [p.id, p.chargeId])).toEqual([
      ['pay_1', 'ch_1'],
      ['pay_2', 'ch_1'],
    ]);
  });
});

describe('stolen-key, as told', () => {
  const texts = (strategy: 'atomic-key' | 'naive-cache', lang: 'en' | 'ru' = 'en') =>
    captionMoments(runScenario({ scenario: 'stolen-key', strategy, seed: 1 }).trace).map((m) =>
      captionText(m, lang),
    );

  it('a keyed strategy: 403 for the request that names Ada’s customer', () => {
    expect(texts('atomic-key').some((t) => t.startsWith('403 Forbidden'))).toBe(true);
    expect(texts('atomic-key').some((t) => /replays the answer stored for client/.test(t))).toBe(
      false,
    );
  });

  it('the textbook cache: Ada’s answer handed to client 2, said as such', () => {
    expect(texts('naive-cache')).toContain(
      'The server replays the answer stored for client 1’s payment pay_1 to client 2: one caller is handed another’s payment, and told it paid.',
    );
    expect(
      texts('naive-cache', 'ru').some((t) => /отдаёт клиенту 2 ответ.*pay_1 клиента 1/.test(t)),
    ).toBe(true);
  });

  it('a double submit’s replay is its owner’s own answer, not another caller’s', () => {
    const moments = captionMoments(
      runScenario({ scenario: 'double-click', strategy: 'atomic-key', seed: 1 }).trace,
    );
    expect(moments.some((m) => m.kind === 'replayed')).toBe(true);
    expect(moments.some((m) => m.kind === 'replayedToAnother')).toBe(false);
  });
});

describe('the first caption', () => {
  it('counts the clients about to pay, not their payments', () => {
    const first = (scenario: 'stolen-key' | 'flaky-network' | 'retry-storm') =>
      captionText(
        captionMoments(runScenario({ scenario, strategy: 'atomic-key', seed: 1 }).trace)[0]!,
        'en',
      );
    expect(first('stolen-key')).toMatch(/^2 clients are about to pay/);
    expect(first('flaky-network')).toMatch(/^1 client is about to pay/);
    expect(first('retry-storm')).toMatch(/^12 clients are about to pay/);
  });
});
