import { IDEMPOTENT_REPLAYED } from './http.ts';
import type { Message, ResponseMessage } from './message.ts';
import type { RecordOf, TraceRecord } from './trace.ts';

/** What a run came to, in the terms a lesson talks in. A pure function of the trace. */
export interface IntentOutcome {
  intentId: string;
  charges: number;
  /** Payment rows the server committed for it: more than one is a duplicate record. */
  records: number;
  /** What the client concluded, or null if it had not finished when the run ended. */
  outcome: RecordOf<'settle'>['outcome'] | null;
  status: number | null;
}

export interface RunOutcome {
  intents: number;
  charges: number;
  /** Charges beyond the first for each intent: money taken twice. */
  duplicateCharges: number;
  /** Payment rows beyond the first for each intent: the server's books disagree with the money. */
  duplicateRecords: number;
  /** Receipt emails staged (recovery points): one per payment is right. */
  receipts: number;
  /** Every HTTP status a client received and acted on, in order. */
  statuses: number[];
  /** Statuses that reached a client after it had given up on that attempt (ignored). */
  lateStatuses: number[];
  /** Responses the clients acted on that were marked Idempotent-Replayed. */
  replays: number;
  /** Replayed responses that came after the client had settled (ignored, but the proof). */
  lateReplays: number;
  /** The most requests the server received within any 100 ms: first attempts and retries. */
  peakLoad: number;
  /** The same for retries alone: synchronised retries arrive as a wave. */
  peakRetryLoad: number;
  /** Requests that reached the server, live or not (its load). */
  requestsHandled: number;
  /** The shared retry budget, if the run has one: tokens left, and retries it refused. */
  retryBudget: { tokens: number; refused: number } | null;
  perIntent: IntentOutcome[];
  violations: RecordOf<'invariant'>[];
}

/**
 * Every message of a run by id, and the answers the clients received: acted on, or ignored
 * because they came for an attempt the client had given up on. Both worlds' summaries use it.
 */
export class AnswerTally {
  private messages = new Map<number, Message>();
  private answers: ResponseMessage[] = [];
  private ignored = new Set<number>();

  /**
   * A tally to go on with from here, apart from this one. The messages stay shared: a message
   * never changes, and a record only names messages sent before it, so a message the other
   * tally adds later is one this one would add the same, or never look up.
   */
  copy(): AnswerTally {
    const copy = new AnswerTally();
    copy.messages = this.messages;
    copy.answers = [...this.answers];
    copy.ignored = new Set(this.ignored);
    return copy;
  }

  observe(record: TraceRecord): void {
    if (record.type === 'send') this.messages.set(record.message.id, record.message);
    if (record.type === 'duplicate') this.messages.set(record.copy.id, record.copy);
    if (record.type === 'ignored') this.ignored.add(record.id);
    if (record.type === 'deliver') {
      const message = this.messageOf(record.id);
      if (message.kind === 'response') this.answers.push(message);
    }
  }

  /** Every id a record names was sent (or copied) earlier in the trace. */
  messageOf(id: number): Message {
    const message = this.messages.get(id);
    if (!message) throw new Error(`message ${id} was never sent`);
    return message;
  }

  /** Answers the clients acted on, in order of delivery. */
  acted(): ResponseMessage[] {
    return this.answers.filter((m) => !this.ignored.has(m.id));
  }

  late(): ResponseMessage[] {
    return this.answers.filter((m) => this.ignored.has(m.id));
  }
}

/** The payment world's books, kept from the trace one record at a time. */
class PaymentTally {
  private answers = new AnswerTally();
  private perIntent = new Map<string, IntentOutcome>();
  private arrivals: number[] = [];
  private retryArrivals: number[] = [];
  private violations: RecordOf<'invariant'>[] = [];
  private charges = 0;
  private duplicateCharges = 0;
  private duplicateRecords = 0;
  private receipts = 0;
  private retryBudget: RunOutcome['retryBudget'] = null;

  /** A tally to go on with from here, apart from this one (see AnswerTally.copy). */
  copy(): PaymentTally {
    const copy = new PaymentTally();
    Object.assign(copy, this);
    copy.answers = this.answers.copy();
    copy.perIntent = new Map([...this.perIntent].map(([id, p]) => [id, { ...p }]));
    copy.arrivals = [...this.arrivals];
    copy.retryArrivals = [...this.retryArrivals];
    copy.violations = [...this.violations];
    copy.retryBudget = this.retryBudget && { ...this.retryBudget };
    return copy;
  }

  observe(record: TraceRecord): void {
    this.answers.observe(record);
    switch (record.type) {
      case 'start':
        for (const intentId of record.intents) {
          this.perIntent.set(intentId, {
            intentId,
            charges: 0,
            records: 0,
            outcome: null,
            status: null,
          });
        }
        return;
      case 'deliver':
        return this.arrived(record);
      case 'recorded':
        if (record.what === 'receipt') this.receipts++;
        else if (++this.intent(record.intentId).records > 1) this.duplicateRecords++;
        return;
      case 'charge':
        this.charges++;
        if (++this.intent(record.intentId).charges > 1) this.duplicateCharges++;
        return;
      case 'settle':
        Object.assign(this.intent(record.intentId), {
          outcome: record.outcome,
          status: record.status,
        });
        return;
      case 'invariant':
        this.violations.push(record);
        return;
      case 'retry-budget':
        this.retryBudget = {
          tokens: record.tokens,
          refused: (this.retryBudget?.refused ?? 0) + (record.change === 'refuse' ? 1 : 0),
        };
    }
  }

