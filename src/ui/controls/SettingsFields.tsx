import { useId } from 'react';
import { KEY_POLICIES, RETRY_KINDS } from '../../model/settings.ts';
import { isResourceScenario } from '../../scenarios/ids.ts';
import {
  ATTEMPT_CHOICES,
  DELAY_CHOICES_MS,
  DUPLICATION_CHOICES,
  KEY_STORE_FAILURES,
  ERROR_POLICIES,
  KEY_TTLS_MS,
  LOSS_CHOICES,
  PAYMENT_CHOICES,
  type Tweaks,
} from '../../scenarios/tweaks.ts';
import { useLab, useMessages } from '../common/lab.ts';

const selectClass =
  'mt-1 block w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800';

/**
 * The scenario's settings a person may change: retry and key policy, loss, copies and delay,
 * key TTL and the key store's failure mode. Each choice starts a new run; "as in the scenario"
 * removes the change. Everything is in the link.
 */
export function SettingsFields() {
  const t = useMessages();
  const s = t.settings;
  const spec = useLab((st) => st.spec);
  const select = useLab((st) => st.select);
  const payments = !isResourceScenario(spec.scenario);
  const set = <K extends keyof Tweaks>(key: K, value: Tweaks[K] | undefined) => {
    const tweaks = { ...spec.tweaks };
    if (value === undefined) delete tweaks[key];
    else tweaks[key] = value;
    select({ tweaks });
  };
  return (
    <details className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
      <summary className="cursor-pointer text-sm font-medium">{s.summary}</summary>
      <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
        <Choice
          label={s.retry}
          value={spec.tweaks.retry}
          options={RETRY_KINDS.map((k) => [k, s.retryKinds[k]])}
          onChange={(v) => set('retry', v)}
        />
        <Choice
          label={s.attempts}
          value={spec.tweaks.attempts}
          options={ATTEMPT_CHOICES.map((n) => [n, String(n)])}
          onChange={(v) => set('attempts', v)}
        />
        {payments && (
          <Choice
            label={s.keyPolicy}
            value={spec.tweaks.keyPolicy}
            options={KEY_POLICIES.map((k) => [k, s.keyPolicies[k]])}
            onChange={(v) => set('keyPolicy', v)}
          />
        )}
        <Choice
          label={s.loss}
          value={spec.tweaks.lossPercent}
          options={LOSS_CHOICES.map((n) => [n, s.percent(n)])}
          onChange={(v) => set('lossPercent', v)}
        />
        <Choice
          label={s.duplication}
          value={spec.tweaks.duplicationPercent}
          options={DUPLICATION_CHOICES.map((n) => [n, s.percent(n)])}
          onChange={(v) => set('duplicationPercent', v)}
        />
        <Choice
          label={s.delayMax}
          value={spec.tweaks.delayMaxMs}
          options={DELAY_CHOICES_MS.map((n) => [n, s.ms(n)])}
          onChange={(v) => set('delayMaxMs', v)}
        />
        {payments && (
          <>
            <Choice
              label={s.ttl}
              value={spec.tweaks.keyTtlMs}
              options={KEY_TTLS_MS.map((n) => [n, s.ttls[n]!])}
              onChange={(v) => set('keyTtlMs', v)}
            />
            <Choice
              label={s.payments}
              value={spec.tweaks.payments}
              options={PAYMENT_CHOICES.map((n) => [n, String(n)])}
              onChange={(v) => set('payments', v)}
            />
            <Choice
              label={s.failure}
              value={spec.tweaks.keyStoreFailure}
              options={KEY_STORE_FAILURES.map((k) => [k, s.failures[k]])}
              onChange={(v) => set('keyStoreFailure', v)}
            />
            <Choice
              label={s.errors}
              value={spec.tweaks.errors}
              options={ERROR_POLICIES.map((k) => [k, s.errorChoices[k]])}
              onChange={(v) => set('errors', v)}
            />
          </>
        )}
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
