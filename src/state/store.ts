import { create } from 'zustand';
import type { RunResult } from '../model/run.ts';
import { runScenario } from '../scenarios/run.ts';
import { buildTimeline, nextStop, previousStop, type Timeline } from '../report/timeline.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { ScriptedFault } from '../model/settings.ts';
import { DEFAULT_SELECTION, type Selection } from './url.ts';
import type { LabSetup } from '../scenarios/setup.ts';
import { advance, type Progress } from './progress.ts';
import { LAB, type Route } from './route.ts';

/**
 * One store, from typed slices with their actions beside them. It holds the selection, a handle
 * to the run it produced (with its timeline, built once) and the playback cursor — never a copy of
 * engine state: views derive everything from the trace at the cursor.
 */
interface RunSlice {
  selection: Selection;
  run: RunResult;
  timeline: Timeline;
  /** The same scenario, seed and faults under the compared strategy, when comparing. */
  compared: { run: RunResult; timeline: Timeline } | null;
  /** Where playback ends: the longer of the two runs when comparing. */
  endMs: number;
  select(change: Partial<Selection>): void;
  /**
   * Adds a fault at the cursor, whatever moment it names, and re-runs; what came before the
   * cursor stays as it was.
   */
  injectFault(fault: ScriptedFault): void;
  removeFault(index: number): void;
  /** Takes every injected fault out of the run (Reset only rewinds; the faults stay in it). */
  clearFaults(): void;
}

/** Playback speeds: virtual milliseconds per real millisecond while messages are in flight. */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2] as const;
export type Speed = (typeof SPEEDS)[number];
export const DEFAULT_SPEED: Speed = 0.1;
/** Stretches with nothing on the wire (a client waiting out its timeout) play this much faster. */
export const IDLE_FAST_FORWARD = 8;

interface PlaybackSlice {
  /** The virtual time on screen, in ms: views show the run as it was then. */
  cursorMs: number;
  playing: boolean;
  speed: Speed;
  play(): void;
  pause(): void;
  togglePlay(): void;
  stepForward(): void;
  stepBack(): void;
  reset(): void;
  seek(ms: number): void;
  setSpeed(speed: Speed): void;
  /**
   * The timeline's marks (faults, charges, broken invariants) are hidden while a lesson asks the
   * learner to predict what the run will do: they would give the answer away.
   */
  marksHidden: boolean;
  hideMarks(hidden: boolean): void;
  /** Moves the cursor on by `virtualMs`; playing stops at the end of the run. */
  advance(virtualMs: number): void;
}

interface UiSlice {
  lang: Lang;
  /** Parameters from the link that were invalid, shown once in a friendly notice. */
  badParams: string[];
  setLang(lang: Lang): void;
  dismissNotice(): void;
}

/** The course: which page is open, and how far the learner has come (kept in the browser). */
interface CourseSlice {
  route: Route;
  /** A link's hash that named no page, shown once in a notice. */
  routeProblem: string | null;
  progress: Progress;
  /**
   * Opens a page; a lesson step sets the simulator up as the step says, once the lessons have
   * loaded (the promise says when).
   */
  setRoute(route: Route, problem?: string | null): Promise<void>;
  /** Marks a lesson done; the page it leads to says so, once. */
  finishLesson(lessonId: string): void;
  /** The lesson just finished, shown on the first page opened after it; null otherwise. */
  justFinished: string | null;
  /** Puts the simulator in a lesson's or an interview answer's state. */
  applySetup(lab: LabSetup): void;
}

export type LabState = RunSlice & PlaybackSlice & UiSlice & CourseSlice;

export const LANG_STORAGE_KEY = 'idempotency-lab.lang';

function runFor(selection: Selection) {
  const run = runScenario(selection);
  const timeline = buildTimeline(run.trace);
  const compared =
    selection.compare && run.world === 'payments'
      ? runOne({ ...selection, strategy: selection.compare })
      : null;
  const endMs = Math.max(timeline.endMs, compared?.timeline.endMs ?? 0);
  return { run, timeline, compared, endMs };
}

function runOne(selection: Selection) {
  const run = runScenario(selection);
  return { run, timeline: buildTimeline(run.trace) };
}

