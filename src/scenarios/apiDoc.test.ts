import { describe, expect, it } from 'vitest';
import { summarize } from '../model/outcome.ts';
import { STRATEGIES, STRATEGY_IDS, type StrategyId } from '../model/strategies.ts';
import { baseSettings } from './catalogue.ts';
import { idempotencyDoc, type DocServer } from './apiDoc.ts';
import type { PaymentScenarioId } from './ids.ts';
import { runScenario } from './run.ts';
import type { Tweaks } from './tweaks.ts';

/**
 * The API reference the lab writes for a server may say only what that server does: each line is
 * checked by running the scenario that shows it, for every strategy and both settings it depends on.
 */
const run = (scenario: PaymentScenarioId, strategy: StrategyId, tweaks: Tweaks = {}) =>
  summarize(runScenario({ scenario, strategy, seed: 1, tweaks }).trace);

/**
 * What the reference says of each behaviour. A server that ignores keys has a single line ("every
 * request runs"), read here as "runs again" for each of them.
 */
function docFor(strategy: StrategyId, change: Partial<DocServer> = {}) {
  const doc = idempotencyDoc(STRATEGIES[strategy], { ...baseSettings(strategy).server, ...change });
  if (doc.key !== 'ignored') return { ...doc, repeat: 'replayed' };
  return {
    repeat: 'runs-again',
    errors: 'runs-again',
    concurrent: 'runs-again',
    otherBody: 'runs-again',
    keyStoreDown: 'unaffected',
    retentionMs: null,
  };
}

describe.each(STRATEGY_IDS)('the API reference of %s says what the server does', (strategy) => {
  it('a repeat after the first finished: its answer replayed, or the work again', () => {
    const o = run('lost-response', strategy);
    if (docFor(strategy).repeat === 'replayed') {
      expect(o).toMatchObject({ charges: 1, replays: 1 });
    } else expect(o).toMatchObject({ charges: 2, replays: 0 });
  });

  it.each(['store', 'forget'] as const)('an error after the work began (errors=%s)', (errors) => {
    const o = run('declined-late-copy', strategy, { errors });
    if (docFor(strategy, { storeErrors: errors === 'store' }).errors === 'replayed') {
      expect(o).toMatchObject({ charges: 0, lateReplays: 1 });
    } else {
      // Run again: charged now the card can pay — unless the provider call carries a key derived
      // from ours (recovery points), and the provider gives back the decline it remembers.
      expect(o).toMatchObject({
        charges: STRATEGIES[strategy].recoveryPoints ? 0 : 1,
        lateReplays: 0,
      });
    }
  });

  it('a repeat while the first is still running', () => {
    const o = run('concurrent-retries', strategy);
    const said = docFor(strategy).concurrent;
    expect(o.statuses.includes(409)).toBe(said === 'conflict-409');
    expect(o.duplicateCharges > 0).toBe(said === 'runs-again');
  });

  it('the same key with another body', () => {
    const o = run('payload-mismatch', strategy);
    const said = docFor(strategy).otherBody;
    expect(o.statuses.includes(422)).toBe(said === 'rejected-422');
    expect(o.charges).toBe(said === 'runs-again' ? 2 : 1);
    expect(o.replays > 0).toBe(said === 'first-answer');
  });

  it.each(['fail-closed', 'fail-open'] as const)('the key store down (%s)', (failure) => {
    const o = run('key-store-down-fail-closed', strategy, { keyStoreFailure: failure });
    const said = docFor(strategy, { keyStoreFailure: failure }).keyStoreDown;
    expect(o.statuses.includes(503)).toBe(said === 'refused-503');
    // Without its keys the server runs the repeat: a second charge, or (recovery points, whose
    // provider call carries a derived key) a second payment row for one charge.
    if (said === 'runs-unprotected') expect(o.charges + o.duplicateRecords).toBeGreaterThan(1);
    // Recovery points: the provider gives its charge back, and UNIQUE (charge_id) refuses the
    // repeat's second row — one charge, one row, and a 500 for the repeat.
    if (said === 'runs-unprotected-500') {
      expect(o.statuses).toContain(500);
      expect(o).toMatchObject({ charges: 1, duplicateRecords: 0 });
    }
  });

  it('a request without a key is served, and a retry after retention is new', () => {
    expect(run('happy-path', strategy, { keyPolicy: 'none' })).toMatchObject({
      charges: 1,
      statuses: [201],
    });
    const doc = docFor(strategy, { keyTtlMs: 2000 });
    // key-expired keeps keys 2 s and retries after 2.5 s: past retention, a second charge.
    expect(doc.retentionMs === null || doc.retentionMs < 2500).toBe(true);
    expect(run('key-expired', strategy).charges).toBe(2);
  });
});
