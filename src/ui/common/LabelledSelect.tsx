import { useId } from 'react';

/**
 * A small picker with its label beside it: the crash point to arm, the actor whose chart to draw.
 * The label names the select for screen readers; the options are value and text pairs.
 */
export function LabelledSelect<V extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V;
  options: readonly { value: V; text: string }[];
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          // The options are the values: finding the one chosen types it without a cast.
          const chosen = options.find((option) => option.value === e.target.value);
          if (chosen) onChange(chosen.value);
        }}
        className="h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-800"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.text}
          </option>
        ))}
      </select>
    </>
  );
}
