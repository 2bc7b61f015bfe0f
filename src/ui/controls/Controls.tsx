import { Fragment, useId, useRef, useState, type ReactNode } from 'react';
import { isStrategyId, STRATEGY_IDS } from '../../model/strategies.ts';
import { isResourceScenario, SCENARIO_IDS, worldOf } from '../../scenarios/ids.ts';
import { useLab, useMessages } from '../common/lab.ts';
import { Deferred } from '../common/Deferred.tsx';
import { retryable } from '../common/retryable.ts';

// The drawer's insides (descriptions, seed, settings) load when it is first opened: the first
// screen needs only the bar.
const RunSettings = retryable(() => import('./RunSettings.tsx').then((m) => m.RunSettings));

export const barFieldClass =
  'h-9 w-full min-w-0 max-w-full rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800 disabled:cursor-not-allowed disabled:opacity-60';

/**
 * What to run, in one line above the stage: scenario, strategy, a second strategy to compare
 * with, and a drawer for the rest (seed, descriptions, settings), so the run itself keeps the
 * screen.
 */
export function Controls({ children }: { children?: ReactNode }) {
  const t = useMessages();
  const spec = useLab((s) => s.spec);
  const select = useLab((s) => s.select);
  const resources = isResourceScenario(spec.scenario);
  return (
    <section
      id="controls"
      aria-label={t.controls.region}
      className="grid grid-cols-2 items-end gap-x-3 gap-y-2 rounded-xl sm:flex sm:flex-wrap sm:items-center lg:flex-nowrap border border-slate-200 bg-white px-3 py-2 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <BarSelect
        label={t.controls.scenario}
        value={spec.scenario}
        groups={groupedScenarios(t)}
        onPick={(scenario) => {
          const chosen = SCENARIO_IDS.find((id) => id === scenario);
          if (chosen) select({ scenario: chosen });
        }}
        wide
      />
      <BarSelect
        label={t.controls.strategy}
        value={spec.strategy}
        groups={[{ options: STRATEGY_IDS.map((id) => ({ id, title: t.strategies[id].title })) }]}
        onPick={(strategy) => isStrategyId(strategy) && select({ strategy })}
        disabled={resources}
        title={resources ? t.controls.noStrategy : t.strategies[spec.strategy].description}
      />
      {!resources && <CompareSelect />}
      <SettingsDrawer />
      {children}
    </section>
  );
}

type Texts = ReturnType<typeof useMessages>;
interface OptionGroup {
  label?: string;
  options: { id: string; title: string }[];
}

/** The scenarios under their world's heading, in the order of the catalogue. */
function groupedScenarios(t: Texts): OptionGroup[] {
  const worlds = [...new Set(SCENARIO_IDS.map(worldOf))];
  return worlds.map((world) => ({
    label: t.controls.groups[world],
    options: SCENARIO_IDS.filter((id) => worldOf(id) === world).map((id) => ({
      id,
      title: t.scenarios[id].title,
    })),
  }));
}

/** A small labelled select for the bar; the chosen option's description is its tooltip. */
function BarSelect({
  label,
  value,
  groups,
  onPick,
  disabled = false,
  title,
  wide = false,
}: {
  label: string;
  value: string;
  groups: OptionGroup[];
  onPick: (value: string) => void;
  disabled?: boolean;
  title?: string;
  wide?: boolean;
}) {
  const id = useId();
  const options = (group: OptionGroup) =>
    group.options.map((o) => (
      <option key={o.id} value={o.id}>
        {o.title}
      </option>
    ));
  return (
    <div
      className={`flex min-w-0 items-center gap-1.5 ${wide ? 'col-span-2 sm:max-w-[22rem]' : 'sm:max-w-[18rem]'} max-sm:flex-col max-sm:items-start`}
    >
      <label
        htmlFor={id}
        className="shrink-0 text-sm font-medium text-slate-600 dark:text-slate-300"
      >
        {label}
      </label>
      <select
        id={id}
        className={barFieldClass}
        value={value}
        disabled={disabled}
        title={title}
        onChange={(e) => onPick(e.target.value)}
      >
        {groups.map((group, i) =>
          group.label ? (
            <optgroup key={group.label} label={group.label}>
              {options(group)}
            </optgroup>
          ) : (
            <Fragment key={i}>{options(group)}</Fragment>
          ),
        )}
      </select>
    </div>
  );
}

/** A second strategy run beside the first on the same seed and faults, or none. */
function CompareSelect() {
  const t = useMessages();
  const spec = useLab((s) => s.spec);
  const select = useLab((s) => s.select);
  const id = useId();
  return (
    <div className="flex min-w-0 items-center gap-1.5 max-sm:flex-col max-sm:items-start sm:max-w-[18rem]">
      <label
        htmlFor={id}
        className="shrink-0 text-sm font-medium text-slate-600 dark:text-slate-300"
      >
        {t.stage.compareLabel}
      </label>
      <select
        id={id}
        className={barFieldClass}
        value={spec.compare ?? ''}
        onChange={(e) => {
          const compare = e.target.value;
          select({ compare: isStrategyId(compare) ? compare : null });
        }}
      >
        <option value="">{t.stage.compareOff}</option>
        {STRATEGY_IDS.filter((s) => s !== spec.strategy).map((s) => (
          <option key={s} value={s}>
            {t.strategies[s].title}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The seed, the descriptions and the settings in a modal drawer: the browser's own dialog, so
 * focus moves into it, Escape closes it, and the page behind is inert while it is open. Focus
 * goes back to the button that opened it.
 */
function SettingsDrawer() {
  const t = useMessages();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const show = () => {
    setOpen(true);
    dialog.current?.showModal();
  };
  const close = () => dialog.current?.close();
  return (
    <>
      <button
        ref={opener}
        type="button"
        aria-haspopup="dialog"
        onClick={show}
        className="col-span-2 ml-auto h-9 shrink-0 rounded-lg border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        <span aria-hidden="true" className="mr-1.5">
          ⚙
        </span>
        {t.stage.settings}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => {
          setOpen(false);
          opener.current?.focus();
        }}
        className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-[min(28rem,100vw)] max-w-none overflow-y-auto border-l border-slate-200 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-950/40 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="mb-3 flex items-center justify-between gap-3">
          <h2 id={titleId} className="text-lg font-semibold">
            {t.stage.settingsTitle}
          </h2>
          <button
            type="button"
            onClick={close}
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            {t.stage.close}
          </button>
        </div>
        {open && (
          <Deferred fallback={<p className="text-sm">{t.nav.loading}</p>}>
            <RunSettings />
          </Deferred>
        )}
      </dialog>
    </>
  );
}
