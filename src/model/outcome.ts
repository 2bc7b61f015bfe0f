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
  perIntent: IntentOutcome[];
  violations: RecordOf<'invariant'>[];
}

/**
 * Every message of a run by id, and the answers the clients received: acted on, or ignored
 * because they came for an attempt the client had given up on. Both worlds' summaries use it.
 */
export class AnswerTally {
  private readonly messages = new Map<number, Message>();
  private readonly answers: ResponseMessage[] = [];
  private readonly ignored = new Set<number>();

  observe(record: TraceRecord): void {
    if (record.type === 'send') this.messages.set(record.message.id, record.message);
    if (record.type === 'duplicate') this.messages.set(record.copy.id, record.copy);
    if (record.type === 'ignored') this.ignored.add(record.id);
    if (record.type === 'deliver') {
      const message = this.messageOf(record.id);
      if (message.kind === 'response') this.answers.push(message);
    }
  }

  messageOf(id: number): Message {
    return this.messages.get(id)!;
  }

  /** Answers the clients acted on, in order of delivery. */
  acted(): ResponseMessage[] {
    return this.answers.filter((m) => !this.ignored.has(m.id));
  }

  late(): ResponseMessage[] {
    return this.answers.filter((m) => this.ignored.has(m.id));
  }
}

export function summarize(trace: readonly TraceRecord[]): RunOutcome {
  const tally = new AnswerTally();
  const perIntent = new Map<string, IntentOutcome>();
  const arrivals: number[] = [];
  const retryArrivals: number[] = [];
  const out: RunOutcome = {
    intents: 0,
    charges: 0,
    duplicateCharges: 0,
    duplicateRecords: 0,
    receipts: 0,
    statuses: [],
    lateStatuses: [],
    replays: 0,
    lateReplays: 0,
    requestsHandled: 0,
    peakLoad: 0,
    peakRetryLoad: 0,
    perIntent: [],
    violations: [],
  };
  for (const record of trace) {
    tally.observe(record);
    switch (record.type) {
      case 'start':
        for (const intentId of record.intents) {
          perIntent.set(intentId, {
            intentId,
            charges: 0,
            records: 0,
            outcome: null,
            status: null,
          });
        }
        break;
      case 'deliver': {
        const message = tally.messageOf(record.id);
        if (message.kind === 'request') {
          arrivals.push(record.t);
          if (message.attempt > 1) retryArrivals.push(record.t);
        }
        break;
      }
      case 'recorded':
        if (record.what === 'receipt') out.receipts++;
        else if (++perIntent.get(record.intentId)!.records > 1) out.duplicateRecords++;
        break;
      case 'charge':
        out.charges++;
        if (++perIntent.get(record.intentId)!.charges > 1) out.duplicateCharges++;
        break;
      case 'settle':
        Object.assign(perIntent.get(record.intentId)!, {
          outcome: record.outcome,
          status: record.status,
        });
        break;
      case 'invariant':
        out.violations.push(record);
        break;
    }
  }
  out.statuses = tally.acted().map((m) => m.response.status);
  out.lateStatuses = tally.late().map((m) => m.response.status);
  const replayed = (m: ResponseMessage) => m.response.headers[IDEMPOTENT_REPLAYED] === 'true';
  out.replays = tally.acted().filter(replayed).length;
  out.lateReplays = tally.late().filter(replayed).length;
  out.requestsHandled = arrivals.length;
  out.peakLoad = peakWithin(arrivals, 100);
  out.peakRetryLoad = peakWithin(retryArrivals, 100);
  out.perIntent = [...perIntent.values()];
  out.intents = out.perIntent.length;
  return out;
}

/** The most events within any window of `windowMs`, for sorted times. */
export function peakWithin(times: readonly number[], windowMs: number): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}
