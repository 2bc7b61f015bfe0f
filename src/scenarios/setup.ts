import type { ScriptedFault } from '../model/settings.ts';
import type { StrategyId } from '../model/strategies.ts';
import type { ScenarioId } from './ids.ts';
import type { Tweaks } from './tweaks.ts';

/** A state of the simulator: what a lesson step (or an interview answer) opens. */
export interface LabSetup {
  scenario: ScenarioId;
  /** The payment world's strategy; HTTP scenarios ignore it. */
  strategy: StrategyId;
  seed: number;
  faults: readonly ScriptedFault[];
  tweaks: Tweaks;
  /** A second strategy shown side by side, or null. */
  compare: StrategyId | null;
  /** Where the cursor starts: the beginning (0), a moment in ms, or the end of the run. */
  at: number | 'end';
}

/** A setup from the few fields a step names; the rest take the lab's defaults. */
export function setup(scenario: ScenarioId, fields: Partial<Omit<LabSetup, 'scenario'>> = {}) {
  return {
    scenario,
    strategy: 'none',
    seed: 1,
    faults: [],
    tweaks: {},
    compare: null,
    at: 0,
    ...fields,
  } satisfies LabSetup as LabSetup;
}
