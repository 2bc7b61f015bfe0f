import { mulberry32 } from './prng.ts';

/**
 * The one door through which nondeterminism enters a run. `choose` returns an index in 0..n-1.
 * `weights`, when given, has one non-negative entry per option: a seeded source samples by them,
 * the enumerator walks every option whose weight is above zero, and a tape may only pick those.
 */
export interface ChoiceSource {
  choose(label: string, n: number, weights?: readonly number[]): number;
}

export class TapeReplayError extends Error {
  override name = 'TapeReplayError';
}

/** Normal play: choices drawn from Mulberry32 seeded with a 32-bit integer. */
export function seededSource(seed: number): ChoiceSource {
  const next = mulberry32(seed);
  return {
    choose(_label, n, weights) {
      if (!weights) return Math.floor(next() * n);
      return pickByWeight(weights, next());
    },
  };
}

function pickByWeight(weights: readonly number[], unit: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let target = unit * total;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    if (target < w) return i;
    target -= w;
  }
  // Rounding can leave `target` a hair above the last weight: take the last possible option.
  return lastPossible(weights);
}

function lastPossible(weights: readonly number[]): number {
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
  throw new RangeError('no option has a weight above zero');
}

export function isPossible(index: number, n: number, weights?: readonly number[]): boolean {
  return index >= 0 && index < n && (!weights || (weights[index] ?? 0) > 0);
}

/** Exact replay of recorded choices. A tape that runs out or picks the impossible is corrupt. */
export function tapeSource(choices: readonly number[]): ChoiceSource & { remaining(): number } {
  let position = 0;
  return {
    choose(label, n, weights) {
      const index = choices[position];
      if (index === undefined) {
        throw new TapeReplayError(`tape ran out at choice ${position + 1} (${label})`);
      }
      if (!isPossible(index, n, weights)) {
        throw new TapeReplayError(
          `tape choice ${position + 1} (${label}) is not a possible option`,
        );
      }
      position++;
      return index;
    },
    remaining: () => choices.length - position,
  };
}

/**
 * Replays `prefix`, then draws every later choice from `seed`: a run that keeps another run's
 * past up to some moment (a tape's run with a fault injected at the cursor) and plays on from
 * there. A prefix choice that is not possible means the past did not repeat: a bug, and thrown.
 */
export function prefixThenSeeded(prefix: readonly number[], seed: number): ChoiceSource {
  const past = tapeSource(prefix);
  const future = seededSource(seed);
  return {
    choose: (label, n, weights) =>
      past.remaining() > 0 ? past.choose(label, n, weights) : future.choose(label, n, weights),
  };
}

/** One choice point as the kernel saw it: what was picked and which options were possible. */
export interface ChoicePoint {
  label: string;
  index: number;
  options: readonly number[];
  /** The virtual time of the event the choice decides: the tape before a moment is the past. */
  atMs: number;
}

/**
 * Wraps a source: asks it only real questions (more than one possible option) and records every
 * answer, so each run carries its own tape and, for the explorer, its branching structure.
 */
export class RecordingChooser implements ChoiceSource {
  readonly points: ChoicePoint[] = [];
  constructor(
    private readonly source: ChoiceSource,
    /** The virtual time the next choice is made at (the kernel's clock). */
    private readonly clock: () => number,
  ) {}

  choose(label: string, n: number, weights?: readonly number[]): number {
    const options = possibleOptions(n, weights);
    const only = options[0];
    if (only === undefined) throw new RangeError(`choice "${label}" has no possible option`);
    if (options.length === 1) return only;
    const index = this.source.choose(label, n, weights);
    this.points.push({ label, index, options, atMs: this.clock() });
    return index;
  }

  get choices(): number[] {
    return this.points.map((p) => p.index);
  }
}

function possibleOptions(n: number, weights?: readonly number[]): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a choice needs n >= 1, got ${n}`);
  const options: number[] = [];
  for (let i = 0; i < n; i++) if (isPossible(i, n, weights)) options.push(i);
  return options;
}
