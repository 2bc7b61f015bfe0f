import type { ScriptedFault } from '../model/settings.ts';
import type { StrategyId } from '../model/strategies.ts';
import type { ScenarioId } from './ids.ts';
import type { Scope } from './scope.ts';
import type { Tweaks } from './tweaks.ts';

/**
 * Everything that makes a run, in one shape: what a link says, what a lesson step or an
 * interview answer opens, what the store runs and what the CLI's flags build. Scenario +
 * strategy + (tape, or else seed) + faults + tweaks is the whole run: the same spec gives the same
 * trace in Node and in every browser. What is not part of the run — the moment on screen, the
 * page's language — lives beside a spec, never in it.
 */
export interface RunSpec {
  scenario: ScenarioId;
  /** The payment world's idempotency strategy; resource scenarios have none and ignore it. */
  strategy: StrategyId;
  /** Seed for normal play; kept while a tape plays, as the run to fall back to. */
  seed: number;
  /**
   * Exact replay of a recorded run (`encodeTape`'s format), or null to play the seed. A tape
   * belongs to one run: any change that makes a new run drops it.
   */
  tape: string | null;
  /**
   * The explorer's small scope the run plays in (a witness's link), or null for the scenario as
   * written. Like a tape it belongs to one run, the one explored: the page's controls describe
   * the plain scenario, so any change that drops the tape drops the scope too. Running it needs
   * the explorer's `scoped(scope)` as the run's shape (src/explore/scope.ts).
   */
  scope: Scope | null;
  /** Faults injected by a person on top of the scenario's own, each at its moment. */
  faults: readonly ScriptedFault[];
  /** Settings changed from the controls; empty for the scenario as written. */
  tweaks: Tweaks;
  /**
   * A second strategy run side by side on the same scenario, seed and faults, or null. It always
   * plays the seed, never the tape: a tape records one strategy's choices, and another strategy
   * makes other choices, so the tape would not fit it.
   */
  compare: StrategyId | null;
}

export const DEFAULT_SPEC: RunSpec = {
  scenario: 'lost-response',
  strategy: 'none',
  seed: 1,
  tape: null,
  scope: null,
  faults: [],
  tweaks: {},
  compare: null,
};

/** A spec from the few fields that differ from the defaults. */
export const specOf = (scenario: ScenarioId, fields: Partial<Omit<RunSpec, 'scenario'>> = {}) =>
  ({ ...DEFAULT_SPEC, scenario, ...fields }) satisfies RunSpec;

/** Where the cursor stands in a run: a moment in ms (0 is the start), or its end. */
export type Moment = number | 'end';

/** A run and the moment to show it at: what a lesson step or an interview answer opens. */
export interface Scene {
  spec: RunSpec;
  at: Moment;
}

/** A scene from the few fields a step names; the rest take the lab's defaults. */
export function scene(
  scenario: ScenarioId,
  { at = 0, ...fields }: Partial<Omit<RunSpec, 'scenario'>> & { at?: Moment } = {},
): Scene {
  return { spec: specOf(scenario, fields), at };
}

/**
 * The spec of the compared run: the other strategy, from the seed (see `compare`), in the same
 * world — the small scope too, if the main run has one.
 */
export function comparedSpec(spec: RunSpec): RunSpec | null {
  return spec.compare === null
    ? null
    : { ...spec, strategy: spec.compare, tape: null, compare: null };
}
