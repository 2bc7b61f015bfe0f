import { describe, expect, it } from 'vitest';
import { seededSource } from '../sim/choice.ts';
import { ENGINES } from '../model/engine.ts';
import { RETRY_AFTER, retryAfterMs } from '../model/http.ts';
import type { Message } from '../model/message.ts';
import { summarize } from '../model/outcome.ts';
import { DEFAULT_LIMITS, runWorld } from '../model/run.ts';
import type { WorldSettings } from '../model/settings.ts';
import type { RecordOf, TraceRecord } from '../model/trace.ts';
import type { PaymentScenarioId } from './ids.ts';
import { prepareScenario, runScenario } from './run.ts';
import { seedRange } from './matrix.ts';
import type { Tweaks } from './tweaks.ts';

/**
 * Retries as AWS describes them, held to the trace: the three jitters draw their sleeps from the
 * ranges AWS gives, a Retry-After is waited out, an overloaded server answers 429 before doing any
 * work, and the shared retry budget refuses retries it cannot pay for — its clients give up.
 */
const SEEDS = seedRange(20);
const run = (scenario: PaymentScenarioId, tweaks: Tweaks, seed = 1) =>
  runScenario({ scenario, strategy: 'atomic-key', seed, tweaks });

/** Each backoff of a run: the client, which retry of its intent it precedes, and how long it was. */
function sleeps(trace: readonly TraceRecord[]): { client: string; retry: number; ms: number }[] {
  const started = new Map<string, number>();
  const retries = new Map<string, number>();
  const out: { client: string; retry: number; ms: number }[] = [];
  for (const r of trace) {
    if (r.type === 'transition' && r.to === 'backingOff') started.set(r.actor, r.t);
    if (r.type === 'timer' && r.name === 'backoff') {
      const retry = (retries.get(r.actor) ?? 0) + 1;
      retries.set(r.actor, retry);
      out.push({ client: r.actor, retry, ms: r.t - started.get(r.actor)! });
    }
  }
  return out;
}

describe('jitter draws what AWS says it draws (retry-storm-jitter: base 400 ms, cap 4 s)', () => {
  const exp = (retry: number) => Math.min(4000, 400 * 2 ** (retry - 1));

  it('full jitter: between 0 and exp; equal jitter: between exp/2 and exp', () => {
    for (const seed of SEEDS) {
      for (const s of sleeps(run('retry-storm-jitter', {}, seed).trace))
        expect(s.ms).toBeLessThanOrEqual(exp(s.retry));
      for (const s of sleeps(run('retry-storm-jitter', { retry: 'equal-jitter' }, seed).trace)) {
        expect(s.ms).toBeGreaterThanOrEqual(exp(s.retry) / 2);
        expect(s.ms).toBeLessThanOrEqual(exp(s.retry));
      }
    }
  });

  it('decorrelated jitter: between the base and three times the last sleep, never past the cap', () => {
    for (const seed of SEEDS) {
      const all = sleeps(run('retry-storm-jitter', { retry: 'decorrelated-jitter' }, seed).trace);
      for (const [i, s] of all.entries()) {
        const last = all.slice(0, i).findLast((o) => o.client === s.client);
        expect(s.ms).toBeGreaterThanOrEqual(400);
        expect(s.ms).toBeLessThanOrEqual(Math.min(4000, 3 * (last?.ms ?? 400)));
      }
    }
  });

  it('the sleeps really are drawn: two seeds give different ones, a tape gives the same', () => {
    const first = run('retry-storm-jitter', { retry: 'decorrelated-jitter' }, 1);
    const other = run('retry-storm-jitter', { retry: 'decorrelated-jitter' }, 2);
    expect(sleeps(other.trace)).not.toEqual(sleeps(first.trace));
    const replay = runScenario({
      scenario: 'retry-storm-jitter',
      strategy: 'atomic-key',
      seed: 99,
      tape: first.tape,
      tweaks: { retry: 'decorrelated-jitter' },
    });
    expect(sleeps(replay.trace)).toEqual(sleeps(first.trace));
  });
});

/** Every answer a client received, with the time it arrived and its next attempt's send time. */
function answersAndNext(trace: readonly TraceRecord[]) {
  const messages = new Map<number, Message>();
  const out: { status: number; wait: number; arrived: number; next: number | null }[] = [];
  for (const [i, r] of trace.entries()) {
    if (r.type === 'send') messages.set(r.message.id, r.message);
    if (r.type !== 'deliver') continue;
    const m = messages.get(r.id);
    if (m?.kind !== 'response') continue;
    const next = trace
      .slice(i)
      .find(
        (n): n is RecordOf<'send'> =>
          n.type === 'send' && n.message.from === m.to && n.message.kind === 'request',
      );
    out.push({
      status: m.response.status,
      wait: retryAfterMs(m.response),
      arrived: r.t,
      next: next?.t ?? null,
    });
  }
  return out;
}

