import { IDEMPOTENT_REPLAYED } from '../../model/http.ts';
import type { Message } from '../../model/message.ts';
import type { RunOutcome } from '../../model/outcome.ts';
import type { InvariantName, RecordOf, TraceRecord } from '../../model/trace.ts';

/**
 * What the ledger's headline says of a payment run at a moment: a few counts from the run's
 * summary (model/outcome.ts), the ones its verdict and its words are made of.
 */
export interface LineFacts {
  charges: number;
  intents: number;
  duplicateCharges: number;
  /** Payments charged although their client was told they had failed. */
  chargedAfterFailure: number;
  /** Payments whose client has not concluded anything yet. */
  unsettled: number;
  violations: number;
  /** The first rule the run broke, if it broke one. */
  firstBroken: InvariantName | null;
  requestsHandled: number;
  /** Replayed answers delivered: acted on, or come after the client gave up. */
  replays: number;
}

/** Payments charged although their client was told they had failed: no duplicate, still harm. */
export const chargedAfterFailure = (outcome: RunOutcome): number =>
  outcome.perIntent.filter((p) => p.outcome === 'failed' && p.charges > 0).length;

/** The headline's facts, read from a whole summary. */
export function factsOf(outcome: RunOutcome): LineFacts {
  return {
    charges: outcome.charges,
    intents: outcome.intents,
    duplicateCharges: outcome.duplicateCharges,
    chargedAfterFailure: chargedAfterFailure(outcome),
    unsettled: outcome.perIntent.filter((p) => p.outcome === null).length,
    violations: outcome.violations.length,
    firstBroken: outcome.violations[0]?.name ?? null,
    requestsHandled: outcome.requestsHandled,
    replays: outcome.replays + outcome.lateReplays,
  };
}

/** The facts that are counts, each kept per moment of the run. */
const COUNTS = [
  'charges',
  'intents',
  'duplicateCharges',
  'chargedAfterFailure',
  'unsettled',
  'violations',
  'requestsHandled',
  'replays',
] as const satisfies readonly (keyof LineFacts)[];

type Counts = Record<(typeof COUNTS)[number], number>;

/**
 * The headline's facts after each prefix of a run, found in one pass over its records: the
 * summary of a prefix walks up to a thousand records and copies the books of every payment (a
 * busy run has 1,200), which on every step back of the timeline cost a few ms of the stage's
 * frame. `lineFacts.test.ts` holds this pass to the summary at every moment of many runs.
 */
class FactsIndex {
  private readonly columns: Record<keyof Counts, Int32Array>;
  private firstBrokenAt = Infinity;
  private firstBroken: InvariantName | null = null;

  constructor(trace: readonly TraceRecord[]) {
    const size = trace.length + 1;
    const column = () => new Int32Array(size);
    this.columns = {
      charges: column(),
      intents: column(),
      duplicateCharges: column(),
      chargedAfterFailure: column(),
      unsettled: column(),
      violations: column(),
      requestsHandled: column(),
      replays: column(),
    };
    const books = new Books();
    trace.forEach((record, i) => {
      books.observe(record);
      if (record.type === 'invariant' && this.firstBroken === null) {
        this.firstBroken = record.name;
        this.firstBrokenAt = i + 1;
      }
      for (const name of COUNTS) this.columns[name][i + 1] = books.counts[name];
    });
  }

  /** The facts once `count` records have happened. */
  at(count: number): LineFacts {
    const of = (name: keyof Counts) => this.columns[name][count] ?? 0;
    return {
      charges: of('charges'),
      intents: of('intents'),
      duplicateCharges: of('duplicateCharges'),
      chargedAfterFailure: of('chargedAfterFailure'),
      unsettled: of('unsettled'),
      violations: of('violations'),
      firstBroken: count >= this.firstBrokenAt ? this.firstBroken : null,
      requestsHandled: of('requestsHandled'),
      replays: of('replays'),
    };
  }
}

/** The counts as the records come, kept as the summary keeps them. */
class Books {
  readonly counts: Counts = {
    charges: 0,
    intents: 0,
    duplicateCharges: 0,
    chargedAfterFailure: 0,
    unsettled: 0,
    violations: 0,
    requestsHandled: 0,
    replays: 0,
  };
  private readonly messages = new Map<number, Message>();
  private readonly payments = new Map<string, { charges: number; outcome: string | null }>();

  observe(record: TraceRecord): void {
    const { counts } = this;
    switch (record.type) {
      case 'start':
        for (const id of record.intents) this.payments.set(id, { charges: 0, outcome: null });
        counts.intents = counts.unsettled = this.payments.size;
        return;
      case 'send':
        return void this.messages.set(record.message.id, record.message);
      case 'duplicate':
        return void this.messages.set(record.copy.id, record.copy);
      case 'deliver':
        return this.delivered(record);
      case 'charge':
        return this.charged(record);
      case 'settle':
        return this.settled(record);
      case 'invariant':
        counts.violations++;
    }
  }

  private delivered(record: RecordOf<'deliver'>): void {
    const message = this.messages.get(record.id);
    if (!message) throw new Error(`message ${record.id} was never sent`);
    if (message.kind === 'request') this.counts.requestsHandled++;
    else if (message.response.headers[IDEMPOTENT_REPLAYED] === 'true') this.counts.replays++;
  }

  private charged(record: RecordOf<'charge'>): void {
    const payment = this.payment(record.intentId);
    this.counts.charges++;
    if (++payment.charges > 1) this.counts.duplicateCharges++;
    else if (payment.outcome === 'failed') this.counts.chargedAfterFailure++;
  }

  private settled(record: RecordOf<'settle'>): void {
    const payment = this.payment(record.intentId);
    const failedButCharged = (p: typeof payment) =>
      p.outcome === 'failed' && p.charges > 0 ? 1 : 0;
    this.counts.chargedAfterFailure -= failedButCharged(payment);
    if (payment.outcome === null) this.counts.unsettled--;
    payment.outcome = record.outcome;
    this.counts.chargedAfterFailure += failedButCharged(payment);
  }

  /** Every payment the run is about is named in its start record. */
  private payment(intentId: string) {
    const payment = this.payments.get(intentId);
    if (!payment) throw new Error(`intent ${intentId} is not in the run's start record`);
    return payment;
  }
}

const indexes = new WeakMap<readonly TraceRecord[], FactsIndex>();

/**
 * The headline's facts once `count` records of a payment run's `trace` have happened: the run is
 * read once, then every moment is a look-up.
 */
export function lineFactsAt(trace: readonly TraceRecord[], count: number): LineFacts {
  let index = indexes.get(trace);
  if (!index) indexes.set(trace, (index = new FactsIndex(trace)));
  return index.at(count);
}
