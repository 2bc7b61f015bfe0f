/**
 * English texts. `ru.ts` must have exactly this shape (the compiler checks it), so a missing
 * translation is a build error, not a blank on screen. Texts that take values are functions.
 */
import type { StoreOp } from '../model/machines/storeSchema.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const en = {
  lang: 'en',
  languageName: 'English',
  app: {
    title: 'Idempotency Lab',
    tagline:
      'Break a payment system on purpose: watch a retry charge a customer twice, then watch an idempotency key stop it.',
    skipToLog: 'Skip to the event log',
    language: 'Language',
  },
  controls: {
    region: 'Controls',
    scenario: 'Scenario',
    strategy: 'Strategy',
    seed: 'Seed',
    newSeed: 'New seed',
    seedHint: 'Whole number; the same seed replays the same run.',
    seedInvalid: 'A seed is a whole number from 0 to 4294967295.',
    groups: { payments: 'Payments and idempotency keys', resources: 'HTTP methods and ETags' },
    noStrategy:
      'This scenario has no idempotency layer to choose: it is about HTTP methods and preconditions.',
  },
  playback: {
    toolbar: 'Playback',
    play: 'Play',
    pause: 'Pause',
    stepForward: 'Step forward',
    stepBack: 'Step back',
    reset: 'Reset',
    speed: 'Speed',
    speedOption: (x: number) => `${x}×`,
    timeline: 'Timeline',
    position: (t: number, end: number) => `${t} ms of ${end} ms`,
    hint: 'Space plays and pauses; the arrow keys step from event to event.',
    idleNote: 'Quiet stretches, such as a client waiting for its timeout, play faster.',
    marks: {
      fault: 'fault',
      crash: 'crash',
      drop: 'message lost',
      timeout: 'timeout',
      violation: 'invariant broken',
      charge: 'charge',
    },
    legend: 'Marks on the timeline',
  },
  faults: {
    region: 'Live faults',
    hint: (t: number) =>
      `Each fault is added at the moment on the timeline (now ${t} ms) and becomes part of the run: rewind and play again, and it happens again.`,
    dropRequest: 'Drop the next request',
    dropResponse: 'Drop the next response',
    copyRequest: 'Deliver the next request twice',
    copyResponse: 'Deliver the next response twice',
    crashNow: 'Crash server now',
    crashPoint: 'Crash point',
    armCrash: 'Arm crash',
    partition: 'Partition for 500 ms',
    keysDown: 'Key store down for 1 s',
    pauseServer: 'Freeze the server for 1 s',
    injected: 'Injected faults',
    none: 'None yet.',
    at: (t: number, what: string) => `at ${t} ms: ${what}`,
    remove: (what: string) => `Remove: ${what}`,
    removeAll: 'Remove them all',
  },
  machines: {
    region: 'State machines',
    actor: 'Actor',
    notYet: 'Not started yet.',
    now: (state: string, via: string | null) => `Now in “${state}”${via ? `, ${via}` : ''}.`,
    via: (from: string, to: string, event: string, t: number) =>
      `after ${from} → ${to} on ${event} at ${t} ms`,
    chart: (actor: string) => `The state machine of ${actor}, its current state highlighted`,
    loading: 'Drawing the machines…',
    scrolls: 'The chart, wider than its box: scroll it sideways',
  },
  settings: {
    summary: 'Client, network and key store',
    asScenario: 'as in the scenario',
    retry: 'Retry policy',
    retryKinds: {
      none: 'no retry',
      fixed: 'fixed delay',
      exponential: 'exponential backoff',
      'exponential-jitter': 'exponential backoff with full jitter',
      'equal-jitter': 'exponential backoff with equal jitter',
      'decorrelated-jitter': 'decorrelated jitter',
    },
    attempts: 'Maximum attempts',
    keyPolicy: 'Idempotency-Key',
    keyPolicies: {
      none: 'no key',
      'per-intent': 'one key per payment (right)',
      'per-attempt': 'a new key per attempt (bug)',
      reused: 'one key for every payment (bug)',
    },
    loss: 'Messages lost',
    duplication: 'Messages delivered twice',
    percent: (n: number) => `${n}%`,
    delayMax: 'Longest network delay',
    ms: (n: number) => `${n} ms`,
    ttl: 'Keys kept for',
    ttls: { 2000: '2 seconds', 60000: '1 minute', 86400000: '24 hours' } as Record<number, string>,
    failure: 'When the key store is down',
    failures: {
      'fail-open': 'go on without it (fail open)',
      'fail-closed': 'refuse with 503 (fail closed)',
    },
    payments: 'Payments per client',
    errors: 'A declined card (402)',
    errorChoices: {
      store: 'stored and replayed',
      forget: 'not stored: a retry runs again',
    },
    keyRequired: 'A payment without a key',
    keyRequiredChoices: {
      no: 'is run, unprotected',
      yes: 'is refused: 400 Bad Request',
    },
    chargeId: 'payments.charge_id',
    chargeIdChoices: {
      unique: 'UNIQUE: a second row for one charge fails',
      plain: 'not unique: nothing stops a second row',
    },
    restore: 'Restore the scenario’s settings',
  },
  compare: {
    region: 'Compare',
    toggle: 'Compare with another strategy',
    with: 'Compared strategy',
    hint: 'The same scenario, seed and faults, run under both strategies; the timeline moves both.',
  },
  topology: {
    region: 'Topology',
    caption: (t: number) => `The actors and the messages on the wire at ${t} ms.`,
    network: 'network',
    down: 'down',
    replayed: 'replayed',
    lost: 'lost',
    up: 'up',
    paused: 'frozen',
    /** Machine states in words, for the topology (the state charts keep the machines' own names). */
    states: {
      idle: 'idle',
      sending: 'sending',
      waiting: 'waiting',
      thinking: 'thinking',
      deciding: 'deciding',
      backingOff: 'backing off',
      settled: 'settled',
      done: 'done',
      up: 'up',
      paused: 'frozen',
      down: 'down',
      connected: 'connected',
      partitioned: 'partitioned',
      available: 'available',
      keysUnavailable: 'keys unavailable',
      ready: 'ready',
      received: 'received',
      checkingCache: 'checking cache',
      claimingKey: 'claiming key',
      lockingKey: 'locking key',
      charging: 'charging',
      committing: 'committing',
      chargeRecorded: 'charge recorded',
      finishing: 'finishing',
      caching: 'caching',
      responded: 'responded',
      replaying: 'replaying',
      rejected: 'rejected',
      conflict: 'conflict',
      mismatch: 'mismatch',
      unavailable: 'unavailable',
      superseded: 'superseded',
      declining: 'declined by the provider',
      recordingDecline: 'storing the decline',
      cachingDecline: 'caching the decline',
      declined: 'declined',
    } as Record<string, string>,
    idle: 'idle',
    /** What the store is doing, in words, for a moment after each query. */
    storeOps: {
      claimKey: 'claiming a key',
      lockKey: 'locking a key',
      commit: 'committing',
      finish: 'finishing',
      rollback: 'rolling back',
      forgetKey: 'letting a key go',
      cacheGet: 'cache lookup',
      cacheSet: 'cache write',
    } satisfies Record<StoreOp['type'], string>,
    charges: (n: number) => plural(n, 'charge', 'charges'),
  },
  nav: {
    label: 'Sections',
    lab: 'Simulator',
    course: 'Course',
    startHere: 'start here',
    interview: 'Interview',
    loading: 'Loading…',
    failed: 'This page could not load; the connection may have dropped.',
    partFailed: 'This part of the page could not load; the connection may have dropped.',
    retry: 'Try again',
    fromInterview: 'Opened from an interview question: this run shows the answer.',
    backToQuestion: '← Back to the question',
  },
  ledger: {
    region: 'Ledger',
    balance: (now: string, start: string) =>
      `Customer’s balance at the provider: ${now} (it was ${start}).`,
    toppedUp: (amount: string) => `The customer topped up ${amount} during the run.`,
    paymentsCaption: 'the server’s payment records',
    keysCaption: 'one row per key; a retry finds it and gets the stored answer',
    cacheCaption: 'responses kept after the work is done (the textbook version)',
    columns: {
      id: 'id',
      customer: 'customer',
      amount: 'amount',
      key: 'idempotency key',
      charge: 'charge',
      status: 'status',
      recoveryPoint: 'recovery point',
      response: 'response',
      storedAt: 'stored at',
      note: 'note',
    },
    duplicateOf: (id: string) => `duplicate of ${id}: the same payment again`,
    earlierRows: (n: number) => `… ${plural(n, 'earlier row', 'earlier rows')}`,
    noRows: 'no rows yet',
  },
  sequence: {
    region: 'Sequence diagram',
    caption: 'Messages between the actors, one row per moment something happened',
    hint: 'Select an arrow (or focus it and press Enter) to read the message in full.',
    details: 'Selected message',
    close: 'Close',
    route: (from: string, to: string, intent: string, attempt: number) =>
      `${from} → ${to} · ${intent}, attempt ${attempt}`,
    copyOf: (id: number) => `· a network copy of message ${id}`,
    loading: 'Drawing the diagram…',
    marks: {
      crash: 'crash',
      restart: 'restart',
      timeout: 'timeout',
      broken: 'invariant broken',
      declined: 'declined',
      topUp: 'top-up',
    },
  },
  notice: {
    badParams: (what: string) =>
      `The link asked for ${what}, which the lab does not know. Showing the defaults instead.`,
    runFailed: 'This scenario could not load; the connection may have dropped.',
    dismiss: 'Dismiss',
    quote: (text: string) => `“${text}”`,
  },
  outcome: {
    region: 'Outcome',
    chargesFor: (charges: number, intents: number) =>
      `${plural(charges, 'charge', 'charges')} for ${plural(intents, 'payment', 'payments')}`,
    duplicates: (n: number) =>
      `${plural(n, 'duplicate charge', 'duplicate charges')}: the customer was charged again for the same payment.`,
    noDuplicates: 'No duplicate charge: every payment was charged at most once.',
    chargedAfterFailure: (n: number) =>
      `${plural(n, 'payment was', 'payments were')} charged after the client was told ${n === 1 ? 'it' : 'they'} had failed.`,
    replays: (n: number) =>
      `${plural(n, 'response', 'responses')} replayed from what the server stored (Idempotent-Replayed: true).`,
    statuses: 'Statuses the client acted on',
    times: (n: number) => `, ${n} times`,
    late: 'Late answers ignored',
    duplicateRecords: (n: number) =>
      `The server's books hold ${plural(n, 'extra payment row', 'extra payment rows')} for money charged once.`,
    none: 'none',
    morePayments: (n: number) => `… and ${plural(n, 'more payment', 'more payments')}`,
    perIntent: 'Payments',
    intentLine: (intent: string, charges: number, outcome: string) =>
      `${intent}: ${plural(charges, 'charge', 'charges')}, client saw ${outcome}`,
    outcomes: {
      succeeded: 'success',
      failed: 'a definite failure',
      unknown: 'no answer (outcome unknown)',
      pending: 'nothing yet',
    },
    serverLoad: (requests: number, peak: number, retryPeak: number) =>
      `Server load: ${plural(requests, 'request', 'requests')} reached it, at most ${peak} within any 100 ms (retries alone: at most ${retryPeak}).`,
    traceHash: 'Trace hash',
    tape: 'Tape',
    events: 'Events',
    tapeHint:
      'The run’s choices. The same scenario, strategy and tape give the same trace everywhere.',
    copyTape: (n: number) => `Copy the whole tape (${n} characters)`,
    copied: 'Copied',
    replayExactly: 'To replay this exact run: its trace hash and tape',
  },
  resourceOutcome: {
    lostUpdates: (n: number) =>
      `${plural(n, 'update', 'updates')} lost: a write erased a change its writer never saw.`,
    noLostUpdates: 'No update lost: no write erased a change it had not seen.',
    headlineLost: (n: number) => `${plural(n, 'change', 'changes')} silently lost`,
    headlineRepeated: (n: number) => `${plural(n, 'request', 'requests')} took effect twice`,
    headlineSafe: 'No change lost or doubled',
    repeated: (method: string, path: string) =>
      `${method} ${path} took effect again when it was repeated: ${method} is not idempotent.`,
    appliedTwice: (intent: string, path: string) =>
      `${intent} made its change to ${path} twice: an answer that was lost or came from a duplicated request left it unsure, and it wrote again.`,
    alreadyApplied: (intent: string) =>
      `${intent}: the retry got 412, but a fresh read showed the change already there — the 412 meant “your first attempt succeeded, its answer was lost”.`,
    finalState: 'Final state on the server',
    intents: 'Requests',
  },
  invariants: {
    region: 'Invariants',
    holds: 'holds',
    violated: 'violated',
    notClaimed: 'not promised by this strategy',
    brokenAt: (ms: number) => `Broke at ${ms} ms:`,
    notClaimedResources: 'not promised: these writers send no If-Match',
    names: {
      atMostOnce: 'At most one charge per payment',
      outcomeConsistency: 'The answer matches the charges',
      conservation: 'No money appears or vanishes',
      noLostUpdate: 'No update is lost',
      idempotentEffect: 'Repeating PUT or DELETE changes nothing more',
      books: 'One payment row per payment, one per charge',
    },
    facts: {
      // The facts of the moment the rule broke: a second charge (a later one changes nothing).
      chargedTwice: (intent: string, charges: number) =>
        `Payment ${intent} was charged ${charges === 2 ? 'a second time' : `${charges} times`}.`,
      answerMismatch: (intent: string, seen: string, charges: number) =>
        `The client saw ${seen} for ${intent}, but it was charged ${plural(charges, 'time', 'times')}.`,
      moneyMismatch: (charged: string, lost: string, gained: string) =>
        `Charges total ${charged}, but the customer lost ${lost} and the merchant gained ${gained}.`,
      updateLost: (path: string, by: string, erased: string) =>
        `${by} overwrote ${path} and erased the change of ${erased}, which it had never read.`,
      repeatChangedState: (intent: string, method: string, path: string) =>
        `Repeating ${intent}'s ${method} ${path} changed the state again.`,
    },
  },
  log: {
    region: 'Event log',
    caption: 'Every event of the run, in virtual time.',
    time: 'Time',
    actor: 'Actor',
    what: 'What happened',
    crashPoints: {
      'before-commit': 'before commit',
      'after-provider-charge': 'after the provider answered, before commit',
      'after-commit': 'after commit, before the response',
      now: 'now',
    },
  },
  strategies: {
    none: {
      title: 'No idempotency',
      description:
        'The server runs every request it receives. Any retry of a payment charges the card again.',
    },
    'naive-cache': {
      title: 'Naive cache (textbook)',
      description:
        'Look the key up in a cache; on a miss, process the payment, then cache the response. Two requests that arrive together both miss, and a crash between “process” and “cache” loses the key, though the payment went through: the retry charges again.',
    },
    'atomic-key': {
      title: 'Atomic idempotency key',
      description:
        'The server inserts the Idempotency-Key into a table with a unique constraint, in the same transaction as the payment. A retry finds the key and gets the stored response replayed instead of a second charge; a concurrent one waits for the first transaction.',
    },
    'locked-key': {
      title: 'Key with an in-flight lock',
      description:
        'The key row is committed first, as a lock. A second request with the same key while the first still runs gets 409 Conflict and nothing is stored; it retries later and gets the replayed response. A lock left by a crashed request is taken over once it is stale.',
    },
    fingerprinted: {
      title: 'Locked key + request fingerprint',
      description:
        'As the locked key, and the key row remembers a digest of the request. The same key with a different body is a client bug and gets 422 Unprocessable Content instead of someone else’s response.',
    },
    'recovery-points': {
      title: 'Recovery points (Stripe-style)',
      description:
        'The work is split into atomic phases, each saving a recovery point on the key row. The provider is called with a key derived from ours, so a request resumed after a crash gets the same charge back. A background completer finishes requests whose clients gave up.',
    },
  },
  scenarios: {
    'method-retries': {
      title: 'Every method, retried',
    },
    'delete-twice': {
      title: 'DELETE, retried',
    },
    'lost-update': {
      title: 'Lost update',
    },
    'lost-update-prevented': {
      title: 'Lost update, prevented by If-Match',
    },
    'conditional-retry': {
      title: 'A retried If-Match write gets 412',
    },
    'create-only-put': {
      title: 'Create only: If-None-Match: *',
    },
    'precondition-required': {
      title: 'Server requires If-Match (428)',
    },
    'happy-path': {
      title: 'Happy path',
    },
    'lost-response': {
      title: 'Lost response',
    },
    'crash-after-commit': {
      title: 'Crash after commit',
    },
    'crash-before-commit': {
      title: 'Crash before commit',
    },
    'slow-server-timeout': {
      title: 'Slow server, impatient client',
    },
    'flaky-network': {
      title: 'Flaky network',
    },
    'double-click': {
      title: 'Double click',
    },
    'concurrent-retries': {
      title: 'Concurrent retries',
    },
    'duplicate-delivery': {
      title: 'Network delivers twice',
    },
    'new-key-per-retry': {
      title: 'New key per retry (client bug)',
    },
    'key-expired': {
      title: 'Key expired before the retry',
    },
    'key-store-down': {
      title: 'Key store down, failing open',
    },
    'key-store-down-fail-closed': {
      title: 'Key store down, failing closed',
    },
    'payload-mismatch': {
      title: 'One key, two different payments',
    },
    'crash-after-provider-charge': {
      title: 'Crash after the provider charged',
    },
    'declined-late-copy': {
      title: 'Card declined, then a late copy',
    },
    'provider-outage': {
      title: 'Provider down after the key was claimed',
    },
    'provider-timeout': {
      title: 'Provider call times out',
    },
    'retry-storm': {
      title: 'Retry storm',
    },
    'retry-storm-jitter': {
      title: 'Retry storm, with jitter',
    },
    'stolen-key': {
      title: 'Another caller sends my key',
    },
  },
  stage: {
    settings: 'Seed and settings',
    settingsTitle: 'Seed, descriptions and settings',
    close: 'Close',
    compareOff: 'No comparison',
    compareLabel: 'Compare with',
    start: 'Nothing has happened yet — press Play or step forward.',
    soFar: 'No duplicate charge so far; not every payment has its answer yet.',
    duplicateShort: (n: number) => `${plural(n, 'duplicate charge', 'duplicate charges')}`,
    noDuplicateShort: 'no duplicate charge',
    ruleBrokenShort: (rule: string) => `rule broken: “${rule}”`,
    chargedAfterFailureShort: (n: number) =>
      `${plural(n, 'payment', 'payments')} charged after “failed”`,
    resourceSoFar: 'Nothing lost or doubled so far; not every request has its answer yet.',
    moreViews: 'Below: the full ledger, invariants, state machines and the event log.',
    replaysShort: (n: number) => `${plural(n, 'response', 'responses')} replayed`,
    showAllStates: 'Show all states',
    hiddenStates: (n: number) =>
      `${plural(n, 'state', 'states')} this run never reaches ${n === 1 ? 'is' : 'are'} folded away.`,
  },
  embed: {
    /** The stage's heading, for screen readers: the scenario it shows. */
    stage: (scenario: string) => `Idempotency Lab: ${scenario}`,
    openFull: 'Open in the full lab',
    newTab: '(opens in a new tab)',
  },
  export: {
    button: 'Export',
    menu: 'Export this run for slides',
    topologySvg: 'Topology as SVG',
    topologyPng: 'Topology as PNG (2×)',
    sequenceSvg: 'Sequence diagram as SVG',
    sequencePng: 'Sequence diagram as PNG (2×)',
    webm: 'The run as a video (WebM, 1280×720)',
    gif: 'The run as an animated GIF (1280×720)',
    recordingLabel: 'Recording progress',
    recording: (percent: number) => `Recording… ${percent}%`,
    cancel: 'Cancel',
    noVideo:
      'This browser cannot encode video. Use Chrome or Edge, export a GIF, or run npm run export from the command line.',
    failed: 'The export failed. Try again, or export from the command line (npm run export).',
  },
  sequenceStage: {
    folded: (from: number, to: number) => `clients ${from}–${to}`,
    foldedNote: (from: number, to: number) => `Clients ${from}–${to} share one lane.`,
    unfoldedNote: 'Every client has a lane of its own.',
    unfold: (from: number, to: number) => `Show clients ${from}–${to} on their own lanes`,
    fold: (from: number, to: number) => `Fold clients ${from}–${to} into one lane`,
  },
  captions: {
    region: 'What just happened',
    waiting: 'Press Play: each key moment of the run is told here in a sentence.',
    stopAtMoments: 'Stop at each key moment',
    pacingNote:
      'Playing pauses at each key moment long enough to read it; quiet stretches play faster.',
  },
  sequenceMore: {
    /** The export of a long run: which rows it holds. */
    exportRows: (from: number, to: number, of: number) => `rows ${from}–${to} of ${of}`,
  },
  stageFit: {
    /** The row of one-press faults over a phone's playback bar. */
    tray: 'Live faults, at the moment on screen',
    trayNote:
      'The one-press faults are in the row over the playback bar, within reach while the run plays.',
  },
  /** Who is calling (API keys, scope, 403) and the server's books (UNIQUE charge_id). */
  auth: {
    /** The idempotency_keys table's first column: whose key it is. */
    scopeColumn: 'scope (account)',
    /** The ledger's balance line when the run charged the cards of several customers. */
    balanceOfCards: (customers: string, now: string, start: string) =>
      `Balance of the cards at the provider (${customers}, added up): ${now} (it was ${start}).`,
    facts: {
      recordedTwice: (intent: string, rows: string) =>
        `Payment ${intent} has more than one row in the server’s books: ${rows}.`,
      chargeRecordedTwice: (charge: string, rows: string) =>
        `Charge ${charge} is recorded in more than one payment row: ${rows}. The books show more money than moved.`,
    },
    refusedDetail: (
      constraint: string,
      row: string,
      intent: string,
      charge: string,
      holder: string,
    ) =>
      `ERROR: duplicate key value violates unique constraint "${constraint}" — ${row} for ${intent} would record ${charge} again (${holder} holds it); ROLLBACK`,
  },
  /** A 5xx after the work began: the provider's outages, and what a server does with the key. */
  outage: {
    /** The setting `errors5xx`; `settings.errors` is the other one, about declines. */
    errors5xx: 'A provider failure after the work began (500)',
    errors5xxChoices: {
      store: 'stored and replayed (Stripe)',
      release: 'key released: a retry resumes (rocket-rides)',
    },
    providerDown: 'Provider down for 1 s',
    providerTimeout: 'Provider hangs for 1 s',
    states: {
      hanging: 'calls hang',
      failing: 'provider failed',
      unlockingKey: 'letting the key go',
      releasingKey: 'releasing the key',
      recordingFailure: 'storing the 500',
      cachingFailure: 'caching the 500',
      failed: 'failed (500)',
    } as Record<string, string>,
  },
  retries: {
    /** Settings: one retry budget for every client, and the server's limit on work in progress. */
    budget: 'Retry budget (token bucket)',
    budgetChoices: {
      off: 'none: retry while attempts last',
      on: '50 tokens, shared by all clients',
    },
    limit: 'Server’s limit on requests at once',
    limitOption: (n: number) => `at most ${n}, then 429`,
    /** The event log: the wait an answer asks for, and what the budget did. */
    retryAfter: (seconds: string) => `Retry-After: ${seconds} s`,
    ledger: (left: number, refused: number) =>
      `Retry budget: ${plural(left, 'token', 'tokens')} left, ${plural(refused, 'retry', 'retries')} refused (a refused client gives up at once).`,
  },
};

export type Messages = typeof en;
