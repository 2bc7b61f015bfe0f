import type { Method } from '../model/http.ts';
import { summarize } from '../model/outcome.ts';
import { summarizeResources } from '../model/resourceOutcome.ts';
import type { RunResult } from '../model/run.ts';
import type { CrashPoint } from '../model/crashPoints.ts';
import type { InvariantName } from '../model/trace.ts';
import { computeMethodTable } from './methods.ts';

/**
 * What a lesson asserts about the simulation, as data. A lesson's text may say "the customer is
 * charged twice" only if its step carries the claim `{ kind: 'charges', equals: 2 }`, and a test
 * runs every step and checks every claim against the trace: a lesson cannot drift from the model.
 * Claims read the whole run (its end), except `method`, which reads the computed method table.
 */
export type Claim =
  /** Charges the provider made, duplicates included. */
  | { kind: 'charges'; equals: number }
  /** At least one payment charged more than once: what a learner's "break it" task asks for. */
  | { kind: 'some-duplicate' }
  /** Charges beyond the first for the same payment. */
  | { kind: 'duplicate-charges'; equals: number }
  /** Answers replayed from the idempotency-key table that the client acted on. */
  | { kind: 'replays'; atLeast: number }
  /** Replayed answers that reached the client after it had settled (a late copy's answer). */
  | { kind: 'late-replays'; atLeast: number }
  /** An HTTP status the client received and acted on. */
  | { kind: 'client-saw'; status: number }
  /** An invariant broken (or kept) somewhere in the run. */
  | { kind: 'invariant'; name: InvariantName; broken: boolean }
  /** Retries arriving at the server within any 100 ms (payments): a retry wave, from min to max. */
  | { kind: 'peak-retries'; min: number; max: number }
  /** Requests that reached the server in the whole run, first attempts and retries (payments). */
  | { kind: 'requests'; equals: number }
  /** Retries the shared retry budget refused for want of tokens: their clients gave up. */
  | { kind: 'retries-refused'; atLeast: number }
  /** Changes silently erased by another writer (HTTP scenarios). */
  | { kind: 'lost-updates'; equals: number }
  /** Repeats of one request that changed the state again, a POST or "add 10" twice (HTTP). */
  | { kind: 'repeated-effects'; equals: number }
  /** A repeat of this method changed the state again (HTTP). */
  | { kind: 'repeated-effect'; method: Method }
  /** The network lost a message going this way. */
  | { kind: 'dropped'; direction: 'request' | 'response' }
  /** The server crashed at this point. */
  | { kind: 'crashed'; point: CrashPoint | 'now' }
  /** A field of a resource when the run ended (HTTP). */
  | { kind: 'final-field'; path: string; field: string; equals: string | number }
  /** Retries answered 412 whose change was found already applied (HTTP). */
  | { kind: 'already-applied'; atLeast: number }
  /** A row of the method table, measured by running the method once and three times. */
  | { kind: 'method'; method: Method; safe: boolean; idempotent: boolean };

/** Whether the claim holds for the run; `method` claims are measured on their own. */
export function claimHolds(claim: Claim, run: RunResult): boolean {
  if (claim.kind === 'method') {
    const row = computeMethodTable().find((r) => r.method === claim.method);
    return row?.safe === claim.safe && row.idempotent === claim.idempotent;
  }
  if (claim.kind === 'invariant') {
    return run.trace.some((r) => r.type === 'invariant' && r.name === claim.name) === claim.broken;
  }
  if (claim.kind === 'crashed') {
    return run.trace.some((r) => r.type === 'crash' && r.point === claim.point);
  }
  if (claim.kind === 'dropped') return droppedAny(run, claim.direction);
  return run.world === 'payments' ? paymentClaim(claim, run) : resourceClaim(claim, run);
}

function paymentClaim(claim: Claim, run: RunResult): boolean {
  const o = summarize(run.trace);
  switch (claim.kind) {
    case 'charges':
      return o.charges === claim.equals;
    case 'duplicate-charges':
      return o.duplicateCharges === claim.equals;
    case 'some-duplicate':
      return o.duplicateCharges > 0;
    case 'replays':
      return o.replays >= claim.atLeast;
    case 'late-replays':
      return o.lateReplays >= claim.atLeast;
    case 'client-saw':
      return o.statuses.includes(claim.status);
    case 'peak-retries':
      return o.peakRetryLoad >= claim.min && o.peakRetryLoad <= claim.max;
    case 'requests':
      return o.requestsHandled === claim.equals;
    case 'retries-refused':
      return (o.retryBudget?.refused ?? 0) >= claim.atLeast;
    default:
      return false; // a claim about resources made of a payment run is simply false
  }
}

function resourceClaim(claim: Claim, run: RunResult): boolean {
  const o = summarizeResources(run.trace);
  switch (claim.kind) {
    case 'client-saw':
      return o.statuses.includes(claim.status);
    case 'lost-updates':
      return o.lostUpdates === claim.equals;
    case 'repeated-effects':
      return o.repeatedEffects === claim.equals;
    case 'repeated-effect':
      return o.repeats.some((r) => r.method === claim.method);
    case 'already-applied':
      return o.alreadyApplied >= claim.atLeast;
    case 'final-field':
      return o.finalState[claim.path]?.[claim.field] === claim.equals;
    default:
      return false;
  }
}

/** Whether the network lost a message going that way (a request, or a response). */
function droppedAny(run: RunResult, direction: 'request' | 'response'): boolean {
  const kinds = new Map<number, string>();
  for (const r of run.trace) {
    if (r.type === 'send') kinds.set(r.message.id, r.message.kind);
    if (r.type === 'duplicate') kinds.set(r.copy.id, r.copy.kind);
    if (r.type === 'drop' && kinds.get(r.id) === direction) return true;
  }
  return false;
}
