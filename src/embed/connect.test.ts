import { describe, expect, it } from 'vitest';
import { createLabStore, defaultStoreInput } from '../state/store.ts';
import type { DeckPort, Posted } from './bridge.ts';
import { connectDeck, EVENTS_PER_JUMP, MOMENT_EVERY_MS } from './connect.ts';
import { keyMoments, momentsOfStage } from './moments.ts';
import { followPlayback, LOOP_HOLD_MS } from './policy.ts';

/** A deck and a clock in memory: what the stage posts, and timers run by hand. */
function fakeDeck() {
  const posted: Posted[] = [];
  let listener: ((data: unknown) => void) | null = null;
  let timers: { id: number; at: number; run: () => void }[] = [];
  let now = 0;
  let nextId = 1;
  const port: DeckPort = {
    post: (message) => posted.push(message),
    listen(onData) {
      listener = onData;
      return () => (listener = null);
    },
    setTimeout(run, ms) {
      timers.push({ id: nextId, at: now + ms, run });
      return nextId++;
    },
    clearTimeout: (id) => (timers = timers.filter((t) => t.id !== id)),
  };
  const send = (data: unknown) => listener?.(data);
  const wait = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.run();
  };
  const ofType = (type: string) => posted.filter((p) => p.type === type);
  return { port, posted, send, wait, ofType };
}

const openStage = () => {
  const store = createLabStore(defaultStoreInput);
  const deck = fakeDeck();
  connectDeck(store, deck.port, momentsOfStage());
  return { store, ...deck };
};

describe('connectDeck', () => {
  it('steps with the clicker to the end, then hands the key to the deck', () => {
    const { store, send, ofType } = openStage();
    let presses = 0;
    while (ofType('lab:key').length === 0 && presses < 500) {
      send({ type: 'lab:key', key: 'PageDown' });
      presses++;
    }
    expect(store.getState().cursorMs).toBe(store.getState().endMs);
    // One press per moment after the start, and one more that goes to the deck.
    expect(presses).toBe(store.getState().timeline.stops.filter((s) => s > 0).length + 1);
    expect(ofType('lab:key')).toEqual([{ type: 'lab:key', key: 'PageDown', v: 1 }]);
    expect(ofType('lab:ended')).toHaveLength(1);
  });

  it('hands back keys at the start and keys it does not use', () => {
    const { send, ofType } = openStage();
    send({ type: 'lab:key', key: 'PageUp' });
    send({ type: 'lab:key', key: 'b' });
    expect(ofType('lab:key').map((p) => (p.type === 'lab:key' ? p.key : ''))).toEqual([
      'PageUp',
      'b',
    ]);
  });

  it('seeks, reports the moment once it rests, and tells each key moment passed', () => {
    const { store, send, wait, ofType } = openStage();
    send({ type: 'lab:seek', at: 1220 });
    expect(store.getState().cursorMs).toBe(1220);
    expect(ofType('lab:moment')).toEqual([]);
    wait(MOMENT_EVERY_MS);
    expect(ofType('lab:moment')).toEqual([
      { type: 'lab:moment', at: 1220, end: store.getState().endMs, v: 1 },
    ]);
    const events = ofType('lab:event');
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(EVENTS_PER_JUMP);
    // Each is a caption the stage shows for that run.
    const captions = keyMoments(store.getState().timeline.trace, 'en').map((m) => m.text);
    for (const e of events) if (e.type === 'lab:event') expect(captions).toContain(e.text);
  });

  it('plays, pauses, resets, and stops and rewinds on reveal.js’s slide:stop', () => {
    const { store, send } = openStage();
    send('slide:start');
    expect(store.getState().playing).toBe(true);
    send({ type: 'lab:pause' });
    expect(store.getState().playing).toBe(false);
    send({ type: 'lab:seek', at: 'end' });
    send('slide:stop');
    expect(store.getState()).toMatchObject({ playing: false, cursorMs: 0 });
  });

  it('loads a plain query string as a link, and nothing else', () => {
    const { store, send } = openStage();
    send({ type: 'lab:load', search: '?scenario=happy-path&strategy=atomic-key&seed=4&at=end' });
    expect(store.getState().spec).toMatchObject({
      scenario: 'happy-path',
      strategy: 'atomic-key',
      seed: 4,
    });
    expect(store.getState().cursorMs).toBe(store.getState().endMs);
    const before = store.getState();
    for (const search of ['javascript:alert(1)', 'https://evil.example/?scenario=lost-response']) {
      send({ type: 'lab:load', search });
    }
    send({ type: 'lab:seek', at: -5 });
    send({ type: 'lab:play', v: 2 });
    send({ type: 'lab:load', search: `?tape=${'A'.repeat(100_000)}` });
    expect(store.getState()).toBe(before);
  });
});

describe('followPlayback', () => {
  it('holds at until=, and with loop starts again after a pause', () => {
    const store = createLabStore(defaultStoreInput);
    const deck = fakeDeck();
    followPlayback(store, { until: 1000, loop: true }, deck.port);
    store.getState().play();
    store.getState().advance(700);
    store.getState().advance(700);
    expect(store.getState()).toMatchObject({ cursorMs: 1000, playing: false });
    deck.wait(LOOP_HOLD_MS);
    expect(store.getState()).toMatchObject({ cursorMs: 0, playing: true });
  });

  it('leaves a stage alone that someone scrubbed past its moment', () => {
    const store = createLabStore(defaultStoreInput);
    followPlayback(store, { until: 300, loop: false }, fakeDeck().port);
    store.getState().seek(500);
    store.getState().play();
    store.getState().advance(100);
    expect(store.getState()).toMatchObject({ cursorMs: 600, playing: true });
  });
});
