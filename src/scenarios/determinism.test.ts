import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seededSource } from '../sim/choice.ts';
import { ENGINES } from '../model/engine.ts';
import { DEFAULT_LIMITS, runWorld, traceHash } from '../model/run.ts';
import { STRATEGY_IDS } from '../model/strategies.ts';
import { SCENARIOS } from './catalogue.ts';
import { PAYMENT_SCENARIO_IDS } from './ids.ts';
import { runScenario, TapeMismatchError } from './run.ts';

const anyRun = fc.record({
  scenario: fc.constantFrom(...PAYMENT_SCENARIO_IDS),
  strategy: fc.constantFrom(...STRATEGY_IDS),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});

describe('determinism', () => {
  it('any scenario × strategy × seed gives the same trace hash twice, and again from its tape', () => {
    fc.assert(
      fc.property(anyRun, (request) => {
        const first = runScenario(request);
        const second = runScenario(request);
        const replay = runScenario({ ...request, tape: first.tape });
        expect(traceHash(second.trace)).toBe(traceHash(first.trace));
        expect(traceHash(replay.trace)).toBe(traceHash(first.trace));
        expect(replay.tape).toBe(first.tape);
      }),
      { numRuns: 300 },
    );
  });

  it('the fast stepper and XState’s own transition() produce identical traces', () => {
    fc.assert(
      fc.property(anyRun, ({ scenario, strategy, seed }) => {
        const settings = SCENARIOS[scenario].settings(strategy);
        const fast = runWorld(settings, seededSource(seed), DEFAULT_LIMITS, ENGINES.fast);
        const xstate = runWorld(settings, seededSource(seed), DEFAULT_LIMITS, ENGINES.xstate);
        expect(fast.trace).toEqual(xstate.trace);
      }),
      { numRuns: 150 },
    );
  });

  it('pins one trace hash, so a change of behaviour is a visible, deliberate change', () => {
    const result = runScenario({ scenario: 'lost-response', strategy: 'atomic-key', seed: 1 });
    expect(result.tape).toBe('1.NAL');
    expect(traceHash(result.trace)).toMatchInlineSnapshot(`"0cdbf51eddc056"`);
  });

  it('refuses a tape recorded for a different run', () => {
    const { tape } = runScenario({ scenario: 'flaky-network', strategy: 'none', seed: 3 });
    expect(() => runScenario({ scenario: 'happy-path', strategy: 'none', seed: 0, tape })).toThrow(
      TapeMismatchError,
    );
  });
});
