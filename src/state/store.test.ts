import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SCENARIO_IDS } from '../scenarios/ids.ts';
import { recordsBy } from '../report/timeline.ts';
import { hashJson } from '../sim/hash.ts';
import { traceHash } from '../model/run.ts';
import { runScenario } from '../scenarios/run.ts';
import { nextStop } from '../report/timeline.ts';
import { nextMoment } from './playbackSlice.ts';
import { createLabStore, defaultStoreInput } from './store.ts';
import { loadResourceKit } from './loadResources.ts';

// The page loads the resource world when a resource scenario first opens; these tests open
// resource runs at once, so it is loaded first (loadResources.test.ts tests the waiting).
beforeAll(() => loadResourceKit());

/** Playback is time travel by cursor over a recorded run: every move is exact and instant. */
describe('the playback cursor', () => {
  const fresh = () => createLabStore(defaultStoreInput);

  it('a run starts at the beginning, paused; a new selection starts over', () => {
    const store = fresh();
    expect(store.getState()).toMatchObject({ cursorMs: 0, playing: false });
    store.getState().seek(500);
    store.getState().select({ strategy: 'atomic-key' });
    expect(store.getState()).toMatchObject({ cursorMs: 0, playing: false });
  });

  it('steps from event to event, and back, and pauses when stepping', () => {
    const store = fresh();
    const { timeline } = store.getState();
    store.getState().play();
    store.getState().stepForward();
    expect(store.getState()).toMatchObject({ cursorMs: nextStop(timeline, 0), playing: false });
    store.getState().stepBack();
    expect(store.getState().cursorMs).toBe(0);
  });

  it('seeking is clamped to the run; playing stops by itself at the end', () => {
    const store = fresh();
    const { endMs } = store.getState().timeline;
    store.getState().seek(-50);
    expect(store.getState().cursorMs).toBe(0);
    store.getState().seek(endMs + 1000);
    expect(store.getState().cursorMs).toBe(endMs);
    store.getState().play(); // from the end: starts over
    expect(store.getState()).toMatchObject({ cursorMs: 0, playing: true });
    store.getState().advance(endMs * 2);
    expect(store.getState()).toMatchObject({ cursorMs: endMs, playing: false });
  });

  it('reset goes back to the start and pauses', () => {
    const store = fresh();
    store.getState().play();
    store.getState().advance(300);
    store.getState().reset();
    expect(store.getState()).toMatchObject({ cursorMs: 0, playing: false });
  });
});

describe('a fault injected at the cursor', () => {
  const faults = [
    { kind: 'drop-next', direction: 'request', atMs: 0 },
    { kind: 'drop-next', direction: 'response', atMs: 0 },
    { kind: 'duplicate-next', direction: 'request', atMs: 0 },
    { kind: 'crash', point: 'now', atMs: 0 },
    { kind: 'crash', point: 'after-commit', atMs: 0 },
    { kind: 'partition', atMs: 0, durationMs: 300 },
  ] as const;

  it('leaves every record already on screen exactly as it was, at any stop of any scenario', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIO_IDS),
        fc.nat(60),
        fc.constantFrom(...faults),
        fc.option(fc.nat(50), { nil: null }),
        (scenario, steps, fault, tapeSeed) => {
          // A run from a link's tape (recorded with another seed than the spec's) or from the seed.
          const plain = { ...defaultStoreInput.spec, scenario };
          const tape = tapeSeed === null ? null : runScenario({ ...plain, seed: tapeSeed }).tape;
          const store = createLabStore({ ...defaultStoreInput, spec: { ...plain, tape } });
          for (let i = 0; i < steps; i++) store.getState().stepForward();
          const { cursorMs, timeline } = store.getState();
          const shown = timeline.trace.slice(0, recordsBy(timeline, cursorMs));
          store.getState().injectFault(fault);
          const after = store.getState();
          expect(after.cursorMs).toBe(cursorMs);
          expect(hashJson(after.run.trace.slice(0, shown.length))).toBe(hashJson(shown));
          // The changed run's own tape is in the spec, so its link opens exactly this run.
          expect(after.spec.tape === null).toBe(tape === null);
          expect(traceHash(runScenario(after.spec).trace)).toBe(traceHash(after.run.trace));
          // Taking the fault out again keeps the past, too.
          store.getState().removeFault(0);
          const undone = store.getState().run.trace;
          expect(hashJson(undone.slice(0, shown.length))).toBe(hashJson(shown));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('steps through both runs when comparing, and never backwards', () => {
    const store = createLabStore({
      ...defaultStoreInput,
      spec: { ...defaultStoreInput.spec, strategy: 'atomic-key', compare: 'none' },
    });
    const state = store.getState();
    expect(state.endMs).toBe(Math.max(state.timeline.endMs, state.compared!.timeline.endMs));
    let t = 0;
    for (let i = 0; i < 500 && t < state.endMs; i++) {
      const next = nextMoment(store.getState(), t);
      expect(next).toBeGreaterThan(t);
      t = next;
    }
    expect(t).toBe(state.endMs);
  });
});
