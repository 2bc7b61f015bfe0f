import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countBefore } from './search.ts';

describe('countBefore', () => {
  it('counts the items before a point in any sorted list, as a scan would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 })),
        fc.integer({ min: -1, max: 51 }),
        (values, t) => {
          const sorted = [...values].sort((a, b) => a - b);
          const scanned = sorted.filter((v) => v < t).length;
          expect(countBefore(sorted.length, (i) => sorted[i]! < t)).toBe(scanned);
        },
      ),
      { numRuns: 500, seed: 1 },
    );
    expect(countBefore(0, () => true)).toBe(0);
  });
});
