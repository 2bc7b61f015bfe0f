import { describe, expect, it } from 'vitest';
import { summarize } from '../model/outcome.ts';
import { STRATEGY_IDS } from '../model/strategies.ts';
import { PAYMENT_SCENARIO_IDS } from './ids.ts';
import { evaluateCell, seedRange } from './matrix.ts';
import { runScenario } from './run.ts';

describe('the failure catalogue: every scenario × strategy shows what it declares', () => {
  const seeds = seedRange(12);
  for (const scenario of PAYMENT_SCENARIO_IDS) {
    it.each(STRATEGY_IDS)(`${scenario} with %s`, (strategy) => {
      const cell = evaluateCell(scenario, strategy, seeds);
      expect(cell.runs).toBe(seeds.length);
      expect(cell.problems).toEqual([]);
    });
  }
});

describe('retry storms', () => {
  it('jitter spreads the retries: the peak retry load drops for every seed', () => {
    for (const seed of seedRange(20)) {
      const plain = summarize(
        runScenario({ scenario: 'retry-storm', strategy: 'atomic-key', seed }).trace,
      );
      const jittered = summarize(
        runScenario({ scenario: 'retry-storm-jitter', strategy: 'atomic-key', seed }).trace,
      );
      expect(plain.peakRetryLoad).toBe(12);
      expect(jittered.peakRetryLoad).toBeLessThan(plain.peakRetryLoad);
    }
  });
});
