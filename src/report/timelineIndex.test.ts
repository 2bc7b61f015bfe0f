import { describe, expect, it } from 'vitest';
import type { ActorId } from '../model/message.ts';
import type { RecordOf, TraceRecord } from '../model/trace.ts';
import { PAYMENT_SCENARIO_IDS } from '../scenarios/ids.ts';
import { runScenario } from '../scenarios/run.ts';
import {
  buildTimeline,
  inFlight,
  lastTransitionAt,
  nextStop,
  previousStop,
  stateAt,
  traceBy,
  violationsBy,
  type Timeline,
} from './timeline.ts';

/**
 * The timeline answers a frame's questions by binary search and a time index; these are the
 * straightforward scans they replace, checked against them at every cursor of real runs.
 */
const plain = {
  stateAt(timeline: Timeline, actor: ActorId, count: number): string | null {
    let state: string | null = null;
    for (const entry of timeline.states.get(actor) ?? []) {
      if (entry.index >= count) break;
      state = entry.state;
    }
    return state;
  },
  lastTransition(trace: readonly TraceRecord[], actor: ActorId, count: number) {
    for (let i = count - 1; i >= 0; i--) {
      const r = trace[i]!;
      if (r.type === 'transition' && r.actor === actor) return r as RecordOf<'transition'>;
    }
    return null;
  },
  inFlight: (timeline: Timeline, t: number) =>
    timeline.spans.filter((s) => s.sentAt <= t && t < s.endAt),
  nextStop: (timeline: Timeline, t: number) => timeline.stops.find((s) => s > t) ?? timeline.endMs,
  previousStop: (timeline: Timeline, t: number) =>
    [...timeline.stops].reverse().find((s) => s < t) ?? 0,
  violations: (trace: readonly TraceRecord[], count: number) =>
    trace.slice(0, count).filter((r) => r.type === 'invariant'),
};

/** Every record's time, the moments just before and between them, and beyond both ends. */
function cursorsOf(timeline: Timeline): number[] {
  const times = timeline.stops.flatMap((s, i) => [
    s - 0.5,
    s,
    (s + (timeline.stops[i + 1] ?? s + 40)) / 2,
  ]);
  return [-10, ...times, timeline.endMs + 1000];
}

function expectSameAsScans(timeline: Timeline): void {
  const actors = [...timeline.states.keys(), 'nobody'];
  for (const t of cursorsOf(timeline)) {
    expect(inFlight(timeline, t).map((w) => w.span)).toEqual(plain.inFlight(timeline, t));
    expect(nextStop(timeline, t)).toBe(plain.nextStop(timeline, t));
    expect(previousStop(timeline, t)).toBe(plain.previousStop(timeline, t));
  }
  for (let count = 0; count <= timeline.trace.length; count++) {
    expect(violationsBy(timeline, count)).toEqual(plain.violations(timeline.trace, count));
    for (const actor of actors) {
      expect(stateAt(timeline, actor, count)).toBe(plain.stateAt(timeline, actor, count));
      expect(lastTransitionAt(timeline, actor, count)).toBe(
        plain.lastTransition(timeline.trace, actor, count),
      );
    }
  }
}

describe('the timeline’s indices answer as the scans they replace', () => {
  it.each(PAYMENT_SCENARIO_IDS)('at every cursor of %s under two strategies', (scenario) => {
    for (const strategy of ['none', 'atomic-key'] as const) {
      expectSameAsScans(buildTimeline(runScenario({ scenario, strategy, seed: 3 }).trace));
    }
  });

  it('at every cursor of a busy run with repeated payments and injected faults', () => {
    const run = runScenario({
      scenario: 'retry-storm-jitter',
      strategy: 'atomic-key',
      seed: 1,
      tweaks: { payments: 3 },
      faults: [
        { kind: 'drop-next', direction: 'response', atMs: 150 },
        { kind: 'partition', atMs: 400, durationMs: 500 },
      ],
    });
    expectSameAsScans(buildTimeline(run.trace));
  });

  it('gives every view the same prefix of the trace for a count, and the right one', () => {
    const { trace } = runScenario({ scenario: 'lost-response', strategy: 'none', seed: 1 });
    const five = traceBy(trace, 5);
    expect(traceBy(trace, 5)).toBe(five);
    expect(five).toEqual(trace.slice(0, 5));
    expect(traceBy(trace, 7)).toEqual(trace.slice(0, 7));
    expect(traceBy(trace, 5)).toEqual(trace.slice(0, 5));
  });
});
