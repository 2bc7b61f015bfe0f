import { actorKind, PROVIDER, SERVER, STORE, type ActorId } from '../model/message.ts';
import type { StoreOp, StoreReply } from '../model/machines/storeSchema.ts';
import type { ProviderReply } from '../model/machines/providerSchema.ts';
import type { TraceRecord } from '../model/trace.ts';

/**
 * The server's calls to its back end, read from the trace: each store operation and each charge
 * the provider was asked for, and the answer that came back to the request that asked. The trace
 * records a call when the store or the provider acts on it (they act at once) and the answer when
 * the asking request's machine moves on it, so both ends of every arrow are records of their own.
 * A request lost in a crash never hears its answer: that answer is lost, like a message.
 */
export type CallWhat =
  | {
      type: 'store';
      op: StoreOp['type'];
      paymentId: string | null;
      /** A key let go by unlocking its row, which stays (rocket-rides after a 5xx). */
      unlock?: true;
    }
  | { type: 'charge'; amount: number; chargeId: string; again: boolean }
  | { type: 'dedup'; chargeId: string }
  | { type: 'declined'; amount: number }
  /** A charge the provider refused: it was down. */
  | { type: 'refused'; amount: number };

/** What came back: the answer's name as the request's machine received it. */
export type ReplyName = StoreReply['type'] | ProviderReply['type'];

export interface CallSpan {
  /** Unique in the run: `q` and the call record's index, `r` and it for the answer. */
  key: string;
  kind: 'call' | 'reply';
  from: ActorId;
  to: ActorId;
  /** The request (handler or completer run) that made the call. */
  caller: ActorId;
  sentAt: number;
  /** When it arrived; for an answer lost in a crash, the crash. */
  endAt: number;
  fate: 'delivered' | 'dropped';
  /** An answer lost in a crash: when (its request died), drawn as far as the server's lane. */
  lost: { at: number; dueAt: number } | null;
  what: CallWhat;
  /** The answer's name (replies only). */
  reply: ReplyName | null;
  /** The trace index of the call's record. */
  index: number;
}

const REPLIES: Readonly<Record<ReplyName, true>> = {
  KEY_CLAIMED: true,
  KEY_LOCKED: true,
  KEY_EXISTS: true,
  KEY_BUSY: true,
  KEY_MISMATCH: true,
  KEY_STORE_DOWN: true,
  COMMITTED: true,
  FINISHED: true,
  LOCK_LOST: true,
  CACHE_HIT: true,
  CACHE_MISS: true,
  CACHED: true,
  KEY_FORGOTTEN: true,
  CHARGED: true,
  DECLINED: true,
  UNIQUE_VIOLATION: true,
  PROVIDER_ERROR: true,
  PROVIDER_TIMEOUT: true,
};

const isReply = (event: string): event is ReplyName => Object.hasOwn(REPLIES, event);

/** A request in the server's memory: `handler-N` or a completer's run. */
const isRequest = (actor: ActorId) => actorKind(actor) === 'handler';

/** The calls a record is, with who asked; null for records that are not calls. */
function callOf(
  record: TraceRecord,
  lastRequest: ActorId | null,
  charged: Map<string, number>,
): { caller: ActorId | null; to: ActorId; what: CallWhat } | null {
  switch (record.type) {
    case 'store': {
      const { op } = record;
      // A rollback after a crash is the database's own doing: no request asked for it.
      if (!('from' in op)) return null;
      const paymentId = op.type === 'commit' ? (op.payment?.id ?? null) : null;
      const unlock = op.type === 'forgetKey' && op.keepRow ? { unlock: true as const } : {};
      const what = { type: 'store' as const, op: op.type, paymentId, ...unlock };
      return { caller: op.from, to: STORE, what };
    }
    case 'charge': {
      const before = charged.get(record.intentId) ?? 0;
      charged.set(record.intentId, before + 1);
      const what = {
        type: 'charge' as const,
        amount: record.amount,
        chargeId: record.chargeId,
        again: before > 0,
      };
      return { caller: record.by, to: PROVIDER, what };
    }
    // The provider's own records do not name the caller: it is the request that just moved.
    case 'dedup':
      return {
        caller: lastRequest,
        to: PROVIDER,
        what: { type: 'dedup', chargeId: record.chargeId },
      };
    case 'declined':
      return {
        caller: lastRequest,
        to: PROVIDER,
        what: { type: 'declined', amount: record.amount },
      };
    // A timeout is no call of its own: it is the answer that never came to the charge before it.
    case 'provider-failed':
      if (record.how === 'timeout') return null;
      return { caller: record.by, to: PROVIDER, what: { type: 'refused', amount: record.amount } };
    default:
      return null;
  }
}

/** Every call of a run and every answer, by the time each left; an answer after its call. */
export function callsOf(trace: readonly TraceRecord[]): CallSpan[] {
  const spans: CallSpan[] = [];
  const waiting = new Map<ActorId, CallSpan>();
  const charged = new Map<string, number>();
  let lastRequest: { actor: ActorId; t: number } | null = null;
  const answer = (call: CallSpan, endAt: number, reply: ReplyName | null, lostAt: number | null) =>
    spans.push({
      ...call,
      key: `r${call.index}`,
      kind: 'reply',
      from: call.to,
      to: SERVER,
      endAt,
      fate: lostAt === null ? 'delivered' : 'dropped',
      lost: lostAt === null ? null : { at: lostAt, dueAt: lostAt },
      reply,
    });
  trace.forEach((record, index) => {
    if (record.type === 'transition' && isRequest(record.actor)) {
      lastRequest = { actor: record.actor, t: record.t };
      const call = waiting.get(record.actor);
      if (call && isReply(record.event)) {
        waiting.delete(record.actor);
        // The server's read timeout: no answer came, so it is drawn as one that was lost.
        const unanswered = record.event === 'PROVIDER_TIMEOUT' ? record.t : null;
        answer(call, record.t, record.event, unanswered);
      }
      return;
    }
    if (record.type === 'crash') {
      for (const actor of record.lost) {
        const call = waiting.get(actor);
        if (call) answer(call, record.t, null, record.t);
        waiting.delete(actor);
      }
      return;
    }
    const asker = lastRequest?.t === record.t ? lastRequest.actor : null;
    const call = callOf(record, asker, charged);
    if (!call) return;
    const caller = call.caller ?? SERVER;
    const span: CallSpan = {
      key: `q${index}`,
      kind: 'call',
      from: SERVER,
      to: call.to,
      caller,
      sentAt: record.t,
      endAt: record.t,
      fate: 'delivered',
      lost: null,
      what: call.what,
      reply: null,
      index,
    };
    spans.push(span);
    // A request asks one thing at a time: a new call means the last one got no answer we saw.
    if (isRequest(caller)) waiting.set(caller, span);
  });
  // By the time they left (a stable sort: an answer after its call), as the diagram's rows run.
  return spans.sort((a, b) => a.sentAt - b.sentAt);
}
