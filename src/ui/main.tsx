import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { App } from './App.tsx';
import { LabContext } from './common/lab.ts';
import { browserHost, openLab, syncLab } from '../state/sync.ts';
import { loadLang } from '../i18n/i18n.ts';

// The link opens the lab; from then on the URL and storage follow what is on screen.
const host = browserHost(window);
const store = openLab(host);
syncLab(store, host);

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
