import { seededSource, type ChoiceSource } from '../sim/choice.ts';
import { nextPrefix, prefixSource } from '../sim/enumerate.ts';
import { cyrb53 } from '../sim/hash.ts';
import { summarize } from '../model/outcome.ts';
import { summarizeResources } from '../model/resourceOutcome.ts';
import { verdictsOf, type RunResult } from '../model/run.ts';
import type { StrategyId } from '../model/strategies.ts';
import type { InvariantName } from '../model/trace.ts';
import { WORLDS } from '../model/worlds.ts';
import { isResourceScenario, worldOf, type ScenarioId } from '../scenarios/ids.ts';
import { prepareScenario, type PreparedScenario } from '../scenarios/run.ts';
import { encodeScope, type Scope } from '../scenarios/scope.ts';
import { settingParams, type Tweaks } from '../scenarios/tweaks.ts';
import { describeScope, scoped } from './scope.ts';

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
  /** Settings changed from the scenario's own (`--set`, a link's `errors5xx=release`…). */
  tweaks?: Tweaks;
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
  /** The page's link query that opens the same run: `?scenario=…&strategy=…&scope=…&tape=…`. */
  link: string;
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
  /** Schedules that broke each invariant the scenario's world checks. */
  violations: Partial<Record<InvariantName, number>>;
  /**
   * Schedules that did harm: a payment charged more than once, or (resource scenarios) a change
   * lost or applied twice.
   */
  duplicateSchedules: number;
  /** How many schedules ended in each distinct outcome. */
  outcomes: Record<string, number>;
  witness: Witness | null;
  elapsedMs: number;
}

export class Explorer {
  private readonly prepared: PreparedScenario;
  private prefix: number[] | null = [];
  /** The depth bound hid alternatives somewhere: the walk goes on, but is not complete. */
  private depthCut = false;
  private readonly report: Omit<ExploreReport, 'elapsedMs'>;

  constructor(private readonly options: ExploreOptions) {
    const { scenario, strategy, scope, mode, tweaks = {} } = options;
    this.prepared = prepareScenario({ scenario, strategy, tweaks, shape: scoped(scope) });
    this.report = {
      scenario,
      strategy,
      mode,
      scope: this.effectiveScope(scope),
      complete: false,
      cutBy: null,
      schedules: 0,
      violations: Object.fromEntries(WORLDS[worldOf(scenario)].invariants.map((n) => [n, 0])),
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
    const { network, server } = this.prepared.settings;
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
    const result = this.prepared.run(source);
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
    const violated = verdictsOf(result)
      .filter(([, verdict]) => !verdict.ok)
      .map(([name]) => name);
    for (const name of violated) report.violations[name] = (report.violations[name] ?? 0) + 1;
    const { harmed, key, summary } = judge(result);
    if (harmed) report.duplicateSchedules++;
    report.outcomes[key] = (report.outcomes[key] ?? 0) + 1;
    if (violated.length > 0) this.considerWitness(result, violated, summary);
  }

  /** Keeps the shortest violating schedule: fewest choices, then fewest events. */
  private considerWitness(result: RunResult, violated: InvariantName[], summary: string): void {
    const best = this.report.witness;
    const choices = result.points.length;
    if (
      best &&
      (best.choices < choices || (best.choices === choices && best.events <= result.events))
    )
      return;
    const { scenario, strategy, tweaks = {} } = this.options;
    const { scope } = this.report;
    const settings = settingParams(tweaks).map(([name, value]) => `${name}=${value}`);
    const set = settings.length ? ` --set ${settings.join(',')}` : '';
    this.report.witness = {
      tape: result.tape,
      choices,
      events: result.events,
      summary: `${summary}; violated: ${violated.join(', ')}`,
      violated,
      command: `npm run sim -- --scenario ${scenario}${isResourceScenario(scenario) ? '' : ` --strategy ${strategy}`} ${describeScope(scope)}${set} --tape '${result.tape}'`,
      link: witnessLink(scenario, strategy, scope, result.tape, tweaks),
    };
  }
}

/** The query of the page's link to a witness (the page's own parser, src/state/url.ts, reads it). */
function witnessLink(
  scenario: ScenarioId,
  strategy: StrategyId,
  scope: Scope,
  tape: string,
  tweaks: Tweaks,
) {
  const params = new URLSearchParams({
    scenario,
    ...(isResourceScenario(scenario) ? {} : { strategy }),
    ...Object.fromEntries(settingParams(tweaks)),
    scope: encodeScope(scope),
    tape,
  });
  return `?${params.toString()}`;
}

/** Did the schedule do harm, what did it end in (a short key), and a one-line summary. */
function judge(result: RunResult): { harmed: boolean; key: string; summary: string } {
  if (result.world === 'resources') {
    const o = summarizeResources(result.trace);
    const state = Object.entries(o.finalState)
      .map(([path, body]) => `${path}=${JSON.stringify(body)}`)
      .join(' ');
    return {
      harmed: o.lostUpdates > 0 || o.repeatedEffects > 0,
      key: `${state} | ${o.statuses.join(',') || '—'}`,
      summary: `${o.lostUpdates} lost update${o.lostUpdates === 1 ? '' : 's'}, ${o.repeatedEffects} repeated effect${o.repeatedEffects === 1 ? '' : 's'}`,
    };
  }
  const o = summarize(result.trace);
  return {
    harmed: o.duplicateCharges > 0,
    key: `${o.perIntent.map((p) => `${p.charges}×${p.outcome ?? 'pending'}`).join(' ')} | ${o.statuses.join(',') || '—'}`,
    summary: `${o.charges} charges for ${o.intents} payment${o.intents === 1 ? '' : 's'}`,
  };
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
