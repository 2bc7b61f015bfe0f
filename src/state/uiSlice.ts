import type { StateCreator } from 'zustand';
import type { Lang } from '../i18n/i18n.ts';
import type { LabState, UiSlice } from './slices.ts';

/** The page's language, and the notice about a link's bad values. */
export const uiSlice =
  (initial: { lang: Lang; badParams: string[] }): StateCreator<LabState, [], [], UiSlice> =>
  (set) => ({
    lang: initial.lang,
    badParams: initial.badParams,
    setLang: (lang) => set({ lang }),
    // One notice says what was wrong with the link, its query or its hash: dismissing it clears both.
    dismissNotice: () => set({ badParams: [], routeProblem: null }),
  });
