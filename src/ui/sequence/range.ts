/**
 * Rows as stops in time, importing nothing but a binary search: the export menu (on the first
 * screen) asks which rows an export would hold without loading the diagram.
 */
import { countBefore } from '../../report/search.ts';

/** Index of the first stop after `t` (stops.length if none): a binary search. */
export function firstStopAfter(stops: readonly number[], t: number): number {
  return countBefore(stops.length, (i) => stops[i]! <= t);
}

/** The most rows an exported diagram holds: 400 rows are 8,800 px, 17,600 px in a 2× PNG. */
export const EXPORT_ROWS = 400;

/** Which rows an export holds (0-based, both included), and whether that is the whole run. */
export interface ExportRange {
  first: number;
  last: number;
  whole: boolean;
}

/**
 * The rows of an export: the whole run when it fits, else the `max` rows that lead up to the
 * cursor's moment (the first `max` if the cursor is nearer the start), so a long run exports the
 * part the reader is looking at, and the file and the menu say which.
 */
export function exportRange(stops: readonly number[], cursorMs: number, max = EXPORT_ROWS) {
  const count = stops.length;
  if (count <= max) return { first: 0, last: Math.max(0, count - 1), whole: true };
  const atCursor = Math.max(0, firstStopAfter(stops, cursorMs) - 1);
  const last = Math.max(max - 1, atCursor);
  return { first: last - max + 1, last, whole: false };
}
