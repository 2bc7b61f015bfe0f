import { useMemo } from 'react';
import { STRATEGIES } from '../../model/strategies.ts';
import { idempotencyDoc } from '../../scenarios/apiDoc.ts';
import { computeMethodTable } from '../../scenarios/methods.ts';
import { prepareScenario } from '../../scenarios/run.ts';
import { useLab } from '../common/lab.ts';
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
 * a unique insert in the payment's own transaction, scoped by the caller, and a charge is recorded
 * once (`UNIQUE` on `charge_id`). SQL is code, so it is not translated.
 */
const SQL = `CREATE TABLE payments (
  id              text PRIMARY KEY,
  customer        text NOT NULL,
  amount          integer NOT NULL,
  currency        text NOT NULL,
  charge_id       text NOT NULL
                  UNIQUE,
  idempotency_key text,
  created_at      timestamptz NOT NULL
);

CREATE TABLE idempotency_keys (
  -- the caller's account, from
  -- its API key (not the body)
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

/**
 * The API reference this server should publish, written from the strategy and settings of the run
 * on screen (src/scenarios/apiDoc.ts; a test holds each line to the simulation).
 */
export function ApiDocPanel() {
  const t = useLessonTexts().ui.apiDoc;
  const spec = useLab((s) => s.spec);
  const doc = useMemo(() => {
    const { settings } = prepareScenario(spec);
    return 'provider' in settings
      ? idempotencyDoc(STRATEGIES[spec.strategy], settings.server)
      : null;
  }, [spec]);
  if (!doc) return null;
  const rows: [string, string][] =
    doc.key === 'ignored'
      ? []
      : [
          [t.labels.key, t.key[doc.key]],
          [
            t.labels.retention,
            doc.retentionMs === null ? t.forever : t.retention(t.duration(doc.retentionMs)),
          ],
          [t.labels.repeat, t.repeat],
          [t.labels.errors, t.errors[doc.errors]],
          [t.labels.concurrent, t.concurrent[doc.concurrent]],
          [t.labels.otherBody, t.otherBody[doc.otherBody]],
          [t.labels.keyStoreDown, t.keyStoreDown[doc.keyStoreDown]],
        ];
  return (
    <figure className="mt-4 rounded-lg border border-slate-300 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950">
      <figcaption className="mb-2 text-xs text-slate-600 dark:text-slate-400">
        {t.caption}
      </figcaption>
      <p className="font-mono text-sm font-semibold">POST /payments</p>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm">{t.ignored}</p>
      ) : (
        <dl className="mt-2 flex flex-col gap-2 text-sm">
          {rows.map(([label, text]) => (
            <div key={label}>
              <dt className="font-mono text-xs font-semibold text-indigo-800 dark:text-indigo-300">
                {label}
              </dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      )}
    </figure>
  );
}
