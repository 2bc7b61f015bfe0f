import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededSource } from '../sim/choice.ts';
import { summarizeResources } from '../model/resourceOutcome.ts';
import { verdictsOf } from '../model/run.ts';
import { runResourceWorld } from '../model/resourceRun.ts';
import type { Patch } from '../model/resources.ts';
import type { TraceRecord } from '../model/trace.ts';
import type { ResourceWorldSettings, ResourceFault } from '../model/settings.ts';
import {
  ACCOUNT,
  PROFILE,
  RESOURCE_SCENARIOS,
  resourceBase,
} from '../scenarios/resourceCatalogue.ts';
import { RESOURCE_SCENARIO_IDS, type ResourceScenarioId } from '../scenarios/ids.ts';
import { runScenario } from '../scenarios/run.ts';
import { explore } from './explorer.ts';
import type { Scope } from '../scenarios/scope.ts';
import { scoped } from './scope.ts';

/**
 * The HTTP oracles under faults: exhaustively over small scopes with the explorer, and over random
 * fault schedules with fast-check. "With If-Match no update is lost" and "a repeated PUT or DELETE
 * changes nothing more" must hold whatever the network and the server process do.
 */
const clock = () => 0;

describe('exhaustive: the explorer walks the resource scenarios', () => {
  const scopes: Record<string, Scope> = {
    'any one message lost': { losses: 1, duplicates: 0, crashes: 0, attempts: 3 },
    'any one message copied': { losses: 0, duplicates: 1, crashes: 0, attempts: 3 },
    'a crash before or after any change': { losses: 0, duplicates: 0, crashes: 1, attempts: 3 },
  };
  // method-retries is seven clients in a row: its tree is too big to walk in a test run. Where two
  // clients race, their interleavings alone make trees of 50,000+ schedules, so those walks keep
  // every delay fixed and branch on the faults only; the random schedules below vary the timing.
  const walkable = RESOURCE_SCENARIO_IDS.filter((id) => id !== 'method-retries');
  const racing = (id: ResourceScenarioId) => RESOURCE_SCENARIOS[id].settings().clients.length > 1;

  for (const [label, base] of Object.entries(scopes)) {
    it.each(walkable)(`${label}: %s keeps every promise it makes`, (scenario) => {
      const scope = racing(scenario) ? { ...base, fixedDelays: true } : base;
      const report = explore({ scenario, strategy: 'none', scope, mode: 'exhaustive' }, clock);
      expect(report.complete).toBe(true);
      expect(report.schedules).toBeGreaterThan(1);
      expect(report.violations.idempotentEffect).toBe(0);
      if (scenario !== 'lost-update') expect(report.violations.noLostUpdate).toBe(0);
    });
  }

  it('finds the shortest lost update, and its tape replays it', () => {
    const scope: Scope = { losses: 1, duplicates: 0, crashes: 0, attempts: 2, fixedDelays: true };
    const report = explore(
      { scenario: 'lost-update', strategy: 'none', scope, mode: 'exhaustive' },
      clock,
    );
    expect(report.violations.noLostUpdate).toBeGreaterThan(0);
    expect(report.violations.idempotentEffect).toBe(0);
    const witness = report.witness!;
    expect(witness.command).not.toContain('--strategy');
    const replay = runScenario({
      scenario: 'lost-update',
      strategy: 'none',
      seed: 0,
      tape: witness.tape,
      shape: scoped(scope),
    });
    expect(new Map(verdictsOf(replay)).get('noLostUpdate')!.ok).toBe(false);
  });
});

// --- random fault schedules ------------------------------------------------------------------

const faultArbitrary: fc.Arbitrary<ResourceFault> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('drop-next' as const, 'duplicate-next' as const),
    direction: fc.constantFrom('request' as const, 'response' as const),
    atMs: fc.integer({ min: 0, max: 1500 }),
  }),
  fc.record({
    kind: fc.constant('crash' as const),
    point: fc.constantFrom('before-commit' as const, 'after-commit' as const, 'now' as const),
    atMs: fc.integer({ min: 0, max: 1500 }),
  }),
  fc.record({
    kind: fc.constant('partition' as const),
    atMs: fc.integer({ min: 0, max: 1500 }),
    durationMs: fc.integer({ min: 50, max: 800 }),
  }),
);

/** Up to three people editing one resource with If-Match, each a patient retrying client. */
function editors(
  changes: Patch[],
  starts: number[],
  faults: ResourceFault[],
): ResourceWorldSettings {
  const base = resourceBase();
  const path = changes[0]!.op === 'add' ? ACCOUNT : PROFILE;
  return {
    ...base,
    network: { ...base.network, lossProbability: 0.05, duplicationProbability: 0.05 },
    clients: changes.map((change, i) => ({
      intents: [{ kind: 'update', path, change, conditional: true, thinkMs: 100 }],
      startAtMs: starts[i] ?? 0,
      timeoutMs: 1000,
      retry: { kind: 'exponential', maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 2000 },
    })),
    faults,
  };
}

