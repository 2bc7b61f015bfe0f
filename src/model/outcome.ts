import { IDEMPOTENT_REPLAYED } from './http.ts';
import type { Message } from './message.ts';
import type { RecordOf, TraceRecord } from './trace.ts';

/** What a run came to, in the terms a lesson talks in. A pure function of the trace. */
export interface IntentOutcome {
  intentId: string;
  charges: number;
  /** What the client concluded, or null if it had not finished when the run ended. */
  outcome: RecordOf<'settle'>['outcome'] | null;
  status: number | null;
}

export interface RunOutcome {
  intents: number;
  charges: number;
  /** Charges beyond the first for each intent: money taken twice. */
  duplicateCharges: number;
  /** Every HTTP status delivered to a client, in order. */
  statuses: number[];
  /** Responses delivered to clients marked Idempotent-Replayed. */
  replays: number;
  /** Requests that reached a live server (its load). */
  requestsHandled: number;
  perIntent: IntentOutcome[];
  violations: RecordOf<'invariant'>[];
}

export function summarize(trace: readonly TraceRecord[]): RunOutcome {
  const messages = new Map<number, Message>();
  const perIntent = new Map<string, IntentOutcome>();
  const out: RunOutcome = {
    intents: 0,
    charges: 0,
    duplicateCharges: 0,
    statuses: [],
    replays: 0,
    requestsHandled: 0,
    perIntent: [],
    violations: [],
  };
  for (const record of trace) {
    switch (record.type) {
      case 'start':
        for (const intentId of record.intents) {
          perIntent.set(intentId, { intentId, charges: 0, outcome: null, status: null });
        }
        break;
      case 'send':
        messages.set(record.message.id, record.message);
        break;
      case 'duplicate':
        messages.set(record.copy.id, record.copy);
        break;
      case 'deliver':
        countDelivery(out, messages.get(record.id));
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
      case 'transition':
        if (record.from === '' && record.actor.startsWith('handler-')) out.requestsHandled++;
        break;
    }
  }
  out.perIntent = [...perIntent.values()];
  out.intents = out.perIntent.length;
  return out;
}

function countDelivery(out: RunOutcome, message: Message | undefined): void {
  if (message?.kind !== 'response') return;
  out.statuses.push(message.response.status);
  if (message.response.headers[IDEMPOTENT_REPLAYED] === 'true') out.replays++;
}
