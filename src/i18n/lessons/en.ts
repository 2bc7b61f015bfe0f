/**
 * The course in English: every lesson step, every interview answer, and the words of the lesson
 * screens. Loaded only when someone opens the course. Claims in these texts are declared beside
 * the steps (src/scenarios/lessons.ts) and checked by a test against the simulation.
 */

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
export interface StepText {
  title: string;
  /** Paragraphs. */
  body: readonly string[];
  /** Predict-then-reveal: the question, each choice by id, and what the answer teaches. */
  question?: string;
  choices?: Readonly<Record<string, string>>;
  /** For each wrong choice: why someone would pick it, and why it is not what happens. */
  whyNot?: Readonly<Record<string, string>>;
  explain?: string;
  /** For a step that waits for the learner: what to do, and what they see once it worked. */
  act?: string;
  done?: string;
}

export interface LessonText {
  title: string;
  summary: string;
  steps: Readonly<Record<string, StepText>>;
}

const lessons: Record<string, LessonText> = {
  'what-idempotency-means': {
    title: 'What idempotency means',
    summary:
      'Doing it twice must end as if you did it once — and why networks make you do it twice.',
    steps: {
      once: {
        title: 'The same result, however many times',
        body: [
          'An operation is idempotent when performing it many times leaves the system exactly as performing it once. Setting a field to 5 is idempotent; adding 5 to it is not. Charging a card is not — unless we make it so.',
          'Here is a payment that goes well: the client sends POST /payments, the server charges the card once and answers 201 Created. Press Play, or step through it with the arrow keys.',
        ],
      },
      'lost-response': {
        title: 'When the answer is lost',
        body: [
          'Now the server charges the card and commits, but its 201 is lost on the way back. The client only sees silence. It cannot tell “my request never arrived” from “it was done, but the answer got lost”, so after its timeout it sends the payment again.',
        ],
        question: 'How many times will the customer be charged?',
        choices: { once: 'Once', twice: 'Twice', never: 'Not at all' },
        whyNot: {
          once: 'You expected the server to recognise the retry. How could it? Without a key, the retry is a POST like any other: nothing tells the server it has seen this payment before.',
          never:
            'You expected the lost answer to mean nothing happened. The request did arrive and the card was charged; only the answer got lost on the way back.',
        },
        explain:
          'Twice. The retry is a new POST as far as this server knows, so it charges the card again. The ledger shows two payment rows for one payment, and the invariant “at most one charge per payment” breaks. Press Play to watch it happen.',
      },
      'crash-after-commit': {
        title: 'A crash after the work, before the answer',
        body: [
          'A lost packet is not the only way. Here the server commits the payment and then crashes before it can answer. To the client it is the same silence, and the same retry: two charges.',
          'Timeouts, crashes between processing and responding, and clients retrying because they cannot know — these are why every write that matters must survive being sent twice.',
        ],
      },
      'your-turn': {
        title: 'Your turn: break it',
        body: ['This is the payment that went well. Make it go wrong yourself.'],
        act: 'Press “Drop the next response” in Live faults before the server answers (the 201 leaves the server at 168 ms), then play to the end.',
        done: 'You did it: the answer was lost, the client retried, and the customer paid twice.',
      },
      'what-goes-wrong': {
        title: 'What goes wrong without it',
        body: [
          'The same thing happens without any network fault: a customer double-clicks “Pay”, and two identical requests arrive. Without idempotency the customer is charged twice.',
          'In real systems the duplicate is a second payment, a second deduction from the stock, a second e-mail or push notification. The rest of this course is about preventing it.',
        ],
      },
    },
  },
  'http-methods': {
    title: 'HTTP methods',
    summary: 'Which methods may be retried safely, measured by the simulation itself.',
    steps: {
      table: {
        title: 'Safe and idempotent, measured',
        body: [
          'HTTP (RFC 9110) calls a method safe if it does not change the server’s state, and idempotent if sending it many times has the same effect as sending it once. The table below is not typed in: the lab sends each request once, then three times with its first two answers lost, and compares the server’s state.',
          'GET, HEAD and OPTIONS are safe and idempotent. PUT replaces the whole resource and DELETE removes it: they change state, but a repeat changes nothing more. POST is neither.',
        ],
      },
      'delete-twice': {
        title: 'DELETE twice: the same state, a different answer',
        body: [
          'The first DELETE removes user /users/123 and answers 204, but the answer is lost. The retry finds nothing and answers 404 Not Found.',
          'That is still idempotent: idempotency is about the state of the server, not about the response. A client should treat 404 on a retried DELETE as success.',
        ],
      },
      'post-and-patch': {
        title: 'Why POST and PATCH are not idempotent',
        body: [
          'Here every method is sent with its first answer lost, and retried. POST /users creates a user each time it runs. PATCH sends a change; “add 10 to the balance” applies again on every repeat.',
        ],
        question: 'Which of these requests change the state again when they are repeated?',
        choices: {
          none: 'None: the server recognises the repeat',
          post: 'Only POST',
          'post-and-patch': 'POST and the “add 10” PATCH',
        },
        whyNot: {
          none: 'You expected the server to recognise a repeat. Nothing in these requests lets it: no key, no version. Each arrives as new and is applied again.',
          post: 'POST does create a second user. But “add 10” is a change relative to what is there: applied twice, it adds 20. Only a PATCH that sets a value is safe to repeat.',
        },
        explain:
          'Both. The retried POST makes a second user and the retried PATCH adds 10 twice — the ledger lists two repeated effects. A PATCH that sets a field (“balance = 120”) would be idempotent: it is the request, not only the method, that decides.',
      },
    },
  },
  'idempotency-key': {
    title: 'The idempotency-key pattern',
    summary: 'A key per operation, the textbook cache — and its two holes.',
    steps: {
      textbook: {
        title: 'The textbook version',
        body: [
          'The client generates a unique key for each payment and sends it in the Idempotency-Key header with every attempt. The server looks the key up in a cache; if it finds a stored response, it returns that instead of doing the work again. Otherwise it processes the payment and stores the response under the key.',
          'With the lost response from lesson one, this works: the retry finds the stored 201 and gets it back with the header Idempotent-Replayed: true, as Stripe marks it. One charge.',
        ],
      },
      race: {
        title: 'Hole one: two requests at the same time',
        body: [
          'Check, then act, then store: between the check and the store there is a gap. Here the client’s retry arrives while the first request is still being processed.',
        ],
        question:
          'With the cache-based key, how many charges will the two concurrent requests make?',
        choices: { one: 'One: the key protects it', two: 'Two' },
        whyNot: {
          one: 'You expected the key to protect it. It would, if it were claimed. Here it is only looked up: both requests look before either has stored an answer, and both find nothing.',
        },
        explain:
          'Two. Both requests look up the key before either has stored a response, both find nothing, and both charge. The key was checked, but not claimed.',
      },
      'crash-before-caching': {
        title: 'Hole two: a crash between the work and the cache',
        body: [
          'If the server charges and commits the payment, then crashes before it stores the response under the key, the cache never hears of the key when it comes back. The retry is processed as new: two charges.',
          'Both holes have the same cause: the key and the payment are written in two separate steps. The next lesson closes them.',
        ],
        act: 'Make the server crash right there: in Live faults, pick the crash point “after commit, before the response” and press “Arm crash” (or use the button below), then play the run.',
        done: 'The server committed, crashed before caching the answer, and the retry charged the card again.',
      },
    },
  },
  'database-constraints': {
    title: 'Database constraints',
    summary: 'Claim the key in the same transaction as the payment, with a unique constraint.',
    steps: {
      'unique-key': {
        title: 'One transaction, one unique key',
        body: [
          'Instead of a cache beside the database, the key goes into the database, in the same transaction as the payment, under a UNIQUE constraint. Either both the key and the payment are committed, or neither is. The key is unique per caller (the scope: the account whose API key sent it, never a customer the body names), not globally: one caller’s keys never collide with another’s, and nobody can read back another’s answer. The payment row’s charge_id is unique too, so no charge is ever recorded twice.',
          'The SQL beside this text is the schema the simulated store follows. Its tables are in the ledger: one payment row, one key row marked completed, holding the response that the retry got back.',
        ],
      },
      'race-closed': {
        title: 'The race, closed',
        body: [
          'The same two concurrent requests as before, now with the atomic key. The second INSERT of the same key waits for the first transaction and then fails on the unique constraint.',
        ],
        question: 'How many charges now?',
        choices: { one: 'One', two: 'Two' },
        whyNot: {
          two: 'With the cache, yes. But the key is now a row under a unique constraint: the second INSERT waits for the first transaction and then fails, so only one request gets to charge.',
        },
        explain:
          'One. The database serialises the two claims on the key: the loser sees that the key exists and replays the stored answer instead of charging.',
      },
      'crash-closed': {
        title: 'The crash, closed',
        body: [
          'A crash after commit leaves the key row and the payment row together, with the response; a crash before the card is charged rolls both back. Either way the retry does the right thing: one charge.',
          'One crash is still open: after the provider has charged the card but before our transaction commits. The rollback erases our key and our payment, not the provider’s charge, so the retry charges again. Lesson seven closes that hole.',
        ],
      },
    },
  },
  'conditional-requests': {
    title: 'Conditional requests',
    summary: 'ETags and If-Match: no lost updates, and the 412 that means “already done”.',
    steps: {
      'lost-update': {
        title: 'The lost update',
        body: [
          'Two people open account 42, balance 100, at nearly the same time. One adds 10, the other adds 20, and each saves the whole account back with a plain PUT. The second save erases the first: the balance ends at 120, not 130. No request failed; one change simply vanished. That is a lost update.',
        ],
      },
      'if-match': {
        title: 'If-Match and the ETag',
        body: [
          'Every response carries an ETag, a version of the resource. A client that sends If-Match with the ETag it read asks the server: apply this only if nothing changed since. The second writer gets 412 Precondition Failed, reads again, merges and writes. No update is lost.',
          'A version column does the same inside a database: UPDATE … SET balance = 130, version = 8 WHERE id = 42 AND version = 7 changes no row if someone else got there first.',
        ],
      },
      'already-done': {
        title: 'The 412 that means “already done”',
        body: [
          'A client sends a conditional PUT; the server applies it, but the answer is lost. The client retries the same PUT with the same If-Match.',
        ],
        question: 'The retry is answered 412 Precondition Failed. What does it mean here?',
        choices: {
          conflict: 'Someone else changed the resource',
          'already-done': 'Our own first attempt already applied the change',
          'server-error': 'The server is broken',
        },
        whyNot: {
          conflict:
            'That is what 412 usually means, and it is what the client must rule out. Here nobody else wrote: our own first attempt changed the ETag, so our retry’s If-Match no longer fits.',
          'server-error':
            '412 is a 4xx: the server worked as designed and refused a request whose precondition no longer holds. Nothing is broken.',
        },
        explain:
          'The ETag changed because of our own write. The client reads the resource again, finds its change already there, and stops: the 412 meant “already done”. If-Match prevents lost updates, and a retried “add 10” is not applied twice either — but the 412 is ambiguous: only a fresh read tells our own success from someone else’s change. RFC 9110 lets a server that can tell the very same change was already applied answer 2xx instead of 412; this server, like most, cannot, so it answers 412. An idempotency key would replay a clear answer instead.',
      },
    },
  },
  'best-practices': {
    title: 'Best practices, demonstrated',
    summary:
      'Client-side keys, how long to keep them, the same answer (errors too), atomic operations, documentation.',
    steps: {
      'client-keys': {
        title: 'Keys are made by the client, once per operation',
        body: [
          'The key must name the operation, so it is generated on the client (a UUID) before the first attempt and reused for every retry. Here the client has a common bug: it makes a new key for each attempt. Every retry looks new, and even the atomic-key server charges twice.',
        ],
      },
      retention: {
        title: 'Keep results for 24–48 hours',
        body: [
          'Here the server keeps keys for only two seconds, and the client’s retry comes later than that.',
        ],
        question: 'The retry arrives after its key has expired. What happens?',
        choices: {
          replayed: 'The stored answer is replayed',
          'charged-again': 'The customer is charged again',
        },
        whyNot: {
          replayed:
            'It would be, if the key were still there. The server kept it only two seconds; when the retry comes, the key is gone, and the server has nothing to recognise it by.',
        },
        explain:
          'Once the key is gone, the server cannot know the request is a repeat: a second charge. Keep results at least as long as any client may retry, usually 24 hours or more (Stripe keeps them 24 hours, rocket-rides 72).',
      },
      'same-response': {
        title: 'The same answer for the same key — errors included',
        body: [
          'A repeat must get the answer the first attempt got — including an error raised after the work began (Stripe replays a stored 500) — so the client’s view never depends on which attempt reached it. Errors before the work began (a validation error, 409, 503) are not stored: a retry simply runs. And the same key with a different body is a client bug: this server answers 422, as the IETF draft says, instead of guessing which one was meant (Stripe answers 400 idempotency_error, rocket-rides 409). rocket-rides parts from Stripe only over an unexpected 5xx: it unlocks the key, so that a retry resumes the work from its last recovery point (the scenario “Provider down after the key was claimed” shows both).',
        ],
      },
      'errors-replayed': {
        title: 'A decline is an answer too',
        body: [
          'Ada’s card holds €30 and she pays €42. The provider declines, the server answers 402, and her app shows “Payment declined”. At 400 ms she tops the card up with €50.',
          'Then the network delivers her request a second time — same body, same key. The copy was held up on the way and arrives 800 ms late. (In real systems such copies come from an intermediary that retries on its own — HTTP forbids it for POST, but it happens — or from a queue that delivers at least once.) The server claims keys atomically, as in lesson four.',
        ],
        question:
          'The late copy carries the original key, and the card can now cover €42. What does the server do with it?',
        choices: {
          charged: 'Charges €42: the money is there now',
          replayed: 'Replays the stored 402: nothing is charged',
          conflict: 'Answers 409 Conflict',
        },
        whyNot: {
          charged:
            'The money is there now, but this copy is not a new payment: it carries the key of one that already has an answer. Charging it would contradict the 402 Ada was shown.',
          conflict:
            '409 is for a request still in progress. The first attempt finished long ago: its 402 is stored on the key row, and that is what a repeat gets.',
        },
        explain:
          'The decline came after the work had begun — the provider was asked — so the server stored it on the key row, as it would have stored a success. The copy gets the same 402, marked Idempotent-Replayed, and no money moves: what the app told Ada stays true. If she still wants to pay, the app starts a new payment with a new key, on purpose.',
      },
      'errors-forgotten': {
        title: 'A server that keeps only its successes',
        body: [
          'The same run, with one setting changed: the server lets go of the key when the work ends in an error. It is a common shortcut: “cache only the 2xx answers”.',
          'The late copy finds no key, runs the payment again, and now the card can pay: €42 is charged for a payment Ada was told had failed (the declined attempt wrote no payment row: the one row, pay_2, is the copy’s) — the ledger says so, and the diagram marks a broken invariant (⚠): the answer no longer matches the charges. Stripe and rocket-rides both store a declined card’s 402 against the key for this reason. Errors from before the work began (400, 409, 422, 503) are different: nothing happened, so nothing is stored, and a retry simply runs.',
        ],
      },
      atomic: {
        title: 'Atomic operations',
        body: [
          'Side by side: the key claimed in the payment’s own transaction (left) and the cache beside it (right), with the same lost response. Both make one charge here; only the atomic one also survives the race and the crash from lesson three.',
        ],
      },
      document: {
        title: 'Document the behaviour',
        body: [
          'Clients can only retry safely if they know the rules: which endpoints take an Idempotency-Key, how long keys are kept, what a repeat gets back, and what 409, 422 and 503 ask of them. Stripe’s API reference has a page on exactly this.',
          'Below is the page this server should publish, written from the strategy and settings the simulator runs. Here a retry came while the first attempt was still running: it got 409 Conflict, as the page says, and the retry after it got the stored answer replayed. The page follows the server: an atomic key would say a repeat waits instead, and a server without keys would have a single line — do not retry.',
        ],
      },
    },
  },
  'interview-follow-ups': {
    title: 'Follow-ups an interviewer asks',
    summary: 'External services, a failing key store, and how Stripe does it.',
    steps: {
      downstream: {
        title: 'Side effects in another service',
        body: [
          'The provider is outside our database. Here the server crashes after the provider charged but before our transaction committed: our rollback cannot undo the provider’s charge, and the retry charges again — even with the atomic key (left).',
          'The fix (right) is to record progress in recovery points and pass a key to the provider that is derived from ours, so the provider deduplicates its own side. The phases have another merit: no transaction stays open while we wait for the provider. The atomic key holds its transaction, and the key row’s lock, across the whole call — a slow provider then ties up database connections and makes every repeat wait.',
        ],
      },
      'recovery-points': {
        title: 'Recovery points',
        body: [
          'In the style of rocket-rides, a Stripe-like design: the request moves through phases (started, charge created, finished), each committed. While the crashed attempt’s lock is still fresh, retries get 409 Conflict. Once it goes stale, a background completer takes it over, calls the provider again with the derived key (and gets the same charge back), and stores the 201, which the next retry gets replayed. One charge.',
          'Stripe’s own API: the key is optional and up to 255 characters, kept 24 hours; a replay carries Idempotent-Replayed: true; a request still in progress gets 409; the same key with another body gets 400; a 500 after the work began is stored and replayed. The IETF draft for the Idempotency-Key header differs: 422 for another body, and 400 when a required key is missing.',
        ],
      },
      'key-store-down': {
        title: 'When the key store fails',
        body: [
          'The idempotency-key store is down, and a response is lost. The server can go on without it (fail open) or refuse with 503 (fail closed).',
        ],
        question: 'Which choice keeps the customer from paying twice?',
        choices: {
          'fail-open': 'Fail open: keep taking payments',
          'fail-closed': 'Fail closed: refuse until it is back',
        },
        whyNot: {
          'fail-open':
            'Failing open keeps payments flowing, but without the keys the server cannot tell a retry from a new payment: the retry after the lost answer charges again.',
        },
        explain:
          'Failing open charges twice here: without the keys a retry looks new. Failing closed costs availability — the client sees 503 and must retry later — but never charges twice.',
      },
      'fail-closed': {
        title: 'Failing closed',
        body: [
          'The client receives 503 Service Unavailable while the key store is down, backs off, and succeeds once it is back. One charge.',
        ],
      },
    },
  },
  retries: {
    title: 'Retries done right',
    summary:
      'Backoff with jitter, retry storms, what 409, 429 and 503 ask of a client, and a retry budget.',
    steps: {
      storm: {
        title: 'A retry storm',
        body: [
          'Twelve customers pay while the server is down. Their clients back off exponentially but without jitter, so they all retry at the same moments: every wave hits the server with all twelve at once.',
        ],
      },
      jitter: {
        title: 'Jitter spreads the load',
        body: [
          'The same outage with full jitter: each client waits a random time up to its backoff. The retries spread out: the busiest 100 ms no longer sees all twelve retries — about half of them on average, and never all twelve. The first attempts still arrive together, so the peak of all requests stays at twelve: jitter spreads the retries, not the first wave.',
          'AWS describes two more jitters, under Retry policy in the settings. Equal jitter keeps half of each wait and draws the other half: its retries spread less, about two thirds of them in the busiest 100 ms on average. Decorrelated jitter draws each wait between the base and three times the last one: it spreads them most, about a third, but the storm takes longest to clear. Full jitter pays for its spread in another way: a client that draws a short wait retries into the outage, so over 40 seeds it sends 36 to 45 requests, where the other two always send 36.',
        ],
      },
      conflict: {
        title: '409: wait and retry the same key',
        body: [
          'With a locked key, a retry that arrives while the first attempt is still running gets 409 Conflict. The client should back off and retry with the same key; the next attempt gets the finished answer. Retry 503 the same way, and never retry a 4xx that says the request itself is wrong, such as 422.',
        ],
      },
      'too-many': {
        title: '429 and Retry-After: the server says when',
        body: [
          'The storm again, without jitter, but now the server works on at most four requests at a time. One more gets 429 Too Many Requests (RFC 6585) at once, before any work begins, so nothing is stored against its key — with Retry-After: 1, and the client waits at least that second before it tries again. The 503 of a key store that is down carries the same header.',
          'The twelve retries arrive together: four are served, eight are turned away, and because they back off in step, they collide again. Every customer is charged once, just later. With full jitter the same limit is hardly ever met: over 40 seeds, no 429 at all on 32 of them and never more than two.',
        ],
      },
      budget: {
        title: 'A retry budget: fail fast instead of piling on',
        body: [
          'The storm without jitter, and this time the clients share a retry budget, as the AWS SDKs do: a bucket of 50 tokens; a retry costs 5, or 10 after a timeout; a success puts tokens back. A retry the bucket cannot pay for is not sent: the client gives up at once.',
        ],
        question: 'The server is down for 2.5 s. How many of the twelve payments go through?',
        choices: { all: 'All twelve, later', some: 'Some of them', none: 'None' },
        whyNot: {
          all: 'Without the budget they would, once the server is back. But a retry the empty bucket cannot pay for is never sent: its client gives up instead of waiting for the server to return.',
          some: 'A reasonable guess: the first retries do get tokens. But they are sent while the server is still down, time out, and cost the rest of the bucket; by the time the server is back, no one has a token left.',
        },
        explain:
          'None. Every first attempt times out, and the first five retries take all 50 tokens; the other seven clients give up at once. The five time out again, and nothing is left for them. The server gets 17 requests instead of 36, and no payment goes through: each client gave up without an answer and must tell its customer to try again later. A budget protects a struggling server from its clients’ retries; it does not make a payment succeed.',
      },
    },
  },
};

