import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ScriptedFault } from '../model/settings.ts';
import { STRATEGY_IDS } from '../model/strategies.ts';
import { traceHash } from '../model/run.ts';
import {
  encodeFaults,
  FAULTS,
  faultCode,
  faultFits,
  faultOf,
  faultRow,
  parseFault,
  parseFaults,
  parseFaultsFor,
} from './faults.ts';
import { SCENARIO_IDS } from './ids.ts';
import { runScenario } from './run.ts';

const at = fc.integer({ min: 0, max: 5000 });
const anyFault: fc.Arbitrary<ScriptedFault> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('drop-next' as const, 'duplicate-next' as const),
    direction: fc.constantFrom('request' as const, 'response' as const),
    atMs: at,
  }),
  fc.record({
    kind: fc.constant('crash' as const),
    point: fc.constantFrom(
      'now' as const,
      'before-commit' as const,
      'after-provider-charge' as const,
      'after-commit' as const,
    ),
    atMs: at,
  }),
  fc.record({
    kind: fc.constantFrom(
      'partition' as const,
      'key-store-down' as const,
      'server-pause' as const,
      'provider-down' as const,
      'provider-timeout' as const,
    ),
    atMs: at,
    durationMs: fc.integer({ min: 1, max: 5000 }),
  }),
);

describe('injected faults in links', () => {
  it('every fault survives the trip through its code', () => {
    fc.assert(
      fc.property(fc.array(anyFault, { maxLength: 6 }), (faults) => {
        expect(parseFaults(encodeFaults(faults))).toEqual({ faults, bad: [] });
      }),
    );
  });

  it('reports what is not a fault, and keeps the rest', () => {
    expect(parseFaults('drop-response@340,explode@1,crash@,partition@5')).toEqual({
      faults: [{ kind: 'drop-next', direction: 'response', atMs: 340 }],
      bad: ['explode@1', 'crash@', 'partition@5'],
    });
    expect(parseFault('crash@99999999')).toBeNull();
  });

  it('a resource scenario takes no key-store outage and no provider crash point', () => {
    expect(faultFits('lost-update', { kind: 'key-store-down', atMs: 0, durationMs: 5 })).toBe(
      false,
    );
    expect(
      faultFits('lost-update', { kind: 'crash', point: 'after-provider-charge', atMs: 0 }),
    ).toBe(false);
    expect(faultFits('lost-update', { kind: 'crash', point: 'now', atMs: 0 })).toBe(true);
    // Nor a payment provider to take down.
    for (const kind of ['provider-down', 'provider-timeout'] as const) {
      expect(faultFits('lost-update', { kind, atMs: 0, durationMs: 5 })).toBe(false);
      expect(faultFits('lost-response', { kind, atMs: 0, durationMs: 5 })).toBe(true);
    }
  });
});

describe('the fault table', () => {
  it('has one row per code, and every fault finds its own row', () => {
    const codes = FAULTS.map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([
      'drop-request',
      'drop-response',
      'copy-request',
      'copy-response',
      'crash',
      'crash-before-commit',
      'crash-after-provider-charge',
      'crash-after-commit',
      'partition',
      'pause',
      'keys-down',
      'provider-down',
      'provider-timeout',
    ]);
    fc.assert(
      fc.property(anyFault, (fault) => {
        expect(
          faultOf(faultRow(fault), fault.atMs, 'durationMs' in fault ? fault.durationMs : 0),
        ).toEqual(fault);
      }),
    );
  });

  it('codes are spelled as links have always spelled them', () => {
    expect(FAULTS.map((entry) => faultCode(faultOf(entry, 5, 7)))).toEqual([
      'drop-request@5',
      'drop-response@5',
      'copy-request@5',
      'copy-response@5',
      'crash@5',
      'crash-before-commit@5',
      'crash-after-provider-charge@5',
      'crash-after-commit@5',
      'partition@5+7',
      'pause@5+7',
      'keys-down@5+7',
      'provider-down@5+7',
      'provider-timeout@5+7',
    ]);
    // An outage needs its duration, and nothing else has one.
    expect(parseFault('partition@5')).toBeNull();
    expect(parseFault('crash@1+5')).toBeNull();
    expect(parseFault('pause@5 7')).toEqual({ kind: 'server-pause', atMs: 5, durationMs: 7 });
  });

  it('a scenario refuses, by code, the faults its world lacks', () => {
    expect(parseFaultsFor('lost-update', 'keys-down@1+2,crash@3,nope@1')).toEqual({
      faults: [{ kind: 'crash', point: 'now', atMs: 3 }],
      bad: ['nope@1', 'keys-down@1+2'],
    });
  });
});

describe('a fault injected at a moment changes nothing before it', () => {
  it('the trace up to that moment is the same record for record, for any run and fault', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIO_IDS),
        fc.constantFrom(...STRATEGY_IDS),
        fc.integer({ min: 0, max: 1000 }),
        anyFault,
        (scenario, strategy, seed, fault) => {
          const plain = runScenario({ scenario, strategy, seed });
          const broken = runScenario({ scenario, strategy, seed, faults: [fault] });
          const before = (trace: typeof plain.trace) => trace.filter((r) => r.t < fault.atMs);
          expect(traceHash(before(broken.trace))).toBe(traceHash(before(plain.trace)));
          // And the run with the fault is itself exactly repeatable.
          const again = runScenario({ scenario, strategy, seed, faults: [fault] });
          expect(traceHash(again.trace)).toBe(traceHash(broken.trace));
        },
      ),
      { numRuns: 300 },
    );
  });
});
