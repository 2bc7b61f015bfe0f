import type { ReactNode } from 'react';

/**
 * A titled region: a landmark named by its heading, so screen readers and tests can find it.
 * `dense` trims the padding for panels on the stage, where every line of height counts.
 */
export function Panel({
  id,
  title,
  children,
  className = '',
  dense = false,
}: {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
  dense?: boolean;
}) {
  return (
    <section
      id={id}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      className={`rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900 ${dense ? 'px-3 py-2' : 'p-4'} ${className}`}
    >
      <h2
        id={`${id}-title`}
        className={`${dense ? 'mb-1' : 'mb-3'} text-sm font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400`}
      >
        {title}
      </h2>
      {children}
    </section>
  );
}
