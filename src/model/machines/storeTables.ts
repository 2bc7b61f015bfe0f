import type { ReplyParams } from '../effects.ts';
import type { HttpResponse } from '../http.ts';
import type {
  KeyClaim,
  KeyOp,
  KeyRow,
  LockDecision,
  OpOf,
  PaymentRow,
  StoreContext,
  Waiter,
} from './storeSchema.ts';

/**
 * Pure functions over the store's tables (storeSchema.ts): what a key operation finds, decides
 * and leaves behind. The machine (store.ts) only chooses among them and says what to answer.
 */
export const sameKey = (a: KeyClaim, b: KeyClaim) => a.scope === b.scope && a.key === b.key;

export const expired = (createdAtMs: number, ttlMs: number | null, nowMs: number) =>
  ttlMs !== null && nowMs - createdAtMs >= ttlMs;

/** The key's row, unless it has outlived the retention window. */
export function liveKeyRow(
  ctx: StoreContext,
  claim: KeyClaim,
  ttlMs: number | null,
  nowMs: number,
) {
  const row = ctx.keys.find((r) => sameKey(r, claim));
  // A request still in flight holds its key whatever its age: only finished keys expire.
  return row && (row.status === 'in-flight' || !expired(row.createdAtMs, ttlMs, nowMs))
    ? row
    : undefined;
}

export const withoutKey = (keys: KeyRow[], claim: KeyClaim) =>
  keys.filter((r) => !sameKey(r, claim));

export const isHeld = (claims: Record<string, KeyOp>, claim: KeyClaim): boolean =>
  Object.values(claims).some((held) => sameKey(held.claim, claim));

export function withoutClaim(claims: Record<string, KeyOp>, tx: string): Record<string, KeyOp> {
  const rest = { ...claims };
  delete rest[tx];
  return rest;
}

/** The locking strategies' decision, in the order rocket-rides makes it. */
export function lockDecision(ctx: StoreContext, op: OpOf<'lockKey'>, nowMs: number): LockDecision {
  const row = liveKeyRow(ctx, op.claim, op.keyTtlMs, nowMs);
  if (!row) return 'new';
  if (op.checkFingerprint && row.fingerprint !== op.fingerprint) return 'mismatch';
  if (row.status === 'completed') return 'exists';
  const stale = row.lockedAtMs === null || nowMs - row.lockedAtMs >= op.lockTimeoutMs;
  return stale ? 'takeover' : 'busy';
}

export function keyRow(op: KeyOp, nowMs: number, lockedBy: string | null): KeyRow {
  return {
    ...op.claim,
    fingerprint: op.fingerprint,
    status: 'in-flight',
    recoveryPoint: 'started',
    lockedBy,
    lockedAtMs: lockedBy ? nowMs : null,
    response: null,
    chargeId: null,
    paymentId: null,
    request: op.request,
    createdAtMs: nowMs,
  };
}

/**
 * When a claim is released, each waiter either sees the committed row, takes the key itself (the
 * first one, after a rollback), or keeps waiting behind the new holder.
 */
export function wakeWaiters(ctx: StoreContext, nowMs: number) {
  const waiters: Waiter[] = [];
  const replies: ReplyParams[] = [];
  let claims = ctx.claims;
  for (const waiter of ctx.waiters) {
    const row = liveKeyRow(ctx, waiter.op.claim, waiter.op.keyTtlMs, nowMs);
    if (row) replies.push({ to: waiter.from, reply: { type: 'KEY_EXISTS', row } });
    else if (isHeld(claims, waiter.op.claim)) waiters.push(waiter);
    else {
      claims = { ...claims, [waiter.tx]: waiter.op };
      replies.push({ to: waiter.from, reply: { type: 'KEY_CLAIMED' } });
    }
  }
  return { claims, waiters, replies };
}

/**
 * A commit's effect on the key table: a claimed key becomes a completed row; a locked row either
 * reaches its next recovery point (no response yet) or completes and releases its lock. A lock
 * that was taken over meanwhile belongs to its new holder and is left alone.
 */
export function committedKeys(ctx: StoreContext, op: OpOf<'commit'>, nowMs: number): KeyRow[] {
  const claim = ctx.claims[op.tx];
  if (claim) {
    const row = { ...keyRow(claim, nowMs, null), status: 'completed' as const };
    return [...withoutKey(ctx.keys, claim.claim), completed(row, op.response, op.payment)];
  }
  return ctx.keys.map((row) => {
    if (row.lockedBy !== op.tx) return row;
    if (op.response === null && op.payment) {
      const { chargeId, id: paymentId } = op.payment;
      return {
        ...row,
        recoveryPoint: 'charge_created' as const,
        chargeId,
        paymentId,
        lockedAtMs: nowMs,
      };
    }
    return completed(row, op.response, op.payment);
  });
}

export function completed(
  row: KeyRow,
  response: HttpResponse | null,
  payment: { chargeId: string; id: string } | null,
): KeyRow {
  return {
    ...row,
    status: 'completed',
    recoveryPoint: 'finished',
    response,
    chargeId: payment?.chargeId ?? row.chargeId,
    paymentId: payment?.id ?? row.paymentId,
    lockedBy: null,
    lockedAtMs: null,
  };
}

/**
 * The payment row that already holds this commit's charge, when the schema makes `charge_id`
 * unique: the commit must fail.
 */
export function chargeHolder(ctx: StoreContext, op: OpOf<'commit'>): PaymentRow | undefined {
  const { payment } = op;
  if (!payment || !ctx.uniqueChargeIds) return undefined;
  return ctx.payments.find((row) => row.chargeId === payment.chargeId);
}

/** The cached response for this key, unless it has outlived the retention window. */
export function cachedResponse(
  ctx: StoreContext,
  event: { op: OpOf<'cacheGet'>; nowMs: number },
): HttpResponse | undefined {
  const { claim, keyTtlMs } = event.op;
  const entry = ctx.cache.find((e) => sameKey(e, claim));
  return entry && !expired(entry.storedAtMs, keyTtlMs, event.nowMs) ? entry.response : undefined;
}
