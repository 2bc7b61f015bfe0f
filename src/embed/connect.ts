import { loadLang, type Lang } from '../i18n/i18n.ts';
import { recordsBy } from '../report/timeline.ts';
import type { LabState } from '../state/slices.ts';
import type { LabStore } from '../state/store.ts';
import { parseSearch } from '../state/url.ts';
import { applyCommand, parseCommand, stamped, type DeckPort, type StageActions } from './bridge.ts';
import { clickerOutcome } from './keys.ts';
import type { KeyMoment } from './moments.ts';

/**
 * The stage wired to its deck: commands from the deck move the store, and the store's moves are
 * reported back — the moment (throttled), the end, each captioned key moment passed.
 */

/** At most one `lab:moment` this often while the cursor moves, in real ms, and one when it rests. */
export const MOMENT_EVERY_MS = 200;
/** A jump past many key moments (a seek to the end) reports only the last few. */
export const EVENTS_PER_JUMP = 10;

/** What a clicker's key does: a step of the run, or the key handed to the deck. */
export function pressKey(store: LabStore, key: string, port: Pick<DeckPort, 'post'>): boolean {
  const state = store.getState();
  const outcome = clickerOutcome(key, state.cursorMs, state.endMs);
  if (outcome === 'forward') state.stepForward();
  else if (outcome === 'back') state.stepBack();
  else port.post(stamped({ type: 'lab:key', key }));
  return outcome !== 'deck';
}

function stageActions(store: LabStore, port: DeckPort): StageActions {
  const state = () => store.getState();
  return {
    play: () => state().play(),
    pause: () => state().pause(),
    step: () => state().stepForward(),
    back: () => state().stepBack(),
    reset: () => state().reset(),
    seek: (at) => state().seek(at === 'end' ? state().endMs : at),
    load(search) {
      // The same parameters as a link, read as a link is: never a navigation.
      const parsed = parseSearch(search);
      state().openScene({ spec: parsed.spec, at: parsed.at ?? 0 });
      if (parsed.lang) switchLang(store, parsed.lang);
    },
    key: (key) => void pressKey(store, key, port),
  };
}

function switchLang(store: LabStore, lang: Lang): void {
  loadLang(lang).then(
    () => store.getState().setLang(lang),
    () => undefined, // The texts could not load: the stage keeps its language.
  );
}

/** Listens to the deck and reports to it until the returned function is called. */
export function connectDeck(
  store: LabStore,
  port: DeckPort,
  momentsOf: (state: LabState) => readonly KeyMoment[],
): () => void {
  const actions = stageActions(store, port);
  const stopListening = port.listen((data) => {
    const command = parseCommand(data);
    if (command) applyCommand(command, actions);
  });
  const stopReporting = reportMoves(store, port, momentsOf);
  return () => {
    stopListening();
    stopReporting();
  };
}

function reportMoves(
  store: LabStore,
  port: DeckPort,
  momentsOf: (state: LabState) => readonly KeyMoment[],
): () => void {
  let pending: number | null = null;
  const postMoment = () => {
    pending = null;
    const { cursorMs, endMs } = store.getState();
    port.post(stamped({ type: 'lab:moment', at: Math.floor(cursorMs), end: endMs }));
  };
  const stop = store.subscribe((state, previous) => {
    if (state.cursorMs === previous.cursorMs && state.timeline === previous.timeline) return;
    pending ??= port.setTimeout(postMoment, MOMENT_EVERY_MS);
    if (state.timeline === previous.timeline) reportPassed(state, previous, port, momentsOf);
    if (state.cursorMs >= state.endMs && previous.cursorMs < previous.endMs) {
      port.post(stamped({ type: 'lab:ended' }));
    }
  });
  return () => {
    stop();
    if (pending !== null) port.clearTimeout(pending);
  };
}

/** Posts the key moments the cursor passed going forward: the last few of a long jump. */
function reportPassed(
  state: LabState,
  previous: LabState,
  port: DeckPort,
  momentsOf: (state: LabState) => readonly KeyMoment[],
): void {
  const before = recordsBy(state.timeline, previous.cursorMs);
  const now = recordsBy(state.timeline, state.cursorMs);
  if (now <= before) return;
  const passed = momentsOf(state).filter((m) => m.index >= before && m.index < now);
  for (const { kind, text } of passed.slice(-EVENTS_PER_JUMP)) {
    port.post(stamped({ type: 'lab:event', kind, text }));
  }
}
