import { useMemo } from 'react';
import { computeMethodTable } from '../../scenarios/methods.ts';
import { useLessonTexts } from './texts.ts';

/** The method table, measured now by running each request once and three times. */
export function MethodTable() {
  const t = useLessonTexts().ui;
  const rows = useMemo(() => computeMethodTable(), []);
  const yesNo = (value: boolean) => (value ? `✓ ${t.yes}` : `✗ ${t.no}`);
  return (
    <div className="mt-4 overflow-x-auto" tabIndex={0} role="group" aria-label={t.methodsCaption}>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="mb-1 text-left text-xs text-slate-600 dark:text-slate-400">
          {t.methodsCaption}
        </caption>
        <thead className="bg-slate-100 text-xs dark:bg-slate-800">
          <tr>
            <th scope="col" className="px-2 py-1">
              {t.methodColumns.method}
            </th>
            <th scope="col" className="px-2 py-1">
              {t.methodColumns.safe}
            </th>
            <th scope="col" className="px-2 py-1">
              {t.methodColumns.idempotent}
            </th>
            <th scope="col" className="px-2 py-1">
              {t.methodColumns.responses}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.method} className="border-t border-slate-100 dark:border-slate-800">
              <th scope="row" className="px-2 py-1 font-mono">
                {row.method}
              </th>
              <td className="px-2 py-1">{yesNo(row.safe)}</td>
              <td className="px-2 py-1">{yesNo(row.idempotent)}</td>
              <td className="px-2 py-1 font-mono text-xs">{row.responses.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The schema the simulated store follows (src/model/machines/store.ts): the key is claimed with
 * a unique insert in the payment's own transaction. SQL is code, so it is not translated.
 */
const SQL = `CREATE TABLE payments (
  id              text PRIMARY KEY,
  customer        text NOT NULL,
  amount          integer NOT NULL,
  currency        text NOT NULL,
  charge_id       text NOT NULL,
  idempotency_key text,
  created_at      timestamptz NOT NULL
);

CREATE TABLE idempotency_keys (
  scope           text NOT NULL,
  key             text NOT NULL,
  -- method, path and body
  fingerprint     text NOT NULL,
  -- 'in-flight' or 'completed'
  status          text NOT NULL,
  recovery_point  text NOT NULL,
  -- replayed for every repeat
  response        jsonb,
  payment_id      text
                  REFERENCES payments (id),
  created_at      timestamptz NOT NULL,
  UNIQUE (scope, key)
);

BEGIN;
-- A second insert of the same key
-- waits for this transaction, then
-- fails on UNIQUE (scope, key).
INSERT INTO idempotency_keys
  (scope, key, ...) VALUES (...);
INSERT INTO payments (...)
  VALUES (...);
UPDATE idempotency_keys
   SET status = 'completed',
       response = ...
 WHERE scope = ... AND key = ...;
COMMIT;`;

export function SqlPanel() {
  const t = useLessonTexts().ui;
  return (
    <figure className="mt-4">
      <figcaption className="mb-1 text-xs text-slate-600 dark:text-slate-400">
        {t.sqlCaption}
      </figcaption>
      <pre
        tabIndex={0}
        className="overflow-x-auto rounded-lg bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100"
      >
        <code>{SQL}</code>
      </pre>
    </figure>
  );
}
