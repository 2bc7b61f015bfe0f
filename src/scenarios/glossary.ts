import { scene, type Scene } from './spec.ts';

/**
 * The glossary's terms, in the order a learner meets them, each with the run that shows it where
 * the lab has one. Their words live in src/i18n/glossary.ts, typed by this list.
 */
export interface GlossaryTerm {
  id: string;
  /** A run that shows the term at work, opened by "see it in the lab". */
  lab?: Scene;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  { id: 'idempotency', lab: scene('lost-response', { strategy: 'atomic-key', at: 'end' }) },
  { id: 'side-effect', lab: scene('lost-response', { at: 'end' }) },
  { id: 'retry', lab: scene('lost-response') },
  { id: 'timeout', lab: scene('slow-server-timeout') },
  { id: 'safe-method', lab: scene('method-retries', { at: 'end' }) },
  { id: 'idempotent-method', lab: scene('delete-twice', { at: 'end' }) },
  { id: 'idempotency-key', lab: scene('lost-response', { strategy: 'atomic-key' }) },
  { id: 'scope' },
  { id: 'replay', lab: scene('lost-response', { strategy: 'atomic-key', at: 'end' }) },
  { id: 'check-then-act', lab: scene('concurrent-retries', { strategy: 'naive-cache' }) },
  { id: 'unique-constraint', lab: scene('concurrent-retries', { strategy: 'atomic-key' }) },
  { id: 'fingerprint', lab: scene('payload-mismatch', { strategy: 'fingerprinted' }) },
  { id: 'in-flight-lock', lab: scene('concurrent-retries', { strategy: 'locked-key' }) },
  { id: 'retention', lab: scene('key-expired', { strategy: 'atomic-key' }) },
  { id: 'fail-open-closed', lab: scene('key-store-down', { strategy: 'atomic-key' }) },
  {
    id: 'recovery-point',
    lab: scene('crash-after-provider-charge', { strategy: 'recovery-points' }),
  },
  { id: 'derived-key', lab: scene('crash-after-provider-charge', { strategy: 'recovery-points' }) },
  { id: 'completer', lab: scene('crash-after-provider-charge', { strategy: 'recovery-points' }) },
  { id: 'lease' },
  { id: 'fencing' },
  { id: 'at-least-once', lab: scene('duplicate-delivery') },
  { id: 'effectively-once' },
  { id: 'outbox' },
  { id: 'idempotent-consumer' },
  { id: 'etag', lab: scene('lost-update-prevented') },
  { id: 'if-match', lab: scene('lost-update-prevented') },
  { id: 'lost-update', lab: scene('lost-update', { at: 'end' }) },
  { id: 'precondition', lab: scene('conditional-retry', { at: 'end' }) },
  { id: 'backoff', lab: scene('retry-storm') },
  { id: 'jitter', lab: scene('retry-storm-jitter') },
  { id: 'retry-storm', lab: scene('retry-storm') },
  { id: 'retry-budget' },
  { id: 'retry-after' },
  { id: 'invariant', lab: scene('lost-response', { at: 'end' }) },
  { id: 'seed', lab: scene('flaky-network') },
];

export const GLOSSARY_IDS = GLOSSARY.map((term) => term.id);
