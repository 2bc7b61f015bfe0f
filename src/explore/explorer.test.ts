import { describe, expect, it } from 'vitest';
import { summarize } from '../model/outcome.ts';
import { verdictsOf } from '../model/run.ts';
import {
  ERRORS_5XX_POLICIES,
  promisedUnder,
  STRATEGIES,
  STRATEGY_IDS,
  type Errors5xxPolicy,
  type StrategyId,
} from '../model/strategies.ts';
import { expectsConsistency, SCENARIOS } from '../scenarios/catalogue.ts';
import { PAYMENT_SCENARIO_IDS, type PaymentScenarioId } from '../scenarios/ids.ts';
import { runScenario } from '../scenarios/run.ts';
import { Explorer, explore, type ExploreOptions } from './explorer.ts';
import type { Scope } from '../scenarios/scope.ts';
import { scoped } from './scope.ts';

const clock = () => 0;
const pairs = (keep: (scenario: PaymentScenarioId, strategy: StrategyId) => boolean) =>
  PAYMENT_SCENARIO_IDS.filter((s) => !s.startsWith('retry-storm')).flatMap((scenario) =>
    STRATEGY_IDS.filter((strategy) => keep(scenario, strategy)).map(
      (strategy) => [scenario, strategy] as const,
    ),
  );

/** Pairs where a strategy that promises at most one charge claims to handle the scenario. */
const SAFE = pairs(
  (scenario, strategy) =>
    STRATEGIES[strategy].claimsAtMostOnce &&
    SCENARIOS[scenario].expect[strategy].duplicates === 'never',
);
/** Pairs declared to duplicate, always or by chance. */
const UNSAFE = pairs(
  (scenario, strategy) => SCENARIOS[scenario].expect[strategy].duplicates !== 'never',
);

function exhaust(
  scenario: PaymentScenarioId,
  strategy: StrategyId,
  scope: Scope,
  extra: Partial<ExploreOptions> = {},
) {
  return explore({ scenario, strategy, scope, mode: 'exhaustive', ...extra }, clock);
}

describe('exhaustive: safe strategies never double-charge in the scenarios they claim', () => {
  const scopes: Record<string, Scope> = {
    'any one message lost': { losses: 1, duplicates: 0, crashes: 0, attempts: 3 },
    'a crash at any point it survives': { losses: 0, duplicates: 0, crashes: 1, attempts: 3 },
  };
  const counts: Record<string, number> = {};
  // Three payments over a network that itself loses and copies messages make trees too big to walk
  // in a test run (over 100,000 schedules); flaky-network gets seeded random walks below instead.
  const walkable = (_label: string) => SAFE.filter(([scenario]) => scenario !== 'flaky-network');
  for (const [label, scope] of Object.entries(scopes)) {
    it.each(walkable(label))(`${label}: %s with %s`, (scenario, strategy) => {
      const report = exhaust(scenario, strategy, scope);
      counts[`${scenario}/${strategy}/${label}`] = report.schedules;
      expect(report.complete).toBe(true);
      expect(report.schedules).toBeGreaterThan(1); // a generator that explores nothing fails here
      expect(report.violations.atMostOnce).toBe(0);
      expect(report.violations.conservation).toBe(0);
      expect(report.violations.books).toBe(0);
      expect(report.duplicateSchedules).toBe(0);
      if (expectsConsistency(SCENARIOS[scenario].expect[strategy]))
        expect(report.violations.outcomeConsistency).toBe(0);
    });
  }

  it('explores the expected number of schedules (a change here is a change of the model)', () => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const expected = Object.keys(scopes).reduce((n, label) => n + walkable(label).length, 0);
    expect(Object.keys(counts)).toHaveLength(expected);
    expect(total).toMatchInlineSnapshot(`49895`);
  });

  it.each([
    ['lost-response', 'atomic-key', 284],
    ['duplicate-delivery', 'atomic-key', 1080],
    ['crash-after-commit', 'locked-key', 532],
    ['crash-before-commit', 'atomic-key', 312],
  ] as const)('any one message delivered twice: %s with %s', (scenario, strategy, schedules) => {
    const report = exhaust(scenario, strategy, {
      losses: 0,
      duplicates: 1,
      crashes: 0,
      attempts: 3,
    });
    expect(report).toMatchObject({ complete: true, schedules, duplicateSchedules: 0 });
  });

  it.each(STRATEGY_IDS.filter((id) => STRATEGIES[id].claimsAtMostOnce))(
    'flaky-network with %s: 1,000 random schedules with a loss, a copy and a crash each',
    (strategy) => {
      const report = explore(
        {
          scenario: 'flaky-network',
          strategy,
          scope: { losses: 1, duplicates: 1, crashes: 1 },
          mode: 'random',
          runs: 1000,
          seed: 42,
        },
        clock,
      );
      expect(report.schedules).toBe(1000);
      expect(report.duplicateSchedules).toBe(0);
      expect(report.violations).toEqual({
        atMostOnce: 0,
        outcomeConsistency: 0,
        conservation: 0,
        books: 0,
      });
    },
  );

  it('the issue’s yardstick: lost-response, atomic key, 3 attempts, one loss, one copy and one crash', () => {
    const report = exhaust('lost-response', 'atomic-key', {
      losses: 1,
      duplicates: 1,
      crashes: 1,
      attempts: 3,
    });
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(4436);
    expect(report.duplicateSchedules).toBe(0);
  });
});

