import { fastEngine, type Snapshot } from '../model/engine.ts';
import { storeMachine } from '../model/machines/store.ts';
import { storeEventOf, type StoreContext, type StoreEvent } from '../model/machines/storeSchema.ts';
import type { TraceRecord } from '../model/trace.ts';

/** The store's tables after record `index` (the first record that changed them). */
export interface StoreVersion {
  index: number;
  tables: StoreContext;
}

/**
 * The payment store's tables through a run, for the ledger. The trace records every operation
 * the store was given and every outage of its key table, so feeding them to the same pure store
 * machine rebuilds its state at any record — nothing about the store is written twice.
 */
export function storeHistory(trace: readonly TraceRecord[]): StoreVersion[] {
  // The same schema as the run's store: a trace says when charge_id was not unique.
  const first = trace[0];
  const uniqueChargeIds = !(first?.type === 'start' && first.chargeIdUnique === false);
  let [snapshot] = fastEngine.initial(storeMachine, { uniqueChargeIds });
  const versions: StoreVersion[] = [
    { index: -1, tables: snapshot.context as unknown as StoreContext },
  ];
  trace.forEach((record, index) => {
    const event = storeEventIn(record);
    if (!event) return;
    const before: Snapshot = snapshot;
    [snapshot] = fastEngine.step(storeMachine, snapshot, event);
    if (snapshot.context !== before.context)
      versions.push({ index, tables: snapshot.context as unknown as StoreContext });
  });
  return versions;
}

/** The store event a record stands for: an operation, or an outage of the key table. */
function storeEventIn(record: TraceRecord): StoreEvent | null {
  switch (record.type) {
    case 'store':
      return storeEventOf(record.op, record.t);
    case 'fault':
      return record.fault.kind === 'key-store-down' ? { type: 'KEYS_DOWN' } : null;
    case 'fault-end':
      return record.fault.kind === 'key-store-down' ? { type: 'KEYS_UP' } : null;
    default:
      return null;
  }
}

/** The tables once `count` records have happened (a binary search over the versions). */
export function tablesAt(history: readonly StoreVersion[], count: number): StoreContext {
  let lo = 0;
  let hi = history.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (history[mid]!.index < count) lo = mid;
    else hi = mid - 1;
  }
  return history[lo]!.tables;
}
