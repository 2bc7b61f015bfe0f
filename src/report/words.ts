import { statusLine, type Body } from '../model/http.ts';
import type { Verdict } from '../model/invariants.ts';
import type { ViolationFacts } from '../model/violations.ts';
import { formatMoney, messagesOf, type Lang } from '../i18n/i18n.ts';

/**
 * The few sentences about a run that the first screen needs (the ledger, the invariants): kept
 * apart from the event log's words (log.ts), which load with the log.
 */

/** `{balance: 110}`: a body in a few characters. */
export const fieldsText = (body: Body): string =>
  `{${Object.entries(body)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')}}`;

export function outcomeText(
  outcome: 'succeeded' | 'failed' | 'unknown' | null,
  status: number | null,
  lang: Lang,
): string {
  const o = messagesOf(lang).outcome.outcomes;
  const word = outcome === null ? o.pending : o[outcome];
  return status === null ? word : `${word} (${statusLine(status)})`;
}

export function describeFacts(facts: ViolationFacts, lang: Lang): string {
  const f = messagesOf(lang).invariants.facts;
  switch (facts.kind) {
    case 'charged-twice':
      return f.chargedTwice(facts.intentId, facts.charges);
    case 'answer-mismatch':
      return f.answerMismatch(
        facts.intentId,
        messagesOf(lang).outcome.outcomes[facts.seen],
        facts.charges,
      );
    case 'money-mismatch':
      return f.moneyMismatch(
        formatMoney(lang, facts.charged),
        formatMoney(lang, facts.customerLost),
        formatMoney(lang, facts.merchantGained),
      );
    case 'update-lost':
      return f.updateLost(facts.path, facts.by, facts.erased.join(', '));
    case 'repeat-changed-state':
      return f.repeatChangedState(facts.intentId, facts.method, facts.path);
    case 'recorded-twice':
      return messagesOf(lang).auth.facts.recordedTwice(facts.intentId, facts.rows.join(', '));
    case 'charge-recorded-twice':
      return messagesOf(lang).auth.facts.chargeRecordedTwice(facts.chargeId, facts.rows.join(', '));
  }
}

/** A verdict in one sentence: what failed, or that it held. */
export function describeVerdict(verdict: Verdict, lang: Lang): string {
  const i = messagesOf(lang).invariants;
  if (verdict.violation) return describeFacts(verdict.violation, lang);
  return i.holds;
}
