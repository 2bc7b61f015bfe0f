import { useId, useState, type ChangeEvent } from 'react';
import { isStrategyId, STRATEGY_IDS } from '../../model/strategies.ts';
import { isResourceScenario, SCENARIO_IDS, worldOf } from '../../scenarios/ids.ts';
import { isSeedText } from '../../state/url.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { COMPARE_TOGGLE_ID } from '../common/bringIntoView.ts';
import { Deferred } from '../common/Deferred.tsx';
import { retryable } from '../common/retryable.ts';

// The settings sit behind a disclosure; they load after the first screen.
const SettingsFields = retryable(() =>
  import('./SettingsFields.tsx').then((m) => m.SettingsFields),
);

const fieldClass =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-800 disabled:cursor-not-allowed disabled:opacity-60';

export function Controls() {
  const t = useMessages();
  const spec = useLab((s) => s.spec);
  const select = useLab((s) => s.select);

  return (
    <Panel id="controls" title={t.controls.region}>
      <div className="flex flex-col gap-4">
        <Picker
          label={t.controls.scenario}
          value={spec.scenario}
          options={SCENARIO_IDS.map((id) => ({
            id,
            ...t.scenarios[id],
            group: t.controls.groups[worldOf(id)],
          }))}
          onPick={(scenario) => select({ scenario })}
        />
        <Picker
          label={t.controls.strategy}
          value={spec.strategy}
          options={STRATEGY_IDS.map((id) => ({ id, ...t.strategies[id] }))}
          onPick={(strategy) => select({ strategy })}
          disabledReason={isResourceScenario(spec.scenario) ? t.controls.noStrategy : null}
        />
        {!isResourceScenario(spec.scenario) && <CompareField />}
        <SeedField seed={spec.seed} onSeed={(seed) => select({ seed })} />
        <Deferred>
          <SettingsFields />
        </Deferred>
      </div>
    </Panel>
  );
}

interface PickerProps<T extends string> {
  label: string;
  value: T;
  /** Options with a group are shown under that heading, in order of first appearance. */
  options: { id: T; title: string; description: string; group?: string }[];
  onPick: (value: T) => void;
  /** When set, the choice does not apply: the select is disabled and this says why. */
  disabledReason?: string | null;
}

/** A labelled select whose chosen option is explained in a paragraph below it. */
function Picker<T extends string>({
  label,
  value,
  options,
  onPick,
  disabledReason = null,
}: PickerProps<T>) {
  const id = useId();
  const chosen = options.find((o) => o.id === value);
  const groups = [...new Set(options.map((o) => o.group))];
  const optionList = (list: typeof options) =>
    list.map((o) => (
      <option key={o.id} value={o.id}>
        {o.title}
      </option>
    ));
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        className={fieldClass}
        value={value}
        disabled={disabledReason !== null}
        aria-describedby={`${id}-about`}
        onChange={(e) => {
          // The options are the values: finding the one chosen types it without a cast.
          const chosen = options.find((o) => o.id === e.target.value);
          if (chosen) onPick(chosen.id);
        }}
      >
        {groups.length > 1
          ? groups.map((group) => (
              <optgroup key={group} label={group}>
                {optionList(options.filter((o) => o.group === group))}
              </optgroup>
            ))
          : optionList(options)}
      </select>
      <p
        id={`${id}-about`}
        className="mt-2 text-sm leading-relaxed text-slate-600 dark:text-slate-300"
      >
        {disabledReason ?? chosen?.description}
      </p>
    </div>
  );
}

/** Turns on a second run under another strategy, shown side by side. */
function CompareField() {
  const t = useMessages();
  const id = useId();
  const spec = useLab((s) => s.spec);
  const select = useLab((s) => s.select);
  const other = STRATEGY_IDS.find((s) => s !== spec.strategy) ?? 'atomic-key';
  const fallback = spec.strategy === 'none' ? 'atomic-key' : other;
  return (
    <div>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          id={COMPARE_TOGGLE_ID}
          type="checkbox"
          className="size-4 accent-indigo-600"
          checked={spec.compare !== null}
          onChange={(e) => select({ compare: e.target.checked ? fallback : null })}
        />
        {t.compare.toggle}
      </label>
      {spec.compare !== null && (
        <>
          <label htmlFor={id} className="mt-2 block text-sm font-medium">
            {t.compare.with}
          </label>
          <select
            id={id}
            className={fieldClass}
            value={spec.compare}
            onChange={(e) => {
              const compare = e.target.value;
              if (isStrategyId(compare)) select({ compare });
            }}
          >
            {STRATEGY_IDS.filter((s) => s !== spec.strategy).map((s) => (
              <option key={s} value={s}>
                {t.strategies[s].title}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
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
          className={`${fieldClass} mt-0 font-mono`}
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