  private arrived(record: RecordOf<'deliver'>): void {
    const message = this.answers.messageOf(record.id);
    if (message.kind !== 'request') return;
    this.arrivals.push(record.t);
    if (message.attempt > 1) this.retryArrivals.push(record.t);
  }

  /** Every intent the run is about is named in its start record. */
  private intent(intentId: string): IntentOutcome {
    const outcome = this.perIntent.get(intentId);
    if (!outcome) throw new Error(`intent ${intentId} is not in the run's start record`);
    return outcome;
  }

  outcome(): RunOutcome {
    const replayed = (m: ResponseMessage) => m.response.headers[IDEMPOTENT_REPLAYED] === 'true';
    const acted = this.answers.acted();
    const late = this.answers.late();
    const perIntent = [...this.perIntent.values()];
    return {
      intents: perIntent.length,
      charges: this.charges,
      duplicateCharges: this.duplicateCharges,
      duplicateRecords: this.duplicateRecords,
      receipts: this.receipts,
      statuses: acted.map((m) => m.response.status),
      lateStatuses: late.map((m) => m.response.status),
      replays: acted.filter(replayed).length,
      lateReplays: late.filter(replayed).length,
      requestsHandled: this.arrivals.length,
      retryBudget: this.retryBudget && { ...this.retryBudget },
      peakLoad: peakWithin(this.arrivals, 100),
      peakRetryLoad: peakWithin(this.retryArrivals, 100),
      // Copies: the tally may go on observing the records of a longer prefix (summarize).
      perIntent: perIntent.map((p) => ({ ...p })),
      violations: [...this.violations],
    };
  }
}

/**
 * Summaries by trace array and length: the views that show one moment share its prefix
 * (report/timeline.ts, traceBy), and so its summary. A trace only grows, so its length says
 * whether a summary is still its own.
 */
const summaries = new WeakMap<readonly TraceRecord[], { length: number; outcome: RunOutcome }>();

/**
 * The last trace summed and its tally: a trace that starts with the same records (the next
 * prefix of a run as it plays, or as the timeline moves forward) sums only the records it adds.
 */
let lastSum: { trace: readonly TraceRecord[]; length: number; tally: PaymentTally } | null = null;

/**
 * Tallies kept every so many records of a run, found by the record just before them: a move
 * back (or a jump) sums on from the checkpoint below it, never from the start of a long run.
 */
const CHECKPOINT_EVERY = 1024;
const checkpoints = new WeakMap<
  TraceRecord,
  { trace: readonly TraceRecord[]; tally: PaymentTally }
>();

/** What the trace came to; worked out once per trace (the result is shared: read it only). */
export function summarize(trace: readonly TraceRecord[]): RunOutcome {
  const known = summaries.get(trace);
  if (known?.length === trace.length) return known.outcome;
  const { tally, from } = startingTally(trace);
  // Checkpoints pay off only for a run summed again and again (a timeline's prefixes), not for
  // the one summary of each run the command line and the explorer ask for.
  const again = trace.length > 0 && lastSum?.trace[0] === trace[0];
  for (let i = from; i < trace.length; i++) {
    const record = trace[i]!;
    tally.observe(record);
    if (again && (i + 1) % CHECKPOINT_EVERY === 0 && !checkpoints.has(record))
      checkpoints.set(record, { trace, tally: tally.copy() });
  }
  lastSum = { trace, length: trace.length, tally };
  const outcome = tally.outcome();
  summaries.set(trace, { length: trace.length, outcome });
  return outcome;
}

/** The furthest tally already made of the same records that `trace` begins with, to go on from. */
function startingTally(trace: readonly TraceRecord[]): { tally: PaymentTally; from: number } {
  const resumable = lastSum && startsWith(trace, lastSum.trace, lastSum.length) ? lastSum : null;
  const below = Math.floor(trace.length / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
  for (let at = below; at > (resumable?.length ?? 0); at -= CHECKPOINT_EVERY) {
    const checkpoint = checkpoints.get(trace[at - 1]!);
    if (checkpoint && startsWith(trace, checkpoint.trace, at))
      return { tally: checkpoint.tally.copy(), from: at };
  }
  if (resumable) return { tally: resumable.tally, from: resumable.length };
  return { tally: new PaymentTally(), from: 0 };
}

/** Whether `trace` begins with the first `length` records of `other`, the very same records. */
function startsWith(
  trace: readonly TraceRecord[],
  other: readonly TraceRecord[],
  length: number,
): boolean {
  if (trace.length < length) return false;
  for (let i = length - 1; i >= 0; i--) if (trace[i] !== other[i]) return false;
  return true;
}

/** The most events within any window of `windowMs`, for sorted times. */
export function peakWithin(times: readonly number[], windowMs: number): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    const last = times[end] ?? 0;
    while (last - (times[start] ?? last) >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
