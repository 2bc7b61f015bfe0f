import { describe, expect, it } from 'vitest';
import { advance, parseProgress } from './progress.ts';
import { parseHash, toHash, type Route } from './route.ts';
import { createLabStore, defaultStoreInput } from './store.ts';

describe('routes in the hash', () => {
  it('every page survives the trip through its hash', () => {
    const routes: Route[] = [
      { page: 'lab' },
      { page: 'course' },
      { page: 'interview' },
      { page: 'matrix' },
      { page: 'glossary' },
      { page: 'glossary', term: 'lease' },
      { page: 'lesson', lessonId: 'http-methods', step: 2 },
      { page: 'interview', question: 'lost-update' },
      { page: 'lab', question: 'lost-update' },
    ];
    for (const route of routes) expect(parseHash(toHash(route))?.route).toEqual(route);
    expect(toHash({ page: 'lesson', lessonId: 'retries', step: 0 })).toBe('#/lesson/retries/1');
  });

  it('a lesson without a step opens its first; a bad one opens the course, reported', () => {
    expect(parseHash('#/lesson/retries')?.route).toEqual({
      page: 'lesson',
      lessonId: 'retries',
      step: 0,
    });
    for (const bad of [
      '#/lesson/retries/99',
      '#/lesson/retries/0',
      '#/lesson/nope/1',
      '#/x',
      '#/%',
      '#/lesson/%E0%A4%A',
    ]) {
      expect(parseHash(bad)).toEqual({ route: { page: 'course' }, problem: bad });
    }
  });

  it('a plain anchor such as the skip link is not a page', () => {
    expect(parseHash('#event-log')).toBeNull();
    expect(parseHash('')?.route).toEqual({ page: 'lab' });
  });
});

describe('progress kept in the browser', () => {
  it('keeps what makes sense and drops the rest of a corrupt value', () => {
    expect(parseProgress('not json')).toEqual({});
    expect(parseProgress('[1,2]')).toEqual({});
    expect(
      parseProgress(
        JSON.stringify({
          retries: { step: 1, done: true },
          'http-methods': { step: 99 },
          'no-such-lesson': { step: 0 },
          'idempotency-key': { step: '1' },
        }),
      ),
    ).toEqual({ retries: { step: 1, done: true } });
  });

  it('a finished lesson stays finished when revisited', () => {
    const done = advance({}, 'retries', 2, true);
    expect(advance(done, 'retries', 0)).toEqual({ retries: { step: 0, done: true } });
  });
});

describe('opening a lesson step', () => {
  it('sets the simulator up as the step says, and records where the learner is', async () => {
    const store = createLabStore(defaultStoreInput);
    await store.getState().setRoute({ page: 'lesson', lessonId: 'database-constraints', step: 0 });
    const state = store.getState();
    expect(state.spec).toMatchObject({ scenario: 'lost-response', strategy: 'atomic-key' });
    expect(state.cursorMs).toBe(0); // the step opens at its run's start: nothing has happened yet
    expect(state.progress).toEqual({ 'database-constraints': { step: 0, done: false } });
    // Coming back to the same step (a language switch, say) leaves the learner's run alone.
    store.getState().seek(10);
    await store.getState().setRoute({ page: 'lesson', lessonId: 'database-constraints', step: 0 });
    expect(store.getState().cursorMs).toBe(10);
  });

  it('the same step named twice while the lessons load is set up once, not lost', async () => {
    const store = createLabStore(defaultStoreInput);
    const first = store.getState().setRoute({ page: 'lesson', lessonId: 'retries', step: 0 });
    const again = store.getState().setRoute({ page: 'lesson', lessonId: 'retries', step: 0 });
    await Promise.all([first, again]);
    expect(store.getState().spec.scenario).toBe('retry-storm');
  });

  it('a step left before the lessons loaded does not take over the simulator', async () => {
    const store = createLabStore(defaultStoreInput);
    const opening = store.getState().setRoute({ page: 'lesson', lessonId: 'retries', step: 0 });
    await store.getState().setRoute({ page: 'lab' });
    await opening;
    expect(store.getState().spec.scenario).toBe(defaultStoreInput.spec.scenario);
  });

  it('finishing a lesson is said on the next page only', () => {
    const store = createLabStore(defaultStoreInput);
    const go = (lessonId: string, step: number) =>
      store.getState().setRoute({ page: 'lesson', lessonId, step });
    go('retries', 2);
    store.getState().finishLesson('retries');
    store.getState().setRoute({ page: 'course' });
    expect(store.getState().justFinished).toBe('retries');
    expect(store.getState().progress.retries).toEqual({ step: 2, done: true });
    go('http-methods', 0);
    expect(store.getState().justFinished).toBeNull();
  });
});
