import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../report/timeline.ts';
import { runScenario } from '../scenarios/run.ts';
import { SCENARIO_IDS } from '../scenarios/ids.ts';
import { frameCursors, MAX_FRAMES, SLIDE_PLAN } from './frames.ts';

const timelineOf = (scenario: (typeof SCENARIO_IDS)[number]) =>
  buildTimeline(runScenario({ scenario, strategy: 'none', seed: 1 }).trace);

describe('the frames of an exported run', () => {
  it.each(SCENARIO_IDS)('%s: from the start to the end, never backwards, every mark held', (id) => {
    const timeline = timelineOf(id);
    const cursors = frameCursors(timeline);
    expect(cursors[0]).toBe(0);
    expect(cursors.length).toBeLessThanOrEqual(MAX_FRAMES);
    for (let i = 1; i < cursors.length; i++)
      expect(cursors[i]).toBeGreaterThanOrEqual(cursors[i - 1]!);
    if (cursors.length < MAX_FRAMES) {
      expect(cursors.at(-1)).toBe(timeline.endMs);
      const hold = SLIDE_PLAN.holdSeconds * SLIDE_PLAN.fps;
      for (const mark of timeline.marks) {
        expect(cursors.filter((c) => c === mark.t).length).toBeGreaterThanOrEqual(hold);
      }
    }
  });

  it('is a pure function of the run', () => {
    const timeline = timelineOf('lost-response');
    expect(frameCursors(timeline)).toEqual(frameCursors(timelineOf('lost-response')));
  });
});
