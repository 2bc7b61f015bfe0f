/**
 * npm run perf — playback budgets in headless Chromium, against a running preview
 * (`npm run build && npm run preview`), or the URLs given as arguments.
 *
 * - Frame times while playing the busiest scenario at the fastest speed: p50 and p95, in ms,
 *   against an idle page's frame times measured just before in the same browser and page (the
 *   display's own pace: 16.7 ms at 60 Hz); the budget is a p95 within 1.15× of the idle one.
 * - Scrub and step back: time from one move of the timeline to the next painted frame, in ms, on
 *   that run and on a run of over 10,000 records (the same scenario with 100 payments per client).
 *   A scrub visits 60 evenly spaced moments of the run in a shuffled order (a seeded shuffle, the
 *   same every time), so each move is a jump to somewhere else in the run, as a drag that skips
 *   about does. Each move is timed twice: until the stage (what the first screen shows: the
 *   timeline, topology, ledger line and sequence diagram) has painted it, and until every view
 *   below it (the full ledger, invariants, state machines and the event log, which catch up just
 *   after the stage) shows it too.
 *
 * A/B: given two or more URLs (two builds served side by side), it measures them in turns in one
 * browser, PERF_ROUNDS rounds (4 by default), and prints each one's numbers and their ratios; on
 * a machine shared with other work, compare those ratios rather than the absolute numbers.
 * Numbers are medians of what this machine did today; the budgets live in the closing notes.
 */
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './browser.ts';

const bases = process.argv.length > 2 ? process.argv.slice(2) : ['http://127.0.0.1:4173/'];
const ROUNDS = Number(process.env.PERF_ROUNDS ?? (bases.length > 1 ? 4 : 1));
const SCENARIO = '?scenario=retry-storm-jitter&strategy=atomic-key&seed=1&lang=en';
const BIG_RUN = `${SCENARIO}&payments=100`;
/** How many moves each scrub and each series of steps back makes. */
const MOVES = 60;

/**
 * In-page: `settled(start)` resolves once the move is on screen, with two times since `start`:
 * `stage`, the end of the first frame painted with the stage showing the move (the sequence
 * diagram's count matches the timeline's), and `all`, the same for every view (the event log,
 * the last of the views below the stage, matches too). Whether a view shows the move is read in
 * the frame's animation callback, before it paints, so a view that draws after it counts from
 * the next frame; the frame has painted when a task queued there runs.
 */
const SETTLED = `const settled = async (start) => {
      const slider = document.querySelector('input[type="range"]');
      const shows = (selector) =>
        document.querySelector(selector)?.getAttribute('data-count') === slider.getAttribute('data-count');
      let stage = null;
      for (let frame = 0; frame < 120; frame++) {
        const seen = await new Promise((resolve) =>
          requestAnimationFrame(() => {
            const now = { stage: shows('[data-testid="sequence-scroll"]'), all: shows('#event-log table') };
            setTimeout(() => resolve(now), 0);
          }),
        );
        if (seen.stage && stage === null) stage = performance.now() - start;
        if (seen.all && stage !== null) return { stage, all: performance.now() - start };
      }
      throw new Error('the views did not show the move within 120 frames');
    };`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/**
 * The order a scrub visits its moments in: 0…n-1 shuffled (Fisher–Yates) by a small seeded PRNG
 * (mulberry32), so every run of the script, and every build in an A/B, makes the same jumps.
 */
