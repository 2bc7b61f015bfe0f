import type { StateCreator } from 'zustand';
import { advance, type Progress } from './progress.ts';
import { LAB, type Route } from './route.ts';
import type { CourseSlice, LabState } from './slices.ts';

/** The same lesson step as the one open (or still loading): opening it again changes nothing. */
const sameStep = (a: Route, b: Route) =>
  a.page === 'lesson' && b.page === 'lesson' && a.lessonId === b.lessonId && a.step === b.step;

/** Pages, lesson steps and the learner's progress. */
export const courseSlice =
  (progress: Progress): StateCreator<LabState, [], [], CourseSlice> =>
  (set, get) => {
    /** The setup of the lesson step last opened, and a count that tells a stale load to stop. */
    let stepSetup = Promise.resolve();
    let stepLoads = 0;
    /** Opens a lesson step's scene once the lessons are here, unless the learner moved on. */
    const loadStep = (lessonId: string, step: number) => {
      const load = ++stepLoads;
      // The lessons' scenes load with the course, not with the first screen; by the time they
      // are here the learner may have moved on, and then this step's scene is not wanted.
      stepSetup = import('../scenarios/lessons.ts')
        .then(({ lessonById }) => {
          if (load !== stepLoads) return;
          return get().openScene(lessonById(lessonId)!.steps[step]!.lab);
        })
        // The lesson page needs the same module: it says the course failed to load and offers
        // to try again, so there is nothing more to say here.
        .catch(() => {});
      return stepSetup;
    };
    return {
      route: LAB,
      routeProblem: null,
      progress,
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
        if (sameStep(route, before)) return stepSetup; // the step on screen, or the one loading
        if (route.page !== 'lesson') {
          stepLoads++; // any other page supersedes a step still loading
          return (stepSetup = Promise.resolve());
        }
        set({ progress: advance(get().progress, route.lessonId, route.step) });
        return loadStep(route.lessonId, route.step);
      },
      finishLesson(lessonId) {
        const at = get().progress[lessonId]?.step ?? 0;
        set({ progress: advance(get().progress, lessonId, at, true), justFinished: lessonId });
      },
    };
  };