const interview: Record<string, { question: string; answer: string }> = {
  'what-is-idempotency': {
    question: 'What is idempotency, and why does a distributed system need it?',
    answer:
      'An operation is idempotent if doing it many times has the same effect as doing it once. Networks lose answers and servers crash after doing the work, so clients must retry without knowing whether the first attempt succeeded; without idempotency a retry repeats the side effect — a second charge.',
  },
  'which-methods': {
    question: 'Which HTTP methods are idempotent?',
    answer:
      'GET, HEAD, OPTIONS, TRACE, PUT and DELETE (RFC 9110); GET, HEAD, OPTIONS and TRACE are also safe. POST is not, and PATCH is not in general. Idempotency is about the server’s state, not the response: a repeated DELETE commonly answers 404 but changes nothing.',
  },
  'design-payments-api': {
    question: 'Design an idempotent payments API.',
    answer:
      'The client generates an Idempotency-Key per payment and sends the same key on every retry. The server first claims the key: it commits a row (caller, key, a digest of the request, “in progress”) under a unique constraint. A repeat while that row is in progress gets 409 Conflict; the same key with a different body gets 422. Then it charges, records the payment and stores the response on the key row in one transaction; every later repeat gets that response replayed (Idempotent-Replayed). Keys are kept 24 hours or more. The charge itself is outside our database: pass the provider a key derived from ours, so a crash between its charge and our commit cannot charge twice. (A simpler design inserts the key in the payment’s own transaction: a concurrent repeat then waits instead of getting 409, and without a digest it cannot answer 422.)',
  },
  'cache-not-enough': {
    question: 'Why is “check a cache, then process, then cache the result” not enough?',
    answer:
      'Two requests with the same key can both miss the cache before either stores a result, and a crash between processing and caching forgets the key. Claim the key atomically — a unique insert in the payment’s transaction — instead of checking it.',
  },
  'concurrent-duplicate': {
    question:
      'What should the server answer when a duplicate arrives while the first is still running?',
    answer:
      '409 Conflict (Stripe and the IETF draft do this): the key is locked by a request in progress. The client backs off and retries with the same key until it gets the final answer.',
  },
  'external-side-effects': {
    question: 'The payment calls an external provider. How do you stay idempotent across services?',
    answer:
      'Pass a key to the provider derived from yours, so it deduplicates its side, and record progress in recovery points committed after each external call; a retry or a background completer resumes from the last one instead of starting over.',
  },
  'key-store-fails': {
    question: 'What happens when the idempotency-key store is unavailable?',
    answer:
      'Choose: fail open (keep serving, and risk duplicates) or fail closed (answer 503 and stay correct). No standard settles this (the IETF draft is silent); for money, fail closed. The lab shows failing open charging twice.',
  },
  'how-long-keep-keys': {
    question: 'How long do you keep idempotency keys?',
    answer:
      'Longer than any client will retry: 24–48 hours is common (Stripe keeps them 24 hours, rocket-rides 72). A retry after the key expired is processed as new — the lab’s two-second TTL shows the second charge.',
  },
  'store-errors': {
    question: 'A request with a key failed. Do you store the error too?',
    answer:
      'If it failed after the work began — the card was declined, the provider was asked — yes: store it and replay it, as Stripe and rocket-rides do, so the key has one answer. Otherwise a late duplicate of the request, one the client never meant to send, runs the payment again and may charge a customer who was already told “declined”. If it failed before anything happened (400, 409, 422, 503), store nothing and let the retry run. A 5xx is where the sources part: Stripe v1 stores and replays it; rocket-rides unlocks the key so that a retry resumes from its last recovery point, calling the provider with a key derived from ours, so that the resumed charge is not a second one. The scenarios “Provider down after the key was claimed” and “Provider call times out” show both.',
  },
  'lost-update': {
    question: 'Two clients update the same resource. How do you avoid a lost update?',
    answer:
      'Optimistic concurrency: read the ETag, write with If-Match. A stale writer gets 412 Precondition Failed, reads again, merges and retries. A server can demand it with 428 Precondition Required.',
  },
  'retry-policy': {
    question: 'How should a client retry?',
    answer:
      'Only what is safe to repeat (idempotent methods, or a request with an idempotency key); with exponential backoff, a cap and jitter, so clients do not retry in synchronised waves; with a retry budget, so that an outage makes clients fail fast instead of piling on; on timeouts, 409, 429 and 503, waiting at least as long as a Retry-After header asks — not on 4xx errors that say the request is wrong.',
  },
};

