import type { StateCreator } from 'zustand';
import { buildTimeline } from '../report/timeline.ts';
import { isResourceScenario } from '../scenarios/ids.ts';
import { preparePaymentScenario } from '../scenarios/paymentRuns.ts';
import { isTapeError, playPrepared, type PreparedScenario } from '../scenarios/replay.ts';
import { comparedSpec, type RunSpec } from '../scenarios/spec.ts';
import { loadResourceKit, needsResourceKit, resourceKit } from './loadResources.ts';
import type { Scoping } from './scoping.ts';
import type { LabState, Played, RunSlice } from './slices.ts';

/** The runs a spec makes, with the end of playback. */
type Runs = Played & Pick<RunSlice, 'compared' | 'endMs'>;

/**
 * A spec's run; one in an explorer's scope runs with the scope's settings shape. With a prefix,
 * the run replays it and then plays the seed (see `RunInput.prefix`).
 */
function played(spec: RunSpec, scoping: Scoping | null, prefix?: readonly number[]): Played {
  const shape = spec.scope && scoping ? { shape: scoping.shape(spec.scope) } : {};
  const input = { ...spec, ...shape, ...(prefix ? { prefix } : {}) };
  const { scenario } = spec;
  // The same runs as runScenario's (src/scenarios/run.ts), with the resource world loaded apart.
  const prepared: PreparedScenario = isResourceScenario(scenario)
    ? resourceKit().prepareResourceScenario({ ...input, scenario })
    : preparePaymentScenario({ ...input, scenario });
  const run = playPrepared(prepared, input);
  return { run, timeline: buildTimeline(run.trace) };
}

function runsOf(spec: RunSpec, scoping: Scoping | null, prefix?: readonly number[]): Runs {
  const main = played(spec, scoping, prefix);
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
    /** Runs again, keeping the moment on screen and whether it plays. */
    const rerun = (spec: RunSpec, prefix?: readonly number[]) => {
      const next = runsOf(spec, scoping, prefix);
      const cursorMs = Math.min(get().cursorMs, next.endMs);
      // A tape's run changed at a moment is a new run: its tape is the one a link must carry.
      const kept = spec.tape === null ? spec : { ...spec, tape: next.run.tape };
      set({ spec: kept, ...next, cursorMs, playing: get().playing && cursorMs < next.endMs });
    };
    /**
     * Runs again with other faults. Before the earliest fault that changed, nothing changed: a
     * seeded run replays the same draws, and a tape's run (a link's, an explorer's witness) keeps
     * its recorded choices up to that moment and plays the seed after it, in the same scope.
     */
    const refault = (faults: RunSpec['faults']) => {
      const { spec, run } = get();
      if (spec.tape === null) return rerun({ ...spec, faults });
      const fromMs = earliestChange(spec.faults, faults);
      const prefix = run.points.filter((p) => p.atMs < fromMs).map((p) => p.index);
      rerun({ ...spec, faults }, prefix);
    };
    /** Counts the runs asked for, so a world that loads late does not open a run since replaced. */
    let asked = 0;
    /**
     * Opens a new run now, or once its world has loaded: the resource world is a chunk of its
     * own. If it cannot load, the run on screen stays, and a notice offers to try again.
     */
    const whenLoaded = (spec: RunSpec, open: () => void): Promise<void> => {
      const ticket = ++asked;
      if (get().retryLoad) set({ retryLoad: null }); // a newer run replaces the one that failed
      if (!needsResourceKit(spec.scenario)) return Promise.resolve(open());
      const retry = () => {
        set({ retryLoad: null });
        void whenLoaded(spec, open);
      };
      return loadResourceKit().then(
        () => void (ticket === asked && open()),
        () => void (ticket === asked && set({ retryLoad: retry })),
      );
    };
    return {
      spec: first.spec,
      scoping,
      run: first.run,
      timeline: first.timeline,
      compared: first.compared,
      endMs: first.endMs,
      retryLoad: null,
      select(change) {
        const spec = changed(get().spec, change);
        // Turning a comparison on or off keeps the moment on screen: the main run is unchanged.
        if (onlyCompare(change)) return rerun(spec);
        // A new run starts from the beginning, paused: the learner predicts, then plays.
        void whenLoaded(spec, () => {
          const { problem, ...next } = runsFor(spec, scoping);
          set({ ...next, cursorMs: 0, playing: false, ...noticed(get().badParams, problem) });
        });
      },
      injectFault(fault) {
        // Just after the moment on screen: every record already shown (times are whole
        // milliseconds) happened before the fault, so what the learner saw stays as it was.
        const placed = { ...fault, atMs: Math.floor(get().cursorMs) + 1 };
        refault([...get().spec.faults, placed]);
      },
      removeFault: (index) => refault(get().spec.faults.toSpliced(index, 1)),
      clearFaults: () => refault([]),
      openScene({ spec, at }) {
        return whenLoaded(spec, () => {
          const { problem, ...next } = runsFor(spec, scoping);
          const cursorMs = at === 'end' ? next.endMs : Math.min(at, next.endMs);
          set({ ...next, cursorMs, playing: false, ...noticed(get().badParams, problem) });
        });
      },
    };
  };

/** The time of the earliest fault in one list and not the other, counting repeats. */
function earliestChange(before: RunSpec['faults'], after: RunSpec['faults']): number {
  const left = after.map((fault) => JSON.stringify(fault));
  const times: number[] = [];
  for (const fault of before) {
    const at = left.indexOf(JSON.stringify(fault));
    if (at === -1) times.push(fault.atMs);
    else left.splice(at, 1);
  }
  for (const fault of left) times.push((JSON.parse(fault) as { atMs: number }).atMs);
  return Math.min(...times);
}

/** The notice's list with one more problem, or nothing to change. */
const noticed = (badParams: string[], problem: string | null) =>
  problem === null ? {} : { badParams: [...badParams, problem] };
