import { useMemo } from 'react';
import { STRATEGY_IDS, type StrategyId } from '../../model/strategies.ts';
import { expectsConsistency, SCENARIOS, type Expectation } from '../../scenarios/catalogue.ts';
import { PAYMENT_SCENARIO_IDS, type PaymentScenarioId } from '../../scenarios/ids.ts';
import { specOf } from '../../scenarios/spec.ts';
import { toSearch } from '../../state/url.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { useLessonTexts } from './texts.ts';

type Verdict = 'never' | 'always' | 'possible' | 'misleading';

/** What a cell says first: duplicates always, never, by chance — or none, but a wrong answer. */
function verdictOf(e: Expectation): Verdict {
  if (e.duplicates === 'never' && !expectsConsistency(e)) return 'misleading';
  return e.duplicates;
}

const TONE: Readonly<Record<Verdict, string>> = {
  never: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  always: 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100',
  possible: 'bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
  misleading: 'bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
};
const MARK: Readonly<Record<Verdict, string>> = {
  never: '✓',
  always: '✗',
  possible: '≈',
  misleading: '⚠',
};

/**
 * Every payment scenario under every strategy, as the catalogue declares it. The table is not
 * measured here: the test suite runs each cell over many seeds and fails when one disagrees, and
 * `npm run sim -- --matrix` prints the measured table. Each cell opens its run in the lab.
 */
export function MatrixPage() {
  const texts = useLessonTexts().ui.matrix;
  const t = useMessages();
  const lang = useLab((s) => s.lang);
  const link = useMemo(
    () => (scenario: PaymentScenarioId, strategy: StrategyId) =>
      `${toSearch(specOf(scenario, { strategy }), lang)}#/`,
    [lang],
  );
  return (
    <main className="mx-auto max-w-6xl px-4 py-6" aria-labelledby="matrix-title">
      <h2 id="matrix-title" className="text-2xl font-bold tracking-tight">
        {texts.title}
      </h2>
      <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">{texts.intro}</p>
      <Legend />
      <div
        className="mt-4 overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800"
        role="region"
        aria-labelledby="matrix-title"
        tabIndex={0}
      >
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{texts.caption}</caption>
          <thead>
            <tr className="bg-slate-50 dark:bg-slate-900">
              <th scope="col" className="sticky left-0 bg-slate-50 p-2 text-left dark:bg-slate-900">
                {texts.scenario}
              </th>
              {STRATEGY_IDS.map((strategy) => (
                <th key={strategy} scope="col" className="min-w-28 p-2 text-left align-bottom">
                  {t.strategies[strategy].title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PAYMENT_SCENARIO_IDS.map((scenario) => (
              <tr key={scenario} className="border-t border-slate-200 dark:border-slate-800">
                <th
                  scope="row"
                  className="sticky left-0 bg-white p-2 text-left font-medium dark:bg-slate-950"
                >
                  {t.scenarios[scenario].title}
                </th>
                {STRATEGY_IDS.map((strategy) => (
                  <Cell
                    key={strategy}
                    expected={SCENARIOS[scenario].expect[strategy]}
                    href={link(scenario, strategy)}
                    label={`${t.scenarios[scenario].title}, ${t.strategies[strategy].title}`}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{texts.checked}</p>
    </main>
  );
}

function Cell({ expected, href, label }: { expected: Expectation; href: string; label: string }) {
  const texts = useLessonTexts().ui.matrix;
  const verdict = verdictOf(expected);
  // 201 is the answer every run hopes for; the others tell how the strategy got there.
  const statuses = (expected.statuses ?? []).filter((s) => s !== 201);
  const words = [texts.verdicts[verdict], ...statuses.map(String)].join(', ');
  return (
    <td className="p-1">
      <a
        href={href}
        aria-label={`${label}: ${words}. ${texts.open}`}
        className={`flex min-h-11 flex-col justify-center rounded-md px-2 py-1 hover:ring-2 hover:ring-indigo-400 ${TONE[verdict]}`}
      >
        <span className="font-medium">
          <span aria-hidden="true">{MARK[verdict]} </span>
          {texts.verdicts[verdict]}
        </span>
        {statuses.length > 0 && <span className="text-xs opacity-80">{statuses.join(' · ')}</span>}
      </a>
    </td>
  );
}

function Legend() {
  const texts = useLessonTexts().ui.matrix;
  return (
    <dl className="mt-3 grid max-w-3xl gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
      {(Object.keys(MARK) as Verdict[]).map((verdict) => (
        <div key={verdict} className="contents">
          <dt className="font-medium">
            <span aria-hidden="true">{MARK[verdict]} </span>
            {texts.verdicts[verdict]}
          </dt>
          <dd className="text-slate-700 max-sm:mb-1 dark:text-slate-300">
            {texts.meanings[verdict]}
          </dd>
        </div>
      ))}
      <div className="contents">
        <dt className="font-medium">409 · 503 …</dt>
        <dd className="text-slate-700 dark:text-slate-300">{texts.statuses}</dd>
      </div>
    </dl>
  );
}
