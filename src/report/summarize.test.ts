import { describe, expect, it } from 'vitest';
import { runScenario } from '../scenarios/run.ts';
import { summarize, type RunOutcome } from '../model/outcome.ts';
import type { TraceRecord } from '../model/trace.ts';

/** A summary worked out from scratch: copies of the records share nothing with any earlier sum. */
const fresh = (prefix: readonly TraceRecord[]): RunOutcome => summarize(structuredClone(prefix));

describe('summarize, shared and resumed', () => {
  const { trace } = runScenario({
    // Late answers the clients ignore, broken invariants, and retries: every part of the tally.
    scenario: 'slow-server-timeout',
    strategy: 'none',
    seed: 2,
    // Long enough for a few of summarize's checkpoints (every 1,024 records).
    tweaks: { payments: 80 },
  });
  const n = trace.length;
  // Forward one by one (play), back one by one (step back), then jumps either way (scrub).
  const counts = [
    ...Array.from({ length: 40 }, (_, i) => i),
    ...Array.from({ length: 40 }, (_, i) => 39 - i),
    ...Array.from({ length: 60 }, (_, i) => Math.floor(((i * 17) % 60) * (n / 60))),
    n,
    n - 1,
    n,
  ];

  it('is long enough to meet checkpoints', () => expect(n).toBeGreaterThan(3 * 1024));

  it('gives every prefix, in any order, the summary worked out from scratch', () => {
    const expected = new Map(counts.map((count) => [count, fresh(trace.slice(0, count))]));
    // In a row, as the views ask: each sum may resume the one before it.
    const seen = counts.map((count) => [count, summarize(trace.slice(0, count))] as const);
    // Checked only afterwards: a summary handed out earlier is not changed by later sums.
    for (const [count, outcome] of seen) expect(outcome).toEqual(expected.get(count));
  });

  it('does not resume another run’s tally', () => {
    const other = runScenario({ scenario: 'retry-storm', strategy: 'none', seed: 3 }).trace;
    summarize(trace.slice(0, 50));
    expect(summarize(other)).toEqual(fresh(other));
  });
});