describe('Retry-After, on 503 and on 429, and the client that honours it', () => {
  it('a fail-closed 503 says Retry-After: 1, and the client waits at least that long', () => {
    for (const seed of SEEDS) {
      const answers = answersAndNext(run('key-store-down-fail-closed', {}, seed).trace);
      const refusals = answers.filter((a) => a.status === 503);
      expect(refusals.length).toBeGreaterThan(0);
      for (const a of refusals) {
        expect(a.wait).toBe(1000);
        if (a.next !== null) expect(a.next - a.arrived).toBeGreaterThanOrEqual(1000);
      }
    }
  });

  it('over its limit the server answers 429 with Retry-After, and the retry comes a second later', () => {
    const { trace } = run('retry-storm', { maxInProgress: 4 });
    const answers = answersAndNext(trace);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect(a.wait).toBe(1000);
      expect(a.next! - a.arrived).toBeGreaterThanOrEqual(1000);
    }
    const sent = trace.filter((r): r is RecordOf<'send'> => r.type === 'send');
    expect(
      sent.some((r) => r.message.kind === 'response' && r.message.response.headers[RETRY_AFTER]),
    ).toBe(true);
  });

  it('a 429 comes before any work: no handler runs for it; every customer is charged once', () => {
    for (const seed of SEEDS) {
      const { trace } = run('retry-storm', { maxInProgress: 4 }, seed);
      const outcome = summarize(trace);
      const turnedAway = outcome.statuses.filter((s) => s === 429).length;
      const handlers = trace.filter(
        (r) => r.type === 'transition' && r.from === '' && r.actor.startsWith('handler-'),
      );
      expect(turnedAway).toBeGreaterThan(0);
      const downAtArrival = trace.filter((r) => r.type === 'drop' && r.reason === 'server-down');
      expect(handlers.length).toBe(outcome.requestsHandled - downAtArrival.length - turnedAway);
      expect(outcome).toMatchObject({ charges: 12, duplicateCharges: 0, violations: [] });
    }
  });
});

describe('the retry budget: a storm drains it, and its clients give up instead of retrying', () => {
  it('the storm spends the 50 tokens on the first five retries after a timeout; the rest are refused', () => {
    const { trace } = run('retry-storm', { retryBudget: 'on' });
    const budget = trace.filter((r): r is RecordOf<'retry-budget'> => r.type === 'retry-budget');
    const spent = budget.filter((r) => r.change === 'spend');
    expect(spent.map((r) => r.amount)).toEqual([10, 10, 10, 10, 10]);
    expect(spent.at(-1)!.tokens).toBe(0);
    // Every client that was refused settled at that moment, not knowing what happened.
    for (const refusal of budget.filter((r) => r.change === 'refuse')) {
      const settle = trace.find(
        (r) => r.type === 'settle' && r.client === refusal.client && r.t === refusal.t,
      );
      expect(settle).toMatchObject({ outcome: 'unknown' });
    }
    expect(summarize(trace).retryBudget).toEqual({ tokens: 0, refused: 12 });
  });

  it('tokens never go below zero nor above 50, and successes put them back', () => {
    const { trace } = run('flaky-network', { retryBudget: 'on', payments: 20, lossPercent: 25 }, 3);
    const budget = trace.filter((r): r is RecordOf<'retry-budget'> => r.type === 'retry-budget');
    expect(budget.some((r) => r.change === 'refund')).toBe(true);
    for (const r of budget) {
      expect(r.tokens).toBeGreaterThanOrEqual(0);
      expect(r.tokens).toBeLessThanOrEqual(50);
    }
  });

  it('without the setting there is no budget at all: nothing is spent, nothing refused', () => {
    expect(summarize(run('retry-storm', {}).trace).retryBudget).toBeNull();
  });
});

describe('the new paths run the same on both engines', () => {
  const variants: [PaymentScenarioId, Tweaks][] = [
    ['retry-storm-jitter', { retry: 'equal-jitter' }],
    ['retry-storm-jitter', { retry: 'decorrelated-jitter', maxInProgress: 2 }],
    ['retry-storm', { retryBudget: 'on' }],
    ['retry-storm', { maxInProgress: 4 }],
    ['key-store-down-fail-closed', { retryBudget: 'on' }],
  ];
  it.each(variants)(
    '%s %j: the fast stepper and XState’s transition() agree',
    (scenario, tweaks) => {
      const { settings } = prepareScenario({ scenario, strategy: 'locked-key', tweaks });
      for (const seed of [1, 2, 3]) {
        const world = settings as WorldSettings;
        const fast = runWorld(world, seededSource(seed), DEFAULT_LIMITS, ENGINES.fast);
        const xstate = runWorld(world, seededSource(seed), DEFAULT_LIMITS, ENGINES.xstate);
        expect(fast.trace).toEqual(xstate.trace);
      }
    },
  );
});