describe('exhaustive: every unsafe pair has a witness, and it replays', () => {
  it.each(UNSAFE)('%s with %s', (scenario, strategy) => {
    const scope: Scope = { losses: 1, duplicates: 0, crashes: 0, attempts: 3 };
    const report = exhaust(scenario, strategy, scope, { maxSchedules: 3000 });
    expect(report.witness).not.toBeNull();
    const witness = report.witness!;
    expect(witness.command).toContain(`--tape '${witness.tape}'`);
    const replay = runScenario({
      scenario,
      strategy,
      seed: 0,
      tape: witness.tape,
      shape: scoped(scope),
    });
    const outcome = summarize(replay.trace);
    expect(replay.tape).toBe(witness.tape);
    const verdicts = new Map(verdictsOf(replay));
    expect(witness.violated.every((name) => !verdicts.get(name)!.ok)).toBe(true);
    expect(outcome.duplicateCharges > 0 || !replay.invariants.outcomeConsistency.ok).toBe(true);
  });
});

describe('explorer mechanics', () => {
  it('random mode is seeded: the same seed gives the same report', () => {
    const options: ExploreOptions = {
      scenario: 'flaky-network',
      strategy: 'none',
      scope: { losses: 1, duplicates: 1, crashes: 0 },
      mode: 'random',
      runs: 200,
      seed: 9,
    };
    const a = explore(options, clock);
    expect(a.schedules).toBe(200);
    expect(explore(options, clock)).toEqual(a);
    expect(explore({ ...options, seed: 10 }, clock)).not.toEqual(a);
  });

  it('reports a depth cut and a schedule cut as incomplete', () => {
    const scope = { losses: 1, duplicates: 0, crashes: 0 };
    expect(exhaust('lost-response', 'none', scope, { maxDepth: 2 })).toMatchObject({
      complete: false,
      cutBy: 'max-depth',
    });
    expect(exhaust('lost-response', 'none', scope, { maxSchedules: 5 })).toMatchObject({
      complete: false,
      cutBy: 'max-schedules',
      schedules: 5,
    });
  });

  it('works in slices, reports progress and stops when cancelled', () => {
    const explorer = new Explorer({
      scenario: 'happy-path',
      strategy: 'atomic-key',
      scope: { losses: 1, duplicates: 1, crashes: 0 },
      mode: 'exhaustive',
    });
    expect(explorer.step(3)).toBe(3);
    explorer.cancel();
    expect(explorer.done).toBe(true);
    expect(explorer.step(10)).toBe(3);
    expect(explorer.result(0)).toMatchObject({ complete: false, cutBy: 'cancelled', schedules: 3 });
  });
});

