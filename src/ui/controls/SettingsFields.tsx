import { useId } from 'react';
import type { Messages } from '../../i18n/i18n.ts';
import { worldOf } from '../../scenarios/ids.ts';
import {
  SETTINGS,
  settingApplies,
  withSetting,
  type AnySettingRow,
  type Tweaks,
} from '../../scenarios/tweaks.ts';
import { useLab, useMessages } from '../common/lab.ts';

const selectClass =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800';

type Texts = Messages['settings'];

/** How a setting is shown: its label, and the words for each of its values (from `t` if not in `s`). */
interface Shown<K extends keyof Tweaks> {
  label: (s: Texts, t: Messages) => string;
  option: (v: NonNullable<Tweaks[K]>, s: Texts, t: Messages) => string;
}

/** Every setting's words; a mapped type, so that a field picks its own row's types. */
const SHOWN: { [K in keyof Tweaks & string]: Shown<K> } = {
  retry: { label: (s) => s.retry, option: (v, s) => s.retryKinds[v] },
  attempts: { label: (s) => s.attempts, option: String },
  keyPolicy: { label: (s) => s.keyPolicy, option: (v, s) => s.keyPolicies[v] },
  lossPercent: { label: (s) => s.loss, option: (v, s) => s.percent(v) },
  duplicationPercent: { label: (s) => s.duplication, option: (v, s) => s.percent(v) },
  delayMaxMs: { label: (s) => s.delayMax, option: (v, s) => s.ms(v) },
  keyTtlMs: { label: (s) => s.ttl, option: (v, s) => s.ttls[v] ?? s.ms(v) },
  payments: { label: (s) => s.payments, option: String },
  keyStoreFailure: { label: (s) => s.failure, option: (v, s) => s.failures[v] },
  errors: { label: (s) => s.errors, option: (v, s) => s.errorChoices[v] },
  keyRequired: { label: (s) => s.keyRequired, option: (v, s) => s.keyRequiredChoices[v] },
  errors5xx: {
    label: (_, t) => t.outage.errors5xx,
    option: (v, _, t) => t.outage.errors5xxChoices[v],
  },
  retryBudget: {
    label: (_, t) => t.retries.budget,
    option: (v, _, t) => t.retries.budgetChoices[v],
  },
  maxInProgress: {
    label: (_, t) => t.retries.limit,
    option: (v, _, t) => t.retries.limitOption(v),
  },
  chargeId: { label: (s) => s.chargeId, option: (v, s) => s.chargeIdChoices[v] },
};

/**
 * The scenario's settings a person may change: retry and key policy, loss, copies and delay,
 * key TTL and the key store's failure mode — those of the settings table (scenarios/tweaks.ts)
 * that apply to the scenario's world. Each choice starts a new run; "as in the scenario"
 * removes the change. Everything is in the link.
 */
export function SettingsFields() {
  const s = useMessages().settings;
  const spec = useLab((st) => st.spec);
  const select = useLab((st) => st.select);
  const world = worldOf(spec.scenario);
  return (
    <details open className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
      <summary className="cursor-pointer text-sm font-medium">{s.summary}</summary>
      <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
        {SETTINGS.filter((row) => settingApplies(row, world)).map((row) => (
          <SettingChoice key={row.field} row={row} />
        ))}
      </div>
      {Object.keys(spec.tweaks).length > 0 && (
        <button
          type="button"
          onClick={() => select({ tweaks: {} })}
          className="mt-3 rounded-lg border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-600"
        >
          {s.restore}
        </button>
      )}
    </details>
  );
}

/** One setting's control, its options from the table. */
function SettingChoice({ row }: { row: AnySettingRow }) {
  const t = useMessages();
  const tweaks = useLab((st) => st.spec.tweaks);
  const select = useLab((st) => st.select);
  return <Choice {...choiceProps(row, tweaks, t, (next) => select({ tweaks: next }))} />;
}

/** A row's label, value and options, typed by its field, for the select that shows it. */
function choiceProps<K extends keyof Tweaks>(
  row: { field: K; values: readonly NonNullable<Tweaks[K]>[] },
  tweaks: Tweaks,
  t: Messages,
  onTweaks: (tweaks: Tweaks) => void,
) {
  const shown = SHOWN[row.field];
  const s = t.settings;
  return {
    label: shown.label(s, t),
    value: tweaks[row.field],
    options: row.values.map((v): [NonNullable<Tweaks[K]>, string] => [v, shown.option(v, s, t)]),
    onChange: (value: Tweaks[K] | undefined) => onTweaks(withSetting(tweaks, row.field, value)),
  };
}

/** A labelled select whose first option keeps the scenario's own value. */
function Choice<V extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V | undefined;
  options: [V, string][];
  onChange: (value: V | undefined) => void;
}) {
  const t = useMessages();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        className={selectClass}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const picked = options.find(([v]) => String(v) === e.target.value);
          onChange(picked?.[0]);
        }}
      >
        <option value="">{t.settings.asScenario}</option>
        {options.map(([v, text]) => (
          <option key={String(v)} value={String(v)}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
