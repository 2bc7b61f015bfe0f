/**
 * npm run perf — playback budgets in headless Chromium, against a running preview
 * (`npm run build && npm run preview`), or a URL given as the first argument.
 *
 * - Frame times while playing the busiest scenario at the fastest speed: p50 and p95, in ms,
 *   against an idle page's frame times measured just before in the same browser and page (the
 *   display's own pace: 16.7 ms at 60 Hz); the budget is a p95 within 1.15× of the idle one.
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

/** The gaps between animation frames over `ms` of wall time, whatever the page is doing. */
async function frameGaps(page: Page, ms: number): Promise<number[]> {
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
  return gaps.slice(1);
}

/** The fastest speed the speed menu offers. */
async function fastestSpeed(page: Page): Promise<string> {
  const speeds = await page
    .getByRole('combobox', { name: 'Speed' })
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  return speeds.reduce((a, b) => (Number(b) > Number(a) ? b : a));
}

/** Plays at the fastest speed for `ms` of wall time and returns the gaps between frames. */
async function frameTimes(page: Page, ms: number): Promise<number[]> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(await fastestSpeed(page));
  await page.getByRole('button', { name: 'Play' }).click();
  const gaps = await frameGaps(page, ms);
  // The run may have played to its end (and stopped by itself) before the time was up.
  const pause = page.getByRole('button', { name: 'Pause' });
  if (await pause.isVisible()) await pause.click();
  return gaps;
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

/** The run's length in trace records: the timeline's count at its end. */
async function recordCount(page: Page): Promise<number> {
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.focus();
  await page.keyboard.press('End');
  await page.waitForTimeout(300);
  const count = Number(await slider.getAttribute('data-count'));
  await page.keyboard.press('Home');
  return count;
}

/**
 * With PERF_PROFILE set, records a CPU profile (Chrome DevTools protocol) of `work` and prints
 * the functions that took the most time of their own: where a slow move spends it.
 */
async function profiled<T>(page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (!process.env.PERF_PROFILE) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const { nodes, samples = [], timeDeltas = [] } = profile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(where, (self.get(where) ?? 0) + (timeDeltas[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`— ${name}: self time, ms`);
  for (const [where, ms] of top) console.log(`${ms.toFixed(1).padStart(8)}  ${where}`);
  return result;
}

const executablePath = systemChromium();
const browser = await chromium.launch({
  args: CHROMIUM_ARGS,
  ...(executablePath ? { executablePath } : {}),
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(base + SCENARIO);
await page.getByTestId('trace-hash').waitFor({ state: 'attached' });
// Let the views loaded after the first screen arrive, then time an idle page as the baseline.
await page.waitForTimeout(1000);
const idle = await frameGaps(page, 1500);
const frames = await frameTimes(page, 1500);
const scrub = await scrubTimes(page, 60);
await page.goto(base + BIG_RUN);
await page.getByTestId('trace-hash').waitFor({ state: 'attached' });
// The views below the first screen load lazily: time moves, not their first paint.
await page.getByRole('region', { name: 'Event log' }).waitFor();
await page.getByRole('region', { name: 'State machines' }).waitFor();
await page.waitForTimeout(500);
if (process.env.PERF_DEBUG) console.log(await scrubTimes(page, 20));
const bigEvents = Number(await page.getByTestId('event-count').textContent());
const bigRecords = await recordCount(page);
const bigScrub = await profiled(page, 'scrub', () => scrubTimes(page, 60));
const bigStepBack = await profiled(page, 'step-back', () => stepBackTimes(page, 60));
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
      idleFrameMs: summary(idle),
      frameMs: summary(frames),
      // The budget: at most 1.15 (playing as smoothly as the display allows).
      frameP95OverIdle: Math.round((percentile(frames, 95) / percentile(idle, 95)) * 100) / 100,
      scrubMs: summary(scrub),
      bigRun: {
        url: BIG_RUN,
        kernelEvents: bigEvents,
        traceRecords: bigRecords,
        scrubMs: summary(bigScrub),
        stepBackMs: summary(bigStepBack),
      },
    },
    null,
    2,
  ),
);
