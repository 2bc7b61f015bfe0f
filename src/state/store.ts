import { create } from 'zustand';
import type { Lang } from '../i18n/i18n.ts';
import { DEFAULT_SPEC, type RunSpec } from '../scenarios/spec.ts';
import { courseSlice } from './courseSlice.ts';
import { needsResourceKit } from './loadResources.ts';
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
  // The page loads a link's world before it opens (`loadForLink`); if that failed, the default
  // run plays while the link's run waits for its world, and a notice offers to try again.
  const waits = needsResourceKit(initial.spec.scenario);
  // The first run comes first: a link's tape that does not fit joins the link's other problems.
  const { problem, ...first } = runsFor(waits ? DEFAULT_SPEC : initial.spec, scoping);
  const badParams = problem === null ? initial.badParams : [...initial.badParams, problem];
  const store = create<LabState>()((...a) => ({
    ...runSlice(first, scoping)(...a),
    ...playbackSlice(...a),
    ...uiSlice({ lang: initial.lang, badParams })(...a),
    ...courseSlice(initial.progress ?? {})(...a),
  }));
  if (waits) void store.getState().openScene({ spec: initial.spec, at: 0 });
  return store;
}

export type LabStore = ReturnType<typeof createLabStore>;

const DEFAULT_LANG: Lang = 'en';

export const defaultStoreInput = {
  spec: DEFAULT_SPEC,
  lang: DEFAULT_LANG,
  badParams: [],
};
