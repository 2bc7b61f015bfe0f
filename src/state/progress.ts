import { LESSON_OUTLINE } from '../scenarios/outline.ts';

/**
 * How far a learner has come in each lesson, kept in the browser. What storage returns is
 * checked, not trusted: a corrupt or foreign value loses only the entries that make no sense.
 */
export interface LessonProgress {
  /** The step last seen, from 0. */
  step: number;
  done: boolean;
}
export type Progress = Readonly<Record<string, LessonProgress>>;

export const PROGRESS_STORAGE_KEY = 'idempotency-lab.progress';

export function parseProgress(text: string | null): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? '{}');
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const progress: Record<string, LessonProgress> = {};
  for (const lesson of LESSON_OUTLINE) {
    const entry = (raw as Record<string, unknown>)[lesson.id] as Partial<LessonProgress> | null;
    const step = entry?.step;
    if (typeof step !== 'number' || !Number.isInteger(step)) continue;
    if (step < 0 || step >= lesson.steps) continue;
    progress[lesson.id] = { step, done: entry?.done === true };
  }
  return progress;
}

/** The progress after a learner reached `step` of a lesson (finishing it when `done`). */
export function advance(progress: Progress, lessonId: string, step: number, done = false) {
  const before = progress[lessonId];
  return { ...progress, [lessonId]: { step, done: done || before?.done === true } };
}
