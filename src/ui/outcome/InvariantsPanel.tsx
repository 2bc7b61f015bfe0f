import { useMemo } from 'react';
import { verdictsOf } from '../../model/run.ts';
import { violationsBy } from '../../report/timeline.ts';
import { useRecordCount } from '../playback/frame.ts';
import { describeVerdict } from '../../report/words.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';

/** Each invariant with pass or fail in words and an icon — never colour alone. */
export function InvariantsPanel() {
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const count = useRecordCount();
  const brokenSoFar = useMemo(() => violationsBy(timeline, count), [timeline, count]);
  const notClaimed =
    run.world === 'resources' ? t.invariants.notClaimedResources : t.invariants.notClaimed;
  return (
    <Panel id="invariants" title={t.invariants.region}>
      <ul className="flex flex-col gap-3">
        {verdictsOf(run).map(([name, final]) => {
          // As the run stands at the cursor: broken once its violation record has happened.
          const broken = brokenSoFar.find((r) => r.name === name);
          // The facts are those of the moment it broke, so they say when: later charges may
          // have come since, and the ledger counts them.
          const verdict = broken
            ? { ...final, ok: false, violation: broken.facts }
            : { ...final, ok: true, violation: null };
          const state = verdict.ok ? t.invariants.holds : t.invariants.violated;
          return (
            <li key={name} className="flex gap-2 text-sm">
              <span
                aria-hidden="true"
                className={`mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white ${
                  verdict.ok ? 'bg-emerald-600' : verdict.claimed ? 'bg-red-600' : 'bg-amber-600'
                }`}
              >
                {verdict.ok ? '✓' : '✕'}
              </span>
              <div>
                <p className="font-medium">
                  {t.invariants.names[name]}:{' '}
                  <span className={verdict.ok ? '' : 'text-red-700 dark:text-red-300'}>
                    {state}
                  </span>
                </p>
                {!verdict.ok && (
                  <p className="text-slate-600 dark:text-slate-300">
                    {broken && `${t.invariants.brokenAt(broken.t)} `}
                    {describeVerdict(verdict, lang)}
                    {!verdict.claimed && ` (${notClaimed})`}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
