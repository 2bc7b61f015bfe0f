/**
 * English texts. `ru.ts` must have exactly this shape (the compiler checks it), so a missing
 * translation is a build error, not a blank on screen. Texts that take values are functions.
 */
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
    seedInvalid: 'A seed is a whole number between −2147483648 and 4294967295.',
  },
  notice: {
    badParams: (what: string) =>
      `The link asked for ${what}, which the lab does not know. Showing the defaults instead.`,
    dismiss: 'Dismiss',
  },
  outcome: {
    region: 'Outcome',
    chargesFor: (charges: number, intents: number) =>
      `${plural(charges, 'charge', 'charges')} for ${plural(intents, 'payment', 'payments')}`,
    duplicates: (n: number) =>
      `${plural(n, 'duplicate charge', 'duplicate charges')}: the customer paid twice.`,
    noDuplicates: 'No duplicate charge: every payment was charged at most once.',
    replays: (n: number) =>
      `${plural(n, 'response', 'responses')} replayed from the idempotency-key table (Idempotent-Replayed: true).`,
    statuses: 'Statuses the client received',
    none: 'none',
    perIntent: 'Payments',
    intentLine: (intent: string, charges: number, outcome: string) =>
      `${intent}: ${plural(charges, 'charge', 'charges')}, client saw ${outcome}`,
    outcomes: {
      succeeded: 'success',
      failed: 'a definite failure',
      unknown: 'no answer (outcome unknown)',
      pending: 'nothing yet',
    },
    traceHash: 'Trace hash',
    tape: 'Tape',
    events: 'Events',
    tapeHint:
      'The run’s choices. The same scenario, strategy and tape give the same trace everywhere.',
  },
  invariants: {
    region: 'Invariants',
    holds: 'holds',
    violated: 'violated',
    notClaimed: 'not promised by this strategy',
    names: {
      atMostOnce: 'At most one charge per payment',
      outcomeConsistency: 'The answer matches the charges',
      conservation: 'Money is conserved',
    },
    facts: {
      chargedTwice: (intent: string, charges: number) =>
        `Payment ${intent} was charged ${charges} times.`,
      answerMismatch: (intent: string, seen: string, charges: number) =>
        `The client saw ${seen} for ${intent}, but it was charged ${plural(charges, 'time', 'times')}.`,
      moneyMismatch: (charged: string, lost: string, gained: string) =>
        `Charges total ${charged}, but the customer lost ${lost} and the merchant gained ${gained}.`,
    },
  },
  log: {
    region: 'Event log',
    caption: 'Every event of the run, in virtual time.',
    time: 'Time',
    actor: 'Actor',
    what: 'What happened',
    attempt: (n: number) => `attempt ${n}`,
    key: 'key',
    noKey: 'no key',
    replayed: 'replayed',
    copy: 'copy',
    verbs: {
      start: 'starts',
      send: 'sends',
      deliver: 'delivered',
      drop: 'dropped',
      duplicate: 'duplicated',
      timer: 'timer',
      transition: 'state',
      store: 'query',
      charge: 'charged',
      fault: 'fault',
      crash: 'crashed',
      restart: 'restarted',
      settle: 'settled',
      invariant: 'VIOLATED',
    },
    dropReasons: {
      scripted: 'scripted drop',
      loss: 'lost in the network',
      partition: 'network partition',
      'server-down': 'server is down',
    },
    timers: {
      timeout: 'timeout fires',
      backoff: 'backoff ends, retrying',
      restart: 'restart delay ends',
    },
    startDetail: (strategy: string, intents: number) =>
      `strategy ${strategy}, ${plural(intents, 'payment', 'payments')} to make`,
    chargeDetail: (amount: string, intent: string, chargeId: string) =>
      `${amount} for ${intent} (${chargeId})`,
    crashDetail: (point: string, lost: number) =>
      `at “${point}”; ${plural(lost, 'request', 'requests')} in memory lost`,
    settleDetail: (intent: string, outcome: string) => `${intent}: ${outcome}`,
    faults: {
      dropRequest: 'drop the next request',
      dropResponse: 'drop the next response',
      crash: (point: string) => `crash the server at “${point}”`,
      crashNow: 'crash the server now',
    },
    crashPoints: {
      'before-commit': 'before commit',
      'after-provider-charge': 'after the provider charged',
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
    'atomic-key': {
      title: 'Atomic idempotency key',
      description:
        'The server inserts the Idempotency-Key into a table with a unique constraint, in the same transaction as the payment. A retry finds the key and gets the stored response replayed instead of a second charge.',
    },
  },
  scenarios: {
    'happy-path': {
      title: 'Happy path',
      description:
        'Nothing goes wrong. The client sends one payment, the server charges the card once and answers 201 Created. Start here to see what a normal run looks like.',
    },
    'lost-response': {
      title: 'Lost response',
      description:
        'The server charges the card and commits, but its 201 response is lost on the way back. The client cannot tell “never arrived” from “done, answer lost”, so it times out and retries. Without an idempotency key the retry is a second charge.',
    },
    'crash-after-commit': {
      title: 'Crash after commit',
      description:
        'The server commits the payment and crashes before it can answer. For the client this looks exactly like a lost response: a timeout, then a retry that charges again unless the server recognises the key.',
    },
    'crash-before-commit': {
      title: 'Crash before commit',
      description:
        'The server crashes while handling the request, before it has charged or committed anything. The transaction rolls back, so the retry is safe with or without a key: the customer is charged exactly once.',
    },
    'slow-server-timeout': {
      title: 'Slow server, impatient client',
      description:
        'The payment provider takes 1.5 s, but the client gives up after 1 s and retries while the first request is still running. Without protection every retry is another charge; with an atomic key the retry waits for the first transaction and then gets its response replayed.',
    },
    'flaky-network': {
      title: 'Flaky network',
      description:
        'Three payments over a network that loses a quarter of all messages, delays them by 20–300 ms and sometimes delivers one twice. The client retries with jittered exponential backoff. Change the seed to see different storms.',
    },
  },
};

export type Messages = typeof en;
