import type { SettleParams } from './effects.ts';
import type { Method } from './http.ts';

/** What was wrong, as data: the i18n layer turns it into a sentence in either language. */
export type ViolationFacts =
  | { kind: 'charged-twice'; intentId: string; charges: number }
  | { kind: 'answer-mismatch'; intentId: string; charges: number; seen: SettleParams['outcome'] }
  | { kind: 'money-mismatch'; charged: number; customerLost: number; merchantGained: number }
  /** The books: a second payment row for one payment, or for one charge of the provider. */
  | { kind: 'recorded-twice'; intentId: string; rows: string[] }
  | { kind: 'charge-recorded-twice'; chargeId: string; rows: string[] }
  | ResourceViolationFacts;

/** The resource world's violations (resourceInvariants.ts). */
export type ResourceViolationFacts =
  | { kind: 'update-lost'; path: string; by: string; erased: string[] }
  | { kind: 'repeat-changed-state'; intentId: string; method: Method; path: string };
