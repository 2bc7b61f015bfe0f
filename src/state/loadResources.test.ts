import { describe, expect, it, vi } from 'vitest';
import { traceHash } from '../model/run.ts';
import { runScenario } from '../scenarios/run.ts';
import { DEFAULT_SPEC, specOf } from '../scenarios/spec.ts';
import { needsResourceKit } from './loadResources.ts';
import { createLabStore, defaultStoreInput } from './store.ts';

// The resource world's chunk fails to load as often as asked (the network dropped), then loads.
const chunk = vi.hoisted(() => ({ failures: 0 }));
vi.mock('../scenarios/resourceKit.ts', async (original) => {
  if (chunk.failures > 0) {
    chunk.failures--;
    throw new Error('Failed to fetch dynamically imported module');
  }
  return original();
});

const lostUpdate = specOf('lost-update', { strategy: 'none' });

/** Waits for the store to get there: a dynamic import takes a few turns of the event loop. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000 });

/**
 * The first screen carries only the payment world; a resource scenario's world loads when one
 * first opens. Until then the run on screen stays; if it cannot load, a notice offers to retry.
 * (In this order: the world stays loaded once it is.)
 */
describe('the resource world, loaded when first needed', () => {
  it('a run asked for later wins over one waiting for its world, whose failure then says nothing', async () => {
    chunk.failures = 1;
    const store = createLabStore(defaultStoreInput);
    const waiting = store.getState().openScene({ spec: lostUpdate, at: 0 });
    store.getState().select({ scenario: 'double-click' });
    await waiting;
    expect(store.getState().spec.scenario).toBe('double-click');
    expect(store.getState().retryLoad).toBeNull();
  });

  it('a failed load keeps the run on screen and offers to try again; trying again opens it', async () => {
    expect(needsResourceKit('lost-update')).toBe(true);
    expect(needsResourceKit('lost-response')).toBe(false);
    chunk.failures = 1;
    const store = createLabStore(defaultStoreInput);
    const before = store.getState().run;
    store.getState().select({ scenario: 'lost-update' });
    await until(() => expect(store.getState().retryLoad).not.toBeNull());
    expect(store.getState().run).toBe(before);
    expect(store.getState().spec.scenario).toBe(DEFAULT_SPEC.scenario);

    store.getState().retryLoad!();
    expect(store.getState().retryLoad).toBeNull();
    await until(() => expect(store.getState().spec.scenario).toBe('lost-update'));
    expect(store.getState().run.world).toBe('resources');
    expect(needsResourceKit('lost-update')).toBe(false);
  });

  it('a link to a resource scenario opens its very run', () => {
    const store = createLabStore({ ...defaultStoreInput, spec: lostUpdate });
    expect(store.getState().spec).toEqual(lostUpdate);
    expect(traceHash(store.getState().run.trace)).toBe(traceHash(runScenario(lostUpdate).trace));
  });
});
