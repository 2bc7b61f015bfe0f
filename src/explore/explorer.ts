import { seededSource, type ChoiceSource } from '../sim/choice.ts';
import { nextPrefix, prefixSource } from '../sim/enumerate.ts';
import { cyrb53 } from '../sim/hash.ts';
import { summarize } from '../model/outcome.ts';
import { runWorld, type RunResult } from '../model/run.ts';
import type { StrategyId } from '../model/strategies.ts';
import { INVARIANT_NAMES, type InvariantName } from '../model/trace.ts';
import { SCENARIOS, type ScenarioId } from '../scenarios/catalogue.ts';
import { describeScope, smallScope, type Scope } from './scope.ts';

/**
 * The schedule explorer: runs a scenario under a strategy over many fault schedules — every one
 * up to the bounds (exhaustive, depth first), or seeded random ones — and reports how many broke
 * each invariant, the distinct outcomes, and the shortest schedule that broke something, as a
 * tape that `npm run sim` replays. A library first: `step` does a bounded slice of work, so a Web
 * Worker can report progress between slices and stop when asked.
 */
export interface ExploreOptions {
  scenario: ScenarioId;
  strategy: StrategyId;
  scope: Scope;
  mode: 'exhaustive' | 'random';
  /** Exhaustive: only the first `maxDepth` choice points of a schedule branch. */
  maxDepth?: number;
  /** Stop after this many schedules (exhaustive), whatever is left. */
  maxSchedules?: number;
  /** Random: how many schedules, and the seed they derive from. */
  runs?: number;
  seed?: number;
}

export interface Witness {
  tape: string;
  /** Choice points in the schedule: the measure of "shortest". */
  choices: number;
  events: number;
  summary: string;
  violated: InvariantName[];
  command: string;
}

export interface ExploreReport {
  scenario: ScenarioId;
  strategy: StrategyId;
  mode: ExploreOptions['mode'];
  scope: Scope;
  /** True when every schedule within the bounds was run (exhaustive mode only). */
  complete: boolean;
  /** Why it stopped short, if it did. */
  cutBy: 'max-depth' | 'max-schedules' | 'cancelled' | null;
  schedules: number;
  violations: Record<InvariantName, number>;
  /** Schedules in which some payment was charged more than once. */
  duplicateSchedules: number;
  /** How many schedules ended in each distinct outcome. */
  outcomes: Record<string, number>;
  witness: Witness | null;
  elapsedMs: number;
}

export class Explorer {
  private readonly settings;
  private prefix: number[] | null = [];
  /** The depth bound hid alternatives somewhere: the walk goes on, but is not complete. */
  private depthCut = false;
  private readonly report: Omit<ExploreReport, 'elapsedMs'>;

  constructor(private readonly options: ExploreOptions) {
    const { scenario, strategy, scope, mode } = options;
    this.settings = smallScope(SCENARIOS[scenario].settings(strategy), strategy, scope);
    this.report = {
      scenario,
      strategy,
      mode,
      scope: this.effectiveScope(scope),
      complete: false,
      cutBy: null,
      schedules: 0,
      violations: Object.fromEntries(INVARIANT_NAMES.map((n) => [n, 0])) as Record<
        InvariantName,
        number
      >,
      duplicateSchedules: 0,
      outcomes: {},
      witness: null,
    };
  }

  get done(): boolean {
    return this.prefix === null || this.report.cutBy !== null;
  }

  /** The scope as explored: a fault the scenario leaves to chance is explored at least once. */
  private effectiveScope(scope: Scope): Scope {
    const { network, server } = this.settings;
    return {
      ...scope,
      losses: network.maxLosses ?? scope.losses,
      duplicates: network.maxDuplicates ?? scope.duplicates,
      crashes: server.maxCrashes ?? scope.crashes,
    };
  }

  /** Runs up to `budget` more schedules; returns how many have run in all. */
  step(budget: number): number {
    for (let i = 0; i < budget && !this.done; i++) this.runOne();
    return this.report.schedules;
  }

  cancel(): void {
    if (!this.done) this.report.cutBy = 'cancelled';
  }

  result(elapsedMs: number): ExploreReport {
    return { ...this.report, elapsedMs };
  }

  private runOne(): void {
    const {
      mode,
      runs = 1000,
      seed = 1,
      maxSchedules = Infinity,
      maxDepth = Infinity,
    } = this.options;
    const n = this.report.schedules;
    const source: ChoiceSource =
      mode === 'exhaustive'
        ? prefixSource(this.prefix!)
        : seededSource(cyrb53(`${seed}/${n}`) >>> 0);
    const result = runWorld(this.settings, source);
    this.observe(result);
    if (mode === 'random') {
      if (this.report.schedules >= runs) this.prefix = null;
      return;
    }
    const next = nextPrefix(result.points, maxDepth);
    this.depthCut ||= next.cut;
    this.prefix = next.prefix;
    if (this.prefix === null) {
      this.report.complete = !this.depthCut;
      if (this.depthCut) this.report.cutBy = 'max-depth';
    } else if (this.report.schedules >= maxSchedules) this.report.cutBy = 'max-schedules';
  }

  private observe(result: RunResult): void {
    const report = this.report;
    report.schedules++;
    const outcome = summarize(result.trace);
    const violated = INVARIANT_NAMES.filter((name) => !result.invariants[name].ok);
    for (const name of violated) report.violations[name]++;
    if (outcome.duplicateCharges > 0) report.duplicateSchedules++;
    const key = `${outcome.perIntent.map((p) => `${p.charges}×${p.outcome ?? 'pending'}`).join(' ')} | ${outcome.statuses.join(',') || '—'}`;
    report.outcomes[key] = (report.outcomes[key] ?? 0) + 1;
    if (violated.length > 0)
      this.considerWitness(result, violated, outcome.charges, outcome.intents);
  }

  /** Keeps the shortest violating schedule: fewest choices, then fewest events. */
  private considerWitness(
    result: RunResult,
    violated: InvariantName[],
    charges: number,
    intents: number,
  ): void {
    const best = this.report.witness;
    const choices = result.points.length;
    if (
      best &&
      (best.choices < choices || (best.choices === choices && best.events <= result.events))
    )
      return;
    const { scenario, strategy } = this.options;
    const { scope } = this.report;
    this.report.witness = {
      tape: result.tape,
      choices,
      events: result.events,
      summary: `${charges} charges for ${intents} payment${intents === 1 ? '' : 's'}; violated: ${violated.join(', ')}`,
      violated,
      command: `npm run sim -- --scenario ${scenario} --strategy ${strategy} ${describeScope(scope)} --tape '${result.tape}'`,
    };
  }
}

/** Runs an exploration to the end (or its bounds), reporting progress every `every` schedules. */
export function explore(
  options: ExploreOptions,
  clock: () => number,
  onProgress?: (schedules: number) => void,
  every = 500,
): ExploreReport {
  const start = clock();
  const explorer = new Explorer(options);
  while (!explorer.done) {
    const schedules = explorer.step(every);
    onProgress?.(schedules);
  }
  return explorer.result(Math.round(clock() - start));
}
