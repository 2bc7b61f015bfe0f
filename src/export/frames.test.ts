import { describe, expect, it } from 'vitest';
import { captionGroupsOf } from '../report/captions.ts';
import { buildTimeline } from '../report/timeline.ts';
import { runScenario } from '../scenarios/run.ts';
import { SCENARIO_IDS } from '../scenarios/ids.ts';
import { frameCursors, MAX_FRAMES, SLIDE_PLAN } from './frames.ts';
import { holds } from './record.ts';

const timelineOf = (scenario: (typeof SCENARIO_IDS)[number]) =>
  buildTimeline(runScenario({ scenario, strategy: 'none', seed: 1 }).trace);

describe('the frames of an exported run', () => {
  it.each(SCENARIO_IDS)('%s: start to end, never backwards, each key caption readable', (id) => {
    const timeline = timelineOf(id);
    const cursors = frameCursors(timeline);
    expect(cursors[0]).toBe(0);
    expect(cursors.length).toBeLessThanOrEqual(MAX_FRAMES);
    for (let i = 1; i < cursors.length; i++)
      expect(cursors[i]).toBeGreaterThanOrEqual(cursors[i - 1]!);
    expect(cursors.at(-1)).toBe(timeline.endMs);
    // A caption is on screen from its moment until the next one: 1.5 s of frames at least.
    const groups = captionGroupsOf(timeline.trace);
    groups.forEach((group, i) => {
      if (group.weight !== 'key') return;
      const until = groups[i + 1]?.t ?? Infinity;
      const shown = cursors.filter((c) => c >= group.t && c < until).length;
      expect(shown / SLIDE_PLAN.fps, `caption at ${group.t} ms`).toBeGreaterThanOrEqual(1.5);
    });
  });

  it('is a pure function of the run', () => {
    expect(frameCursors(timelineOf('lost-response'))).toEqual(
      frameCursors(timelineOf('lost-response')),
    );
  });
});

describe('holds: the pictures a file needs', () => {
  it('draw a held moment once, for as many frames as it lasts, and lose no frame', () => {
    expect(holds([0, 0, 5, 9, 9, 9])).toEqual([
      { cursor: 0, frames: 2 },
      { cursor: 5, frames: 1 },
      { cursor: 9, frames: 3 },
    ]);
    const cursors = frameCursors(timelineOf('lost-response'));
    const runs = holds(cursors);
    expect(runs.flatMap(({ cursor, frames }) => Array<number>(frames).fill(cursor))).toEqual(
      cursors,
    );
    // The pacing holds every caption: far fewer pictures than frames.
    expect(runs.length).toBeLessThan(cursors.length / 2);
  });
});
