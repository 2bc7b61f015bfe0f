/**
 * Fitting an embedded stage's texts to its frame. The drawings (topology, sequence) take the
 * height the texts (caption, ledger) leave them, so a long caption shrinks the topology, and in a
 * small frame would push the ledger out. Instead the texts try a few steps — beside a sequence
 * diagram, first wider (the sequence gives up width), then smaller — and the stage keeps the step
 * at which the texts and the topology's labels are both as large as they can be together.
 */

/** The frame's size in device px: the iframe's, not the page's. */
export interface Frame {
  width: number;
  height: number;
}

export interface FitStep {
  /** The caption's and the ledger's font size, in CSS px before the stage's zoom. */
  readPx: number;
  /** Beside a sequence diagram: the texts' share of the row's width, the sequence's being 1. */
  readShare: number;
}

/** How the stage came out with one step, in device px. */
export interface Fitted {
  /** Nothing reaches past the frame: no panel is cut off or pushed out. */
  fits: boolean;
  /** The topology's labels; null when the stage shows no topology. */
  labelPx: number | null;
  /** The labels if the topology had the stage's whole height: as large as they can ever be. */
  labelCeilingPx: number | null;
  /** The caption's and the ledger's text. */
  readPx: number;
  /** How much of the sequence diagram's width is cut off (it scrolls sideways), in CSS px. */
  cutPx: number;
}

/**
 * From the texts' full size down to the smallest a room can still read from a slide; at each size
 * the texts first try half as wide again as the sequence beside them, if that cuts none of its
 * lanes off. Sizes are CSS px before the stage's zoom: 14 is the least at scale 1; a zoomed stage
 * may go on below it while the texts stay at least 16 device px (at scale 1.5, 12 CSS px are 18).
 */
const READ_SIZES = [20, 18, 17, 16, 15, 14];
const ZOOMED_SIZES = [13, 12];
const LEAST_DEVICE_PX = 16;

export function stepsFor(zoom: number): readonly FitStep[] {
  const sizes = [...READ_SIZES, ...ZOOMED_SIZES.filter((px) => px * zoom >= LEAST_DEVICE_PX)];
  return sizes.flatMap((readPx) => [
    { readPx, readShare: 1 },
    { readPx, readShare: 1.5 },
  ]);
}

/** The steps at scale 1. */
export const fitSteps = stepsFor(1);

/**
 * Labels are words of one line, read at a glance: they are as legible as the caption's sentences
 * at four fifths of their size (16 px labels beside a 20 px caption).
 */
const LABEL_TO_TEXT = 0.8;

/**
 * A drawing whose labels would stay under this size (device px) even with the whole stage to
 * itself is a crowd — a dozen clients — that no size of the texts makes readable from a room:
 * the texts are not shrunk for it.
 */
const HOPELESS_LABEL_PX = 10;

/** How good a step is: the smaller of the texts and the labels, labels counted at 1/0.8. */
export function scoreOf({ fits, labelPx, labelCeilingPx, readPx }: Fitted): number {
  if (!fits) return -Infinity;
  if (labelPx === null || (labelCeilingPx ?? Infinity) < HOPELESS_LABEL_PX) return readPx;
  return Math.min(readPx, labelPx / LABEL_TO_TEXT);
}

/**
 * The best of the steps, tried in order (`measure` lays the stage out with one and reports how it
 * came out). Ties go to the earlier step, whose texts are larger. Once the texts, not the labels,
 * are what limits a step that fits, later steps (smaller texts) cannot do better: the search
 * stops there, so a short caption costs one measurement. If no step fits, the last (the most
 * compact) is taken.
 */
export function bestStep(steps: readonly FitStep[], measure: (step: FitStep) => Fitted): FitStep {
  let best: FitStep | undefined;
  let bestScore = -Infinity;
  // A narrower sequence may not cut off lanes the first step showed: on a slide nobody scrolls.
  let cutAtFirst: number | null = null;
  for (const step of steps) {
    const fitted = measure(step);
    cutAtFirst ??= fitted.cutPx;
    const cuts = fitted.cutPx > cutAtFirst + 2;
    const score = cuts ? -Infinity : scoreOf(fitted);
    // Half a pixel is no gain worth smaller texts.
    if (score > bestScore + 0.5) {
      best = step;
      bestScore = score;
    }
    if (!cuts && fitted.fits && score >= fitted.readPx) break;
  }
  return best ?? steps[steps.length - 1]!;
}
