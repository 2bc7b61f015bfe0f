import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './App.tsx';
import { LabContext } from './common/lab.ts';
import { createLabStore, LANG_STORAGE_KEY } from '../state/store.ts';
import { parseSearch, toSearch } from '../state/url.ts';
import { isLang, loadLang, type Lang } from '../i18n/i18n.ts';
import { parseProgress, PROGRESS_STORAGE_KEY } from '../state/progress.ts';
import { parseHash, toHash } from '../state/route.ts';

/** Reads the saved language; storage can be blocked or hold anything, so it is checked, not trusted. */
function savedLang(): Lang | null {
  const value = readStorage(LANG_STORAGE_KEY);
  return isLang(value) ? value : null;
}

/** Storage can be blocked (private mode): then nothing is remembered, and nothing breaks. */
function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // The choice simply is not remembered.
  }
}

function browserLang(): Lang {
  return navigator.language?.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

const parsed = parseSearch(window.location.search);
const store = createLabStore({
  selection: parsed.selection,
  lang: parsed.lang ?? savedLang() ?? browserLang(),
  badParams: parsed.problems,
  progress: parseProgress(readStorage(PROGRESS_STORAGE_KEY)),
});

if (parsed.at !== null) {
  store.getState().seek(parsed.at === 'end' ? store.getState().endMs : parsed.at);
}

// The hash names the page (the lab, the course, a lesson step); the query keeps the lab's state.
const followHash = () => {
  const parsed = parseHash(window.location.hash);
  if (!parsed) return;
  // One move can fire both popstate and hashchange: the second finds its page already open.
  const open = toHash(parsed.route) === toHash(store.getState().route) && !parsed.problem;
  if (!open) store.getState().setRoute(parsed.route, parsed.problem);
};
followHash();
window.addEventListener('hashchange', followHash);
// Back from a page opened in place ("Show me" pushes an entry with its own query) changes more
// than the hash, and then only popstate says so.
window.addEventListener('popstate', followHash);

// The URL always reflects what is on screen, so any state can be shared as a link — the moment
// too, once playback rests there (not on every frame while it plays).
let pendingMoment = 0;
const writeUrl = () => {
  const { selection, lang, cursorMs, playing, route } = store.getState();
  const at = playing ? 0 : Math.floor(cursorMs);
  const hash = route.page === 'lab' && !route.question ? '' : toHash(route);
  window.history.replaceState(null, '', toSearch(selection, lang, at) + hash);
};
store.subscribe((state, previous) => {
  const moved = state.selection !== previous.selection || state.route !== previous.route;
  if (moved || state.lang !== previous.lang) writeUrl();
  else if (state.cursorMs !== previous.cursorMs || state.playing !== previous.playing) {
    window.clearTimeout(pendingMoment);
    pendingMoment = window.setTimeout(writeUrl, 250);
  }
  if (state.lang !== previous.lang) writeStorage(LANG_STORAGE_KEY, state.lang);
  if (state.progress !== previous.progress)
    writeStorage(PROGRESS_STORAGE_KEY, JSON.stringify(state.progress));
});

// The first screen waits for its language's texts (Russian is a separate chunk); if they cannot
// load (offline, say), it shows English rather than nothing.
void loadLang(store.getState().lang)
  .catch(() => store.getState().setLang('en'))
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <LabContext.Provider value={store}>
          <App />
        </LabContext.Provider>
      </StrictMode>,
    ),
  );
