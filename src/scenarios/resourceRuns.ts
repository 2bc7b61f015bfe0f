import type { ResourceRun } from '../model/run.ts';
import { runResourceWorld } from '../model/resourceRun.ts';
import { isResourceFault } from './faults.ts';
import type { ResourceScenarioId } from './ids.ts';
import { injectedFaults, type PreparedScenario, type ScenarioInput } from './replay.ts';
import { RESOURCE_SCENARIOS } from './resourceCatalogue.ts';
import { tweakNetwork, tweakRetry } from './tweaks.ts';

/** A resource scenario's settings, with the user's faults and tweaks, ready to run. */
export function prepareResourceScenario(
  input: ScenarioInput & { scenario: ResourceScenarioId },
): PreparedScenario<ResourceRun> {
  const { scenario, shape, tweaks = {} } = input;
  const base = RESOURCE_SCENARIOS[scenario].settings();
  const plain = {
    ...base,
    clients: base.clients.map((c) => ({ ...c, retry: tweakRetry(c.retry, tweaks) })),
    network: tweakNetwork(base.network, tweaks),
    faults: [...base.faults, ...injectedFaults(input).filter(isResourceFault)],
  };
  const settings = shape ? shape.resources(plain) : plain;
  return { settings, run: (source) => runResourceWorld(settings, source) };
}
