import type { Method } from './http.ts';
import type { ResourceViolationFacts, Verdict, Violation } from './invariants.ts';
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
  private readonly executed = new Set<string>();
  /** Who made the latest change through each request target. */
  private readonly lastChanger = new Map<string, string>();

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
    const repeated = this.executed.has(identity);
    this.executed.add(identity);
    if (record.before?.etag === record.after?.etag) return {};
    const found: { lost?: LostUpdate; repeat?: RepeatedEffect } = {};
    const erased = this.unseenWriters(record.path, message);
    if (erased.length) {
      found.lost = { t: record.t, path: record.path, by: record.intentId, erased };
      this.lost.push(found.lost);
    }
    if (!sameFields(record.before?.body, record.after?.body)) {
      // A second change on top of the intent's own: an extra effect. (With another writer in
      // between, a rewrite is judged as a lost update instead.) Keyed by the request's target,
      // so that two POSTs to one collection count though each made its own resource.
      const target = message.request.path;
      if (this.lastChanger.get(target) === record.intentId) {
        const { t, intentId, method } = record;
        found.repeat = { t, intentId, method, path: target, identical: repeated };
        this.repeats.push(found.repeat);
      }
      this.lastChanger.set(target, record.intentId);
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
   * Other writers whose versions came after the one this write was computed from. A write not
   * computed from a read (a blind PUT, a relative PATCH) erases nothing it was meant to see.
   */
  private unseenWriters(path: string, message: RequestMessage): string[] {
    if (message.basedOn === undefined) return [];
    const versions = this.history.get(path) ?? [];
    const read = versions.findIndex((v) => v.etag === message.basedOn);
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
    const found: Violation[] = [];
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
    for (const v of found)
      this.firstViolation.set(v.name as ResourceInvariant, v.facts as ResourceViolationFacts);
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