const editSchedule = (change: fc.Arbitrary<Patch>) =>
  fc.record({
    changes: fc.array(change, { minLength: 1, maxLength: 3 }),
    starts: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 3, maxLength: 3 }),
    faults: fc.array(faultArbitrary, { maxLength: 4 }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  });

const addChange = fc.integer({ min: 1, max: 50 }).map((by): Patch => ({
  op: 'add',
  field: 'balance',
  by,
}));
const emailChange = fc
  .constantFrom('a', 'b', 'c')
  .map((who): Patch => ({ op: 'merge', fields: { [`email-${who}`]: `${who}@example.com` } }));

/**
 * The balance by arithmetic, independent of the ledger: 100 plus each editor's amount times the
 * number of writes of its that changed the account. Every extra write must be reported as a
 * repeated effect, every success must have landed, and a definite failure must have changed
 * nothing — so no double application can hide behind a green headline.
 */
function checkTheBooks(trace: TraceRecord[], changes: Patch[]): void {
  const o = summarizeResources(trace);
  const writes = changes.map((_, i) =>
    trace.filter(
      (r) =>
        r.type === 'served' && r.intentId === `c${i + 1}-r1` && r.before?.etag !== r.after?.etag,
    ),
  );
  const amount = (i: number) => (changes[i]!.op === 'add' ? (changes[i] as { by: number }).by : 0);
  const expected = writes.reduce((sum, w, i) => sum + amount(i) * w.length, 100);
  expect(o.finalState[ACCOUNT]!.balance).toBe(expected);
  expect(o.repeatedEffects).toBe(writes.reduce((n, w) => n + Math.max(0, w.length - 1), 0));
  o.perIntent.forEach((p, i) => {
    if (p.outcome === 'succeeded') expect(writes[i]!.length).toBeGreaterThan(0);
    if (p.outcome === 'failed') expect(writes[i]).toHaveLength(0);
  });
}

describe('fault schedules (fast-check)', () => {
  it('with If-Match no update is ever lost, whatever the faults (2,000 schedules)', () => {
    fc.assert(
      fc.property(editSchedule(addChange), ({ changes, starts, faults, seed }) => {
        const result = runResourceWorld(editors(changes, starts, faults), seededSource(seed));
        expect(result.invariants.noLostUpdate).toMatchObject({ ok: true, claimed: true });
        expect(result.invariants.idempotentEffect.ok).toBe(true);
        checkTheBooks(result.trace, changes);
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });

  it('field merges with If-Match end with every change present exactly once', () => {
    fc.assert(
      fc.property(editSchedule(emailChange), ({ changes, starts, faults, seed }) => {
        const result = runResourceWorld(editors(changes, starts, faults), seededSource(seed));
        const o = summarizeResources(result.trace);
        // A client that got no answer at all may not have saved; every one that succeeded did.
        const profile = o.finalState[PROFILE]!;
        changes.forEach((change, i) => {
          const settled = o.perIntent[i]!;
          if (settled.outcome === 'succeeded' && change.op === 'merge') {
            for (const [field, value] of Object.entries(change.fields))
              expect(profile[field]).toBe(value);
          }
        });
        expect(o.lostUpdates).toBe(0);
      }),
      { numRuns: 1000, seed: 20261127 },
    );
  });

  it('after an unsure 412, a relative change settles as unknown instead of adding twice', () => {
    // The write's answer is lost; the retry carries the old ETag and gets 412. A re-read shows a
    // merge already made, but "add 10" leaves no trace of who added: writing again could add
    // twice, so the client reports the outcome as unknown. If-Match prevents lost updates, not
    // duplicate application; that takes an idempotency key.
    const lossy = editors(
      [{ op: 'add', field: 'balance', by: 10 }],
      [0],
      [{ kind: 'drop-next', direction: 'response', atMs: 150 }],
    );
    // The network loses nothing by chance here: only the write's answer is dropped.
    const settings = { ...lossy, network: resourceBase().network };
    const o = summarizeResources(runResourceWorld(settings, seededSource(1)).trace);
    expect(o.finalState[ACCOUNT]!.balance).toBe(110);
    expect(o.perIntent[0]).toMatchObject({ outcome: 'unknown', status: 200 });
    expect(o.statuses).toEqual([200, 412, 200]);
    expect(o.repeats).toEqual([]);
  });
});