describe('a retry budget and an overload limit change no promise', () => {
  // Two losses and a copy, a budget of one retry after a timeout, and one request in progress at
  // a time: clients meet 429 and give up when the budget refuses them.
  const scope: Scope = { losses: 2, duplicates: 1, crashes: 0, budget: 10, limit: 1 };
  const safe = STRATEGY_IDS.filter((id) => STRATEGIES[id].claimsAtMostOnce);

  it.each(safe)(
    '%s: at most one charge, and a client that gave up was told nothing false',
    (strategy) => {
      for (const scenario of ['lost-response', 'concurrent-retries'] as const) {
        const report = exhaust(scenario, strategy, scope);
        expect(report.complete).toBe(true);
        expect(report.violations).toEqual({
          atMostOnce: 0,
          outcomeConsistency: 0,
          conservation: 0,
          books: 0,
        });
        // The budget did refuse someone: schedules end with a client that gave up.
        expect(Object.keys(report.outcomes).some((k) => k.includes('unknown'))).toBe(true);
      }
    },
  );

  it('the 429 is met: a second request while one is in progress is turned away', () => {
    const report = exhaust('concurrent-retries', 'atomic-key', scope);
    expect(Object.keys(report.outcomes).some((k) => k.includes('429'))).toBe(true);
  });

  it('a witness found under them replays with them: the page and the CLI shape the run alike', () => {
    const report = exhaust('lost-response', 'none', scope);
    expect(report.witness!.link).toContain('scope=losses2.duplicates1.crashes0.budget10.limit1');
    expect(report.witness!.command).toContain('--budget 10 --limit 1');
    const replay = runScenario({
      scenario: 'lost-response',
      strategy: 'none',
      seed: 0,
      tape: report.witness!.tape,
      shape: scoped(scope),
    });
    expect(summarize(replay.trace).duplicateCharges).toBe(1);
  });
});

describe('pauses: a lock with a timeout is a lease', () => {
  const pauses: Scope = { losses: 0, duplicates: 0, crashes: 0, pauses: 1 };
  const promised = (pause: boolean) =>
    STRATEGY_IDS.filter(
      (id) =>
        STRATEGIES[id].claimsAtMostOnce && STRATEGIES[id].promisesUnder.includes('pause') === pause,
    );

  it.each(promised(false))(
    '%s does not promise it: a server frozen past the lock timeout lets a retry take the key over, and the witness replays two charges',
    (strategy) => {
      const report = exhaust('lost-response', strategy, pauses);
      expect(report.complete).toBe(true);
      expect(report.violations.atMostOnce).toBeGreaterThan(0);
      // The witness replays: a pause of twice the lock timeout, then both requests charge.
      const witness = runScenario({
        scenario: 'lost-response',
        strategy,
        seed: 0,
        tape: report.witness!.tape,
        shape: scoped(pauses),
      });
      expect(summarize(witness.trace).charges).toBe(2);
      const paused = witness.trace.find(
        (r) => r.type === 'fault' && r.fault.kind === 'server-pause',
      );
      expect(paused).toMatchObject({ fault: { kind: 'server-pause', durationMs: 4000 } });
    },
  );

  // A key claimed in the payment's own transaction has no timeout to outlive; a key sent on to
  // the provider lets the provider refuse the second charge whoever holds the lock.
  const walks = promised(true).flatMap((strategy) =>
    (['lost-response', 'crash-after-commit'] as const).map(
      (scenario) => [scenario, strategy] as const,
    ),
  );
  it.each(walks)(
    '%s with %s, which promises it: every pause, both sides of the lock timeout, and no second charge',
    (scenario, strategy) => {
      const report = exhaust(scenario, strategy, pauses);
      expect(report.complete).toBe(true);
      expect(report.schedules).toBeGreaterThan(100);
      expect(report.violations).toEqual({
        atMostOnce: 0,
        outcomeConsistency: 0,
        conservation: 0,
        books: 0,
      });
    },
  );

  it('every strategy that promises at most one charge names the faults it promises it under', () => {
    for (const id of STRATEGY_IDS) {
      const { claimsAtMostOnce, promisesUnder } = STRATEGIES[id];
      expect(promisesUnder.length > 0, id).toBe(claimsAtMostOnce);
    }
  });
});

