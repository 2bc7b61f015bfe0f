import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededSource } from '../sim/choice.ts';
import { ENGINES } from '../model/engine.ts';
import { summarizeResources } from '../model/resourceOutcome.ts';
import { DEFAULT_LIMITS, traceHash } from '../model/run.ts';
import { runResourceWorld } from '../model/resourceRun.ts';
import { RESOURCE_SCENARIO_IDS, type ResourceScenarioId } from './ids.ts';
import { RESOURCE_SCENARIOS } from './resourceCatalogue.ts';
import { runScenario } from './run.ts';

/**
 * The HTTP lessons' claims, each checked over many seeds: seeds move every delay, and none of
 * these stories may depend on lucky timing.
 */
const seeds = fc.integer({ min: 0, max: 2 ** 32 - 1 });

function outcome(scenario: ResourceScenarioId, seed: number) {
  const result = runScenario({ scenario, strategy: 'none', seed });
  if (result.world !== 'resources') throw new Error('a resource scenario ran the payment world');
  return { ...summarizeResources(result.trace), result };
}

describe('every resource scenario shows what it declares, on every seed', () => {
  it.each(RESOURCE_SCENARIO_IDS)('%s', (scenario) => {
    const expected = RESOURCE_SCENARIOS[scenario].expect;
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = outcome(scenario, seed);
        expect(o.result.stoppedBy).toBe('quiescent');
        expect(o.lostUpdates).toBe(expected.lostUpdates);
        expect(o.repeatedEffects).toBe(expected.repeatedEffects);
        for (const status of expected.statuses ?? []) expect(o.statuses).toContain(status);
        if (expected.finalState) expect(o.finalState).toEqual(expected.finalState);
        expect(o.alreadyApplied).toBe(expected.alreadyApplied ?? 0);
        // Every client finished; a repeat of PUT or DELETE never changed the state again.
        expect(o.perIntent.every((p) => p.outcome !== null)).toBe(true);
        expect(o.result.invariants.idempotentEffect.ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the stories, in detail', () => {
  it('lost-update: two plain PUTs, one change vanishes, and the oracle says who erased whom', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = outcome('lost-update', seed);
        const balance = o.finalState['/accounts/42']!.balance;
        // 100 + 10 or 100 + 20, never 130: the later writer erased the earlier one.
        expect([110, 120]).toContain(balance);
        expect(o.lost).toHaveLength(1);
        const [lost] = o.lost;
        expect(lost!.erased).toHaveLength(1);
        expect(lost!.erased[0]).not.toBe(lost!.by);
        expect(o.result.invariants.noLostUpdate).toMatchObject({ ok: false, claimed: false });
        expect(o.perIntent.every((p) => p.outcome === 'succeeded')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('lost-update-prevented: the second writer gets 412, re-reads, merges; the oracle is claimed', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = outcome('lost-update-prevented', seed);
        expect(o.statuses.filter((s) => s === 412)).toHaveLength(1);
        expect(o.result.invariants.noLostUpdate).toMatchObject({ ok: true, claimed: true });
      }),
      { numRuns: 100 },
    );
  });

  it('conditional-retry: the retry gets 412 although the write was applied, and the client finds out', () => {
    const o = outcome('conditional-retry', 7);
    // Responses the client acted on: the read, the 412 to its retried write, the fresh read.
    expect(o.statuses).toEqual([200, 412, 200]);
    expect(o.perIntent[0]).toMatchObject({ outcome: 'succeeded', alreadyApplied: true });
    // The server executed the PUT twice: once applied (200, lost), once refused (412).
    const puts = o.result.trace.filter((r) => r.type === 'served' && r.method === 'PUT');
    expect(puts.map((r) => (r.type === 'served' ? r.status : 0))).toEqual([200, 412]);
  });

  it('delete-twice: 204 then 404 — a different answer, the same state', () => {
    const o = outcome('delete-twice', 3);
    const deletes = o.result.trace.flatMap((r) => (r.type === 'served' ? [r.status] : []));
    expect(deletes).toEqual([204, 404]);
    expect(o.perIntent[0]).toMatchObject({ outcome: 'succeeded', status: 404 });
  });

  it('create-only-put: exactly one creator wins; the other gets 412 and overwrites nothing', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const o = outcome('create-only-put', seed);
        expect([...o.statuses].sort()).toEqual([201, 412]);
        const winner = o.perIntent.find((p) => p.status === 201)!;
        const name = winner.intentId === 'c1-r1' ? 'Grace' : 'Linus';
        expect(o.finalState['/users/200']).toEqual({ name });
      }),
      { numRuns: 100 },
    );
  });

  it('precondition-required: the blind write is refused with 428 and changes nothing', () => {
    const o = outcome('precondition-required', 11);
    expect(o.perIntent.find((p) => p.intentId === 'c1-r1')).toMatchObject({
      outcome: 'failed',
      status: 428,
    });
  });
});

describe('the resource world is deterministic', () => {
  const anyRun = fc.record({
    scenario: fc.constantFrom(...RESOURCE_SCENARIO_IDS),
    seed: seeds,
  });

  it('the same seed gives the same trace, and its tape replays it', () => {
    fc.assert(
      fc.property(anyRun, ({ scenario, seed }) => {
        const first = runScenario({ scenario, strategy: 'none', seed });
        const replay = runScenario({ scenario, strategy: 'none', seed: 0, tape: first.tape });
        expect(traceHash(replay.trace)).toBe(traceHash(first.trace));
      }),
      { numRuns: 100 },
    );
  });

  it('the fast stepper and XState’s own transition() produce identical traces', () => {
    fc.assert(
      fc.property(anyRun, ({ scenario, seed }) => {
        const settings = RESOURCE_SCENARIOS[scenario].settings();
        const run = (engine: keyof typeof ENGINES) =>
          runResourceWorld(settings, seededSource(seed), DEFAULT_LIMITS, ENGINES[engine]);
        expect(run('fast').trace).toEqual(run('xstate').trace);
      }),
      { numRuns: 60 },
    );
  });

  it('pins one trace hash, so a change of behaviour is a deliberate change', () => {
    const result = runScenario({ scenario: 'conditional-retry', strategy: 'none', seed: 1 });
    expect(traceHash(result.trace)).toMatchInlineSnapshot(`"174851bf4c1f05"`);
  });
});
