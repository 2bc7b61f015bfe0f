import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadLang } from '../i18n/i18n.ts';
import { loadForLink, openLab, type Host } from '../state/sync.ts';
import { LabContext } from '../ui/common/lab.ts';
import type { DeckPort } from './bridge.ts';
import { EmbedApp } from './EmbedApp.tsx';
import { parseEmbedParams } from './params.ts';

/**
 * Opens the embedded stage (`?embed=1`), a chunk of its own so the full lab's first screen does
 * not carry it. The store opens from the link as the full lab's does, but the frame's URL is left
 * as the deck wrote it: nothing is written back to it, so a reload shows the same slide.
 */
export async function startEmbed(host: Host, root: HTMLElement): Promise<void> {
  const params = parseEmbedParams(host.location.search);
  if (params.theme) document.documentElement.dataset.theme = params.theme;
  const store = openLab(host, await loadForLink(host));
  if (params.speed !== null) store.getState().setSpeed(params.speed);
  await loadLang(store.getState().lang).catch(() => store.getState().setLang('en'));
  createRoot(root).render(
    <StrictMode>
      <LabContext.Provider value={store}>
        <EmbedApp params={params} port={deckPort(window)} />
      </LabContext.Provider>
    </StrictMode>,
  );
}

/**
 * The page around the frame. Only messages from it are read (not from other frames or windows);
 * reports go to it with the target origin `*`, since a stage cannot know which site embeds it, and
 * they carry nothing private: the run's moments and captions. Opened on its own, there is no deck:
 * reports go nowhere.
 */
function deckPort(win: Window): DeckPort {
  const framed = win.parent !== win;
  return {
    post: (message) => {
      if (framed) win.parent.postMessage(message, '*');
    },
    listen(onData) {
      const onMessage = (event: MessageEvent) => {
        if (framed && event.source === win.parent) onData(event.data);
      };
      win.addEventListener('message', onMessage);
      return () => win.removeEventListener('message', onMessage);
    },
    setTimeout: (callback, ms) => win.setTimeout(callback, ms),
    clearTimeout: (id) => win.clearTimeout(id),
  };
}
