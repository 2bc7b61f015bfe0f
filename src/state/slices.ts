import type { RunResult } from '../model/run.ts';
import type { ScriptedFault } from '../model/settings.ts';
import type { Timeline } from '../report/timeline.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { RunSpec, Scene } from '../scenarios/spec.ts';
import type { Progress } from './progress.ts';
import type { Route } from './route.ts';
import type { Scoping } from './scoping.ts';

/**
 * The store's slices, as types only: each slice's creator (runSlice.ts, playbackSlice.ts,
 * uiSlice.ts, courseSlice.ts) reads the others through `get`, so their shapes live here, where
 * every creator can see them without importing another creator.
 */

/** A run with its timeline, built once. */
export interface Played {
  run: RunResult;
  timeline: Timeline;
}

/**
 * The run on screen: the spec, a handle to the run it produced (never a copy of engine state:
 * views derive everything from the trace at the cursor), and the compared run, if any.
 */
export interface RunSlice extends Played {
  spec: RunSpec;
  /** How a spec's explorer scope runs and is written in a link; null when the page has none. */
  scoping: Scoping | null;
  /** The same scenario, seed and faults under the compared strategy, when comparing. */
  compared: Played | null;
  /** Where playback ends: the longer of the two runs when comparing. */
  endMs: number;
  /**
   * Set when the run asked for could not open because its world's code did not load (offline):
   * asks for it again. Null otherwise.
   */
  retryLoad: (() => void) | null;
  /** Opens another run; one in the resource world may wait for its code to load. */
  select(change: Partial<RunSpec>): void;
  /**
   * Adds a fault at the cursor, whatever moment it names, and re-runs; what came before the
   * cursor stays as it was.
   */
  injectFault(fault: ScriptedFault): void;
  removeFault(index: number): void;
  /** Takes every injected fault out of the run (Reset only rewinds; the faults stay in it). */
  clearFaults(): void;
  /**
   * Opens a scene — a lesson step's, an interview answer's — at its moment, paused; the promise
   * says when it is on screen (a resource scenario's world may have to load first).
   */
  openScene(scene: Scene): Promise<void>;
}

/**
 * Playback speeds: virtual milliseconds per real millisecond while messages are in flight. The
 * pauses at key moments scale with it (report/pacing.ts), so 0.05× and 0.025× also read slower.
 */
export const SPEEDS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2] as const;
export type Speed = (typeof SPEEDS)[number];

export interface PlaybackSlice {
  /** The virtual time on screen, in ms: views show the run as it was then. */
  cursorMs: number;
  playing: boolean;
  speed: Speed;
  play(): void;
  pause(): void;
  togglePlay(): void;
  /**
   * Steps go EVENT BY EVENT (every distinct record time of either run on screen), not key moment
   * by key moment: the keyboard, the buttons and an embedding deck's clicker all step the same
   * way, and event by event never skips what a view draws. Key moment by key moment is what
   * playing with `pauseAtMoments` does.
   */
  stepForward(): void;
  stepBack(): void;
  reset(): void;
  seek(ms: number): void;
  setSpeed(speed: Speed): void;
  /**
   * Event-by-event mode: playing runs to the next captioned moment and waits there for the
   * learner (Play goes on); off, it holds each moment long enough to read and goes on by itself.
   */
  pauseAtMoments: boolean;
  setPauseAtMoments(on: boolean): void;
  /**
   * The timeline's marks (faults, charges, broken invariants) are hidden while a lesson asks the
   * learner to predict what the run will do: they would give the answer away.
   */
  marksHidden: boolean;
  hideMarks(hidden: boolean): void;
  /** Moves the cursor on by `virtualMs`; playing stops at the end of the run. */
  advance(virtualMs: number): void;
}

export interface UiSlice {
  lang: Lang;
  /** Parameters from the link that were invalid, shown once in a friendly notice. */
  badParams: string[];
  setLang(lang: Lang): void;
  dismissNotice(): void;
}

/** The course: which page is open, and how far the learner has come (kept in the browser). */
export interface CourseSlice {
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
}

export type LabState = RunSlice & PlaybackSlice & UiSlice & CourseSlice;
