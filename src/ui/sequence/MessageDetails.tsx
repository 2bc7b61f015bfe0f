import { statusLine } from '../../model/http.ts';
import type { Message } from '../../model/message.ts';
import { useMessages } from '../common/lab.ts';

/** One message in full: its request line or status, every header, and its body. */
export function MessageDetails({ message, onClose }: { message: Message; onClose: () => void }) {
  const t = useMessages();
  const s = t.sequence;
  const first =
    message.kind === 'request'
      ? `${message.request.method} ${message.request.path}`
      : statusLine(message.response.status);
  const { headers, body } = message.kind === 'request' ? message.request : message.response;
  return (
    <section
      aria-label={s.details}
      className="mt-3 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-800/60"
    >
      <div className="flex items-start justify-between gap-3">
        <h3 className="font-mono font-semibold">{first}</h3>
        <button
          type="button"
          onClick={onClose}
          className="rounded-md border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600"
        >
          {s.close}
        </button>
      </div>
      <p className="mt-1 text-slate-600 dark:text-slate-300">
        {s.route(message.from, message.to, message.intentId, message.attempt)}
        {message.copyOf !== undefined && ` ${s.copyOf(message.copyOf)}`}
      </p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 font-mono text-xs">
        {Object.entries(headers).map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="font-semibold">{name}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      <pre className="mt-2 overflow-x-auto rounded bg-white p-2 font-mono text-xs dark:bg-slate-900">
        {JSON.stringify(body, null, 2)}
      </pre>
    </section>
  );
}
