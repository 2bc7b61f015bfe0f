import type { ServerSettings } from '../model/settings.ts';
import type { StrategyInfo } from '../model/strategies.ts';

/**
 * What a payment API's reference should tell its clients about idempotency, read off the strategy
 * and settings the simulated server runs with. The words live in the i18n layer; a test runs the
 * scenarios that show each behaviour and holds every line of this to what the server really did.
 */
export type IdempotencyDoc =
  /** The endpoint reads no Idempotency-Key: every request runs, repeats and copies included. */
  { key: 'ignored' } | KeyedDoc;

export interface KeyedDoc {
  /** Whether a key is required (400 without one). A repeat after the first finished gets its
   * answer again, marked Idempotent-Replayed. */
  key: 'optional' | 'required';
  /** How long a finished key is honoured, in ms; null: for ever. */
  retentionMs: number | null;
  /** An error after the work began (a declined card): replayed like a success, or run again. */
  errors: 'replayed' | 'runs-again';
  /** A repeat while the first is still running. */
  concurrent: 'waits-then-replayed' | 'conflict-409' | 'runs-again';
  /** The same key with a different body. */
  otherBody: 'rejected-422' | 'first-answer';
  /**
   * The key store cannot be reached. `runs-unprotected-500`: the provider's own key stops a second
   * charge, and UNIQUE (charge_id) a second row, so a repeat fails with 500.
   */
  keyStoreDown: 'refused-503' | 'runs-unprotected' | 'runs-unprotected-500';
}

export type DocServer = Pick<
  ServerSettings,
  'keyRequired' | 'keyTtlMs' | 'keyStoreFailure' | 'storeErrors' | 'chargeIdUnique'
>;

export function idempotencyDoc(strategy: StrategyInfo, server: DocServer): IdempotencyDoc {
  if (strategy.keys === 'ignore') return { key: 'ignored' };
  return {
    key: server.keyRequired ? 'required' : 'optional',
    retentionMs: server.keyTtlMs,
    errors: server.storeErrors ? 'replayed' : 'runs-again',
    concurrent: concurrentRepeat(strategy),
    otherBody: strategy.checksFingerprint ? 'rejected-422' : 'first-answer',
    keyStoreDown: keyStoreDown(strategy, server),
  };
}

function keyStoreDown(strategy: StrategyInfo, server: DocServer): KeyedDoc['keyStoreDown'] {
  if (server.keyStoreFailure === 'fail-closed') return 'refused-503';
  const refusedTwice = strategy.recoveryPoints && server.chargeIdUnique !== false;
  return refusedTwice ? 'runs-unprotected-500' : 'runs-unprotected';
}

/** The textbook cache has no answer yet for a second request; a claim waits; a lock says 409. */
function concurrentRepeat(strategy: StrategyInfo): KeyedDoc['concurrent'] {
  switch (strategy.keys) {
    case 'claim':
      return 'waits-then-replayed';
    case 'lock':
      return 'conflict-409';
    default:
      return 'runs-again';
  }
}
