import type { SettleParams } from './effects.ts';
import type { ViolationFacts } from './violations.ts';
import type { InvariantName, PaymentInvariant, RecordOf, TraceRecord } from './trace.ts';

/**
 * The oracles (DESIGN.md §5), as a monitor that reads the trace one record at a time and reports a
 * violation the moment one appears. They read only the trace, so a hand-written bad trace is
 * judged exactly as a simulated one.
 */
export interface Verdict {
  ok: boolean;
  /** The facts of the first violation, or null when it held. Text comes from the i18n layer. */
  violation: ViolationFacts | null;
  /** Does the strategy under test promise this property? `none` makes no at-most-once claim. */
  claimed: boolean;
}

export interface Violation {
  name: InvariantName;
  facts: ViolationFacts;
}

type Outcome = SettleParams['outcome'];

export class InvariantMonitor {
  private charges = new Map<string, number>();
  private outcomes = new Map<string, Outcome>();
  private customerStart = 0;
  private customerBalance = 0;
  private merchantBalance = 0;
  private claimsAtMostOnce = true;
  private firstViolation = new Map<InvariantName, ViolationFacts>();
  private readonly books = new Books();

  /** Feeds one record; returns the violations it newly reveals (first per invariant only). */
  observe(record: TraceRecord): Violation[] {
    const found = this.check(record).filter((v) => !this.firstViolation.has(v.name));
    for (const v of found) this.firstViolation.set(v.name, v.facts);
    return found;
  }

  verdicts(): Record<PaymentInvariant, Verdict> {
    const verdict = (name: PaymentInvariant, claimed = true): Verdict => {
      const violation = this.firstViolation.get(name) ?? null;
      return { ok: violation === null, violation, claimed };
    };
    return {
      atMostOnce: verdict('atMostOnce', this.claimsAtMostOnce),
      outcomeConsistency: verdict('outcomeConsistency'),
      conservation: verdict('conservation'),
      // One payment row per payment is what a strategy that promises one charge promises too.
      books: verdict('books', this.claimsAtMostOnce),
    };
  }

  chargesOf(intentId: string): number {
    return this.charges.get(intentId) ?? 0;
  }

  private check(record: TraceRecord): Violation[] {
    switch (record.type) {
      case 'start':
        this.customerStart = this.customerBalance = record.customerBalance;
        this.merchantBalance = 0;
        this.claimsAtMostOnce = record.claimsAtMostOnce;
        return [];
      case 'charge':
        return this.onCharge(record);
      // Money from outside: the customer's side of the books starts that much higher.
      case 'top-up':
        this.customerStart += record.amount;
        this.customerBalance += record.amount;
        return this.balanceIsBooked(record.customerBalance);
      // A decline moves no money: the customer's balance is what the charges left.
      case 'declined':
        return this.balanceIsBooked(record.customerBalance);
      case 'settle':
        this.outcomes.set(record.intentId, record.outcome);
        return this.consistency(record.intentId);
      case 'recorded':
        return record.what === 'payment' ? this.books.observe(record) : [];
      default:
        return [];
    }
  }

  private onCharge(record: RecordOf<'charge'>): Violation[] {
    const count = this.chargesOf(record.intentId) + 1;
    this.charges.set(record.intentId, count);
    this.customerBalance -= record.amount;
    this.merchantBalance += record.amount;
    const violations: Violation[] = [];
    if (count > 1) {
      violations.push({
        name: 'atMostOnce',
        facts: { kind: 'charged-twice', intentId: record.intentId, charges: count },
      });
    }
    violations.push(...this.consistency(record.intentId), ...this.conservation(record));
    return violations;
  }

  /** A success means exactly one charge, a definite failure none, an unknown outcome at most one. */
  private consistency(intentId: string): Violation[] {
    const outcome = this.outcomes.get(intentId);
    if (outcome === undefined) return [];
    const count = this.chargesOf(intentId);
    const allowed =
      outcome === 'succeeded' ? count === 1 : outcome === 'failed' ? count === 0 : count <= 1;
    if (allowed) return [];
    return [
      {
        name: 'outcomeConsistency',
        facts: { kind: 'answer-mismatch', intentId, charges: count, seen: outcome },
      },
    ];
  }

  /** The provider's balance for the customer is the one the books expect. */
  private balanceIsBooked(customerBalance: number): Violation[] {
    if (customerBalance === this.customerBalance) return [];
    return [
      {
        name: 'conservation',
        facts: {
          kind: 'money-mismatch',
          charged: this.customerStart - this.customerBalance,
          customerLost: this.customerStart - customerBalance,
          merchantGained: this.merchantBalance,
        },
      },
    ];
  }

  private conservation(record: RecordOf<'charge'>): Violation[] {
    const moved = this.customerStart - record.customerBalance;
    const charged = this.customerStart - this.customerBalance;
    const balanced = record.customerBalance + record.merchantBalance === this.customerStart;
    if (moved === charged && balanced && record.merchantBalance === this.merchantBalance) return [];
    return [
      {
        name: 'conservation',
        facts: {
          kind: 'money-mismatch',
          charged,
          customerLost: moved,
          merchantGained: record.merchantBalance,
        },
      },
    ];
  }
}

/**
 * The books oracle: the server's payment rows against the money. No payment (intent) may have two
 * rows, and no charge of the provider may be recorded twice — the second is what
 * `UNIQUE (charge_id)` refuses, and what a server without it records silently (a fail-open retry
 * whose provider call carries a key gets the same charge back, and writes a second row for it).
 */
class Books {
  private rowsOfIntent = new Map<string, string[]>();
  private rowsOfCharge = new Map<string, string[]>();

  /** At most one violation a row: a second row for one charge is the more telling of the two. */
  observe(record: RecordOf<'recorded'>): Violation[] {
    const ofIntent = this.add(this.rowsOfIntent, record.intentId, record.id);
    // A row written without its charge (a hand-made trace) says nothing about charges.
    const ofCharge =
      record.chargeId === undefined ? [] : this.add(this.rowsOfCharge, record.chargeId, record.id);
    if (record.chargeId !== undefined && ofCharge.length > 1) {
      const facts = {
        kind: 'charge-recorded-twice' as const,
        chargeId: record.chargeId,
        rows: ofCharge,
      };
      return [{ name: 'books', facts }];
    }
    if (ofIntent.length > 1) {
      const facts = { kind: 'recorded-twice' as const, intentId: record.intentId, rows: ofIntent };
      return [{ name: 'books', facts }];
    }
    return [];
  }

  private add(rows: Map<string, string[]>, key: string, row: string): string[] {
    const list = [...(rows.get(key) ?? []), row];
    rows.set(key, list);
    return list;
  }
}
