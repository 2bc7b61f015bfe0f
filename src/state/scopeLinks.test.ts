import { beforeAll, describe, expect, it } from 'vitest';
import { traceHash } from '../model/run.ts';
import { explore } from '../explore/explorer.ts';
import { scoped } from '../explore/scope.ts';
import { runScenario } from '../scenarios/run.ts';
import type { Scope } from '../scenarios/scope.ts';
import { specOf, type RunSpec } from '../scenarios/spec.ts';
import { scoping } from './scoping.ts';
import { createLabStore, defaultStoreInput } from './store.ts';
import { urlOf } from './sync.ts';
import { parseSearch, toSearch } from './url.ts';
import { loadResourceKit } from './loadResources.ts';

// The page loads the resource world when a resource scenario first opens; these tests open
// resource runs at once, so it is loaded first (loadResources.test.ts tests the waiting).
beforeAll(() => loadResourceKit());

/** What `npm run explore -- --scenario lost-response --strategy none` finds and prints. */
const scope: Scope = { losses: 1, duplicates: 0, crashes: 0 };
const report = explore(
  { scenario: 'lost-response', strategy: 'none', scope, mode: 'exhaustive' },
  () => 0,
);
const witness = report.witness!;
/** The witness as `npm run sim` replays it, with the scope's shape and the tape. */
const replayed = runScenario({
  scenario: 'lost-response',
  strategy: 'none',
  seed: 0,
  tape: witness.tape,
  shape: scoped(report.scope),
});

const storeFor = (link: string) => {
  const { spec, problems } = parseSearch(link, scoping);
  return createLabStore({ ...defaultStoreInput, spec, badParams: problems, scoping });
};
const hashOf = (store: ReturnType<typeof storeFor>) => traceHash(store.getState().run.trace);

