import { describe, expect, it } from 'vitest';
import { bestStep, fitSteps, scoreOf, stepsFor, type FitStep, type Fitted } from './fit.ts';

/**
 * A stage as a model: the texts take `lines × readPx` of a fixed height, the topology's label
 * grows with the height left over, and a wider text column (beside a sequence) needs fewer lines.
 */
function stage({
  height,
  words,
  sequenceNeeds = 0,
}: {
  height: number;
  words: number;
  sequenceNeeds?: number;
}) {
  const tried: FitStep[] = [];
  const measure = (step: FitStep): Fitted => {
    tried.push(step);
    const lines = Math.ceil((words * step.readPx) / (400 * step.readShare));
    const texts = lines * step.readPx * 1.4;
    const left = height - texts;
    const sequenceWidth = 800 / (1 + step.readShare);
    return {
      fits: left > 0,
      labelPx: Math.max(0, left / 25),
      labelCeilingPx: height / 25,
      readPx: step.readPx,
      cutPx: Math.max(0, sequenceNeeds - sequenceWidth),
    };
  };
  return { measure, tried };
}

describe('fitting the texts of an embedded stage', () => {
  it('keeps the full size, measured once, when a short caption leaves the labels large', () => {
    const { measure, tried } = stage({ height: 600, words: 10 });
    expect(bestStep(fitSteps, measure)).toEqual(fitSteps[0]);
    expect(tried).toHaveLength(1);
  });

  it('steps a long caption down until the labels and the texts are both as large as can be', () => {
    const { measure } = stage({ height: 420, words: 120 });
    const chosen = bestStep(fitSteps, measure);
    expect(chosen.readPx).toBeLessThan(20);
    // Better than the first step, and no step scores higher.
    const scores = fitSteps.map((step) => scoreOf(measure(step)));
    // (within the half pixel that is no gain worth smaller texts)
    expect(scoreOf(measure(chosen))).toBeGreaterThanOrEqual(Math.max(...scores) - 0.5);
    expect(scoreOf(measure(chosen))).toBeGreaterThan(scores[0]!);
  });

  it('widens the texts beside a sequence only when that cuts none of its lanes off', () => {
    const roomy = stage({ height: 420, words: 120, sequenceNeeds: 300 });
    expect(bestStep(fitSteps, roomy.measure).readShare).toBe(1.5);
    const tight = stage({ height: 420, words: 120, sequenceNeeds: 390 });
    expect(bestStep(fitSteps, tight.measure).readShare).toBe(1);
  });

  it('takes the most compact step when nothing fits, and never a step that overflows otherwise', () => {
    const { measure } = stage({ height: 50, words: 400 });
    expect(bestStep(fitSteps, measure)).toEqual(fitSteps.at(-1));
    expect(scoreOf({ fits: false, labelPx: 30, labelCeilingPx: 40, readPx: 20, cutPx: 0 })).toBe(
      -Infinity,
    );
  });

  it('lets a zoomed stage go below 14 CSS px, never below 16 device px', () => {
    expect(Math.min(...fitSteps.map((s) => s.readPx))).toBe(14);
    expect(Math.min(...stepsFor(1.2).map((s) => s.readPx))).toBe(14);
    expect(Math.min(...stepsFor(1.5).map((s) => s.readPx))).toBe(12);
    for (const zoom of [1, 1.2, 1.41, 1.5, 2])
      for (const step of stepsFor(zoom)) expect(step.readPx * zoom).toBeGreaterThanOrEqual(14);
  });

  it('counts labels at four fifths of the texts: 16 px labels match a 20 px caption', () => {
    expect(scoreOf({ fits: true, labelPx: 16, labelCeilingPx: 20, readPx: 20, cutPx: 0 })).toBe(20);
    expect(scoreOf({ fits: true, labelPx: 12, labelCeilingPx: 20, readPx: 20, cutPx: 0 })).toBe(15);
    expect(scoreOf({ fits: true, labelPx: null, labelCeilingPx: null, readPx: 18, cutPx: 0 })).toBe(
      18,
    );
    // Twelve clients' labels: no size of the texts saves them, so the texts stay large.
    expect(scoreOf({ fits: true, labelPx: 6, labelCeilingPx: 8, readPx: 20, cutPx: 0 })).toBe(20);
    // Labels crowded out by the texts, not by their drawing, do count.
    expect(scoreOf({ fits: true, labelPx: 6, labelCeilingPx: 30, readPx: 20, cutPx: 0 })).toBe(7.5);
  });
});
