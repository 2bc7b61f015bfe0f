import { describe, expect, it } from 'vitest';
import { runScenario } from '../scenarios/run.ts';
import { SCENARIO_IDS } from '../scenarios/ids.ts';
import { STRATEGY_IDS } from '../model/strategies.ts';
import type { ScriptedFault } from '../model/settings.ts';
import { callsOf, type CallSpan } from './calls.ts';

const callsIn = (
  scenario: 'lost-response' | 'crash-after-provider-charge',
  strategy: 'none' | 'atomic-key' | 'recovery-points',
  faults: ScriptedFault[] = [],
) => callsOf(runScenario({ scenario, strategy, seed: 1, faults }).trace);

const brief = (c: CallSpan) =>
  `${c.kind} ${c.from}→${c.to} ${c.what.type === 'store' ? c.what.op : c.what.type}${
    c.reply ? ` ${c.reply}` : ''
  }`;

describe('the server’s calls, read from the trace', () => {
  it('without a key, a lost response makes two charges: two calls to the provider', () => {
    const calls = callsIn('lost-response', 'none');
    expect(calls.map(brief)).toEqual([
      'call server→provider charge',
      'reply provider→server charge CHARGED',
      'call server→store commit',
      'reply store→server commit COMMITTED',
      'call server→provider charge',
      'reply provider→server charge CHARGED',
      'call server→store commit',
      'reply store→server commit COMMITTED',
    ]);
    const charges = calls.filter((c) => c.kind === 'call' && c.what.type === 'charge');
    expect(charges.map((c) => c.what)).toEqual([
      { type: 'charge', amount: 4200, chargeId: 'ch_1', again: false },
      { type: 'charge', amount: 4200, chargeId: 'ch_2', again: true },
    ]);
    expect(charges.map((c) => c.caller)).toEqual(['handler-1', 'handler-2']);
  });

  it('with an atomic key, the retry’s INSERT finds the key and nothing is charged again', () => {
    const calls = callsIn('lost-response', 'atomic-key');
    expect(calls.filter((c) => c.what.type === 'charge')).toHaveLength(2); // one call, its answer
    expect(calls.map(brief).slice(-2)).toEqual([
      'call server→store claimKey',
      'reply store→server claimKey KEY_EXISTS',
    ]);
  });

  it('an answer leaves when its call is made and arrives when the request moves on it', () => {
    const calls = callsIn('lost-response', 'none');
    const [call, reply] = calls;
    expect(call).toMatchObject({ sentAt: 63, endAt: 63, fate: 'delivered' });
    expect(reply).toMatchObject({ sentAt: 63, endAt: 163, fate: 'delivered', index: call!.index });
    // In the order they left, an answer after its call.
    expect(calls.map((c) => c.sentAt)).toEqual(
      [...calls.map((c) => c.sentAt)].sort((a, b) => a - b),
    );
  });

  it('an answer whose request died in a crash is lost there; the rollback is no call', () => {
    const crash: ScriptedFault = { kind: 'crash', point: 'now', atMs: 100 };
    const calls = callsIn('lost-response', 'atomic-key', [crash]);
    const lost = calls.filter((c) => c.fate === 'dropped');
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({
      kind: 'reply',
      from: 'provider',
      to: 'server',
      reply: null,
      endAt: 100,
      lost: { at: 100, dueAt: 100 },
    });
    expect(calls.some((c) => c.what.type === 'store' && c.what.op === 'rollback')).toBe(false);
  });

  it('the provider’s known key: a call that charges nothing, answered with the first charge', () => {
    const calls = callsIn('crash-after-provider-charge', 'recovery-points');
    const again = calls.filter((c) => c.what.type === 'dedup');
    expect(again.map(brief)).toEqual([
      'call server→provider dedup',
      'reply provider→server dedup CHARGED',
    ]);
    expect(again[0]!.what).toEqual({ type: 'dedup', chargeId: 'ch_1' });
    expect(again[0]!.caller).toMatch(/^completer-/);
  });

  it('in every run, every call comes from the server and every charge is a call', () => {
    for (const scenario of SCENARIO_IDS)
      for (const strategy of STRATEGY_IDS) {
        let trace;
        try {
          trace = runScenario({ scenario, strategy, seed: 2 }).trace;
        } catch {
          continue; // a strategy this scenario's world does not offer
        }
        const calls = callsOf(trace);
        const charges = trace.filter((r) => r.type === 'charge').length;
        const chargeCalls = calls.filter((c) => c.kind === 'call' && c.what.type === 'charge');
        expect(chargeCalls, `${scenario} ${strategy}`).toHaveLength(charges);
        for (const call of calls) {
          expect(call.caller, `${scenario} ${strategy}`).toMatch(/^(handler|completer)-\d+$/);
          expect(call.endAt).toBeGreaterThanOrEqual(call.sentAt);
        }
        // Each call has at most one answer, and every answer has its call.
        const replies = calls.filter((c) => c.kind === 'reply').map((c) => c.index);
        expect(new Set(replies).size).toBe(replies.length);
        const asked = new Set(calls.filter((c) => c.kind === 'call').map((c) => c.index));
        for (const index of replies) expect(asked.has(index)).toBe(true);
      }
  });
});
