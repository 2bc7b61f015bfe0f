import { describe, expect, it } from 'vitest';
import { summarize, type RunOutcome } from '../model/outcome.ts';
import { runScenario } from './run.ts';
import type { Tweaks } from './tweaks.ts';

/**
 * The retries lesson's claims about jitter, in the words it uses, over many seeds: a claim about
 * randomness that held for one seed only would be a lie on the next.
 */
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

interface Measured extends RunOutcome {
  endTimeMs: number;
}

const runsOf = (scenario: 'retry-storm' | 'retry-storm-jitter', tweaks: Tweaks = {}): Measured[] =>
  SEEDS.map((seed) => {
    const run = runScenario({ scenario, strategy: 'atomic-key', seed, tweaks });
    return { ...summarize(run.trace), endTimeMs: run.endTimeMs };
  });

const peaksOf = (scenario: 'retry-storm' | 'retry-storm-jitter') => runsOf(scenario);
const mean = (runs: readonly Measured[], of: (run: Measured) => number) =>
  runs.reduce((sum, run) => sum + of(run), 0) / runs.length;
const tooMany = (run: RunOutcome) => run.statuses.filter((s) => s === 429).length;

describe('jitter, over 40 seeds', () => {
  const storm = peaksOf('retry-storm');
  const jitter = peaksOf('retry-storm-jitter');

  it('without jitter, every wave hits the server with all twelve retries at once', () => {
    for (const run of storm) expect(run.peakRetryLoad).toBe(12);
  });

  it('with it, the busiest 100 ms never sees all twelve retries, and about half of them on average', () => {
    for (const run of jitter) expect(run.peakRetryLoad).toBeLessThan(12);
    const average = mean(jitter, (run) => run.peakRetryLoad);
    expect(average).toBeGreaterThanOrEqual(12 * 0.4);
    expect(average).toBeLessThanOrEqual(12 * 0.6);
  });

  it('the first attempts still arrive together: the peak of all requests stays at twelve', () => {
    for (const run of [...storm, ...jitter]) expect(run.peakLoad).toBe(12);
  });

  it('each customer is charged once, with or without jitter', () => {
    for (const run of [...storm, ...jitter])
      expect(run).toMatchObject({ charges: 12, duplicateCharges: 0 });
  });
});

/**
 * AWS's three jitters on the same storm (base 400 ms, cap 4 s, six attempts). Measured over the
 * 40 seeds, retries in the busiest 100 ms, mean [min–max]: none 12 [12–12]; full 5.7 [4–9];
 * equal 8.1 [6–11]; decorrelated 4.2 [3–6]. Requests in all: none 36; full 39.6 [36–45]; equal
 * and decorrelated 36. Last answer, mean: none 3.5 s, equal 3.3 s, full 4.8 s, decorrelated 6.0 s.
 */
describe('full, equal and decorrelated jitter compared, over 40 seeds', () => {
  const none = runsOf('retry-storm');
  const full = runsOf('retry-storm-jitter');
  const equal = runsOf('retry-storm-jitter', { retry: 'equal-jitter' });
  const decorrelated = runsOf('retry-storm-jitter', { retry: 'decorrelated-jitter' });
  const retryPeak = (run: Measured) => run.peakRetryLoad;

  it('each of them lowers the retries’ peak below twelve on every seed', () => {
    for (const runs of [full, equal, decorrelated])
      for (const run of runs) expect(run.peakRetryLoad).toBeLessThan(12);
  });

  it('equal jitter keeps half of each wait: it spreads the retries least, about two thirds of them at the peak', () => {
    expect(mean(equal, retryPeak)).toBeGreaterThan(mean(full, retryPeak));
    expect(mean(equal, retryPeak)).toBeGreaterThanOrEqual(12 * 0.6);
    expect(mean(equal, retryPeak)).toBeLessThanOrEqual(12 * 0.75);
  });

  it('decorrelated jitter spreads them most, about a third at the peak, and finishes last on average', () => {
    expect(mean(decorrelated, retryPeak)).toBeLessThan(mean(full, retryPeak));
    expect(mean(decorrelated, retryPeak)).toBeGreaterThanOrEqual(12 * 0.25);
    expect(mean(decorrelated, retryPeak)).toBeLessThanOrEqual(12 * 0.4);
    const end = (runs: Measured[]) => mean(runs, (run) => run.endTimeMs);
    for (const other of [none, full, equal]) expect(end(decorrelated)).toBeGreaterThan(end(other));
  });

  it('full jitter sends 36 to 45 requests (a short draw retries into the outage); the other two always send 36', () => {
    for (const run of [...none, ...equal, ...decorrelated]) expect(run.requestsHandled).toBe(36);
    for (const run of full) expect(run.requestsHandled).toBeGreaterThanOrEqual(36);
    expect(Math.max(...full.map((run) => run.requestsHandled))).toBe(45);
  });

  it('none of them charges anyone twice', () => {
    for (const run of [...full, ...equal, ...decorrelated])
      expect(run).toMatchObject({ charges: 12, duplicateCharges: 0 });
  });
});

