import { describe, expect, it } from 'vitest';
import { STRATEGY_IDS, type StrategyId } from '../model/strategies.ts';
import { isResourceScenario, SCENARIO_IDS, type ScenarioId } from '../scenarios/ids.ts';
import { runScenario } from '../scenarios/run.ts';
import { DEFAULT_SPEED } from './playbackSlice.ts';
import { captionGroupsOf, groupAt } from '../report/captions.ts';
import {
  advanceWall,
  buildSchedule,
  cursorAt,
  pacedSchedule,
  wallAt,
  type Schedule,
} from '../report/pacing.ts';
import { buildTimeline, type Timeline } from '../report/timeline.ts';

const FRAME_MS = 1000 / 60;
/** What a first-time learner needs to read a caption (issue 13). */
const READ_MS = 1500;

const timelineOf = (scenario: ScenarioId, strategy: StrategyId, seed = 1): Timeline =>
  buildTimeline(runScenario({ scenario, strategy, seed }).trace);

/**
 * Plays a run as the animation loop does, frame by frame at 60 fps, and measures how long each
 * caption is on screen in wall-clock ms: the caption shown is the latest captioned moment at or
 * before the cursor, held until the next.
 */
function measure(timeline: Timeline, schedule: Schedule): { shownMs: number[]; wallMs: number } {
  const groups = captionGroupsOf(timeline.trace);
  const shownMs = groups.map(() => 0);
  let wall = 0;
  let cursor = 0;
  while (cursor < timeline.endMs || wall < schedule.totalWallMs) {
    const step = advanceWall(schedule, wall, FRAME_MS, false);
    const shown = groupAt(groups, cursor);
    if (shown >= 0) shownMs[shown]! += step.wallMs - wall;
    wall = step.wallMs;
    cursor = step.cursorMs;
    if (step.stopped) break;
  }
  // The last caption (the run's end) stays on screen once the run has stopped.
  shownMs[shownMs.length - 1] = Infinity;
  return { shownMs, wallMs: wall };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('pacing', () => {
  it('holds every key moment of every catalogue run ≥ 1.5 s at the default speed', () => {
    const rows: string[] = [];
    const all: number[] = [];
    const totals: number[] = [];
    for (const scenario of SCENARIO_IDS) {
      const strategies = isResourceScenario(scenario) ? (['none'] as const) : STRATEGY_IDS;
      for (const strategy of strategies) {
        const timeline = timelineOf(scenario, strategy);
        const schedule = pacedSchedule([timeline], DEFAULT_SPEED, timeline.endMs);
        const { shownMs, wallMs } = measure(timeline, schedule);
        const groups = captionGroupsOf(timeline.trace);
        const shownOf = (weight: string) =>
          shownMs.filter((_, i) => groups[i]!.weight === weight && i < groups.length - 1);
        const keyShown = shownOf('key');
        const repeats = shownOf('repeat');
        groups.forEach((group, i) => {
          if (group.weight === 'key')
            expect(shownMs[i], `${scenario}/${strategy} at ${group.t} ms`).toBeGreaterThanOrEqual(
              READ_MS,
            );
          // A note is shown too, if briefly: no caption is skipped.
          else expect(shownMs[i], `${scenario}/${strategy} at ${group.t} ms`).toBeGreaterThan(0);
        });
        all.push(...keyShown);
        totals.push(wallMs);
        const s = (ms: number) => (ms / 1000).toFixed(1).padStart(5);
        rows.push(
          `${`${scenario}/${strategy}`.padEnd(42)} key moments ${String(keyShown.length).padStart(3)}` +
            `  min ${s(Math.min(...keyShown))} s  median ${s(median(keyShown))} s  total ${s(wallMs)} s` +
            (repeats.length
              ? `  (+${repeats.length} repeats, min ${s(Math.min(...repeats))} s)`
              : ''),
        );
      }
    }
    console.log(
      `Pacing at ${DEFAULT_SPEED}× (caption on screen per key moment, wall-clock):\n${rows.join('\n')}\n` +
        `overall: min ${(Math.min(...all) / 1000).toFixed(2)} s, median ${(median(all) / 1000).toFixed(2)} s; ` +
        `play time median ${(median(totals) / 1000).toFixed(1)} s, longest ${(Math.max(...totals) / 1000).toFixed(1)} s`,
    );
    // Not tedious either: no catalogue run plays for more than two minutes.
    expect(Math.max(...totals)).toBeLessThan(120_000);
  });

  it('maps wall-clock time to the cursor and back, monotonically, holding at moments', () => {
    const timeline = timelineOf('lost-response', 'none');
    const schedule = pacedSchedule([timeline], 0.1, timeline.endMs);
    let previous = -1;
    for (let w = 0; w <= schedule.totalWallMs + 50; w += 7) {
      const c = cursorAt(schedule, w);
      expect(c).toBeGreaterThanOrEqual(previous);
      previous = c;
    }
    expect(cursorAt(schedule, schedule.totalWallMs)).toBe(timeline.endMs);
    for (const group of captionGroupsOf(timeline.trace)) {
      const start = wallAt(schedule, group.t);
      const end = wallAt(schedule, group.t, true);
      expect(end - start).toBeGreaterThan(0);
      expect(cursorAt(schedule, (start + end) / 2)).toBe(group.t);
    }
    // Between moments, travel is linear: wallAt inverts cursorAt.
    expect(cursorAt(schedule, wallAt(schedule, 100))).toBeCloseTo(100, 6);
  });

  it('travels quiet stretches 8× faster than busy ones', () => {
    const timeline = timelineOf('lost-response', 'none');
    const schedule = buildSchedule({
      timelines: [timeline],
      holds: [],
      speed: 0.1,
      endMs: timeline.endMs,
    });
    // 168 ms (the lost 201 leaves) to 1000 ms (the timeout): nothing on the wire but the falling message.
    const quiet = wallAt(schedule, 900) - wallAt(schedule, 400);
    expect(quiet).toBeCloseTo(500 / 0.8, 6);
    // 0 to 40 ms: the request on its way.
    expect(wallAt(schedule, 40) - wallAt(schedule, 0)).toBeCloseTo(400, 6);
  });

  it('slower speeds hold longer; event by event stops at each moment; reduced motion jumps', () => {
    const timeline = timelineOf('lost-response', 'none');
    const at = (speed: number) => pacedSchedule([timeline], speed, timeline.endMs);
    expect(at(0.025).totalWallMs).toBeCloseTo(at(0.1).totalWallMs * 4, 6);
    const schedule = at(0.1);
    const groups = captionGroupsOf(timeline.trace);
    // Event by event: from the end of one moment's hold, play stops where the next one begins.
    let wall = wallAt(schedule, 0, true);
    for (const group of groups.slice(1)) {
      const step = advanceWall(schedule, wall, 1e9, true);
      expect(step).toMatchObject({ cursorMs: group.t, stopped: true });
      wall = wallAt(schedule, step.cursorMs, true);
    }
    // Reduced motion: no travel, only the holds; the cursor is always at a moment.
    const jumping = pacedSchedule([timeline], 0.1, timeline.endMs, true);
    const times = new Set(groups.map((g) => g.t));
    for (let w = 0; w < jumping.totalWallMs; w += 50) expect(times).toContain(cursorAt(jumping, w));
  });
});
