/**
 * npm run bench [-- --json] [-- --samples <n>] [-- --sample-ms <ms>]
 *
 * Median full headless runs per second of every scenario under every strategy, and of a baseline:
 * the same kernel loop driving do-nothing actors through the same number of events and choices.
 * Ratios against the baseline, measured in the same process, survive a noisy machine better than
 * absolute figures. Also: the same run stepped by XState's own transition() (the reference engine).
 */
import { seededSource } from '../src/sim/choice.ts';
import { runKernel, type Kernel, type World } from '../src/sim/kernel.ts';
import { ENGINES, type EngineName } from '../src/model/engine.ts';
import { DEFAULT_LIMITS, runWorld } from '../src/model/run.ts';
import { runResourceWorld } from '../src/model/resourceRun.ts';
import { summarize } from '../src/model/outcome.ts';
import { summarizeResources } from '../src/model/resourceOutcome.ts';
import { STRATEGY_IDS } from '../src/model/strategies.ts';
import { SCENARIOS } from '../src/scenarios/catalogue.ts';
import { PAYMENT_SCENARIO_IDS, RESOURCE_SCENARIO_IDS } from '../src/scenarios/ids.ts';
import { RESOURCE_SCENARIOS } from '../src/scenarios/resourceCatalogue.ts';
import { explore } from '../src/explore/explorer.ts';
import type { WorldSettings } from '../src/model/settings.ts';
import { parseFlags, runCli, UsageError } from './args.ts';

interface Row {
  name: string;
  runsPerSecond: number;
  /** This row's median divided by the baseline's median. */
  vsBaseline: number;
}

/** Median runs per second of `run`, over `samples` time slices of `sampleMs` each. */
function measure(run: (i: number) => void, samples: number, sampleMs: number): number {
  for (let i = 0; i < 200; i++) run(i); // warm the JIT before timing
  const rates: number[] = [];
  let i = 0;
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < sampleMs) {
      run(i++);
      n++;
    }
    rates.push(n / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

/** Do-nothing actors: each event schedules the next and makes one two-way choice. */
function baselineWorld(events: number): World<number> {
  return {
    start: (kernel: Kernel<number>) => kernel.schedule(0, 1),
    handle: (left: number, kernel: Kernel<number>) => {
      kernel.choose('baseline', 2);
      if (left < events) kernel.schedule(1, left + 1);
    },
  };
}

function fullRun(settings: WorldSettings, engine: EngineName) {
  return (i: number) =>
    summarize(runWorld(settings, seededSource(i), DEFAULT_LIMITS, ENGINES[engine]).trace);
}

/** The yardstick for the explorer, timed whole. */
function exhaustiveWalk(samples: number) {
  const options = {
    scenario: 'lost-response',
    strategy: 'atomic-key',
    scope: { losses: 1, duplicates: 1, crashes: 1, attempts: 3 },
    mode: 'exhaustive',
  } as const;
  const times: number[] = [];
  let schedules = 0;
  for (let i = 0; i < Math.max(3, Math.min(samples, 5)); i++) {
    const report = explore(options, () => performance.now());
    times.push(report.elapsedMs);
    schedules = report.schedules;
  }
  times.sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)]!;
  return { schedules, medianMs, schedulesPerSecond: Math.round(schedules / (medianMs / 1000)) };
}

function main(argv: string[]): string {
  const flags = parseFlags(argv, {
    json: { type: 'boolean' },
    samples: { type: 'string' },
    'sample-ms': { type: 'string' },
  });
  const samples = Number(flags.samples ?? 5);
  const sampleMs = Number(flags['sample-ms'] ?? 300);
  if (!Number.isInteger(samples) || samples < 1 || !Number.isInteger(sampleMs) || sampleMs < 10) {
    throw new UsageError(
      '--samples takes a whole number >= 1 and --sample-ms a whole number >= 10',
    );
  }
  const canonical = SCENARIOS['lost-response'].settings('atomic-key');
  const events = runWorld(canonical, seededSource(1)).events;
  const baseline = measure(
    (i) => runKernel(baselineWorld(events), seededSource(i), DEFAULT_LIMITS),
    samples,
    sampleMs,
  );
  const rows: Row[] = [
    { name: `baseline (${events} do-nothing events)`, runsPerSecond: baseline, vsBaseline: 1 },
  ];
  const add = (name: string, run: (i: number) => void) => {
    const runsPerSecond = measure(run, samples, sampleMs);
    rows.push({ name, runsPerSecond, vsBaseline: runsPerSecond / baseline });
  };
  for (const strategy of STRATEGY_IDS) {
    add(
      `lost-response / ${strategy}`,
      fullRun(SCENARIOS['lost-response'].settings(strategy), 'fast'),
    );
  }
  for (const scenario of PAYMENT_SCENARIO_IDS.filter((id) => id !== 'lost-response')) {
    add(`${scenario} / atomic-key`, fullRun(SCENARIOS[scenario].settings('atomic-key'), 'fast'));
  }
  // The resource world: HTTP methods and preconditions, no idempotency layer.
  for (const scenario of RESOURCE_SCENARIO_IDS) {
    const settings = RESOURCE_SCENARIOS[scenario].settings();
    add(`${scenario} (resources)`, (i) =>
      summarizeResources(runResourceWorld(settings, seededSource(i)).trace),
    );
  }
  add('lost-response / atomic-key, XState transition() engine', fullRun(canonical, 'xstate'));
  const walk = exhaustiveWalk(samples);
  if (flags.json) return JSON.stringify({ samples, sampleMs, rows, explorer: walk }, null, 2);
  const width = Math.max(...rows.map((r) => r.name.length));
  return [
    `median of ${samples} samples × ${sampleMs} ms, one core, runs/s (ratio to baseline)`,
    `explorer: exhaustive walk of lost-response / atomic-key, 3 attempts, one loss + one copy + one crash: ${walk.schedules} schedules in ${walk.medianMs} ms (median of ${samples}), ${walk.schedulesPerSecond} schedules/s`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(width)}  ${Math.round(r.runsPerSecond).toString().padStart(8)}  (${r.vsBaseline.toFixed(3)})`,
    ),
  ].join('\n');
}

runCli('bench', () => process.stdout.write(main(process.argv.slice(2)) + '\n'));
