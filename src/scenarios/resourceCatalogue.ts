import type { Method } from '../model/http.ts';
import type { Fields, Patch } from '../model/resources.ts';
import type {
  ResourceClientSettings,
  ResourceIntent,
  ResourceWorldSettings,
  ResourceFault,
} from '../model/settings.ts';
import { BASE_CLIENT, baseSettings } from './catalogue.ts';
import type { ResourceScenarioId } from './ids.ts';

/**
 * The resource scenarios: HTTP methods retried over a lossy network, and two people editing one
 * resource. Each declares the outcome every run must show, whatever the seed; a test holds them
 * over many seeds, and the lessons quote them. Titles and descriptions live in src/i18n.
 */
export interface ResourceExpectation {
  /** Writes that erased a change they never saw, in every run. */
  lostUpdates: number;
  /** Repeats of one request that changed the state again (POST, PATCH "add"), in every run. */
  repeatedEffects: number;
  /** Statuses that must be among those the clients received, in every run. */
  statuses?: number[];
  /** The state every run ends in, when chance cannot change it. */
  finalState?: Record<string, Fields>;
  /** Updates whose 412 turned out to mean "already done". */
  alreadyApplied?: number;
}

export interface ResourceScenario {
  id: ResourceScenarioId;
  settings(): ResourceWorldSettings;
  expect: ResourceExpectation;
}

export const ACCOUNT = '/accounts/42';
export const PROFILE = '/users/123';
const ADA = { name: 'Ada Lovelace', email: 'ada@example.com' };
const INITIAL = { [ACCOUNT]: { owner: 'Ada', balance: 100 }, [PROFILE]: ADA };

/** The payment world's network and client timing, so the two worlds feel the same. */
export function resourceBase(): ResourceWorldSettings {
  const { network } = baseSettings('none');
  return {
    clients: [],
    network,
    server: {
      processingMs: 10,
      restartMs: 500,
      requireIfMatch: false,
      crashProbability: 0,
      crashPoints: [],
      maxCrashes: null,
    },
    initial: INITIAL,
    faults: [],
  };
}

const client = (intents: ResourceIntent[], startAtMs = 0): ResourceClientSettings => ({
  intents,
  startAtMs,
  timeoutMs: BASE_CLIENT.timeoutMs,
  retry: BASE_CLIENT.retry,
});

const request = (
  method: Method,
  path: string,
  extra: Omit<Extract<ResourceIntent, { kind: 'request' }>, 'kind' | 'method' | 'path'> = {},
): ResourceIntent => ({ kind: 'request', method, path, ...extra });

/** Read, think for 200 ms (a person editing a form), write back the whole new state. */
const update = (path: string, change: Patch, conditional: boolean): ResourceIntent => ({
  kind: 'update',
  path,
  change,
  conditional,
  thinkMs: 200,
});

const add = (by: number): Patch => ({ op: 'add', field: 'balance', by });
const NEW_EMAIL: Patch = { op: 'merge', fields: { email: 'ada@lovelace.example' } };

const loseResponse = (atMs: number): ResourceFault => ({
  kind: 'drop-next',
  direction: 'response',
  atMs,
});

const world = (change: Partial<ResourceWorldSettings>) => (): ResourceWorldSettings => ({
  ...resourceBase(),
  ...change,
});

/**
 * Each method once, two seconds apart, with its first response lost: every client retries
 * automatically, as a careless client library would even for POST and PATCH.
 */
export const METHOD_RETRIES: readonly ResourceIntent[] = [
  request('GET', PROFILE),
  request('HEAD', PROFILE),
  request('OPTIONS', PROFILE),
  request('PUT', PROFILE, { body: { ...ADA, email: 'ada@lovelace.example' } }),
  request('PATCH', ACCOUNT, { patch: add(10) }),
  request('POST', '/users', { body: { name: 'Grace Hopper' } }),
  request('DELETE', PROFILE),
];
const SPACING_MS = 2000;
/** A cache revalidating its copy of the profile (ETag "r2" before anyone changes it): 304. */
const REVALIDATE = request('GET', PROFILE, { ifNoneMatch: '"r2"' });
const METHOD_RUN = [REVALIDATE, ...METHOD_RETRIES];

