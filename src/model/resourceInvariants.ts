import type { Method } from './http.ts';
import type { Verdict, Violation } from './invariants.ts';
import type { ResourceViolationFacts } from './violations.ts';
import type { RequestMessage } from './message.ts';
import { sameFields, type Fields } from './resources.ts';
import type { RecordOf, ResourceInvariant, TraceRecord } from './trace.ts';

/**
 * The resource world's books, kept from the trace alone: the state as the server holds it, who
 * wrote each version, and what went wrong. The oracles (DESIGN.md §5, "HTTP") and the outcome
 * summary both read it, so they cannot disagree.
 */

/** A write computed from a read that had been overtaken: it erased changes it never saw. */
export interface LostUpdate {
  t: number;
  path: string;
  /** The intent whose write did the erasing. */
  by: string;
  /** The intents whose changes vanished. */
  erased: string[];
}

/**
 * A change by an intent on top of the state its own earlier change left: the same request again
 * (a retry, a network copy) that is not idempotent, or a read-modify-write that wrote its change
 * twice because a lost answer left it unsure.
 */
export interface RepeatedEffect {
  t: number;
  intentId: string;
  method: Method;
  /** The request's target: for POST, the collection it added to again. */
  path: string;
  /** The very same request as before (same method, target, headers and body). */
  identical: boolean;
}

/** RFC 9110 §9.2.2: the methods whose repeats must leave the state one request leaves. */
const IDEMPOTENT: readonly Method[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

interface Version {
  etag: string | null;
  intentId: string;
}

export class ResourceLedger {
  /** Observable state: body by path. */
  readonly state = new Map<string, Fields>();
  readonly lost: LostUpdate[] = [];
  readonly repeats: RepeatedEffect[] = [];
  private readonly history = new Map<string, Version[]>();
  private readonly requests = new Map<number, RequestMessage>();
  /** Requests already executed (by intent and content), with the ETag each left behind. */
  private readonly executed = new Map<string, string | null>();
  /** Who made the latest change through each request target, and everyone who changed it. */
  private readonly lastChanger = new Map<string, string>();
  private readonly changers = new Map<string, Set<string>>();

  /** Feeds one record; returns what it newly revealed. */
  observe(record: TraceRecord): { lost?: LostUpdate; repeat?: RepeatedEffect } {
    switch (record.type) {
      case 'start-resources':
        for (const [path, { body, etag }] of Object.entries(record.resources)) {
          this.state.set(path, body);
          this.history.set(path, [{ etag, intentId: 'initial' }]);
        }
        return {};
      case 'send':
        if (record.message.kind === 'request') this.requests.set(record.message.id, record.message);
        return {};
      case 'duplicate':
        if (record.copy.kind === 'request') this.requests.set(record.copy.id, record.copy);
        return {};
      case 'served':
        return this.onServed(record);
      default:
        return {};
    }
  }

  private onServed(record: RecordOf<'served'>) {
    const message = this.requests.get(record.id)!;
    const identity = `${record.intentId} ${JSON.stringify(message.request)}`;
    // The ETag the same request left the last time it ran, if it ran before.
    const earlier = this.executed.get(identity);
    this.executed.set(identity, record.after?.etag ?? null);
    if (record.before?.etag === record.after?.etag) return {};
    const found: { lost?: LostUpdate; repeat?: RepeatedEffect } = {};
    // A write computed from a read is based on what it read; a repeat, on what it left last time.
    const basedOn = message.basedOn ?? earlier;
    const erased = basedOn === undefined ? [] : this.writersSince(record.path, basedOn, message);
    if (erased.length) {
      found.lost = { t: record.t, path: record.path, by: record.intentId, erased };
      this.lost.push(found.lost);
    }
    if (!sameFields(record.before?.body, record.after?.body)) {
      const repeat = this.extraChange(record, message, earlier !== undefined);
      if (repeat) this.repeats.push((found.repeat = repeat));
    }
    this.history.set(record.path, [
      ...(this.history.get(record.path) ?? []),
      { etag: record.after?.etag ?? null, intentId: record.intentId },
    ]);
    if (record.after) this.state.set(record.path, record.after.body);
    else this.state.delete(record.path);
    return found;
  }

  /**
   * A change by an intent that had already changed this target: the same request again on the
   * state it left (not idempotent), or a write recomputed after a re-read, whoever wrote in
   * between. Keyed by the request's target, so two POSTs to one collection count though each made
   * its own resource. The same request again after another writer is a lost update instead.
   */
  private extraChange(
    record: RecordOf<'served'>,
    message: RequestMessage,
    identical: boolean,
  ): RepeatedEffect | null {
    const target = message.request.path;
    const { t, intentId, method } = record;
    const changers = this.changers.get(target) ?? new Set<string>();
    const changedBefore = changers.has(intentId);
    const untouched = this.lastChanger.get(target) === intentId;
    this.changers.set(target, changers.add(intentId));
    this.lastChanger.set(target, intentId);
    if (!changedBefore || (identical && !untouched)) return null;
    return { t, intentId, method, path: target, identical };
  }

  /** Other writers whose versions came after `basedOn`: the changes this write erases. */
  private writersSince(path: string, basedOn: string | null, message: RequestMessage): string[] {
    const versions = this.history.get(path) ?? [];
    const read = versions.findIndex((v) => v.etag === basedOn);
    if (read < 0) return [];
    const since = versions.slice(read + 1);
    return [...new Set(since.map((v) => v.intentId).filter((id) => id !== message.intentId))];
  }

  finalState(): Record<string, Fields> {
    return Object.fromEntries([...this.state.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** The HTTP oracles: no lost update (when writers use If-Match), and idempotent methods' repeats. */
export class ResourceMonitor {
  private readonly ledger = new ResourceLedger();
  private writersUseIfMatch = true;
  private readonly firstViolation = new Map<ResourceInvariant, ResourceViolationFacts>();

  observe(record: TraceRecord): Violation[] {
    if (record.type === 'start-resources') this.writersUseIfMatch = record.writersUseIfMatch;
    const { lost, repeat } = this.ledger.observe(record);
    const found: { name: ResourceInvariant; facts: ResourceViolationFacts }[] = [];
    if (lost && !this.firstViolation.has('noLostUpdate')) {
      found.push({ name: 'noLostUpdate', facts: { kind: 'update-lost', ...withoutT(lost) } });
    }
    // Only an identical repeat of a method RFC 9110 calls idempotent breaks this promise.
    if (repeat?.identical && IDEMPOTENT.includes(repeat.method)) {
      if (!this.firstViolation.has('idempotentEffect')) {
        const { intentId, method, path } = repeat;
        found.push({
          name: 'idempotentEffect',
          facts: { kind: 'repeat-changed-state', intentId, method, path },
        });
      }
    }
    for (const v of found) this.firstViolation.set(v.name, v.facts);
    return found;
  }

  verdicts(): Record<ResourceInvariant, Verdict> {
    const verdict = (name: ResourceInvariant, claimed: boolean): Verdict => {
      const violation = this.firstViolation.get(name) ?? null;
      return { ok: violation === null, violation, claimed };
    };
    return {
      noLostUpdate: verdict('noLostUpdate', this.writersUseIfMatch),
      idempotentEffect: verdict('idempotentEffect', true),
    };
  }
}

function withoutT<T extends { t: number }>(value: T): Omit<T, 't'> {
  const { t: _t, ...rest } = value;
  return rest;
}
