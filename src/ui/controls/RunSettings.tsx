import { useId, useState, type ChangeEvent } from 'react';
import { promiseText } from '../../i18n/promiseTexts.ts';
import { SCENARIO_STORIES } from '../../i18n/scenarioStories.ts';
import { STRATEGIES } from '../../model/strategies.ts';
import { isResourceScenario } from '../../scenarios/ids.ts';
import { isSeedText } from '../../state/url.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { SettingsFields } from './SettingsFields.tsx';

const fieldClass =
  'block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-800';

/**
 * The drawer's insides: what the chosen scenario and strategy are about, the seed, and the
 * scenario's settings. Loaded when the drawer first opens.
 */
export function RunSettings() {
  const t = useMessages();
  const spec = useLab((s) => s.spec);
  const lang = useLab((s) => s.lang);
  const select = useLab((s) => s.select);
  return (
    <div className="flex flex-col gap-4">
      <About title={t.scenarios[spec.scenario].title} term={t.controls.scenario}>
        {SCENARIO_STORIES[lang][spec.scenario]}
      </About>
      {isResourceScenario(spec.scenario) ? (
        <About title={t.strategies[spec.strategy].title} term={t.controls.strategy}>
          {t.controls.noStrategy}
        </About>
      ) : (
        <About
          title={t.strategies[spec.strategy].title}
          term={t.controls.strategy}
          promise={promiseText(STRATEGIES[spec.strategy], lang, spec.tweaks.errors5xx)}
        >
          {t.strategies[spec.strategy].description}
        </About>
      )}
      <SeedField seed={spec.seed} onSeed={(seed) => select({ seed })} />
      <SettingsFields />
    </div>
  );
}

function About({
  term,
  title,
  children,
  promise,
}: {
  term: string;
  title: string;
  children: string;
  /** What a strategy promises, from its declaration: the explorer proves the same list. */
  promise?: string;
}) {
  return (
    <section>
      <h3 className="text-sm font-semibold">
        <span className="text-slate-600 dark:text-slate-300">{term}:</span> {title}
      </h3>
      <p className="mt-1 text-sm leading-relaxed text-slate-700 dark:text-slate-200">{children}</p>
      {promise && (
        <p
          className="mt-1 text-sm leading-relaxed font-medium text-slate-800 dark:text-slate-100"
          data-testid="strategy-promise"
        >
          {promise}
        </p>
      )}
    </section>
  );
}

/** Seed entry: typing an invalid seed says why and keeps the last good run on screen. */
function SeedField({ seed, onSeed }: { seed: number; onSeed: (seed: number) => void }) {
  const t = useMessages();
  const id = useId();
  const [draft, setDraft] = useState<{ text: string; forSeed: number }>({
    text: String(seed),
    forSeed: seed,
  });
  // When the seed changes from outside (New seed, a link), the field follows it.
  const text = draft.forSeed === seed ? draft.text : String(seed);
  const valid = isSeedText(text.trim());

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const next = e.target.value;
    const nextSeed = isSeedText(next.trim()) ? Number(next.trim()) : seed;
    setDraft({ text: next, forSeed: nextSeed });
    if (nextSeed !== seed) onSeed(nextSeed);
  };

  const newSeed = () => onSeed(Math.floor(Math.random() * 1_000_000));

  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {t.controls.seed}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          className={`${fieldClass} font-mono`}
          value={text}
          onChange={onChange}
          aria-invalid={!valid}
          aria-describedby={`${id}-hint`}
        />
        <button
          type="button"
          onClick={newSeed}
          className="shrink-0 rounded-lg border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {t.controls.newSeed}
        </button>
      </div>
      <p
        id={`${id}-hint`}
        className={`mt-1 text-xs ${valid ? 'text-slate-500 dark:text-slate-400' : 'font-medium text-red-700 dark:text-red-300'}`}
      >
        {valid ? t.controls.seedHint : t.controls.seedInvalid}
      </p>
    </div>
  );
}
