/**
 * npm run perf — playback budgets in headless Chromium, against a running preview
 * (`npm run build && npm run preview`), or a URL given as the first argument.
 *
 * - Frame times while playing the busiest scenario at the fastest speed: p50 and p95, in ms.
 * - Scrub and step back: time from one move of the timeline to the next painted frame, in ms, on
 *   that run and on a run of over 10,000 records (the same scenario with 100 payments per client).
 * Numbers are medians of what this machine did today; the budgets live in the closing notes.
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './browser.ts';

const base = process.argv[2] ?? 'http://127.0.0.1:4173/';
const SCENARIO = '?scenario=retry-storm-jitter&strategy=atomic-key&seed=1&lang=en';
const BIG_RUN = `${SCENARIO}&payments=100`;

/**
 * In-page: resolves at the first painted frame where every view shows the move — the reading
 * views (ledger, log, diagram) draw just after the animated ones, and the move counts until they
 * have.
 */
const SETTLED = `const settled = async () => {
      const slider = document.querySelector('input[type="range"]');
      const log = () => document.querySelector('#event-log table');
      for (let frame = 0; frame < 60; frame++) {
        await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        if (log()?.getAttribute('data-count') === slider.getAttribute('data-count')) return;
      }
    };`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** Plays for `ms` of wall time and returns the gaps between animation frames. */
async function frameTimes(page: Page, ms: number): Promise<number[]> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('2');
  await page.getByRole('button', { name: 'Play' }).click();
  // In-page code goes as a string: tsx would otherwise add helpers the page does not have.
  const gaps = (await page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const start = last;
    const tick = (now) => {
      out.push(now - last);
      last = now;
      if (now - start < ${ms}) requestAnimationFrame(tick);
      else resolve(out);
    };
    requestAnimationFrame(tick);
  })`)) as number[];
  // The run may have played to its end (and stopped by itself) before the time was up.
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.isVisible()) await pause.click();
  return gaps.slice(1);
}

/** Presses ← `presses` times from the end of the run; each step back is timed to the next paint. */
async function stepBackTimes(page: Page, presses: number): Promise<number[]> {
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.focus();
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Step back' }).focus();
  return (await page.evaluate(`(async () => {
    const button = document.activeElement;
    const out = [];
    ${SETTLED}
    for (let i = 0; i < ${presses}; i++) {
      const start = performance.now();
      button.click();
      await settled();
      out.push(performance.now() - start);
    }
    return out;
  })()`)) as number[];
}

/** Moves the timeline `moves` times across the run; each move is timed to the next paint. */
async function scrubTimes(page: Page, moves: number): Promise<number[]> {
  return (await page.evaluate(`(async () => {
    const count = ${moves};
    const slider = document.querySelector('input[type="range"]');
    const max = Number(slider.max);
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const out = [];
    ${SETTLED}
    for (let i = 0; i < count; i++) {
      const start = performance.now();
      setValue.call(slider, String(Math.round(((i * 7919) % count) * (max / count))));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await settled();
      out.push(performance.now() - start);
    }
    return out;
  })()`)) as number[];
}

const executablePath = systemChromium();
const browser = await chromium.launch({
  args: CHROMIUM_ARGS,
  ...(executablePath ? { executablePath } : {}),
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(base + SCENARIO);
await page.getByTestId('trace-hash').waitFor();
const frames = await frameTimes(page, 1500);
const scrub = await scrubTimes(page, 60);
await page.goto(base + BIG_RUN);
await page.getByTestId('trace-hash').waitFor();
// The views below the first screen load lazily: time moves, not their first paint.
await page.getByRole('region', { name: 'Event log' }).waitFor();
await page.getByRole('region', { name: 'State machines' }).waitFor();
await page.waitForTimeout(500);
if (process.env.PERF_DEBUG) console.log(await scrubTimes(page, 20));
const bigEvents = Number(await page.getByTestId('event-count').textContent());
const bigScrub = await scrubTimes(page, 60);
const bigStepBack = await stepBackTimes(page, 60);
await browser.close();
const round = (n: number) => Math.round(n * 10) / 10;
const summary = (values: number[]) => ({
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  max: round(Math.max(...values)),
});
console.log(
  JSON.stringify(
    {
      scenario: SCENARIO,
      frames: frames.length,
      frameMs: summary(frames),
      scrubMs: summary(scrub),
      bigRun: {
        url: BIG_RUN,
        kernelEvents: bigEvents,
        scrubMs: summary(bigScrub),
        stepBackMs: summary(bigStepBack),
      },
    },
    null,
    2,
  ),
);
