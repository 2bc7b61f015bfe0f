import { describe, expect, it } from 'vitest';
import { runScenario } from './run.ts';
import type { StrategyId } from '../model/strategies.ts';
import type { ScriptedFault } from '../model/settings.ts';
import type { TraceRecord } from '../model/trace.ts';

/** happy-path with the server frozen for a second from `atMs`, just after the request arrives. */
function pausedRun(strategy: StrategyId, seed = 1, atMs = 40) {
  return runScenario({
    scenario: 'happy-path',
    strategy,
    seed,
    faults: [{ kind: 'server-pause', atMs, durationMs: 1000 }],
  });
}

const count = (trace: readonly TraceRecord[], type: TraceRecord['type']) =>
  trace.filter((r) => r.type === type).length;

describe('a server pause (delay the server)', () => {
  it('freezes the process: no request handler moves until it ends, then work resumes', () => {
    const { trace } = pausedRun('atomic-key');
    const server = trace.filter((r) => r.type === 'transition' && r.actor === 'server');
    expect(server.map((r) => [r.t, r.type === 'transition' && r.to])).toEqual([
      [40, 'paused'],
      [1040, 'up'],
    ]);
    const handlerMoves = trace.filter(
      (r) => r.type === 'transition' && r.actor.startsWith('handler-') && r.t > 40 && r.t < 1040,
    );
    expect(handlerMoves).toEqual([]);
    expect(count(trace, 'charge')).toBe(1);
    // The request arrived during the pause: its handling starts its own 10 ms after the end.
    const started = trace.find((r) => r.type === 'transition' && r.actor === 'handler-1');
    expect(started?.t).toBe(1040 + 10);
  });

  it('stops the process clock: work under way resumes after it, in order and spacing kept', () => {
    const handlerTimes = (faults: ScriptedFault[]) =>
      runScenario({ scenario: 'happy-path', strategy: 'atomic-key', seed: 1, faults })
        .trace.filter((r) => r.type === 'transition' && r.actor === 'handler-1')
        .map((r) => r.t);
    const plain = handlerTimes([]);
    const paused = handlerTimes([{ kind: 'server-pause', atMs: 60, durationMs: 200 }]);
    expect(paused).toEqual(plain.map((t) => (t >= 60 ? t + 200 : t)));
  });

  it('makes the client time out and retry: without a key the customer pays twice', () => {
    for (const seed of [1, 2, 3]) {
      const { trace } = pausedRun('none', seed);
      expect(count(trace, 'charge')).toBe(2);
      expect(trace.some((r) => r.type === 'invariant' && r.name === 'atMostOnce')).toBe(true);
    }
  });

  it('with an atomic key claim, the queued original and the retry make one charge', () => {
    for (const seed of [1, 2, 3])
      expect(count(pausedRun('atomic-key', seed).trace, 'charge')).toBe(1);
  });

  it('a pause on a crashed server does nothing; a crash ends a pause', () => {
    const { trace } = runScenario({
      scenario: 'happy-path',
      strategy: 'atomic-key',
      seed: 1,
      faults: [
        { kind: 'server-pause', atMs: 40, durationMs: 1000 },
        { kind: 'crash', point: 'now', atMs: 100 },
        { kind: 'server-pause', atMs: 150, durationMs: 1000 },
      ],
    });
    const server = trace.filter((r) => r.type === 'transition' && r.actor === 'server');
    expect(server.map((r) => r.type === 'transition' && r.to)).toEqual(['paused', 'down', 'up']);
  });
});