export function createLabStore(initial: {
  selection: Selection;
  lang: Lang;
  badParams: string[];
  progress?: Progress;
}) {
  return create<LabState>()((set, get) => {
    /** The setup of the lesson step last opened, and a count that tells a stale load to stop. */
    let stepSetup = Promise.resolve();
    let stepLoads = 0;
    const clamp = (ms: number) => Math.min(Math.max(0, ms), get().endMs);
    /** Runs again with changed faults, keeping the moment on screen and whether it plays. */
    const rerun = (selection: Selection) => {
      const next = runFor(selection);
      const cursorMs = Math.min(get().cursorMs, next.endMs);
      set({
        selection,
        ...next,
        cursorMs,
        playing: get().playing && cursorMs < next.endMs,
      });
    };
    return {
      selection: initial.selection,
      ...runFor(initial.selection),
      select(change) {
        // A new scenario, strategy or seed drops injected faults: they belonged to the old run.
        const fresh = 'faults' in change || 'compare' in change ? {} : { faults: [] };
        const merged = { ...get().selection, ...fresh, ...change };
        // Comparing a strategy with itself shows nothing: that comparison ends.
        const selection =
          merged.compare === merged.strategy ? { ...merged, compare: null } : merged;
        // Turning a comparison on or off keeps the moment on screen: the main run is unchanged.
        if (Object.keys(change).every((key) => key === 'compare')) return rerun(selection);
        // A new run starts from the beginning, paused: the learner predicts, then plays.
        set({ selection, ...runFor(selection), cursorMs: 0, playing: false });
      },
      injectFault(fault) {
        const { selection, cursorMs } = get();
        // Just after the moment on screen: every record already shown (times are whole
        // milliseconds) happened before the fault, so what the learner saw stays as it was.
        const placed = { ...fault, atMs: Math.floor(cursorMs) + 1 };
        rerun({ ...selection, faults: [...selection.faults, placed] });
      },
      removeFault(index) {
        const { selection } = get();
        rerun({ ...selection, faults: selection.faults.toSpliced(index, 1) });
      },
      clearFaults() {
        rerun({ ...get().selection, faults: [] });
      },

      cursorMs: 0,
      playing: false,
      speed: DEFAULT_SPEED,
      play() {
        // Playing from the end starts over, as a video player does.
        if (get().cursorMs >= get().endMs) set({ cursorMs: 0 });
        set({ playing: true });
      },
      pause: () => set({ playing: false }),
      togglePlay() {
        if (get().playing) get().pause();
        else get().play();
      },
      stepForward: () => set({ playing: false, cursorMs: nextMoment(get(), get().cursorMs) }),
      stepBack: () => set({ playing: false, cursorMs: previousMoment(get(), get().cursorMs) }),
      reset: () => set({ playing: false, cursorMs: 0 }),
      seek: (ms) => set({ cursorMs: clamp(ms) }),
      setSpeed: (speed) => set({ speed }),
      marksHidden: false,
      hideMarks: (hidden) => set({ marksHidden: hidden }),
      advance(virtualMs) {
        const cursorMs = clamp(get().cursorMs + virtualMs);
        set({ cursorMs, playing: get().playing && cursorMs < get().endMs });
      },

      lang: initial.lang,
      badParams: initial.badParams,
      setLang: (lang) => set({ lang }),
      dismissNotice: () => set({ badParams: [], routeProblem: null }),

      route: LAB,
      routeProblem: null,
      progress: initial.progress ?? {},
      justFinished: null,
      setRoute(route, problem = null) {
        const before = get().route;
        // "Lesson done" belongs to the move that finished it: the first page after, no later.
        const finishedHere = before.page === 'lesson' && before.lessonId === get().justFinished;
        set({
          route,
          routeProblem: problem,
          justFinished: finishedHere ? get().justFinished : null,
        });
        const same =
          route.page === 'lesson' &&
          before.page === 'lesson' &&
          before.lessonId === route.lessonId &&
          before.step === route.step;
        if (same) return stepSetup; // the step on screen, or the one still loading, stays
        const load = ++stepLoads; // any other page supersedes a step still loading
        if (route.page !== 'lesson') return (stepSetup = Promise.resolve());
        set({ progress: advance(get().progress, route.lessonId, route.step) });
        // The lessons' setups load with the course, not with the first screen; by the time they
        // are here the learner may have moved on, and then this step's setup is not wanted.
        stepSetup = import('../scenarios/lessons.ts')
          .then(({ lessonById }) => {
            if (load !== stepLoads) return;
            get().applySetup(lessonById(route.lessonId)!.steps[route.step]!.lab);
          })
          // The lesson page needs the same module: it says the course failed to load and offers
          // to try again, so there is nothing more to say here.
          .catch(() => {});
        return stepSetup;
      },
      finishLesson(lessonId) {
        const at = get().progress[lessonId]?.step ?? 0;
        set({ progress: advance(get().progress, lessonId, at, true), justFinished: lessonId });
      },
      applySetup(lab) {
        const selection: Selection = {
          scenario: lab.scenario,
          strategy: lab.strategy,
          seed: lab.seed,
          faults: [...lab.faults],
          compare: lab.compare,
          tweaks: lab.tweaks,
        };
        const next = runFor(selection);
        const cursorMs = lab.at === 'end' ? next.endMs : Math.min(lab.at, next.endMs);
        set({ selection, ...next, cursorMs, playing: false });
      },
    };
  });
}

export type LabStore = ReturnType<typeof createLabStore>;

/** The timelines on screen: the main run, and the compared one when comparing. */
const timelinesOf = (state: LabState): Timeline[] =>
  state.compared ? [state.timeline, state.compared.timeline] : [state.timeline];

/** The next moment something happens in either run, or the end. */
export function nextMoment(state: LabState, t: number): number {
  const next = timelinesOf(state)
    .map((timeline) => nextStop(timeline, t))
    .filter((s) => s > t);
  return next.length ? Math.min(...next) : state.endMs;
}

/** The last moment before `t` when something happened in either run, or the start. */
export function previousMoment(state: LabState, t: number): number {
  return Math.max(...timelinesOf(state).map((timeline) => previousStop(timeline, t)));
}

export const defaultStoreInput = {
  selection: DEFAULT_SELECTION,
  lang: 'en' as Lang,
  badParams: [],
};