/** Two people edit the account at nearly the same time: each adds to the balance they read. */
const twoWriters = (conditional: boolean) => [
  client([update(ACCOUNT, add(10), conditional)], 0),
  client([update(ACCOUNT, add(20), conditional)], 20),
];

export const RESOURCE_SCENARIOS: Readonly<Record<ResourceScenarioId, ResourceScenario>> = {
  'method-retries': {
    id: 'method-retries',
    settings: world({
      clients: METHOD_RUN.map((intent, i) => client([intent], i * SPACING_MS)),
      faults: METHOD_RUN.map((_, i) => loseResponse(i * SPACING_MS)),
    }),
    expect: {
      lostUpdates: 0,
      // PATCH "add 10" and POST each took effect twice.
      repeatedEffects: 2,
      statuses: [304, 200, 201, 404],
      finalState: {
        [ACCOUNT]: { owner: 'Ada', balance: 120 },
        // POST made two users; the server numbers new resources by its change counter.
        '/users/6': { name: 'Grace Hopper' },
        '/users/7': { name: 'Grace Hopper' },
      },
    },
  },
  'delete-twice': {
    id: 'delete-twice',
    settings: world({ clients: [client([request('DELETE', PROFILE)])], faults: [loseResponse(0)] }),
    expect: {
      lostUpdates: 0,
      repeatedEffects: 0,
      statuses: [404],
      finalState: { [ACCOUNT]: INITIAL[ACCOUNT] },
    },
  },
  'lost-update': {
    id: 'lost-update',
    settings: world({ clients: twoWriters(false) }),
    expect: { lostUpdates: 1, repeatedEffects: 0, statuses: [200] },
  },
  'lost-update-prevented': {
    id: 'lost-update-prevented',
    settings: world({ clients: twoWriters(true) }),
    expect: {
      lostUpdates: 0,
      repeatedEffects: 0,
      statuses: [412],
      finalState: { [ACCOUNT]: { owner: 'Ada', balance: 130 }, [PROFILE]: ADA },
    },
  },
  'conditional-retry': {
    id: 'conditional-retry',
    // The drop is armed after the read's answer is home and before the write's answer leaves.
    settings: world({
      clients: [client([update(PROFILE, NEW_EMAIL, true)])],
      faults: [loseResponse(200)],
    }),
    expect: {
      lostUpdates: 0,
      repeatedEffects: 0,
      statuses: [412],
      alreadyApplied: 1,
      finalState: {
        [ACCOUNT]: INITIAL[ACCOUNT],
        [PROFILE]: { ...ADA, email: 'ada@lovelace.example' },
      },
    },
  },
  'create-only-put': {
    id: 'create-only-put',
    settings: world({
      clients: [
        client([request('PUT', '/users/200', { body: { name: 'Grace' }, ifNoneMatch: '*' })], 0),
        client([request('PUT', '/users/200', { body: { name: 'Linus' }, ifNoneMatch: '*' })], 5),
      ],
    }),
    expect: { lostUpdates: 0, repeatedEffects: 0, statuses: [201, 412] },
  },
  'precondition-required': {
    id: 'precondition-required',
    settings: world({
      server: { ...resourceBase().server, requireIfMatch: true },
      clients: [
        client([update(ACCOUNT, add(10), false)], 0),
        client([update(ACCOUNT, add(20), true)], 20),
      ],
    }),
    expect: {
      lostUpdates: 0,
      repeatedEffects: 0,
      statuses: [428],
      finalState: { [ACCOUNT]: { owner: 'Ada', balance: 120 }, [PROFILE]: ADA },
    },
  },
};
