import { prefixThenSeeded, seededSource, tapeSource, type ChoiceSource } from '../sim/choice.ts';
import { decodeTape } from '../sim/tape.ts';
import type { RunResult } from '../model/run.ts';
import type { ResourceWorldSettings, ScriptedFault, WorldSettings } from '../model/settings.ts';
import type { StrategyInfo } from '../model/strategies.ts';
import { faultFits } from './faults.ts';
import type { RunSpec } from './spec.ts';

/**
 * What running a scenario takes, whichever world it is in: the parts of a spec that make one run
 * (the compared strategy is the caller's to run, with `comparedSpec`), and how one run is played
 * from them. Faults, tweaks and the tape may be left out: none, none, play the seed.
 */
export type RunInput = Pick<RunSpec, 'scenario' | 'strategy' | 'seed'> &
  Partial<Pick<RunSpec, 'tape' | 'scope' | 'faults' | 'tweaks'>> & {
    /**
     * Run a variant of the scenario instead: the explorer's small scope (src/explore/scope.ts
     * `scoped`). A spec that names a scope must come with its shape.
     */
    shape?: SettingsShape;
    /**
     * Replay these choices, then draw the rest from the seed: a tape's run changed at some
     * moment (a fault injected) keeps its past. The new run's own tape is in its result.
     */
    prefix?: readonly number[];
  };

/** What a scenario's settings are built from: a run's input without its choices. */
export type ScenarioInput = Omit<RunInput, 'seed' | 'tape' | 'prefix'>;

/**
 * A variant of a scenario's settings, one per world: the explorer's small scope. It is passed in
 * rather than imported, so the page, which never explores, does not load it.
 */
export interface SettingsShape {
  payments(settings: WorldSettings, strategy: StrategyInfo): WorldSettings;
  resources(settings: ResourceWorldSettings): ResourceWorldSettings;
}

/** A scenario's settings built once, for running many schedules of it (the explorer). */
export interface PreparedScenario<R extends RunResult = RunResult> {
  settings: WorldSettings | ResourceWorldSettings;
  run(source: ChoiceSource): R;
}

/** The faults a user injected that fit the scenario's world; a scope must come with its shape. */
export function injectedFaults({ scenario, scope, shape, faults = [] }: ScenarioInput) {
  // Run plainly, a scoped spec would give another trace than its link promises: a bug, not input.
  if (scope && !shape) throw new Error('scope without its shape');
  return faults.filter((f: ScriptedFault) => faultFits(scenario, f));
}

/**
 * Plays a prepared scenario from the input's choices: its prefix then the seed, its tape, or the
 * seed. A tape must be used up exactly, or it was recorded for another run.
 */
export function playPrepared<R extends RunResult>(
  prepared: PreparedScenario<R>,
  input: RunInput,
): R {
  if (input.prefix) return prepared.run(prefixThenSeeded(input.prefix, input.seed));
  if (input.tape === undefined || input.tape === null)
    return prepared.run(seededSource(input.seed));
  const source = tapeSource(decodeTape(input.tape));
  const result = prepared.run(source);
  if (source.remaining() > 0) {
    throw new TapeMismatchError(
      `tape has ${source.remaining()} unused choices: it was recorded for another run`,
    );
  }
  return result;
}

export class TapeMismatchError extends Error {
  override name = 'TapeMismatchError';
}

/**
 * Whether an error says a tape does not fit its run: undecodable (TapeFormatError), running out
 * or choosing the impossible (TapeReplayError), or left over (TapeMismatchError). Such a tape
 * came from outside — a link, a flag — and is refused politely, not as a bug.
 */
export const isTapeError = (error: unknown): boolean =>
  error instanceof Error && /^Tape\w*Error$/.test(error.name);
