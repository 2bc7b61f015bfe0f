import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './App.tsx';
import { LabContext } from './common/lab.ts';
import { createLabStore, LANG_STORAGE_KEY } from '../state/store.ts';
import { parseSearch, toSearch } from '../state/url.ts';
import { isLang, loadLang, type Lang } from '../i18n/i18n.ts';

/** Reads the saved language; storage can be blocked or hold anything, so it is checked, not trusted. */
function savedLang(): Lang | null {
  try {
    const value = localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(value) ? value : null;
  } catch {
    return null;
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
});

if (parsed.at !== null) store.getState().seek(parsed.at);

// The URL always reflects what is on screen, so any state can be shared as a link — the moment
// too, once playback rests there (not on every frame while it plays).
let pendingMoment = 0;
const writeUrl = () => {
  const { selection, lang, cursorMs, playing } = store.getState();
  const at = playing ? 0 : Math.floor(cursorMs);
  window.history.replaceState(null, '', toSearch(selection, lang, at));
};
store.subscribe((state, previous) => {
  if (state.selection !== previous.selection || state.lang !== previous.lang) writeUrl();
  else if (state.cursorMs !== previous.cursorMs || state.playing !== previous.playing) {
    window.clearTimeout(pendingMoment);
    pendingMoment = window.setTimeout(writeUrl, 250);
  }
  if (state.lang !== previous.lang) {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, state.lang);
    } catch {
      // Private mode or blocked storage: the choice simply is not remembered.
    }
  }
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
