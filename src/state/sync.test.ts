import { describe, expect, it } from 'vitest';
import { PROGRESS_STORAGE_KEY } from './progress.ts';
import { LANG_STORAGE_KEY, MOMENT_WRITE_DELAY_MS, openLab, syncLab, type Host } from './sync.ts';

/** A browser in miniature: a location, a history that records, events, timers and storage. */
function fakeHost(url: string, stored: Record<string, string> | 'blocked' = {}) {
  const [search = '', hash = ''] = url.split('#');
  const location = { search, hash: hash ? `#${hash}` : '' };
  const written: string[] = [];
  const listeners = new Map<string, Set<() => void>>();
  const timers = new Map<number, () => void>();
  let nextTimer = 1;
  const storage = stored === 'blocked' ? null : new Map(Object.entries(stored));
  const host: Host = {
    location,
    history: { replaceState: (_data, _unused, next) => written.push(next) },
    addEventListener: (type, fn) => listeners.set(type, (listeners.get(type) ?? new Set()).add(fn)),
    removeEventListener: (type, fn) => listeners.get(type)?.delete(fn),
    setTimeout(fn) {
      timers.set(nextTimer, fn);
      return nextTimer++;
    },
    clearTimeout: (id) => timers.delete(id),
    storage() {
      if (!storage) throw new DOMException('blocked', 'SecurityError');
      return {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
      };
    },
    language: 'ru-RU',
  };
  const fire = (type: string, nextHash: string) => {
    location.hash = nextHash;
    for (const fn of listeners.get(type) ?? []) fn();
  };
  const runTimers = () => {
    const due = [...timers.values()];
    timers.clear();
    for (const fn of due) fn();
  };
  return { host, written, storage, fire, runTimers, timers, listeners };
}

describe('the lab and the browser', () => {
  it('opens the link: its run, its moment, its language, and reports what was bad', () => {
    const { host } = fakeHost('?scenario=retry-storm&strategy=atomic-key&seed=x&lang=en&at=end');
    const state = openLab(host).getState();
    expect(state.spec).toMatchObject({ scenario: 'retry-storm', strategy: 'atomic-key', seed: 1 });
    expect(state.lang).toBe('en');
    expect(state.cursorMs).toBe(state.endMs);
    expect(state.badParams).toEqual(['seed=x']);
  });

  it('takes the saved language, else the browser’s; a corrupt or blocked storage loses nothing', () => {
    expect(openLab(fakeHost('', { [LANG_STORAGE_KEY]: 'en' }).host).getState().lang).toBe('en');
    expect(openLab(fakeHost('', { [LANG_STORAGE_KEY]: 'klingon' }).host).getState().lang).toBe(
      'ru',
    );
    const blocked = openLab(fakeHost('', 'blocked').host).getState();
    expect(blocked.lang).toBe('ru');
    expect(blocked.progress).toEqual({});
    const corrupt = fakeHost('', { [PROGRESS_STORAGE_KEY]: '{not json' });
    expect(openLab(corrupt.host).getState().progress).toEqual({});
  });

  it('follows the hash at the start, on hashchange and on popstate, and stops when told', () => {
    const { host, fire, listeners } = fakeHost('?seed=2#/course');
    const store = openLab(host);
    const stop = syncLab(store, host);
    expect(store.getState().route).toEqual({ page: 'course' });
    fire('hashchange', '#/interview');
    expect(store.getState().route.page).toBe('interview');
    fire('popstate', '');
    expect(store.getState().route).toEqual({ page: 'lab' });
    stop();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
    fire('hashchange', '#/course');
    expect(store.getState().route).toEqual({ page: 'lab' });
  });

  it('writes a new run at once, and a resting cursor only after the debounce', () => {
    const { host, written, runTimers, timers } = fakeHost('?lang=en');
    const store = openLab(host);
    syncLab(store, host);
    store.getState().select({ strategy: 'atomic-key' });
    expect(written.at(-1)).toBe('?scenario=lost-response&strategy=atomic-key&seed=1&lang=en');
    store.getState().seek(40);
    store.getState().seek(50);
    expect(written).toHaveLength(1);
    expect(timers.size).toBe(1); // the first moment's write was replaced by the second's
    runTimers();
    expect(written.at(-1)).toBe('?scenario=lost-response&strategy=atomic-key&seed=1&lang=en&at=50');
    expect(MOMENT_WRITE_DELAY_MS).toBeGreaterThan(0);
  });

  it('saves the language and progress, and carries on when storage refuses', () => {
    const saving = fakeHost('?lang=en');
    const store = openLab(saving.host);
    syncLab(store, saving.host);
    store.getState().setLang('ru');
    store.getState().finishLesson('http-methods');
    expect(saving.storage?.get(LANG_STORAGE_KEY)).toBe('ru');
    expect(JSON.parse(saving.storage?.get(PROGRESS_STORAGE_KEY) ?? '')).toMatchObject({
      'http-methods': { done: true },
    });
    const blocked = fakeHost('?lang=en', 'blocked');
    const other = openLab(blocked.host);
    syncLab(other, blocked.host);
    expect(() => other.getState().setLang('ru')).not.toThrow();
    expect(blocked.written.at(-1)).toContain('lang=ru');
  });
});
