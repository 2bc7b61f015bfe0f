/**
 * The resource world (HTTP methods, ETags and If-Match), as the page needs it: running its
 * scenarios and summing up a run. One chunk, loaded when a resource scenario is first opened
 * (src/state/loadResources.ts), so the first screen carries only the payment world.
 */
export { prepareResourceScenario } from './resourceRuns.ts';
export { summarizeResources } from '../model/resourceOutcome.ts';
