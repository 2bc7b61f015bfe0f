import type { ChoiceSource } from '../sim/choice.ts';
import type { RunLimits } from '../sim/kernel.ts';
import { fastEngine, type Engine } from './engine.ts';
import { DEFAULT_LIMITS, runBase, type ResourceRun } from './run.ts';
import { ResourceWorld } from './resourceWorld.ts';
import type { ResourceWorldSettings } from './settings.ts';

/**
 * Runs the resource world (HTTP methods, ETags). Apart from run.ts, so a page that plays only
 * payments does not load this world: see src/state/resourceKit.ts.
 */
export function runResourceWorld(
  settings: ResourceWorldSettings,
  source: ChoiceSource,
  limits: RunLimits = DEFAULT_LIMITS,
  engine: Engine = fastEngine,
): ResourceRun {
  const world = new ResourceWorld(settings, engine);
  const run = runBase(world, source, limits);
  return { ...run, world: 'resources', invariants: world.monitor.verdicts() };
}
