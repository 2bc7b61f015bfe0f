import { AnswerTally } from './outcome.ts';
import { ResourceLedger, type LostUpdate, type RepeatedEffect } from './resourceInvariants.ts';
import type { Fields } from './resources.ts';
import type { RecordOf, TraceRecord } from './trace.ts';

/** What a resource run came to, in the terms a lesson talks in. A pure function of the trace. */
export interface ResourceIntentOutcome {
  intentId: string;
  /** Its last request, `PUT /users/123`: what the client was doing when it settled. */
  request: string;
  /** What the client concluded, or null if it had not finished when the run ended. */
  outcome: RecordOf<'settle'>['outcome'] | null;
  status: number | null;
  /** A 412 that a fresh read showed to mean "your change is already there". */
  alreadyApplied: boolean;
}

export interface ResourceOutcome {
  intents: number;
  /** Every HTTP status a client received and acted on, in order. */
  statuses: number[];
  /** Statuses that reached a client after it had given up on that attempt (ignored). */
  lateStatuses: number[];
  /** Writes that silently erased a change they never saw. */
  lostUpdates: number;
  lost: LostUpdate[];
  /** Repeats of one request that changed the state again: a POST or a PATCH "add" twice. */
  repeatedEffects: number;
  repeats: RepeatedEffect[];
  alreadyApplied: number;
  /** The resources when the run ended, by path. */
  finalState: Record<string, Fields>;
  /** Requests the server executed, repeats included. */
  requestsHandled: number;
  perIntent: ResourceIntentOutcome[];
  violations: RecordOf<'invariant'>[];
}

export function summarizeResources(trace: readonly TraceRecord[]): ResourceOutcome {
  const ledger = new ResourceLedger();
  const tally = new AnswerTally();
  const perIntent = new Map<string, ResourceIntentOutcome>();
  const violations: RecordOf<'invariant'>[] = [];
  let requestsHandled = 0;
  for (const record of trace) {
    ledger.observe(record);
    tally.observe(record);
    switch (record.type) {
      case 'start-resources':
        for (const intentId of record.intents)
          perIntent.set(intentId, {
            intentId,
            request: '',
            outcome: null,
            status: null,
            alreadyApplied: false,
          });
        break;
      case 'send': {
        const { message } = record;
        const intent = perIntent.get(message.intentId);
        if (intent && message.kind === 'request')
          intent.request = `${message.request.method} ${message.request.path}`;
        break;
      }
      case 'served':
        requestsHandled++;
        break;
      case 'settle':
        Object.assign(perIntent.get(record.intentId)!, {
          outcome: record.outcome,
          status: record.status,
          alreadyApplied: record.alreadyApplied === true,
        });
        break;
      case 'invariant':
        violations.push(record);
        break;
    }
  }
  const intents = [...perIntent.values()];
  return {
    intents: intents.length,
    statuses: tally.acted().map((m) => m.response.status),
    lateStatuses: tally.late().map((m) => m.response.status),
    lostUpdates: ledger.lost.length,
    lost: ledger.lost,
    repeatedEffects: ledger.repeats.length,
    repeats: ledger.repeats,
    alreadyApplied: intents.filter((i) => i.alreadyApplied).length,
    finalState: ledger.finalState(),
    requestsHandled,
    perIntent: intents,
    violations,
  };
}
