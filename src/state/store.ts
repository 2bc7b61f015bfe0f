import { create } from 'zustand';
import type { RunResult } from '../model/run.ts';
import { runScenario } from '../scenarios/run.ts';
import type { Lang } from '../i18n/i18n.ts';
import { DEFAULT_SELECTION, type Selection } from './url.ts';

/**
 * One store, from typed slices with their actions beside them. It holds the selection and a handle
 * to the run it produced — never a copy of engine state: views derive everything from the trace.
 */
interface RunSlice {
  selection: Selection;
  run: RunResult;
  select(change: Partial<Selection>): void;
}

interface UiSlice {
  lang: Lang;
  /** Parameters from the link that were invalid, shown once in a friendly notice. */
  badParams: string[];
  setLang(lang: Lang): void;
  dismissNotice(): void;
}

export type LabState = RunSlice & UiSlice;

export const LANG_STORAGE_KEY = 'idempotency-lab.lang';

export function createLabStore(initial: { selection: Selection; lang: Lang; badParams: string[] }) {
  return create<LabState>()((set, get) => ({
    selection: initial.selection,
    run: runScenario(initial.selection),
    select(change) {
      const selection = { ...get().selection, ...change };
      set({ selection, run: runScenario(selection) });
    },
    lang: initial.lang,
    badParams: initial.badParams,
    setLang: (lang) => set({ lang }),
    dismissNotice: () => set({ badParams: [] }),
  }));
}

export type LabStore = ReturnType<typeof createLabStore>;

export const defaultStoreInput = {
  selection: DEFAULT_SELECTION,
  lang: 'en' as Lang,
  badParams: [],
};
