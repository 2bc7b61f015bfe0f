import { useEffect, useMemo, useState } from 'react';
import { useLab, useLabStore, useMessages } from '../ui/common/lab.ts';
import { usePlaybackLoop } from '../ui/playback/frame.ts';
import { toSearch } from '../state/url.ts';
import { stamped, type DeckPort } from './bridge.ts';
import { connectDeck, pressKey } from './connect.ts';
import { isClickerKey } from './keys.ts';
import { momentsOfStage } from './moments.ts';
import type { EmbedParams } from './params.ts';
import { followPlayback } from './policy.ts';
import { EmbedStage } from './EmbedStage.tsx';
import type { Frame } from './fit.ts';

/**
 * The lab embedded in a slide: the stage alone, no site around it. It never takes focus; a
 * clicker's keys step the run and, at its end or when the stage has no use for them, go to the
 * deck; the deck drives it with the messages of bridge.ts.
 */
export function EmbedApp({ params, port }: { params: EmbedParams; port: DeckPort }) {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const scenario = useLab((s) => s.spec.scenario);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  usePlaybackLoop();
  useDeck(params, port);
  useClickerKeys(port);
  const frame = useFrameSize();
  const zoom = fittedScale(params.scale, frame);
  return (
    <div
      className="fixed inset-0 flex flex-col gap-2 overflow-hidden p-2"
      style={{ zoom }}
      data-testid="embed-stage"
    >
      <main className="flex min-h-0 flex-1 flex-col">
        <h1 className="sr-only">{t.embed.stage(t.scenarios[scenario].title)}</h1>
        <EmbedStage view={params.view} frame={frame} zoom={zoom} />
      </main>
      <footer className="flex flex-none justify-end">
        <FullLabLink />
      </footer>
    </div>
  );
}

/**
 * `scale=` enlarges the stage as far as the frame leaves it 420 CSS px of width (the texts, the
 * sequence's lanes and the ledger need them), never further. The topology fills its box whatever
 * the zoom (EmbedStage draws it compact in a narrow frame), so this cap is only the texts'.
 */
const STAGE_MIN_WIDTH = 420;

function fittedScale(scale: number, frame: Frame): number {
  return scale <= 1 ? scale : Math.max(1, Math.min(scale, frame.width / STAGE_MIN_WIDTH));
}

/** The frame's size, followed as it resizes (a deck that goes full screen). */
function useFrameSize(): Frame {
  const read = () => ({ width: window.innerWidth, height: window.innerHeight });
  const [frame, setFrame] = useState(read);
  useEffect(() => {
    const onResize = () =>
      setFrame((was) => {
        const now = read();
        return now.width === was.width && now.height === was.height ? was : now;
      });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return frame;
}

/** The same run at the same moment in the full lab, in a new tab. */
function FullLabLink() {
  const t = useMessages();
  const spec = useLab((s) => s.spec);
  const lang = useLab((s) => s.lang);
  const scoping = useLab((s) => s.scoping);
  const at = useLab((s) => Math.floor(s.cursorMs));
  // The lab's own page, beside embed.html wherever the site is hosted.
  const href = `./${toSearch(spec, lang, at, scoping)}`;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener"
      className="rounded text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
    >
      {t.embed.openFull} <span aria-hidden="true">↗</span>
      <span className="sr-only"> {t.embed.newTab}</span>
    </a>
  );
}

/** Speaks with the deck, plays as the link says, and tells the deck the stage is ready. */
function useDeck(params: EmbedParams, port: DeckPort) {
  const store = useLabStore();
  const momentsOf = useMemo(() => momentsOfStage(), []);
  useEffect(() => {
    const stopDeck = connectDeck(store, port, momentsOf);
    const stopFollowing = followPlayback(store, params, port);
    port.post(stamped({ type: 'lab:ready' }));
    if (params.autoplay) store.getState().play();
    return () => {
      stopDeck();
      stopFollowing();
    };
  }, [store, port, params, momentsOf]);
}

/** Controls whose own keys (Enter, Space) activate them: those keys stay theirs. */
const CONTROLS = 'a, button, summary, [role="button"]';

/** A clicker's keys, pressed with focus in the frame (the speaker clicked the stage). */
function useClickerKeys(port: DeckPort) {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const onControl = event.target instanceof Element && !!event.target.closest(CONTROLS);
      if (!isClickerKey(event.key, event, onControl)) return;
      // Stepped or handed to the deck, the key is used: the frame never scrolls with it.
      event.preventDefault();
      pressKey(store, event.key, port);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, port]);
}