describe("links to an explorer's witness", () => {
  it('the witness’s link opens exactly its run: the same trace hash as the command', () => {
    expect(witness.link).toBe(
      `?scenario=lost-response&strategy=none&scope=losses1.duplicates0.crashes0&tape=${witness.tape}`,
    );
    const { spec, problems } = parseSearch(witness.link, scoping);
    expect(problems).toEqual([]);
    expect(spec).toMatchObject({ scope, tape: witness.tape });
    const run = runScenario({ ...spec, shape: scoping.shape(spec.scope!) });
    expect(traceHash(run.trace)).toBe(traceHash(replayed.trace));
    const store = storeFor(witness.link);
    expect(hashOf(store)).toBe(traceHash(replayed.trace));
    expect(store.getState().badParams).toEqual([]);
    // The tape does not fit the plain scenario: that is why the link carries the scope.
    expect(() => runScenario({ ...spec, scope: null })).toThrow(/another run/);
  });

  it('a resource witness, with crash points, opens too', () => {
    const resourceScope: Scope = {
      losses: 0,
      duplicates: 0,
      crashes: 1,
      attempts: 2,
      crashPoints: ['after-commit'],
      fixedDelays: true,
    };
    const found = explore(
      { scenario: 'lost-update', strategy: 'none', scope: resourceScope, mode: 'exhaustive' },
      () => 0,
    ).witness!;
    expect(found.link).not.toContain('strategy=');
    const command = runScenario({
      scenario: 'lost-update',
      strategy: 'none',
      seed: 0,
      tape: found.tape,
      shape: scoped(resourceScope),
    });
    const store = storeFor(found.link);
    expect(store.getState().badParams).toEqual([]);
    expect(hashOf(store)).toBe(traceHash(command.trace));
  });

  it('a malformed scope is named in the notice, and the plain scenario’s seed plays', () => {
    const plain = traceHash(runScenario(specOf('lost-response', { seed: 4 })).trace);
    const cases: [string, string[]][] = [
      ['losses99', ['scope=losses99']],
      ['points-nowhere', ['scope=points-nowhere']],
      ['losses1.junk!.crashes9', ['scope=junk!', 'scope=crashes9']],
      ['', ['scope=']],
    ];
    for (const [text, problems] of cases) {
      const link = `?scenario=lost-response&strategy=none&seed=4&scope=${text}&tape=${witness.tape}`;
      const parsed = parseSearch(link, scoping);
      expect(parsed.problems, text).toEqual(problems);
      expect(parsed.spec).toMatchObject({ scope: null, tape: null, seed: 4 });
      const store = storeFor(link);
      expect(hashOf(store)).toBe(plain);
      expect(store.getState().badParams).toEqual(problems);
    }
    // A crash point from the other world: the resource server has no provider to crash after.
    const foreign = parseSearch(
      '?scenario=lost-update&scope=crashes1.crash-points-after-provider-charge',
      scoping,
    );
    expect(foreign.problems).toEqual(['scope=crash-points-after-provider-charge']);
    expect(foreign.spec.scope).toBeNull();
    // A page without the scope's module cannot read one: refused the same way, never thrown.
    expect(parseSearch(witness.link).problems).toEqual(['scope=losses1.duplicates0.crashes0']);
  });

  it('a tape that does not fit its scope gets the notice and the plain scenario’s seed', () => {
    const store = storeFor(`?scenario=lost-response&strategy=none&scope=crashes1&tape=1.BAAA`);
    expect(store.getState().spec).toMatchObject({ scope: null, tape: null });
    expect(store.getState().badParams).toEqual(['tape=1.BAAA']);
    expect(hashOf(store)).toBe(traceHash(runScenario(specOf('lost-response')).trace));
  });

  it('the link writer round-trips a spec with a scope', () => {
    const spec: RunSpec = {
      ...specOf('crash-after-commit', { strategy: 'atomic-key', seed: 9, tape: witness.tape }),
      scope: {
        losses: 2,
        duplicates: 1,
        crashes: 1,
        attempts: 3,
        crashPoints: ['before-commit', 'after-commit'],
        fixedDelays: true,
      },
    };
    const link = toSearch(spec, 'en', 0, scoping);
    expect(link).toContain(
      '&scope=losses2.duplicates1.crashes1.attempts3.crash-points-before-commit_after-commit.fixed-delays&tape=',
    );
    expect(parseSearch(link, scoping)).toEqual({ spec, lang: 'en', at: null, problems: [] });
  });

  it('the link keeps the scope while the run is the witness’s, and drops it with the tape', () => {
    const store = storeFor(witness.link);
    expect(urlOf(store)).toContain(`scope=losses1.duplicates0.crashes0&tape=${witness.tape}`);
    // Comparing keeps the main run; the compared strategy plays the seed in the same scope.
    store.getState().select({ compare: 'atomic-key' });
    expect(store.getState().spec.scope).toEqual(scope);
    expect(hashOf(store)).toBe(traceHash(replayed.trace));
    const compared = runScenario({
      ...specOf('lost-response', { strategy: 'atomic-key' }),
      shape: scoped(scope),
    });
    expect(traceHash(store.getState().compared!.run.trace)).toBe(traceHash(compared.trace));
    // The page's controls describe the plain scenario: a new seed is the plain scenario's.
    store.getState().select({ seed: 2 });
    expect(store.getState().spec).toMatchObject({ scope: null, tape: null });
    expect(urlOf(store)).not.toContain('scope=');
    expect(hashOf(store)).toBe(
      traceHash(runScenario(specOf('lost-response', { seed: 2, compare: 'atomic-key' })).trace),
    );
    for (const change of [
      (s: typeof store) => s.getState().select({ strategy: 'atomic-key' }),
      (s: typeof store) => s.getState().select({ tweaks: { lossPercent: 5 } }),
    ]) {
      const other = storeFor(witness.link);
      change(other);
      expect(other.getState().spec).toMatchObject({ scope: null, tape: null });
    }
  });

  it('a fault injected into the witness keeps its scope and its past', () => {
    const store = storeFor(witness.link);
    store.getState().seek(40);
    store.getState().injectFault({ kind: 'crash', point: 'now', atMs: 0 });
    const { spec, run } = store.getState();
    expect(spec).toMatchObject({ scope, tape: run.tape });
    const before = (trace: typeof run.trace) => trace.filter((r) => r.t <= 40);
    expect(traceHash(before(run.trace))).toBe(traceHash(before(replayed.trace)));
    // Its link opens the changed run.
    expect(hashOf(storeFor(urlOf(store)))).toBe(traceHash(run.trace));
  });

  it('a spec with a scope never runs plainly by mistake', () => {
    expect(() => runScenario({ ...specOf('lost-response'), scope })).toThrow(/shape/);
  });
});
