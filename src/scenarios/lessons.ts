import type { ScriptedFault } from '../model/settings.ts';
import type { Claim } from './claims.ts';
import { scene, type Scene } from './spec.ts';

/**
 * The course: lessons as data. A step sets up the simulator, may ask the learner to predict or to
 * act, and declares every claim its text makes (claims.ts) — a test runs each step and checks
 * them. The words live in src/i18n/lessons/, keyed by lesson and step id, in both languages.
 */
export interface LessonStep {
  id: string;
  /** What the simulator shows for this step; a deep link to the step opens exactly this. */
  lab: Scene;
  /** Claims about `lab`'s run that the step's text makes. */
  claims: readonly Claim[];
  /** Predict, then reveal: the choice ids (texts in i18n) and the right one. */
  predict?: { choices: readonly string[]; answer: string };
  /**
   * The learner must do something, such as drop a response, before going on: the step waits
   * until the live run (with the learner's faults) satisfies `until`. `example` is one way to
   * do it; the test checks that it works, and "Do it for me" uses it.
   */
  act?: { until: readonly Claim[]; example: readonly ScriptedFault[] };
  /** Claims about the compared strategy's run, when the step shows two side by side. */
  compareClaims?: readonly Claim[];
  /** An extra panel beside the text: the computed method table, or the store's SQL. */
  show?: 'method-table' | 'sql' | 'api-doc';
}

export interface Lesson {
  id: string;
  steps: readonly LessonStep[];
}

/** `n` charges for the step's one payment: every one after the first is a duplicate. */
const charged = (n: number): Claim[] => [
  { kind: 'charges', equals: n },
  { kind: 'duplicate-charges', equals: n - 1 },
];

/** Twelve customers, each charged exactly once. */
const TWELVE_ONCE: Claim[] = [
  { kind: 'charges', equals: 12 },
  { kind: 'duplicate-charges', equals: 0 },
];

/** The response of happy-path leaves the server at 168 ms: a drop armed before then takes it. */
const DROP_RESPONSE: ScriptedFault = { kind: 'drop-next', direction: 'response', atMs: 100 };

/** Armed at once: the first request to commit takes the server down before it can answer. */
const CRASH_AFTER_COMMIT: ScriptedFault = { kind: 'crash', point: 'after-commit', atMs: 1 };

