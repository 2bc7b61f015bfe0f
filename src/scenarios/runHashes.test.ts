import { describe, expect, it } from 'vitest';
import { traceHash } from '../model/run.ts';
import { isStrategyId } from '../model/strategies.ts';
import { isScenarioId } from './ids.ts';
import pinned from './runHashes.json' with { type: 'json' };
import { runScenario } from './run.ts';

/**
 * Every scenario under every strategy, on three seeds, pinned to the trace hash it had when the
 * model's seams were typed (issue 12): a refactoring that changes any run, by one record, fails
 * here with the run's name. A deliberate change of behaviour regenerates the file and says why.
 */
describe('pinned trace hashes', () => {
  it.each(Object.entries(pinned))('%s', (name, hash) => {
    const [scenario = '', strategy = '', seed = ''] = name.split('/');
    if (!isScenarioId(scenario) || !isStrategyId(strategy)) throw new Error(`bad name ${name}`);
    const run = runScenario({ scenario, strategy, seed: Number(seed) });
    expect(traceHash(run.trace)).toBe(hash);
  });
});
