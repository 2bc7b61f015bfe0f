import { describe, expect, it } from 'vitest';
import { nextStop } from '../report/timeline.ts';
import { createLabStore, defaultStoreInput } from './store.ts';

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
