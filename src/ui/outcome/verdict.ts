import type { RunOutcome } from '../../model/outcome.ts';
import type { ResourceOutcome } from '../../model/resourceOutcome.ts';
import type { Messages } from '../../i18n/en.ts';
import { factsOf, type LineFacts } from './lineFacts.ts';

/**
 * Where a run's ledger stands at the cursor. `start`: nothing has reached the server yet, so
 * nothing can be said. `pending`: things happened, no harm yet, but some payment has no answer —
 * one charge may still become two. `harmed` and `fine` are verdicts, earned only by events.
 */
export type Verdict = 'start' | 'pending' | 'harmed' | 'fine';

/**
 * A payment run's verdict: harm as soon as it happens — a duplicate charge, a charge after
 * "failed", or any rule broken (a client told "paid" for a payment never charged is harm too);
 * "fine" only once every payment is settled.
 */
export function verdictOf(facts: LineFacts): Verdict {
  if (facts.duplicateCharges > 0 || facts.chargedAfterFailure > 0 || facts.violations > 0)
    return 'harmed';
  if (facts.requestsHandled === 0 && facts.charges === 0) return 'start';
  return facts.intents === 0 || facts.unsettled > 0 ? 'pending' : 'fine';
}

/** The verdict of a payment run's whole summary. */
export const paymentVerdict = (outcome: RunOutcome): Verdict => verdictOf(factsOf(outcome));

/** A resource run's verdict, by the same rule: lost or doubled changes are harm. */
export function resourceVerdict(outcome: ResourceOutcome): Verdict {
  if (outcome.lostUpdates > 0 || outcome.repeatedEffects > 0) return 'harmed';
  if (outcome.requestsHandled === 0) return 'start';
  const unsettled =
    outcome.perIntent.length === 0 || outcome.perIntent.some((p) => p.outcome === null);
  return unsettled ? 'pending' : 'fine';
}

/** A resource run's headline: changes lost, changes applied twice, or neither. */
export function resourceHeadline(r: Messages['resourceOutcome'], outcome: ResourceOutcome): string {
  if (outcome.lostUpdates > 0) return r.headlineLost(outcome.lostUpdates);
  if (outcome.repeatedEffects > 0) return r.headlineRepeated(outcome.repeatedEffects);
  return r.headlineSafe;
}