function shuffledOrder(n: number, seed: number): number[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

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

/** Each move's times, until the stage and until every view showed it. */
interface Moves {
  stage: number[];
  all: number[];
}

/** Presses ← `presses` times from the end of the run; each step back is timed to the next paint. */
async function stepBackTimes(page: Page, presses: number): Promise<Moves> {
  const slider = page.getByRole('slider', { name: 'Timeline' });
  await slider.focus();
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Step back' }).focus();
  return (await page.evaluate(`(async () => {
    const button = document.activeElement;
    const out = { stage: [], all: [] };
    ${SETTLED}
    for (let i = 0; i < ${presses}; i++) {
      const start = performance.now();
      button.click();
      const { stage, all } = await settled(start);
      out.stage.push(stage);
      out.all.push(all);
    }
    return out;
  })()`)) as Moves;
}

/** Moves the timeline to each of `order`'s moments in turn; each move is timed to the next paint. */
async function scrubTimes(page: Page, order: readonly number[]): Promise<Moves> {
  return (await page.evaluate(`(async () => {
    const order = ${JSON.stringify(order)};
    const slider = document.querySelector('input[type="range"]');
    const max = Number(slider.max);
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const out = { stage: [], all: [] };
    ${SETTLED}
    for (const moment of order) {
      const start = performance.now();
      setValue.call(slider, String(Math.round(moment * (max / order.length))));
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const { stage, all } = await settled(start);
      out.stage.push(stage);
      out.all.push(all);
    }
    return out;
  })()`)) as Moves;
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

/** Everything one round measures on one build. */
interface Sample {
  idle: number[];
  frames: number[];
  scrub: Moves;
  bigScrub: Moves;
  bigStepBack: Moves;
  bigEvents: number;
  bigRecords: number;
}

/** Opens a run and waits for every view, the lazily loaded ones too: moves are timed, not loads. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('trace-hash').waitFor({ state: 'attached' });
  await page.getByRole('region', { name: 'Event log' }).waitFor();
  await page.getByRole('region', { name: 'State machines' }).waitFor();
  await page.getByTestId('sequence-scroll').waitFor();
  await page.waitForTimeout(500);
}

async function measure(page: Page, base: string, round: number): Promise<Sample> {
  const tag = bases.length > 1 ? `${base} ` : '';
  await open(page, base + SCENARIO);
  // Let the views loaded after the first screen settle, then time an idle page as the baseline.
  await page.waitForTimeout(500);
  const idle = await frameGaps(page, 1500);
  const frames = await frameTimes(page, 1500);
  const order = shuffledOrder(MOVES, 2024 + round);
  const scrub = await scrubTimes(page, order);
  await open(page, base + BIG_RUN);
  const bigEvents = Number(await page.getByTestId('event-count').textContent());
  const bigRecords = await recordCount(page);
  const bigScrub = await profiled(page, `${tag}scrub`, () => scrubTimes(page, order));
  const bigStepBack = await profiled(page, `${tag}step back`, () => stepBackTimes(page, MOVES));
  return { idle, frames, scrub, bigScrub, bigStepBack, bigEvents, bigRecords };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const summary = (values: number[]) => ({
  p50: round1(percentile(values, 50)),
  p95: round1(percentile(values, 95)),
  max: round1(Math.max(...values)),
});
const moves = (m: Moves) => ({ stageMs: summary(m.stage), allViewsMs: summary(m.all) });

/** One build's numbers over every round. */
function report(samples: Sample[]) {
  const all = <K extends keyof Sample>(key: K) => samples.map((s) => s[key]);
  const pool = (list: Moves[]): Moves => ({
    stage: list.flatMap((m) => m.stage),
    all: list.flatMap((m) => m.all),
  });
  const idle = all('idle').flat();
  const frames = all('frames').flat();
  return {
    scenario: SCENARIO,
    rounds: samples.length,
    frames: frames.length,
    idleFrameMs: summary(idle),
    frameMs: summary(frames),
    // The budget: at most 1.15 (playing as smoothly as the display allows).
    frameP95OverIdle: Math.round((percentile(frames, 95) / percentile(idle, 95)) * 100) / 100,
    scrub: moves(pool(all('scrub'))),
    bigRun: {
      url: BIG_RUN,
      kernelEvents: samples[0]!.bigEvents,
      traceRecords: samples[0]!.bigRecords,
      scrub: moves(pool(all('bigScrub'))),
      stepBack: moves(pool(all('bigStepBack'))),
    },
  };
}

/** Each build's p50 and p95 on the big run over the first build's: below 1 is faster. */
function ratios(reports: ReturnType<typeof report>[]) {
  const [first, ...rest] = reports;
  const over = (a: { p50: number; p95: number }, b: { p50: number; p95: number }) => ({
    p50: Math.round((a.p50 / b.p50) * 100) / 100,
    p95: Math.round((a.p95 / b.p95) * 100) / 100,
  });
  return rest.map((r) => ({
    scrubStage: over(r.bigRun.scrub.stageMs, first!.bigRun.scrub.stageMs),
    scrubAllViews: over(r.bigRun.scrub.allViewsMs, first!.bigRun.scrub.allViewsMs),
    stepBackStage: over(r.bigRun.stepBack.stageMs, first!.bigRun.stepBack.stageMs),
    stepBackAllViews: over(r.bigRun.stepBack.allViewsMs, first!.bigRun.stepBack.allViewsMs),
  }));
}

const executablePath = systemChromium();
const browser = await chromium.launch({
  args: CHROMIUM_ARGS,
  ...(executablePath ? { executablePath } : {}),
});
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const samples = bases.map((): Sample[] => []);
// In turns, so that whatever else the machine does weighs on every build alike.
for (let round = 0; round < ROUNDS; round++)
  for (const [i, base] of bases.entries()) samples[i]!.push(await measure(page, base, round));
await browser.close();
const reports = samples.map(report);
const out =
  bases.length === 1
    ? reports[0]
    : {
        builds: Object.fromEntries(bases.map((b, i) => [b, reports[i]])),
        overFirst: ratios(reports),
      };
console.log(JSON.stringify(out, null, 2));
