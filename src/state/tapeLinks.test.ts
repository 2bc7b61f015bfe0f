import { describe, expect, it } from 'vitest';
import { traceHash } from '../model/run.ts';
import { runScenario } from '../scenarios/run.ts';
import { specOf } from '../scenarios/spec.ts';
import { createLabStore, defaultStoreInput } from './store.ts';
import { urlOf } from './sync.ts';
import { parseSearch } from './url.ts';

/** What `npm run sim -- --scenario flaky-network --strategy atomic-key --seed 9` prints. */
const cliRun = runScenario({ scenario: 'flaky-network', strategy: 'atomic-key', seed: 9 });
const tapeLink = `?scenario=flaky-network&strategy=atomic-key&tape=${cliRun.tape}`;

const storeFor = (link: string) => {
  const { spec, problems } = parseSearch(link);
  return createLabStore({ ...defaultStoreInput, spec, badParams: problems });
};

describe('tapes in links', () => {
  it('a tape from the command line opens exactly that run: the same trace hash', () => {
    const { spec, problems } = parseSearch(tapeLink);
    expect(problems).toEqual([]);
    expect(spec.tape).toBe(cliRun.tape);
    // The link has no seed: the seed it falls back to is the default, not the tape's.
    expect(spec.seed).toBe(1);
    expect(traceHash(runScenario(spec).trace)).toBe(traceHash(cliRun.trace));
    const state = storeFor(tapeLink).getState();
    expect(traceHash(state.run.trace)).toBe(traceHash(cliRun.trace));
    expect(state.badParams).toEqual([]);
  });

  it('a tape that does not fit the scenario gets the notice and the seed’s run', () => {
    const other = runScenario({ scenario: 'happy-path', strategy: 'none', seed: 1 }).tape;
    for (const tape of [other, '1.', '1.!!', 'nonsense', `${cliRun.tape}A`]) {
      const state = storeFor(
        `?scenario=flaky-network&strategy=atomic-key&seed=4&tape=${tape}`,
      ).getState();
      const seeded = runScenario(specOf('flaky-network', { strategy: 'atomic-key', seed: 4 }));
      expect(traceHash(state.run.trace)).toBe(traceHash(seeded.trace));
      expect(state.spec.tape).toBeNull();
      expect(state.badParams).toEqual([`tape=${tape.slice(0, 40)}`]);
    }
  });

  it('the link keeps the tape while it applies, and drops it once another run is chosen', () => {
    const store = storeFor(`${tapeLink}&lang=en`);
    expect(urlOf(store)).toContain(`tape=${cliRun.tape}`);
    // Comparing leaves the main run as it was; the compared strategy plays the seed.
    store.getState().select({ compare: 'none' });
    expect(store.getState().spec.tape).toBe(cliRun.tape);
    expect(traceHash(store.getState().run.trace)).toBe(traceHash(cliRun.trace));
    const compared = runScenario(specOf('flaky-network', { strategy: 'none', seed: 1 }));
    expect(traceHash(store.getState().compared!.run.trace)).toBe(traceHash(compared.trace));
    store.getState().select({ seed: 2 });
    expect(store.getState().spec.tape).toBeNull();
    expect(urlOf(store)).not.toContain('tape=');

    // A fault keeps the run's past: the link then carries the changed run's own tape.
    const faulted = storeFor(tapeLink);
    faulted.getState().injectFault({ kind: 'crash', point: 'now', atMs: 0 });
    const { spec, run } = faulted.getState();
    expect(spec.tape).toBe(run.tape);
    expect(urlOf(faulted)).toContain(`tape=${run.tape}`);
    expect(urlOf(faulted)).toContain('faults=crash%401');
    const tweaked = storeFor(tapeLink);
    tweaked.getState().select({ tweaks: { lossPercent: 5 } });
    expect(tweaked.getState().spec.tape).toBeNull();
  });
});
