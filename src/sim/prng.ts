/**
 * Mulberry32: a small, well-known 32-bit PRNG (Tommy Ettinger, public domain). Good enough for
 * fault injection, tiny, and identical in every JavaScript engine because it only uses 32-bit
 * integer arithmetic.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seeds are unsigned 32-bit integers: every one names a different run. */
export const MAX_SEED = 4294967295;

export function isValidSeed(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_SEED;
}
