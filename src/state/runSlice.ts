import type { StateCreator } from 'zustand';
import { buildTimeline } from '../report/timeline.ts';
import { isTapeError, runScenario } from '../scenarios/run.ts';
import { comparedSpec, type RunSpec } from '../scenarios/spec.ts';
import type { Scoping } from './scoping.ts';
import type { LabState, Played, RunSlice } from './slices.ts';

/** The runs a spec makes, with the end of playback. */
type Runs = Played & Pick<RunSlice, 'compared' | 'endMs'>;

/** A spec's run; one in an explorer's scope runs with the scope's settings shape. */
function played(spec: RunSpec, scoping: Scoping | null): Played {
  const shape = spec.scope && scoping ? { shape: scoping.shape(spec.scope) } : {};
  const run = runScenario({ ...spec, ...shape });
  return { run, timeline: buildTimeline(run.trace) };
}

function runsOf(spec: RunSpec, scoping: Scoping | null): Runs {
  const main = played(spec, scoping);
  const other = comparedSpec(spec);
  const compared = other && main.run.world === 'payments' ? played(other, scoping) : null;
  const endMs = Math.max(main.timeline.endMs, compared?.timeline.endMs ?? 0);
  return { ...main, compared, endMs };
}

/**
 * The runs of a spec that may carry a tape from outside (a link). A tape that does not fit the
 * run — undecodable, too short, too long, or choosing the impossible — is dropped and the seed
 * plays instead; `problem` names it for the bad-link notice. Any other error is a bug, and
 * thrown.
 */
export function runsFor(
  spec: RunSpec,
  scoping: Scoping | null,
): Runs & { spec: RunSpec; problem: string | null } {
  try {
    return { spec, ...runsOf(spec, scoping), problem: null };
  } catch (error) {
    if (spec.tape === null || !isTapeError(error)) throw error;
    // An explorer's scope came for its tape: without the tape, the plain scenario plays.
    const seeded = { ...spec, tape: null, scope: null };
    return {
      ...runsOf(seeded, scoping),
      spec: seeded,
      problem: `tape=${spec.tape.slice(0, 40)}`,
    };
  }
}

/** What a change to the spec makes of it: the rules of what a new run keeps. */
function changed(spec: RunSpec, change: Partial<RunSpec>): RunSpec {
  // A new scenario, strategy, seed or setting drops injected faults: they belonged to the old run.
  const keepsFaults = 'faults' in change || 'compare' in change;
  // A tape records one run: anything that makes another run leaves it behind. Comparing does
  // not: the compared strategy plays the seed, and the main run stays the tape's. An explorer's
  // scope goes with its tape: the page's controls describe the plain scenario, so a strategy,
  // seed, setting or fault chosen there is one for the plain scenario.
  const keepsTape = 'tape' in change || onlyCompare(change);
  const merged = {
    ...spec,
    ...(keepsFaults ? {} : { faults: [] }),
    ...(keepsTape ? {} : { tape: null, scope: null }),
    ...change,
  };
  // Comparing a strategy with itself shows nothing: that comparison ends.
  return merged.compare === merged.strategy ? { ...merged, compare: null } : merged;
}

const onlyCompare = (change: Partial<RunSpec>) =>
  Object.keys(change).every((key) => key === 'compare');

/** The run slice, starting from the first runs (`runsFor`: the store reports their problem). */
export const runSlice =
  (
    first: Omit<ReturnType<typeof runsFor>, 'problem'>,
    scoping: Scoping | null,
  ): StateCreator<LabState, [], [], RunSlice> =>
  (set, get) => {
    /** Runs again with changed faults, keeping the moment on screen and whether it plays. */
    const rerun = (spec: RunSpec) => {
      const next = runsOf(spec, scoping);
      const cursorMs = Math.min(get().cursorMs, next.endMs);
      set({ spec, ...next, cursorMs, playing: get().playing && cursorMs < next.endMs });
    };
    /** Faults change the run, so a tape recorded without them (and its scope) no longer fits. */
    const withFaults = (faults: RunSpec['faults']) => ({
      ...get().spec,
      faults,
      tape: null,
      scope: null,
    });
    return {
      spec: first.spec,
      scoping,
      run: first.run,
      timeline: first.timeline,
      compared: first.compared,
      endMs: first.endMs,
      select(change) {
        const spec = changed(get().spec, change);
        // Turning a comparison on or off keeps the moment on screen: the main run is unchanged.
        if (onlyCompare(change)) return rerun(spec);
        // A new run starts from the beginning, paused: the learner predicts, then plays.
        const { problem, ...next } = runsFor(spec, scoping);
        set({ ...next, cursorMs: 0, playing: false, ...noticed(get().badParams, problem) });
      },
      injectFault(fault) {
        // Just after the moment on screen: every record already shown (times are whole
        // milliseconds) happened before the fault, so what the learner saw stays as it was.
        const placed = { ...fault, atMs: Math.floor(get().cursorMs) + 1 };
        rerun(withFaults([...get().spec.faults, placed]));
      },
      removeFault: (index) => rerun(withFaults(get().spec.faults.toSpliced(index, 1))),
      clearFaults: () => rerun(withFaults([])),
      openScene({ spec, at }) {
        const { problem, ...next } = runsFor(spec, scoping);
        const cursorMs = at === 'end' ? next.endMs : Math.min(at, next.endMs);
        set({ ...next, cursorMs, playing: false, ...noticed(get().badParams, problem) });
      },
    };
  };

/** The notice's list with one more problem, or nothing to change. */
const noticed = (badParams: string[], problem: string | null) =>
  problem === null ? {} : { badParams: [...badParams, problem] };
