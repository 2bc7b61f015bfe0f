import { describe, expect, it } from 'vitest';
import { summarize } from '../../model/outcome.ts';
import { STRATEGY_IDS } from '../../model/strategies.ts';
import type { PaymentRun } from '../../model/run.ts';
import { PAYMENT_SCENARIO_IDS } from '../../scenarios/ids.ts';
import { runScenario } from '../../scenarios/run.ts';
import { factsOf, lineFactsAt } from './lineFacts.ts';

/** The first moment at which the one-pass facts and the summary of that prefix disagree. */
function firstDisagreement(run: PaymentRun) {
  for (let count = 0; count <= run.trace.length; count++) {
    const fromSummary = factsOf(summarize(run.trace.slice(0, count)));
    const looked = lineFactsAt(run.trace, count);
    if (JSON.stringify(looked) !== JSON.stringify(fromSummary))
      return { count, looked, fromSummary };
  }
  return null;
}

describe('the ledger headline’s facts, read in one pass, are the summary’s at every moment', () => {
  it.each(PAYMENT_SCENARIO_IDS)('%s, under every strategy, on two seeds', (scenario) => {
    for (const strategy of STRATEGY_IDS)
      for (const seed of [1, 7]) {
        const run = runScenario({ scenario, strategy, seed });
        expect(firstDisagreement(run), `${strategy}, seed ${seed}`).toBeNull();
      }
  });

  it('a busy run with many payments, a crash and a lost answer', () => {
    const run = runScenario({
      scenario: 'retry-storm-jitter',
      strategy: 'naive-cache',
      seed: 3,
      tweaks: { payments: 5 },
      faults: [
        { kind: 'drop-next', direction: 'response', atMs: 300 },
        { kind: 'crash', point: 'now', atMs: 900 },
      ],
    });
    expect(run.trace.length).toBeGreaterThan(500);
    expect(firstDisagreement(run)).toBeNull();
  });

  it('the facts say what the ledger must: a duplicate, a charge after "failed", a rule broken', () => {
    const end = (run: PaymentRun) => lineFactsAt(run.trace, run.trace.length);
    const duplicated = end(runScenario({ scenario: 'lost-response', strategy: 'none', seed: 1 }));
    expect(duplicated.duplicateCharges).toBe(1);
    const mismatch = runScenario({ scenario: 'payload-mismatch', strategy: 'atomic-key', seed: 1 });
    expect(end(mismatch).firstBroken).toBe('outcomeConsistency');
    expect(lineFactsAt(mismatch.trace, 0)).toMatchObject({ violations: 0, firstBroken: null });
  });
});
