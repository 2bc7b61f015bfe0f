import { useEffect, useMemo, useRef } from 'react';
import { useRecordCount } from '../playback/frame.ts';
import { describeTrace, type LogLine } from '../../report/log.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';

const TONE: Record<LogLine['tone'], string> = {
  normal: '',
  fault: 'bg-amber-50 dark:bg-amber-950/50',
  success: 'bg-emerald-50 dark:bg-emerald-950/50',
  violation: 'bg-red-100 font-semibold text-red-900 dark:bg-red-950 dark:text-red-100',
  money: 'bg-indigo-50 dark:bg-indigo-950/50',
};

/** The accessible log: every trace record as a table row, in virtual time. */
export function EventLog() {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const trace = useLab((s) => s.run.trace);
  const count = useRecordCount();
  const all = useMemo(() => describeTrace(trace, lang), [trace, lang]);
  const lines = all.slice(0, count);
  const box = useRef<HTMLDivElement>(null);
  // Keep the newest line in view as the run plays, without moving the page itself.
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);
  return (
    <Panel id="event-log" title={t.log.region} className="min-w-0">
      <div
        ref={box}
        className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800"
        tabIndex={0}
        aria-label={t.log.caption}
      >
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t.log.caption}</caption>
          <thead className="sticky top-0 bg-slate-100 text-xs text-slate-600 uppercase dark:bg-slate-800 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-2 py-1.5 text-right font-semibold">
                {t.log.time}
              </th>
              <th scope="col" className="px-2 py-1.5 font-semibold">
                {t.log.actor}
              </th>
              <th scope="col" className="px-2 py-1.5 font-semibold">
                {t.log.what}
              </th>
            </tr>
          </thead>
          <tbody className="font-mono text-xs">
            {lines.map((line, i) => (
              <tr
                key={i}
                aria-current={i === lines.length - 1 ? 'true' : undefined}
                className={`border-t border-slate-100 dark:border-slate-800 ${TONE[line.tone]} ${
                  i === lines.length - 1 ? 'outline-2 -outline-offset-2 outline-indigo-500' : ''
                }`}
              >
                <td className="px-2 py-1 text-right whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-400">
                  {line.t} ms
                </td>
                <td className="px-2 py-1 whitespace-nowrap">{line.actor}</td>
                <td className="px-2 py-1">
                  <span className="font-semibold">{line.verb}</span> {line.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
