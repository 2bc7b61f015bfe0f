import { scoped } from '../explore/scope.ts';
import { encodeScope, parseScopeFor } from '../scenarios/scope.ts';

/**
 * What the page needs to open an explorer's witness — a run in a small scope: reading and writing
 * the scope in a link, and the scope as the run's settings shape. Few links name a scope, so the
 * page loads this only when its link does (src/ui/main.tsx): the first screen stays within its
 * budget. It comes into the URL parser, the link writer and the store as a parameter, as the
 * browser does.
 */
export const scoping = { parse: parseScopeFor, encode: encodeScope, shape: scoped };

export type Scoping = typeof scoping;
