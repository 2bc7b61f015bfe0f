import { useMemo } from 'react';
import { formatMoney, type Lang } from '../../i18n/i18n.ts';
import type { PaymentRow, StoreContext } from '../../model/machines/storeSchema.ts';
import type { TraceRecord } from '../../model/trace.ts';
import { storeHistory, tablesAt } from '../../report/storeTables.ts';
import { useRecordCount } from '../playback/frame.ts';
import { useLab, useMessages } from '../common/lab.ts';

/** A long run can record hundreds of rows: the ledger shows the newest few and counts the rest. */
const ROWS_SHOWN = 6;

/**
 * The server's own tables at the cursor — `payments`, `idempotency_keys` and the response cache —
 * with the customer's balance at the provider. They are the store machine's state, rebuilt from
 * the trace (report/storeTables.ts), so they show exactly what the simulated database held.
 */
export function StoreTables() {
  const t = useMessages().ledger;
  const scope = useMessages().auth.scopeColumn;
  const ms = useMessages().settings.ms;
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.run.trace);
  const count = useRecordCount();
  const history = useMemo(() => storeHistory(trace), [trace]);
  const tables = tablesAt(history, count);
  return (
    <div className="mt-4 flex flex-col gap-4">
      <Balance trace={trace} count={count} />
      <Table
        name="payments"
        caption={t.paymentsCaption}
        head={[t.columns.id, t.columns.customer, t.columns.amount, t.columns.key, t.columns.charge]}
        rows={paymentRows(tables.payments, t.duplicateOf, lang)}
        total={tables.payments.length}
      />
      {tables.keys.length > 0 && (
        <Table
          name="idempotency_keys"
          caption={t.keysCaption}
          head={[
            scope,
            t.columns.key,
            t.columns.status,
            t.columns.recoveryPoint,
            t.columns.response,
          ]}
          rows={keyRows(tables)}
          total={tables.keys.length}
        />
      )}
      {tables.cache.length > 0 && (
        <Table
          name="response_cache"
          caption={t.cacheCaption}
          head={[t.columns.key, t.columns.response, t.columns.storedAt]}
          rows={newest(tables.cache).map((c) => ({
            cells: [short(c.key), String(c.response.status), ms(c.storedAtMs)],
          }))}
          total={tables.cache.length}
        />
      )}
    </div>
  );
}

/**
 * The customer's money at the provider: what they had, what they have now, and what they added
 * meanwhile (a top-up), so a balance that grew is never a mystery.
 */
function Balance({ trace, count }: { trace: readonly TraceRecord[]; count: number }) {
  const t = useMessages().ledger;
  const cardsOf = useMessages().auth.balanceOfCards;
  const lang = useLab((s) => s.lang);
  const start = trace[0]?.type === 'start' ? trace[0].customerBalance : 0;
  // Top-ups are rare: found once per run, so a move of the timeline scans only back to the last
  // change of the balance.
  const topUps = useMemo(
    () => trace.flatMap((r, index) => (r.type === 'top-up' ? [{ index, amount: r.amount }] : [])),
    [trace],
  );
  // The provider keeps one balance; a run that charges several customers' cards adds them up.
  const customers = useMemo(() => chargedCustomers(trace), [trace]);
  const toppedUp = topUps.filter((u) => u.index < count).reduce((sum, u) => sum + u.amount, 0);
  let now = start;
  for (let i = count - 1; i >= 0; i--) {
    const record = trace[i];
    if (record?.type === 'charge' || record?.type === 'top-up') {
      now = record.customerBalance;
      break;
    }
  }
  return (
    <p className="text-sm" data-testid="customer-balance">
      {customers.length > 1
        ? cardsOf(customers.join(', '), formatMoney(lang, now), formatMoney(lang, start))
        : t.balance(formatMoney(lang, now), formatMoney(lang, start))}
      {toppedUp > 0 && ` ${t.toppedUp(formatMoney(lang, toppedUp))}`}
    </p>
  );
}

/** Every customer whose card the run charged, in the order of their first charge. */
function chargedCustomers(trace: readonly TraceRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of trace) if (r.type === 'charge' && r.customer !== undefined) seen.add(r.customer);
  return [...seen];
}

interface Row {
  cells: string[];
  /** A row that should not exist (a second payment for one intent), said in words. */
  warning?: string;
}