export const LESSONS: readonly Lesson[] = [
  {
    id: 'what-idempotency-means',
    steps: [
      { id: 'once', lab: scene('happy-path'), claims: charged(1) },
      {
        id: 'lost-response',
        lab: scene('lost-response'),
        claims: [...charged(2), { kind: 'invariant', name: 'atMostOnce', broken: true }],
        predict: { choices: ['once', 'twice', 'never'], answer: 'twice' },
      },
      {
        id: 'crash-after-commit',
        lab: scene('crash-after-commit'),
        claims: charged(2),
      },
      {
        id: 'your-turn',
        lab: scene('happy-path'),
        claims: charged(1),
        act: {
          until: [{ kind: 'some-duplicate' }, { kind: 'dropped', direction: 'response' }],
          example: [DROP_RESPONSE],
        },
      },
      {
        id: 'what-goes-wrong',
        lab: scene('double-click'),
        claims: charged(2),
      },
    ],
  },
  {
    id: 'http-methods',
    steps: [
      {
        id: 'table',
        lab: scene('method-retries'),
        show: 'method-table',
        claims: [
          { kind: 'method', method: 'GET', safe: true, idempotent: true },
          { kind: 'method', method: 'HEAD', safe: true, idempotent: true },
          { kind: 'method', method: 'OPTIONS', safe: true, idempotent: true },
          { kind: 'method', method: 'PUT', safe: false, idempotent: true },
          { kind: 'method', method: 'DELETE', safe: false, idempotent: true },
          { kind: 'method', method: 'POST', safe: false, idempotent: false },
        ],
      },
      {
        id: 'delete-twice',
        lab: scene('delete-twice'),
        claims: [
          { kind: 'client-saw', status: 404 },
          { kind: 'repeated-effects', equals: 0 },
        ],
      },
      {
        id: 'post-and-patch',
        lab: scene('method-retries'),
        claims: [
          { kind: 'method', method: 'PATCH', safe: false, idempotent: false },
          { kind: 'repeated-effects', equals: 2 },
          { kind: 'repeated-effect', method: 'POST' },
          { kind: 'repeated-effect', method: 'PATCH' },
        ],
        predict: { choices: ['none', 'post', 'post-and-patch'], answer: 'post-and-patch' },
      },
    ],
  },
  {
    id: 'idempotency-key',
    steps: [
      {
        id: 'textbook',
        lab: scene('lost-response', { strategy: 'naive-cache' }),
        claims: [...charged(1), { kind: 'replays', atLeast: 1 }],
      },
      {
        id: 'race',
        lab: scene('concurrent-retries', { strategy: 'naive-cache' }),
        claims: charged(2),
        predict: { choices: ['one', 'two'], answer: 'two' },
      },
      {
        id: 'crash-before-caching',
        lab: scene('happy-path', { strategy: 'naive-cache' }),
        claims: charged(1),
        act: {
          until: [{ kind: 'some-duplicate' }, { kind: 'crashed', point: 'after-commit' }],
          example: [CRASH_AFTER_COMMIT],
        },
      },
    ],
  },
  {
    id: 'database-constraints',
    steps: [
      {
        id: 'unique-key',
        lab: scene('lost-response', { strategy: 'atomic-key' }),
        show: 'sql',
        claims: [...charged(1), { kind: 'replays', atLeast: 1 }],
      },
      {
        id: 'race-closed',
        lab: scene('concurrent-retries', { strategy: 'atomic-key' }),
        claims: charged(1),
        predict: { choices: ['one', 'two'], answer: 'one' },
      },
      {
        id: 'crash-closed',
        lab: scene('crash-after-commit', { strategy: 'atomic-key' }),
        claims: charged(1),
      },
    ],
  },
  {
    id: 'conditional-requests',
    steps: [
      {
        id: 'lost-update',
        lab: scene('lost-update'),
        claims: [
          { kind: 'lost-updates', equals: 1 },
          { kind: 'final-field', path: '/accounts/42', field: 'balance', equals: 120 },
        ],
      },
      {
        id: 'if-match',
        lab: scene('lost-update-prevented'),
        claims: [
          { kind: 'lost-updates', equals: 0 },
          { kind: 'client-saw', status: 412 },
          { kind: 'final-field', path: '/accounts/42', field: 'balance', equals: 130 },
        ],
      },
      {
        id: 'already-done',
        lab: scene('conditional-retry'),
        claims: [
          { kind: 'client-saw', status: 412 },
          { kind: 'already-applied', atLeast: 1 },
        ],
        predict: { choices: ['conflict', 'already-done', 'server-error'], answer: 'already-done' },
      },
    ],
  },
  {
    id: 'best-practices',
    steps: [
      {
        id: 'client-keys',
        lab: scene('new-key-per-retry', { strategy: 'atomic-key' }),
        claims: charged(2),
      },
      {
        id: 'retention',
        lab: scene('key-expired', { strategy: 'atomic-key' }),
        claims: charged(2),
        predict: { choices: ['replayed', 'charged-again'], answer: 'charged-again' },
      },
      {
        id: 'same-response',
        lab: scene('payload-mismatch', { strategy: 'fingerprinted' }),
        claims: [...charged(1), { kind: 'client-saw', status: 422 }],
      },
      {
        id: 'errors-replayed',
        lab: scene('declined-late-copy', { strategy: 'atomic-key' }),
        claims: [
          { kind: 'charges', equals: 0 },
          { kind: 'client-saw', status: 402 },
          { kind: 'late-replays', atLeast: 1 },
          { kind: 'invariant', name: 'outcomeConsistency', broken: false },
        ],
        predict: { choices: ['charged', 'replayed', 'conflict'], answer: 'replayed' },
      },
      {
        id: 'errors-forgotten',
        lab: scene('declined-late-copy', {
          strategy: 'atomic-key',
          tweaks: { errors: 'forget' },
        }),
        claims: [
          ...charged(1),
          { kind: 'client-saw', status: 402 },
          { kind: 'invariant', name: 'outcomeConsistency', broken: true },
        ],
      },
      {
        id: 'atomic',
        lab: scene('lost-response', { strategy: 'atomic-key', compare: 'naive-cache' }),
        claims: charged(1),
        compareClaims: charged(1),
      },
      {
        id: 'document',
        lab: scene('concurrent-retries', { strategy: 'fingerprinted' }),
        claims: [
          ...charged(1),
          { kind: 'client-saw', status: 409 },
          { kind: 'replays', atLeast: 1 },
        ],
        show: 'api-doc',
      },
    ],
  },
  {
    id: 'interview-follow-ups',
    steps: [
      {
        id: 'downstream',
        lab: scene('crash-after-provider-charge', {
          strategy: 'atomic-key',
          compare: 'recovery-points',
        }),
        claims: charged(2),
        compareClaims: charged(1),
      },
      {
        id: 'recovery-points',
        lab: scene('crash-after-provider-charge', { strategy: 'recovery-points' }),
        claims: [...charged(1), { kind: 'client-saw', status: 409 }],
      },
      {
        id: 'key-store-down',
        lab: scene('key-store-down', { strategy: 'atomic-key' }),
        claims: charged(2),
        predict: { choices: ['fail-open', 'fail-closed'], answer: 'fail-closed' },
      },
      {
        id: 'fail-closed',
        lab: scene('key-store-down-fail-closed', { strategy: 'atomic-key' }),
        claims: [...charged(1), { kind: 'client-saw', status: 503 }],
      },
    ],
  },
  {
    id: 'retries',
    steps: [
      {
        id: 'storm',
        lab: scene('retry-storm', { strategy: 'atomic-key' }),
        claims: [...TWELVE_ONCE, { kind: 'peak-retries', min: 12, max: 12 }],
      },
      {
        id: 'jitter',
        lab: scene('retry-storm-jitter', { strategy: 'atomic-key' }),
        claims: [...TWELVE_ONCE, { kind: 'peak-retries', min: 1, max: 6 }],
      },
      {
        id: 'conflict',
        lab: scene('concurrent-retries', { strategy: 'locked-key' }),
        claims: [...charged(1), { kind: 'client-saw', status: 409 }],
      },
      {
        id: 'too-many',
        lab: scene('retry-storm', { strategy: 'atomic-key', tweaks: { maxInProgress: 4 } }),
        claims: [...TWELVE_ONCE, { kind: 'client-saw', status: 429 }],
      },
      {
        id: 'budget',
        lab: scene('retry-storm', { strategy: 'atomic-key', tweaks: { retryBudget: 'on' } }),
        claims: [
          { kind: 'charges', equals: 0 },
          { kind: 'requests', equals: 17 },
          { kind: 'retries-refused', atLeast: 7 },
        ],
        predict: { choices: ['all', 'some', 'none'], answer: 'none' },
      },
    ],
  },
];

export function lessonById(id: string): Lesson | null {
  return LESSONS.find((l) => l.id === id) ?? null;
}
