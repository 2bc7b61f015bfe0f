import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './App.tsx';
import { LabContext } from './common/lab.ts';
import { browserHost, loadForLink, openLab, syncLab, type Host } from '../state/sync.ts';
import { loadLang } from '../i18n/i18n.ts';

const host = browserHost(window);

/**
 * The link opens the lab; from then on the URL and storage follow what is on screen. A link with
 * an explorer's scope (a witness) or a resource scenario waits for that code, a separate chunk,
 * so the first run drawn is the link's (see `loadForLink` for what happens if it cannot load).
 */
async function open(host: Host) {
  const store = openLab(host, await loadForLink(host));
  syncLab(store, host);
  return store;
}

// The first screen waits for its language's texts (Russian is a separate chunk); if they cannot
// load (offline, say), it shows English rather than nothing.
void open(host).then((store) =>
  loadLang(store.getState().lang)
    .catch(() => store.getState().setLang('en'))
    .then(() =>
      createRoot(document.getElementById('root')!).render(
        <StrictMode>
          <LabContext.Provider value={store}>
            <App />
          </LabContext.Provider>
        </StrictMode>,
      ),
    ),
);