/** The lesson's step on 429: a server that works on at most four requests at a time. */
describe('an overload limit of four, over 40 seeds', () => {
  it('without jitter the twelve retries collide with it: eight turned away, then four, on every seed', () => {
    for (const run of runsOf('retry-storm', { maxInProgress: 4 })) {
      expect(tooMany(run)).toBe(12);
      expect(run).toMatchObject({ charges: 12, duplicateCharges: 0 });
    }
    for (const seed of SEEDS) {
      const { trace } = runScenario({
        scenario: 'retry-storm',
        strategy: 'atomic-key',
        seed,
        tweaks: { maxInProgress: 4 },
      });
      const times = trace.flatMap((r) =>
        r.type === 'send' && r.message.kind === 'response' && r.message.response.status === 429
          ? [r.t]
          : [],
      );
      // A wave is the 429s within a second of its first: the next wave comes after a backoff.
      const firstWave = times.filter((t) => t < times[0]! + 1000).length;
      expect([firstWave, times.length - firstWave]).toEqual([8, 4]);
    }
  });

  it('with full jitter it is hardly ever met: no 429 on 32 of the 40 seeds, never more than two', () => {
    const counts = runsOf('retry-storm-jitter', { maxInProgress: 4 }).map(tooMany);
    expect(counts.filter((n) => n === 0).length).toBe(32);
    expect(Math.max(...counts)).toBe(2);
  });

  it('decorrelated jitter never meets it; equal jitter does on most seeds, up to five times', () => {
    const decorrelated = runsOf('retry-storm-jitter', {
      maxInProgress: 4,
      retry: 'decorrelated-jitter',
    }).map(tooMany);
    const equal = runsOf('retry-storm-jitter', { maxInProgress: 4, retry: 'equal-jitter' }).map(
      tooMany,
    );
    expect(Math.max(...decorrelated)).toBe(0);
    expect(equal.filter((n) => n > 0).length).toBeGreaterThan(SEEDS.length / 2);
    expect(Math.max(...equal)).toBe(5);
  });
});

/** The lesson's step on the retry budget (50 tokens; 10 a retry after a timeout). */
describe('the retry budget in the storm, over 40 seeds', () => {
  const plain = runsOf('retry-storm', { retryBudget: 'on' });

  it('drains on every seed: five retries, then every client gives up; 17 requests instead of 36, no payment', () => {
    for (const run of plain) {
      expect(run.retryBudget).toEqual({ tokens: 0, refused: 12 });
      expect(run).toMatchObject({ requestsHandled: 17, charges: 0, peakRetryLoad: 5 });
      for (const intent of run.perIntent) expect(intent.outcome).toBe('unknown');
    }
  });

  it('with any of the jitters it drains all the same: the outage outlasts it', () => {
    for (const retry of ['exponential-jitter', 'equal-jitter', 'decorrelated-jitter'] as const)
      for (const run of runsOf('retry-storm-jitter', { retryBudget: 'on', retry })) {
        expect(run.retryBudget?.tokens).toBe(0);
        expect(run.charges).toBe(0);
        expect(run.requestsHandled).toBeLessThanOrEqual(18);
      }
  });
});
