import type { Claim } from './claims.ts';
import { scene, type Scene } from './spec.ts';

/**
 * Interview mode: the questions interviewers ask on this topic. Each has a short model answer
 * (src/i18n/lessons/) and a "show me" setup that opens the simulator in the state that proves it;
 * the answer's claims about that run are checked by the same test as the lessons'.
 */
export interface InterviewQuestion {
  id: string;
  lab: Scene;
  claims: readonly Claim[];
  /** Claims about the compared strategy's run, when "show me" opens two side by side. */
  compareClaims?: readonly Claim[];
}

export const INTERVIEW_QUESTIONS: readonly InterviewQuestion[] = [
  {
    id: 'what-is-idempotency',
    lab: scene('lost-response', { at: 'end' }),
    claims: [{ kind: 'charges', equals: 2 }],
  },
  {
    id: 'which-methods',
    lab: scene('method-retries', { at: 'end' }),
    claims: [
      { kind: 'method', method: 'PUT', safe: false, idempotent: true },
      { kind: 'method', method: 'POST', safe: false, idempotent: false },
    ],
  },
  {
    id: 'design-payments-api',
    // The design the answer describes (a locked key with the request's digest, and a key derived
    // from ours for the provider: recovery points), met by a retry that arrives while the first
    // request still runs: 409, then the stored 201 replayed.
    lab: scene('concurrent-retries', { strategy: 'recovery-points', at: 'end' }),
    claims: [
      { kind: 'charges', equals: 1 },
      { kind: 'client-saw', status: 409 },
      { kind: 'replays', atLeast: 1 },
    ],
  },
  {
    id: 'cache-not-enough',
    lab: scene('concurrent-retries', { strategy: 'naive-cache', compare: 'atomic-key', at: 'end' }),
    claims: [{ kind: 'charges', equals: 2 }],
    compareClaims: [{ kind: 'charges', equals: 1 }],
  },
  {
    id: 'concurrent-duplicate',
    lab: scene('concurrent-retries', { strategy: 'locked-key', at: 'end' }),
    claims: [{ kind: 'client-saw', status: 409 }],
  },
  {
    id: 'external-side-effects',
    lab: scene('crash-after-provider-charge', { strategy: 'recovery-points', at: 'end' }),
    claims: [{ kind: 'charges', equals: 1 }],
  },
  {
    id: 'key-store-fails',
    lab: scene('key-store-down', { strategy: 'atomic-key', compare: 'none', at: 'end' }),
    claims: [{ kind: 'charges', equals: 2 }],
    compareClaims: [{ kind: 'charges', equals: 2 }],
  },
  {
    id: 'how-long-keep-keys',
    lab: scene('key-expired', { strategy: 'atomic-key', at: 'end' }),
    claims: [{ kind: 'charges', equals: 2 }],
  },
  {
    id: 'store-errors',
    lab: scene('declined-late-copy', { strategy: 'atomic-key', compare: 'none', at: 'end' }),
    claims: [
      { kind: 'charges', equals: 0 },
      { kind: 'late-replays', atLeast: 1 },
    ],
    compareClaims: [
      { kind: 'charges', equals: 1 },
      { kind: 'invariant', name: 'outcomeConsistency', broken: true },
    ],
  },
  {
    id: 'lost-update',
    lab: scene('lost-update-prevented', { at: 'end' }),
    claims: [
      { kind: 'lost-updates', equals: 0 },
      { kind: 'client-saw', status: 412 },
    ],
  },
  {
    id: 'retry-policy',
    lab: scene('retry-storm-jitter', { strategy: 'atomic-key', at: 'end' }),
    claims: [{ kind: 'peak-retries', min: 1, max: 6 }],
  },
];
