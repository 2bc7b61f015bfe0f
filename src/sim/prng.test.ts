import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidSeed, mulberry32 } from './prng.ts';

describe('mulberry32', () => {
  it('matches the reference sequence for seed 1', () => {
    const next = mulberry32(1);
    // Golden values from bryc's published JavaScript (the var/+= original), so a refactor cannot
    // silently change every seeded run.
    expect([next(), next(), next()].map((x) => Math.floor(x * 2 ** 32))).toEqual([
      2693262067, 11749833, 2265367787,
    ]);
  });

  it('stays in [0, 1) and repeats for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const a = mulberry32(seed);
        const b = mulberry32(seed);
        for (let i = 0; i < 20; i++) {
          const x = a();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
          expect(b()).toBe(x);
        }
      }),
    );
  });

  it('accepts only 32-bit integer seeds', () => {
    expect(isValidSeed(0)).toBe(true);
    expect(isValidSeed(-1)).toBe(false);
    expect(isValidSeed(4294967295)).toBe(true);
    expect(isValidSeed(4294967296)).toBe(false);
    expect(isValidSeed(1.5)).toBe(false);
    expect(isValidSeed(Number.NaN)).toBe(false);
  });
});
