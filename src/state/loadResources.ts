import { isResourceScenario, type ScenarioId } from '../scenarios/ids.ts';
import type * as Kit from '../scenarios/resourceKit.ts';

type ResourceKit = typeof Kit;

/** The resource world once loaded; it stays for the page's life. */
let kit: ResourceKit | null = null;

/** Loads the resource world (a separate chunk); a failed load can be tried again. */
export async function loadResourceKit(): Promise<ResourceKit> {
  kit ??= await import('../scenarios/resourceKit.ts');
  return kit;
}

/** Whether this scenario must wait for the resource world before it can run. */
export const needsResourceKit = (scenario: ScenarioId): boolean =>
  isResourceScenario(scenario) && kit === null;

/**
 * The resource world, for code that holds a resource run or is about to make one. A resource run
 * only exists once the world has loaded (the store waits for it), so reaching here without it is
 * a bug.
 */
export function resourceKit(): ResourceKit {
  if (kit === null) throw new Error('the resource world was used before it loaded');
  return kit;
}
