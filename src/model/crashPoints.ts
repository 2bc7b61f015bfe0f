/**
 * Where a server process can crash, named by what has happened to the request so far. A leaf of
 * the model's vocabulary: settings, strategies, effects and the trace all speak of crash points.
 */
export type CrashPoint = 'before-commit' | 'after-provider-charge' | 'after-commit';
export const CRASH_POINTS: readonly CrashPoint[] = [
  'before-commit',
  'after-provider-charge',
  'after-commit',
];

/** Where the resource server can crash: before a request's change is applied, or after it. */
export type ResourceCrashPoint = Extract<CrashPoint, 'before-commit' | 'after-commit'>;
export const RESOURCE_CRASH_POINTS: readonly ResourceCrashPoint[] = [
  'before-commit',
  'after-commit',
];
export const isResourceCrashPoint = (point: CrashPoint): point is ResourceCrashPoint =>
  RESOURCE_CRASH_POINTS.some((p) => p === point);
