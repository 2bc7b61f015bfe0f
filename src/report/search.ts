/**
 * How many leading items of a sorted list come before a point: `before(i)` holds for a prefix of
 * the indices and never after it. A binary search, so a move of the timeline costs a few steps
 * however long the run, where a scan of a 15,000-record run cost a frame.
 */
export function countBefore(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