describe('outages: the provider fails after the key is claimed, its 5xx stored or released', () => {
  const scope: Scope = { losses: 1, duplicates: 0, crashes: 1, outages: 1, attempts: 3 };
  const pairs = STRATEGY_IDS.filter((id) => STRATEGIES[id].claimsAtMostOnce).flatMap((strategy) =>
    ERRORS_5XX_POLICIES.map((policy) => [strategy, policy] as const),
  );
  const promises = (strategy: StrategyId, policy: Errors5xxPolicy) =>
    promisedUnder(STRATEGIES[strategy], policy).includes('outage');

  // Any call to the provider may find it down (503) or hang past the server's read timeout with
  // the charge made, beside one lost message and one crash at a point the strategy survives.
  const walks = pairs
    .filter(([strategy, policy]) => promises(strategy, policy))
    .flatMap(([strategy, policy]) =>
      (['lost-response', 'crash-after-commit'] as const).map(
        (scenario) => [scenario, strategy, policy] as const,
      ),
    );
  it.each(walks)(
    '%s with %s, 5xx %s, which promises it: every call may fail, down or hanging, and no second charge',
    (scenario, strategy, policy) => {
      const report = exhaust(scenario, strategy, scope, { tweaks: { errors5xx: policy } });
      expect(report.complete).toBe(true);
      expect(report.schedules).toBeGreaterThan(100);
      expect(report.violations).toEqual({
        atMostOnce: 0,
        outcomeConsistency: 0,
        conservation: 0,
        books: 0,
      });
    },
  );

  it('the scope’s outages are of both kinds: down (503) and hanging past the read timeout', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const scopedRun = runScenario({
        scenario: 'happy-path',
        strategy: 'atomic-key',
        seed,
        shape: scoped(scope),
      });
      for (const r of scopedRun.trace) if (r.type === 'provider-failed') seen.add(r.how);
    }
    expect([...seen].sort()).toEqual(['error', 'timeout']);
  });

  it.each([
    ['atomic-key', 'store'],
    ['recovery-points', 'store'],
  ] as const)(
    '%s, 5xx %s: a pause on either side of the lock timeout and an outage together',
    (strategy, policy) => {
      const both: Scope = { losses: 0, duplicates: 0, crashes: 0, pauses: 1, outages: 1 };
      const report = exhaust(
        'lost-response',
        strategy,
        { ...both, attempts: 3 },
        {
          tweaks: { errors5xx: policy },
        },
      );
      expect(report.complete).toBe(true);
      expect(report.violations).toEqual({
        atMostOnce: 0,
        outcomeConsistency: 0,
        conservation: 0,
        books: 0,
      });
    },
  );

  it.each(pairs.filter(([strategy, policy]) => !promises(strategy, policy)))(
    '%s with 5xx %s does not promise it: a call that timed out with the charge made, released, and the retry charges again — the witness replays',
    (strategy, policy) => {
      const outages: Scope = { losses: 0, duplicates: 0, crashes: 0, outages: 1 };
      const tweaks = { errors5xx: policy };
      const report = exhaust('lost-response', strategy, outages, { tweaks });
      expect(report.complete).toBe(true);
      expect(report.violations.atMostOnce).toBeGreaterThan(0);
      const witness = report.witness!;
      expect(witness.command).toContain('--outages 1 --set errors5xx=release');
      expect(witness.link).toContain('errors5xx=release');
      const replay = runScenario({
        scenario: 'lost-response',
        strategy,
        seed: 0,
        tape: witness.tape,
        tweaks,
        shape: scoped(outages),
      });
      expect(replay.tape).toBe(witness.tape);
      expect(summarize(replay.trace).charges).toBe(2);
      const hung = replay.trace.find((r) => r.type === 'provider-failed');
      expect(hung).toMatchObject({ how: 'timeout' });
    },
  );

  it('recovery points keep the promise either way; the others only with the 5xx stored', () => {
    const promised = pairs.filter(([s, p]) => promises(s, p)).map((pair) => pair.join('/'));
    expect(promised).toEqual([
      'atomic-key/store',
      'locked-key/store',
      'fingerprinted/store',
      'recovery-points/store',
      'recovery-points/release',
    ]);
  });
});
