import { isLang, langOf, type Lang } from '../i18n/i18n.ts';
import { isScenarioId } from '../scenarios/ids.ts';
import { loadResourceKit, needsResourceKit } from './loadResources.ts';
import { parseProgress, PROGRESS_STORAGE_KEY } from './progress.ts';
import { parseHash, toHash } from './route.ts';
import { createLabStore, type LabStore } from './store.ts';
import type { Scoping } from './scoping.ts';
import { parseSearch, toSearch } from './url.ts';

/**
 * The lab and the browser around it: the link it opens from, the hash that names the page, the
 * URL kept current as things change (so any state on screen can be shared as a link), and the
 * language and progress remembered in storage. The browser comes in as a parameter, so all of it
 * is tested in Node without a DOM.
 */
export interface Host {
  location: { readonly search: string; readonly hash: string };
  history: { replaceState(data: null, unused: string, url: string): void };
  addEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
  removeEventListener(type: 'hashchange' | 'popstate', listener: () => void): void;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  /** Storage, or a throw: it can be blocked (private mode, a sandboxed frame). */
  storage(): Pick<Storage, 'getItem' | 'setItem'>;
  /** The browser's preferred language, such as `ru-RU`. */
  language: string | undefined;
}

export const LANG_STORAGE_KEY = 'idempotency-lab.lang';

/** A resting cursor is written to the URL this long after it stops: not on every frame. */
export const MOMENT_WRITE_DELAY_MS = 250;

/** The browser's window as a host. */
export function browserHost(win: Window): Host {
  return {
    location: win.location,
    history: win.history,
    addEventListener: (type, listener) => win.addEventListener(type, listener),
    removeEventListener: (type, listener) => win.removeEventListener(type, listener),
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (id) => win.clearTimeout(id),
    storage: () => win.localStorage,
    language: win.navigator.language,
  };
}

/** Storage can be blocked: then nothing is remembered, and nothing breaks. */
function readStorage(host: Host, key: string): string | null {
  try {
    return host.storage().getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(host: Host, key: string, value: string): void {
  try {
    host.storage().setItem(key, value);
  } catch {
    // The choice simply is not remembered.
  }
}

/** The language: the link's, else the one saved (checked, not trusted), else the browser's. */
function startLang(host: Host, fromLink: Lang | null): Lang {
  if (fromLink) return fromLink;
  const saved = readStorage(host, LANG_STORAGE_KEY);
  if (isLang(saved)) return saved;
  return langOf(host.language);
}

/**
 * The code a link needs before its first run, loaded only when the link asks for it: an explorer
 * scope's (scoping.ts; null when the link names none, or when it cannot load, and then the notice
 * refuses the scope), and the resource world for a resource scenario (if that cannot load, the
 * store offers to try again).
 */
export async function loadForLink(host: Host): Promise<Scoping | null> {
  const params = new URLSearchParams(host.location.search);
  const scenario = params.get('scenario');
  const world =
    scenario !== null && isScenarioId(scenario) && needsResourceKit(scenario)
      ? loadResourceKit().catch(() => null)
      : null;
  const scoping = params.has('scope')
    ? import('./scoping.ts').then(
        (m) => m.scoping,
        () => null,
      )
    : null;
  await world;
  return scoping;
}

/**
 * The store, as the link the page was opened with says: its run, its moment, its language.
 * `scoping` plays a link's explorer scope (see `loadForLink`).
 */
export function openLab(host: Host, scoping: Scoping | null = null): LabStore {
  const parsed = parseSearch(host.location.search, scoping);
  const store = createLabStore({
    scoping,
    spec: parsed.spec,
    lang: startLang(host, parsed.lang),
    badParams: parsed.problems,
    progress: parseProgress(readStorage(host, PROGRESS_STORAGE_KEY)),
  });
  if (parsed.at !== null) {
    store.getState().seek(parsed.at === 'end' ? store.getState().endMs : parsed.at);
  }
  return store;
}

/** Opens the page the hash names; one move can fire both popstate and hashchange. */
function followHash(store: LabStore, host: Host): void {
  const parsed = parseHash(host.location.hash);
  if (!parsed) return;
  // The second event finds its page already open.
  const open = toHash(parsed.route) === toHash(store.getState().route) && !parsed.problem;
  if (!open) void store.getState().setRoute(parsed.route, parsed.problem);
}

/** The URL for what is on screen: the run, the language, the moment once it rests, the page. */
export function urlOf(store: LabStore): string {
  const { spec, lang, cursorMs, playing, route, scoping } = store.getState();
  const at = playing ? 0 : Math.floor(cursorMs);
  const hash = route.page === 'lab' && !route.question ? '' : toHash(route);
  return toSearch(spec, lang, at, scoping) + hash;
}

/**
 * Keeps the store and the browser in step until the returned function stops it: the hash opens
 * pages (now, and on every hashchange and popstate), and the store's changes are written to the
 * URL and to storage.
 */
export function syncLab(store: LabStore, host: Host): () => void {
  const follow = () => followHash(store, host);
  follow();
  host.addEventListener('hashchange', follow);
  // Back from a page opened in place ("Show me" pushes an entry with its own query) changes
  // more than the hash, and then only popstate says so.
  host.addEventListener('popstate', follow);
  let pendingMoment: number | null = null;
  const writeUrl = () => host.history.replaceState(null, '', urlOf(store));
  const stopWatching = store.subscribe((state, previous) => {
    const moved = state.spec !== previous.spec || state.route !== previous.route;
    if (moved || state.lang !== previous.lang) writeUrl();
    else if (state.cursorMs !== previous.cursorMs || state.playing !== previous.playing) {
      if (pendingMoment !== null) host.clearTimeout(pendingMoment);
      pendingMoment = host.setTimeout(writeUrl, MOMENT_WRITE_DELAY_MS);
    }
    if (state.lang !== previous.lang) writeStorage(host, LANG_STORAGE_KEY, state.lang);
    if (state.progress !== previous.progress)
      writeStorage(host, PROGRESS_STORAGE_KEY, JSON.stringify(state.progress));
  });
  return () => {
    stopWatching();
    if (pendingMoment !== null) host.clearTimeout(pendingMoment);
    host.removeEventListener('hashchange', follow);
    host.removeEventListener('popstate', follow);
  };
}
