import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  prefixThenSeeded,
  RecordingChooser,
  seededSource,
  tapeSource,
  TapeReplayError,
} from './choice.ts';

describe('choice sources', () => {
  it('a seeded source never picks an option of weight zero', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.nat({ max: 5 }), { minLength: 2, maxLength: 6 }),
        (seed, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const source = seededSource(seed);
          for (let i = 0; i < 50; i++)
            expect(weights[source.choose('x', weights.length, weights)]).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('a seeded source follows the weights roughly', () => {
    const source = seededSource(7);
    let hits = 0;
    for (let i = 0; i < 10_000; i++) hits += source.choose('loss', 2, [0.9, 0.1]);
    expect(hits).toBeGreaterThan(800);
    expect(hits).toBeLessThan(1200);
  });

  it('the recorder asks only real questions and records the answers', () => {
    const chooser = new RecordingChooser(seededSource(3), () => 7);
    expect(chooser.choose('forced', 1)).toBe(0);
    expect(chooser.choose('impossible second', 2, [1, 0])).toBe(0);
    const picked = chooser.choose('real', 4);
    expect(chooser.points).toEqual([
      { label: 'real', index: picked, options: [0, 1, 2, 3], atMs: 7 },
    ]);
    expect(chooser.choices).toEqual([picked]);
  });

  it('a tape replays exactly what a recorder saw', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 30 }),
        (seed, arities) => {
          const recorder = new RecordingChooser(seededSource(seed), () => 0);
          const first = arities.map((n) => recorder.choose('c', n));
          const replay = new RecordingChooser(tapeSource(recorder.choices), () => 0);
          expect(arities.map((n) => replay.choose('c', n))).toEqual(first);
        },
      ),
    );
  });

  it('a prefix replays its choices, then the seed draws as if from its start', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 10 }),
        (seed, prefix) => {
          const source = prefixThenSeeded(prefix, seed);
          const fresh = seededSource(seed);
          expect(prefix.map(() => source.choose('c', 2))).toEqual(prefix);
          const after = Array.from({ length: 5 }, () => source.choose('c', 6));
          expect(after).toEqual(Array.from({ length: 5 }, () => fresh.choose('c', 6)));
        },
      ),
    );
    expect(() => prefixThenSeeded([4], 1).choose('c', 2)).toThrow(TapeReplayError);
  });

  it('a tape that runs out or picks the impossible is refused with a reason', () => {
    expect(() => tapeSource([]).choose('delay', 3)).toThrow(TapeReplayError);
    expect(() => tapeSource([]).choose('delay', 3)).toThrow('ran out at choice 1 (delay)');
    expect(() => tapeSource([5]).choose('delay', 3)).toThrow('not a possible option');
    expect(() => tapeSource([1]).choose('loss', 2, [1, 0])).toThrow('not a possible option');
  });
});
