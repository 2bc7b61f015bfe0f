import { INTERVIEW_IDS, outlineOf } from '../scenarios/outline.ts';

/**
 * Which page is on screen, from the URL's hash: `#/` the lab, `#/course` the table of contents,
 * `#/lesson/<id>/<step>` one step of a lesson (numbered from 1, as people count), `#/interview`
 * the interview questions, `#/matrix` every scenario under every strategy, `#/glossary` the words. The hash leaves the query (the lab's settings and language) alone.
 */
export type Route =
  /** `question`: the interview question whose "show me" opened the lab, to go back to. */
  | { page: 'lab'; question?: string }
  | { page: 'course' }
  /** Every scenario under every strategy, as the catalogue declares and the tests hold it. */
  | { page: 'matrix' }
  /** `term`: the one to bring into view (`#/glossary/lease`). */
  | { page: 'glossary'; term?: string }
  /** `step` counts from 0 here; the hash shows it from 1. */
  | { page: 'lesson'; lessonId: string; step: number }
  /** `question`: the one to bring into view, coming back from the lab. */
  | { page: 'interview'; question?: string };

export const LAB: Route = { page: 'lab' };

/**
 * The route a hash names; a hash that names no page is reported and opens the course. A plain
 * anchor (`#event-log`, the skip link) is not a page: null, and the page stays as it is.
 */
export function parseHash(hash: string): { route: Route; problem: string | null } | null {
  if (hash !== '' && hash !== '#' && !hash.startsWith('#/')) return null;
  let path: string;
  try {
    path = decodeURIComponent(hash.replace(/^#\/?/, '')).replace(/\/+$/, '');
  } catch {
    return { route: { page: 'course' }, problem: hash.slice(0, 80) }; // `#/%`: not even a path
  }
  if (path === '' || path === 'lab') return { route: LAB, problem: null };
  if (path === 'course') return { route: { page: 'course' }, problem: null };
  if (path === 'interview') return { route: { page: 'interview' }, problem: null };
  if (path === 'matrix') return { route: { page: 'matrix' }, problem: null };
  const glossary = /^glossary(?:\/([a-z-]{1,40}))?$/.exec(path);
  // The term is checked by the glossary page, which loads the list: the first screen does not.
  if (glossary) {
    return {
      route: { page: 'glossary', ...(glossary[1] ? { term: glossary[1] } : {}) },
      problem: null,
    };
  }
  const asked = /^(interview|from-interview)\/([a-z0-9-]{1,60})$/.exec(path);
  if (asked && INTERVIEW_IDS.includes(asked[2]!)) {
    const page = asked[1] === 'interview' ? 'interview' : 'lab';
    return { route: { page, question: asked[2]! }, problem: null };
  }
  const lesson = /^lesson\/([a-z0-9-]{1,60})(?:\/(\d{1,3}))?$/.exec(path);
  const found = lesson ? outlineOf(lesson[1]!) : undefined;
  const step = lesson?.[2] === undefined ? 0 : Number(lesson[2]) - 1;
  if (found && step >= 0 && step < found.steps) {
    return { route: { page: 'lesson', lessonId: found.id, step }, problem: null };
  }
  return { route: { page: 'course' }, problem: hash.slice(0, 80) };
}

export function toHash(route: Route): string {
  switch (route.page) {
    case 'lab':
      return route.question ? `#/from-interview/${route.question}` : '#/';
    case 'course':
      return '#/course';
    case 'matrix':
      return '#/matrix';
    case 'glossary':
      return route.term ? `#/glossary/${route.term}` : '#/glossary';
    case 'interview':
      return route.question ? `#/interview/${route.question}` : '#/interview';
    case 'lesson':
      return `#/lesson/${route.lessonId}/${route.step + 1}`;
  }
}
