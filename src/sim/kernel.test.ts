import { describe, expect, it } from 'vitest';
import { seededSource, tapeSource } from './choice.ts';
import { runKernel, type Kernel, type KernelRun, type World } from './kernel.ts';
import { nextPrefix, prefixSource } from './enumerate.ts';

/** A tiny world: a ping-pong that makes one 3-way choice per hop. */
function pingPong(hops: number, log: string[] = []): World<number> {
  return {
    start: (k: Kernel<number>) => k.schedule(0, 0),
    handle: (hop: number, k: Kernel<number>) => {
      const delay = 10 + k.choose('delay', 3);
      log.push(`${k.now}:${hop}`);
      if (hop + 1 < hops) k.schedule(delay, hop + 1);
    },
  };
}

describe('kernel', () => {
  it('advances virtual time by the scheduled delays and records its choices', () => {
    const log: string[] = [];
    const run = runKernel(pingPong(4, log), seededSource(1), { maxEvents: 100, maxTimeMs: 10_000 });
    expect(run.events).toBe(4);
    expect(run.stoppedBy).toBe('quiescent');
    expect(run.points).toHaveLength(4);
    expect(log[0]).toBe('0:0');
    expect(run.endTimeMs).toBeGreaterThanOrEqual(30);
  });

  it('replays a recorded run exactly from its tape', () => {
    const a: string[] = [];
    const b: string[] = [];
    const first = runKernel(pingPong(6, a), seededSource(42), { maxEvents: 100, maxTimeMs: 1e6 });
    runKernel(pingPong(6, b), tapeSource(first.points.map((p) => p.index)), {
      maxEvents: 100,
      maxTimeMs: 1e6,
    });
    expect(b).toEqual(a);
  });

  it('dates each choice by the event it decides, a race by when the racers are due', () => {
    const times: number[] = [];
    const racing: World<number> = {
      start: (k) => {
        k.schedule(5, 1);
        k.schedule(5, 2);
      },
      handle: (_event, k) => {
        k.choose('delay', 2);
        times.push(k.now);
      },
    };
    const run = runKernel(racing, seededSource(3), { maxEvents: 10, maxTimeMs: 100 });
    expect(run.points.map((p) => [p.label, p.atMs])).toEqual([
      ['simultaneous events', 5],
      ['delay', 5],
      ['delay', 5],
    ]);
    expect(times).toEqual([5, 5]);
  });

  it('stops at its limits', () => {
    expect(
      runKernel(pingPong(1000), seededSource(1), { maxEvents: 5, maxTimeMs: 1e9 }).stoppedBy,
    ).toBe('max-events');
    expect(
      runKernel(pingPong(1000), seededSource(1), { maxEvents: 1e6, maxTimeMs: 50 }).stoppedBy,
    ).toBe('max-time');
  });

  it('refuses a negative delay', () => {
    const world: World<number> = { start: (k) => k.schedule(-1, 0), handle: () => {} };
    expect(() => runKernel(world, seededSource(1), { maxEvents: 1, maxTimeMs: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('enumeration (for the explorer)', () => {
  it('walks every choice sequence exactly once, depth first', () => {
    const seen = new Set<string>();
    let prefix: number[] | null = [];
    while (prefix) {
      const run: KernelRun = runKernel(pingPong(3), prefixSource(prefix), {
        maxEvents: 100,
        maxTimeMs: 1e6,
      });
      const key = run.points.map((p) => p.index).join('');
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      prefix = nextPrefix(run.points).prefix;
    }
    expect(seen.size).toBe(27);
  });

  it('reports a cut when the depth bound hides alternatives', () => {
    const run = runKernel(pingPong(3), prefixSource([]), { maxEvents: 100, maxTimeMs: 1e6 });
    expect(nextPrefix(run.points, 1)).toEqual({ prefix: [1], cut: true });
    expect(nextPrefix(run.points).cut).toBe(false);
  });
});
