import { describe, expect, it } from 'vitest';
import { summarize } from '../../model/outcome.ts';
import { summarizeResources } from '../../model/resourceOutcome.ts';
import { runScenario } from '../../scenarios/run.ts';
import { paymentVerdict, resourceVerdict } from './verdict.ts';

/** The verdicts a run's ledger passes through, from its first record to its last, in order. */
function verdictsAlong(trace: readonly unknown[], verdictAt: (count: number) => string): string[] {
  const seen: string[] = [];
  for (let count = 0; count <= trace.length; count++) {
    const verdict = verdictAt(count);
    if (seen.at(-1) !== verdict) seen.push(verdict);
  }
  return seen;
}

describe('the ledger’s verdict is earned by events', () => {
  it('a lost response without a key: nothing said at the start, harm once the retry charges', () => {
    const run = runScenario({ scenario: 'lost-response', strategy: 'none', seed: 1 });
    const verdicts = verdictsAlong(run.trace, (n) =>
      paymentVerdict(summarize(run.trace.slice(0, n))),
    );
    expect(verdicts[0]).toBe('start');
    expect(verdicts).not.toContain('fine');
    expect(verdicts.at(-1)).toBe('harmed');
  });

  it('the same run with an atomic key: undecided until the payment is answered, then fine', () => {
    const run = runScenario({ scenario: 'lost-response', strategy: 'atomic-key', seed: 1 });
    const verdicts = verdictsAlong(run.trace, (n) =>
      paymentVerdict(summarize(run.trace.slice(0, n))),
    );
    expect(verdicts).toEqual(['start', 'pending', 'fine']);
  });

  it('a broken rule is harm even without a duplicate: a client told "paid" for a payment never charged', () => {
    const run = runScenario({ scenario: 'payload-mismatch', strategy: 'atomic-key', seed: 1 });
    const outcome = summarize(run.trace);
    expect(outcome.duplicateCharges).toBe(0);
    expect(run.invariants.outcomeConsistency.ok).toBe(false);
    expect(paymentVerdict(outcome)).toBe('harmed');
    // With a fingerprint the second payment is refused with 422, and the run ends fine.
    const fingerprinted = runScenario({
      scenario: 'payload-mismatch',
      strategy: 'fingerprinted',
      seed: 1,
    });
    expect(paymentVerdict(summarize(fingerprinted.trace))).toBe('fine');
  });

  it('an HTTP run starts neutral too', () => {
    const run = runScenario({ scenario: 'lost-update', strategy: 'none', seed: 1 });
    expect(resourceVerdict(summarizeResources([]))).toBe('start');
    const verdicts = verdictsAlong(run.trace, (n) =>
      resourceVerdict(summarizeResources(run.trace.slice(0, n))),
    );
    expect(verdicts[0]).toBe('start');
    expect(verdicts.at(-1)).toBe('harmed');
  });
});
