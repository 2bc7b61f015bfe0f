import { seededSource } from '../sim/choice.ts';
import type { Method } from '../model/http.ts';
import { summarizeResources } from '../model/resourceOutcome.ts';
import { sameState, type Fields } from '../model/resources.ts';
import { runResourceWorld } from '../model/resourceRun.ts';
import type { ResourceIntent, ResourceWorldSettings, ResourceFault } from '../model/settings.ts';
import { METHOD_RETRIES, resourceBase } from './resourceCatalogue.ts';

/**
 * The method table of the seed card, computed rather than typed: each method is run in the
 * simulation once, and again with its first answers lost so that the client sends it `repeats`
 * times; the states the server is left in are compared with each other (idempotent) and with the
 * state before (safe). The responses of the repeated run are kept, to show "same effect,
 * different response" for DELETE.
 */
export interface MethodRow {
  method: Method;
  safe: boolean;
  idempotent: boolean;
  /** What the server answered each time it executed the request, in the repeated run. */
  responses: number[];
}

type State = Record<string, Fields>;

/** One client sending `intent`, with its first `lostAnswers` responses dropped by the network. */
function settingsFor(intent: ResourceIntent, lostAnswers: number): ResourceWorldSettings {
  const base = resourceBase();
  const drop: ResourceFault = { kind: 'drop-next', direction: 'response', atMs: 0 };
  return {
    ...base,
    clients: [
      {
        intents: [intent],
        startAtMs: 0,
        timeoutMs: 1000,
        retry: { kind: 'fixed', maxAttempts: lostAnswers + 1, baseDelayMs: 200, maxDelayMs: 200 },
      },
    ],
    faults: Array.from({ length: lostAnswers }, () => drop),
  };
}

function run(intent: ResourceIntent, lostAnswers: number, seed: number) {
  const result = runResourceWorld(settingsFor(intent, lostAnswers), seededSource(seed));
  const served = result.trace.flatMap((r) => (r.type === 'served' ? [r.status] : []));
  if (served.length !== lostAnswers + 1) {
    throw new Error(`${JSON.stringify(intent)} ran ${served.length} times, not ${lostAnswers + 1}`);
  }
  return { state: summarizeResources(result.trace).finalState, responses: served };
}

export function computeMethodTable(repeats = 3, seed = 1): MethodRow[] {
  return METHOD_RETRIES.map((intent) => measureRequest(intent, repeats, seed));
}

/** One row: the request run once and `repeats` times, its states compared. */
export function measureRequest(intent: ResourceIntent, repeats = 3, seed = 1): MethodRow {
  if (intent.kind !== 'request') throw new Error('a method row measures a single request');
  const before = resourceBase().initial as State;
  const once = run(intent, 0, seed);
  const many = run(intent, repeats - 1, seed);
  return {
    method: intent.method,
    safe: sameState(before, once.state) && sameState(before, many.state),
    idempotent: sameState(once.state, many.state),
    responses: many.responses,
  };
}
