import { describe, expect, it } from 'vitest';
import { summarize } from '../model/outcome.ts';
import { runScenario } from './run.ts';

/**
 * The retries lesson's claims about jitter, in the words it uses, over many seeds: a claim about
 * randomness that held for one seed only would be a lie on the next.
 */
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

const peaksOf = (scenario: 'retry-storm' | 'retry-storm-jitter') =>
  SEEDS.map((seed) => summarize(runScenario({ scenario, strategy: 'atomic-key', seed }).trace));

describe('jitter, over 40 seeds', () => {
  const storm = peaksOf('retry-storm');
  const jitter = peaksOf('retry-storm-jitter');

  it('without jitter, every wave hits the server with all twelve retries at once', () => {
    for (const run of storm) expect(run.peakRetryLoad).toBe(12);
  });

  it('with it, the busiest 100 ms never sees all twelve retries, and about half of them on average', () => {
    for (const run of jitter) expect(run.peakRetryLoad).toBeLessThan(12);
    const mean = jitter.reduce((sum, run) => sum + run.peakRetryLoad, 0) / jitter.length;
    expect(mean).toBeGreaterThanOrEqual(12 * 0.4);
    expect(mean).toBeLessThanOrEqual(12 * 0.6);
  });

  it('the first attempts still arrive together: the peak of all requests stays at twelve', () => {
    for (const run of [...storm, ...jitter]) expect(run.peakLoad).toBe(12);
  });

  it('each customer is charged once, with or without jitter', () => {
    for (const run of [...storm, ...jitter])
      expect(run).toMatchObject({ charges: 12, duplicateCharges: 0 });
  });
});
