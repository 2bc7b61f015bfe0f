import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PAYMENT_SCENARIO_IDS } from '../scenarios/ids.ts';
import { runScenario } from '../scenarios/run.ts';
import { STRATEGY_IDS } from '../model/strategies.ts';
import { summarize } from '../model/outcome.ts';
import {
  chargesBy,
  buildTimeline,
  DROP_FALL_MS,
  inFlight,
  nextStop,
  previousStop,
  recordsBy,
  stateAt,
} from './timeline.ts';

const lostResponse = buildTimeline(
  runScenario({ scenario: 'lost-response', strategy: 'none', seed: 1 }).trace,
);

describe('the timeline of a recorded run', () => {
  it('counts the records that have happened by a time, those at that very time included', () => {
    const { trace, endMs } = lostResponse;
    expect(recordsBy(lostResponse, -1)).toBe(0);
    expect(recordsBy(lostResponse, endMs)).toBe(trace.length);
    const t = trace[5]!.t;
    expect(recordsBy(lostResponse, t)).toBe(trace.filter((r) => r.t <= t).length);
  });

  it('knows each actor’s state at any point, from its transitions', () => {
    expect(stateAt(lostResponse, 'client-1', 0)).toBe('idle');
    expect(stateAt(lostResponse, 'client-1', lostResponse.trace.length)).toBe('done');
    expect(stateAt(lostResponse, 'nobody', 10)).toBeNull();
  });

  it('has the lost response on the wire only while it falls, and marks the drop', () => {
    const dropped = lostResponse.spans.filter((s) => s.fate === 'dropped');
    expect(dropped).toHaveLength(1);
    const span = dropped[0]!;
    expect(span.message.kind).toBe('response');
    expect(span.endAt - span.sentAt).toBe(DROP_FALL_MS);
    expect(inFlight(lostResponse, span.sentAt + 1).map((f) => f.span)).toContain(span);
    expect(inFlight(lostResponse, span.endAt).map((f) => f.span)).not.toContain(span);
    expect(lostResponse.marks.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['fault', 'drop', 'timeout', 'charge', 'violation']),
    );
  });

  it('interpolates a delivered message from 0 at its send to nearly 1 at its arrival', () => {
    const span = lostResponse.spans.find((s) => s.fate === 'delivered')!;
    const at = (t: number) => inFlight(lostResponse, t).find((f) => f.span === span)?.along;
    expect(at(span.sentAt)).toBe(0);
    expect(at((span.sentAt + span.endAt) / 2)).toBeCloseTo(0.5);
    expect(at(span.endAt)).toBeUndefined();
  });

  it('a message lost on the wire travels until it is lost, then falls from where it was', () => {
    const run = runScenario({
      scenario: 'happy-path',
      strategy: 'none',
      seed: 1,
      // The 201 leaves the server at 168 ms and is on the wire until about 220 ms.
      faults: [{ kind: 'drop-next', direction: 'response', atMs: 190 }],
    });
    const timeline = buildTimeline(run.trace);
    const span = timeline.spans.find((s) => s.fate === 'dropped')!;
    expect(span.message.kind).toBe('response');
    expect(span.lost?.at).toBe(190);
    const at = (t: number) => inFlight(timeline, t).find((f) => f.span === span)!;
    expect(at(185).fallen).toBe(0);
    const lostAlong = at(190).along;
    expect(lostAlong).toBeGreaterThan(0.2);
    expect(lostAlong).toBeLessThan(1);
    expect(at(205)).toMatchObject({ along: lostAlong, fallen: 0.5 });
    // The answer never arrived: the client retried, and without a key that is a second charge.
    expect(summarize(run.trace).charges).toBe(2);
  });

  it('steps from one event time to the next and back, stopping at the ends', () => {
    const { stops, endMs } = lostResponse;
    expect(nextStop(lostResponse, 0)).toBe(stops.find((s) => s > 0));
    expect(previousStop(lostResponse, nextStop(lostResponse, 0))).toBe(0);
    expect(nextStop(lostResponse, endMs)).toBe(endMs);
    expect(previousStop(lostResponse, 0)).toBe(0);
  });

  it('every message is on the wire exactly between its send and its end, for any run', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PAYMENT_SCENARIO_IDS),
        fc.constantFrom(...STRATEGY_IDS),
        fc.integer({ min: 0, max: 1000 }),
        (scenario, strategy, seed) => {
          const timeline = buildTimeline(runScenario({ scenario, strategy, seed }).trace);
          for (const span of timeline.spans) {
            expect(span.endAt).toBeGreaterThanOrEqual(span.sentAt);
            expect(Number.isFinite(span.endAt)).toBe(true);
          }
          // Stepping forward from the start visits every stop, in order, and ends at the end.
          let t = 0;
          let steps = 0;
          while (t < timeline.endMs && steps++ < 100_000) t = nextStop(timeline, t);
          expect(t).toBe(timeline.endMs);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('charges by a point in the run', () => {
  it('counts the charge records among the first `count`, for every prefix', () => {
    const run = runScenario({ scenario: 'retry-storm', strategy: 'none', seed: 1 });
    const timeline = buildTimeline(run.trace);
    let charges = 0;
    for (let count = 0; count <= run.trace.length; count++) {
      expect(chargesBy(timeline, count)).toBe(charges);
      if (run.trace[count]?.type === 'charge') charges++;
    }
    expect(charges).toBeGreaterThan(0);
  });
});
