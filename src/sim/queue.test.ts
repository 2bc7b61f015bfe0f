import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecordingChooser, seededSource, type ChoiceSource } from './choice.ts';
import { EventQueue } from './queue.ts';

const first: ChoiceSource = { choose: () => 0 };

describe('event queue', () => {
  it('pops in (time, insertion) order when every tie is settled by its first option', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 20 })), (times) => {
        const queue = new EventQueue<number>();
        times.forEach((t, i) => queue.push(t, i));
        const popped: number[] = [];
        for (let e = queue.pop(first); e; e = queue.pop(first)) popped.push(e.payload);
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
        expect(popped).toEqual(expected.map((x) => x.i));
      }),
    );
  });

  it('makes simultaneous events a recorded choice, and never reorders time', () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.nat({ max: 5 }), { minLength: 1 }), (seed, times) => {
        const queue = new EventQueue<number>();
        times.forEach((t, i) => queue.push(t, i));
        const chooser = new RecordingChooser(seededSource(seed), () => 0);
        const popped: number[] = [];
        for (let e = queue.pop(chooser); e; e = queue.pop(chooser)) popped.push(e.time);
        expect(popped).toEqual([...times].sort((a, b) => a - b));
        const ties = times.length - new Set(times).size;
        expect(chooser.points.length).toBeLessThanOrEqual(ties);
        if (ties > 0)
          expect(chooser.points.every((p) => p.label === 'simultaneous events')).toBe(true);
      }),
    );
  });
});