/** A table's newest rows, the ones it shows: a busy run records hundreds (~1,200 keys). */
const newest = <T,>(rows: readonly T[]): readonly T[] => rows.slice(-ROWS_SHOWN);

/** The newest payment rows, a second row for the same payment called out as what it is. */
function paymentRows(
  payments: readonly PaymentRow[],
  duplicateOf: (id: string) => string,
  lang: Lang,
): Row[] {
  const first = new Map<string, string>();
  const rows: Row[] = [];
  payments.forEach((p, i) => {
    const original = first.get(p.intentId);
    if (!original) first.set(p.intentId, p.id);
    // Only the rows on screen are worth formatting; every row is read for the first of each.
    if (i < payments.length - ROWS_SHOWN) return;
    rows.push({
      cells: [
        p.id,
        p.customer,
        formatMoney(lang, p.amount, p.currency),
        short(p.idempotencyKey),
        p.chargeId,
      ],
      ...(original ? { warning: duplicateOf(original) } : {}),
    });
  });
  return rows;
}

function keyRows({ keys }: StoreContext): Row[] {
  return newest(keys).map((k) => ({
    cells: [
      k.scope,
      short(k.key),
      k.status,
      k.recoveryPoint,
      k.response ? String(k.response.status) : '—',
    ],
  }));
}

const short = (key: string | null) => (key === null ? 'NULL' : `${key.slice(0, 8)}…`);

/** A table named as the SQL would name it, showing its newest rows (`rows`) of `total`. */
function Table({
  name,
  caption,
  head,
  rows,
  total,
}: {
  name: string;
  caption: string;
  head: string[];
  rows: Row[];
  total: number;
}) {
  const t = useMessages().ledger;
  const hidden = total - rows.length;
  // A warning takes a column of its own, headed for screen readers.
  const warned = rows.some((row) => row.warning);
  const columns = head.length + (warned ? 1 : 0);
  return (
    // On a phone the table scrolls sideways; the box takes focus so a keyboard can scroll it too.
    // Positioned, so its screen-reader-only header stays inside the scrolling box.
    <div className="relative min-w-0 overflow-x-auto" tabIndex={0} role="group" aria-label={name}>
      <table className="w-full border-collapse text-left text-xs">
        <caption className="mb-1 text-left text-sm">
          <code className="font-semibold">{name}</code>{' '}
          <span className="text-slate-600 dark:text-slate-300">{caption}</span>
        </caption>
        <TableHead head={head} warned={warned} />
        <tbody className="font-mono">
          {hidden > 0 && <NoteRow columns={columns}>{t.earlierRows(hidden)}</NoteRow>}
          {rows.length === 0 && <NoteRow columns={columns}>{t.noRows}</NoteRow>}
          {/* Keyed by slot: a move of the timeline rewrites the rows' text, not the rows. */}
          {rows.map((row, i) => (
            <TableRow key={i} row={row} warned={warned} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TableHead({ head, warned }: { head: string[]; warned: boolean }) {
  const note = useMessages().ledger.columns.note;
  return (
    <thead className="bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
      <tr>
        {head.map((h) => (
          <th key={h} scope="col" className="px-2 py-1 font-semibold">
            {h}
          </th>
        ))}
        {warned && (
          <th scope="col" className="px-2 py-1">
            <span className="sr-only">{note}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

/** A line across the whole table about its rows: how many are not shown, or that there are none. */
function NoteRow({ columns, children }: { columns: number; children: string }) {
  return (
    <tr>
      <td colSpan={columns} className="px-2 py-1 text-slate-600 dark:text-slate-300">
        {children}
      </td>
    </tr>
  );
}

/** A row's cells; a row that should not exist is red and says why in a last column. */
function TableRow({ row, warned }: { row: Row; warned: boolean }) {
  return (
    <tr
      className={`border-t border-slate-100 dark:border-slate-800 ${row.warning ? 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100' : ''}`}
    >
      {row.cells.map((cell, j) => (
        <td key={j} className="px-2 py-1 whitespace-nowrap">
          {cell}
        </td>
      ))}
      {warned && (
        <td className="px-2 py-1 font-sans font-semibold whitespace-nowrap">
          {row.warning ? `⚠ ${row.warning}` : ''}
        </td>
      )}
    </tr>
  );
}
