import type { ChoicePoint, ChoiceSource } from './choice.ts';

/**
 * Depth-first enumeration of choice sequences, for the schedule explorer. A run is started with
 * `prefixSource(prefix)`: it replays the prefix, then takes the first possible option at every
 * later choice point. From the points that run recorded, `nextPrefix` derives the next unexplored
 * sequence — the classic odometer walk — or null when the whole tree has been walked.
 */
export function prefixSource(prefix: readonly number[]): ChoiceSource {
  let position = 0;
  return {
    choose(_label, n, weights) {
      const forced = prefix[position++];
      if (forced !== undefined) return forced;
      for (let i = 0; i < n; i++) if (!weights || (weights[i] ?? 0) > 0) return i;
      throw new RangeError('no possible option');
    },
  };
}

/**
 * The next sequence after `points` in depth-first order, or null when there is none. Only the
 * first `maxDepth` choice points branch; deeper ones are treated as forced, and `cut` reports
 * whether that bound hid any alternatives.
 */
export function nextPrefix(
  points: readonly ChoicePoint[],
  maxDepth = Infinity,
): { prefix: number[] | null; cut: boolean } {
  const depth = Math.min(points.length, maxDepth);
  const cut = points.slice(depth).some((p) => p.options.length > 1);
  for (let i = depth - 1; i >= 0; i--) {
    const point = points[i]!;
    const at = point.options.indexOf(point.index);
    const next = point.options[at + 1];
    if (next !== undefined) {
      return { prefix: [...points.slice(0, i).map((p) => p.index), next], cut };
    }
  }
  return { prefix: null, cut };
}
