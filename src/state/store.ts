import { create } from 'zustand';
import type { Lang } from '../i18n/i18n.ts';
import { DEFAULT_SPEC, type RunSpec } from '../scenarios/spec.ts';
import { courseSlice } from './courseSlice.ts';
import { playbackSlice } from './playbackSlice.ts';
import type { Progress } from './progress.ts';
import { runSlice, runsFor } from './runSlice.ts';
import type { Scoping } from './scoping.ts';
import type { LabState } from './slices.ts';
import { uiSlice } from './uiSlice.ts';

/**
 * One store, bound from typed slices with their actions beside them (zustand's slices pattern):
 * the run on screen, playback, the page's language and notices, and the course. Each slice reads
 * the others through `get`.
 */
export function createLabStore(initial: {
  spec: RunSpec;
  lang: Lang;
  badParams: string[];
  progress?: Progress;
  /** For a spec in an explorer's scope (a witness's link): see scoping.ts. */
  scoping?: Scoping | null;
}) {
  const scoping = initial.scoping ?? null;
  // The first run comes first: a link's tape that does not fit joins the link's other problems.
  const { problem, ...first } = runsFor(initial.spec, scoping);
  const badParams = problem === null ? initial.badParams : [...initial.badParams, problem];
  return create<LabState>()((...a) => ({
    ...runSlice(first, scoping)(...a),
    ...playbackSlice(...a),
    ...uiSlice({ lang: initial.lang, badParams })(...a),
    ...courseSlice(initial.progress ?? {})(...a),
  }));
}

export type LabStore = ReturnType<typeof createLabStore>;

const DEFAULT_LANG: Lang = 'en';

export const defaultStoreInput = {
  spec: DEFAULT_SPEC,
  lang: DEFAULT_LANG,
  badParams: [],
};