export const lessonTexts = {
  lessons,
  interview,
  ui: {
    course: 'Course',
    courseIntro:
      'Eight short lessons, each played in the simulator. Some ask you to predict what happens first; some ask you to break things yourself.',
    interview: 'Interview questions',
    interviewIntro:
      'Questions interviewers ask about idempotency, each with a short model answer and a link that opens the simulator where you can see it.',
    showMe: 'Show me',
    lesson: (n: number) => `Lesson ${n}`,
    stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
    steps: 'Steps',
    back: 'Back',
    next: 'Next',
    finish: 'Finish the lesson',
    nextLesson: 'Next lesson',
    toCourse: 'All lessons',
    check: 'Check my answer',
    right: 'Right.',
    wrong: (choice: string, why: string) =>
      `Not quite: “${choice}” is not what happens. ${why} Try another answer.`,
    justShowMe: 'Just show me',
    skipped: 'Here is what happens. Try to predict the next one before you look.',
    answerFirst: 'Answer the question first, or press “Just show me”.',
    pick: 'Pick an answer first.',
    play: 'Play it',
    doItForMe: 'Do it for me',
    waiting: 'Waiting for you to do it…',
    nowPlay: 'Done — now play it and watch what happens.',
    missed:
      'The run does not show what the task asks for: your fault came too late, or it is not the one the task names. Remove it in Live faults, press Reset and try again.',
    done: 'done',
    finished: (n: number, title: string) => `✓ Lesson ${n} done: “${title}”.`,
    lessonsDone: (done: number, total: number) => `${done} of ${total} lessons done`,
    started: (step: number) => `at step ${step}`,
    notStarted: 'not started',
    verified:
      'What a lesson says about a run is what the simulation does: an automated test replays every step and checks each claim.',
    notFound: 'There is no such lesson or step; here is the course.',
    sqlCaption: 'The schema the simulated store follows',
    methodsCaption:
      'Measured now: each request run once, and three times with its first two answers lost',
    methodColumns: {
      method: 'Method',
      safe: 'Safe',
      idempotent: 'Idempotent',
      responses: 'Answers',
    },
    yes: 'yes',
    no: 'no',
    loading: 'Loading the lesson…',
    glossary: {
      link: 'Glossary: the words this course uses',
      title: 'Glossary',
      intro:
        'The words this course uses, each in plain words, in the order you meet them. Where the lab can show a term at work, “See it in the lab” opens that run.',
      notFound: 'There is no such term; here is the whole glossary.',
      seeIt: 'See it in the lab',
    },
    matrix: {
      link: 'Every scenario under every strategy',
      title: 'Every scenario under every strategy',
      intro:
        'What each way of handling the Idempotency-Key does with each failure the lab can stage. A row is a failure, a column a strategy; open any cell to watch that run in the lab.',
      caption:
        'Scenarios in rows, strategies in columns; each cell says whether the customer can be charged twice, and the statuses the client gets.',
      scenario: 'Failure',
      open: 'Open this run in the lab',
      verdicts: {
        never: 'no double charge',
        always: 'double charge',
        possible: 'by chance',
        misleading: 'wrong answer',
      },
      meanings: {
        never: 'No run charges anyone twice.',
        always: 'Every run charges some customer more than once for one payment.',
        possible: 'Some seeds charge twice and some do not: play a few seeds.',
        misleading:
          'No double charge, but a client is told something the charges contradict (another request’s answer, say).',
      },
      statuses:
        'Statuses the client receives on the way, besides 201 Created: 409 (still in progress), 503 (key store down), 422 (the key was used for another request), 402 (declined), 500 (the provider failed after the work began).',
      checked:
        'Each cell is what the scenario declares for the strategy. The test suite runs every cell on twelve seeds and fails if a run disagrees; `npm run sim -- --matrix` prints the measured table.',
    },
    apiDoc: {
      caption:
        'What this server’s API reference should say — written from the server the simulator runs, every line checked against it by a test',
      ignored:
        'This endpoint ignores Idempotency-Key: every request is a new payment. Clients must not retry it on their own.',
      labels: {
        key: 'Idempotency-Key',
        retention: 'Kept for',
        repeat: 'A repeat',
        errors: 'Errors',
        concurrent: 'While the first runs',
        otherBody: 'Another body, same key',
        keyStoreDown: 'If keys are unavailable',
      },
      key: {
        optional:
          'Optional. Send a new UUID for each payment, and the same one with every retry of it.',
        required:
          'Required: 400 Bad Request without it. A new UUID for each payment, the same for every retry.',
      },
      retention: (time: string) => `${time}. A retry after that is a new payment.`,
      forever: 'For ever.',
      repeat: 'Gets the first answer again, marked Idempotent-Replayed: true.',
      errors: {
        replayed:
          'An error after the work began, such as a declined card (402), is an answer too: a repeat gets it again.',
        'runs-again': 'Only successes are kept: a repeat after an error runs the payment again.',
      },
      concurrent: {
        'waits-then-replayed': 'Waits for the first to finish, then gets its answer.',
        'conflict-409': '409 Conflict: retry later with the same key.',
        'runs-again': 'Runs again — this server does not protect against it.',
      },
      otherBody: {
        'rejected-422': '422 Unprocessable Content: a key names one request.',
        'first-answer':
          'Gets the first request’s answer: the body is not checked. Do not reuse keys.',
      },
      keyStoreDown: {
        'refused-503': '503 Service Unavailable: retry later with the same key.',
        'runs-unprotected': 'The payment runs without protection: a repeat may charge again.',
        'runs-unprotected-500':
          'The payment runs without protection. A repeat is not charged again (the provider knows our key) nor recorded again (charge_id is unique): it gets 500 Internal Server Error, though the payment went through.',
      },
      duration: (ms: number) =>
        ms % 3_600_000 === 0
          ? plural(ms / 3_600_000, 'hour', 'hours')
          : ms % 60_000 === 0
            ? plural(ms / 60_000, 'minute', 'minutes')
            : plural(ms / 1000, 'second', 'seconds'),
    },
  },
};

export type LessonTexts = typeof lessonTexts;
