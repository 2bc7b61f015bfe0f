import type { ServerSettings } from '../model/settings.ts';
import type { StrategyInfo } from '../model/strategies.ts';

/**
 * What a payment API's reference should tell its clients about idempotency, read off the strategy
 * and settings the simulated server runs with. The words live in the i18n layer; a test runs the
 * scenarios that show each behaviour and holds every line of this to what the server really did.
 */
export interface IdempotencyDoc {
  /** Whether the endpoint reads an Idempotency-Key, and whether one is required (400 without). */
  key: 'ignored' | 'optional' | 'required';
  /** How long a finished key is honoured, in ms; null: for ever. */
  retentionMs: number | null;
  /** A repeat after the first request finished: its answer again, or the work again. */
  repeat: 'replayed' | 'runs-again';
  /** An error after the work began (a declined card): replayed like a success, or run again. */
  errors: 'replayed' | 'runs-again';
  /** A repeat while the first is still running. */
  concurrent: 'waits-then-replayed' | 'conflict-409' | 'runs-again';
  /** The same key with a different body. */
  otherBody: 'rejected-422' | 'first-answer' | 'runs-again';
  /** The key store cannot be reached. */
  keyStoreDown: 'refused-503' | 'runs-unprotected' | 'unaffected';
}

export type DocServer = Pick<
  ServerSettings,
  'keyRequired' | 'keyTtlMs' | 'keyStoreFailure' | 'storeErrors'
>;

export function idempotencyDoc(strategy: StrategyInfo, server: DocServer): IdempotencyDoc {
  const keyed = strategy.keys !== 'ignore';
  if (!keyed) {
    return {
      key: 'ignored',
      retentionMs: null,
      repeat: 'runs-again',
      errors: 'runs-again',
      concurrent: 'runs-again',
      otherBody: 'runs-again',
      keyStoreDown: 'unaffected',
    };
  }
  return {
    key: server.keyRequired ? 'required' : 'optional',
    retentionMs: server.keyTtlMs,
    repeat: 'replayed',
    errors: server.storeErrors ? 'replayed' : 'runs-again',
    concurrent: concurrentRepeat(strategy),
    otherBody: strategy.checksFingerprint ? 'rejected-422' : 'first-answer',
    keyStoreDown: server.keyStoreFailure === 'fail-closed' ? 'refused-503' : 'runs-unprotected',
  };
}

/** The textbook cache has no answer yet for a second request; a claim waits; a lock says 409. */
function concurrentRepeat(strategy: StrategyInfo): IdempotencyDoc['concurrent'] {
  switch (strategy.keys) {
    case 'claim':
      return 'waits-then-replayed';
    case 'lock':
      return 'conflict-409';
    default:
      return 'runs-again';
  }
}
