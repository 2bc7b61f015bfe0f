import type { ReactNode } from 'react';

/**
 * A titled region: a landmark named by its heading, so screen readers and tests can find it.
 * `dense` trims the padding for panels on the stage, where every line of height counts, and
 * `inlineTitle` puts the title on the first line of the content.
 */
export function Panel({
  id,
  title,
  children,
  className = '',
  dense = false,
  inlineTitle = false,
  titleForReadersOnly = false,
}: {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
  dense?: boolean;
  /** The title on the same line as the first of the content (a row of buttons, say). */
  inlineTitle?: boolean;
  /** The title names the region for screen readers but takes no line on screen. */
  titleForReadersOnly?: boolean;
}) {
  return (
    <section
      id={id}
      tabIndex={-1}
      aria-labelledby={`${id}-title`}
      className={`rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900 ${dense ? 'px-3 py-2' : 'p-4'} ${inlineTitle ? 'flex flex-wrap items-center gap-x-3 gap-y-1' : ''} ${className}`}
    >
      <h2
        id={`${id}-title`}
        className={`${titleForReadersOnly ? 'sr-only' : ''} ${inlineTitle ? '' : dense ? 'mb-1' : 'mb-3'} text-sm font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400`}
      >
        {title}
      </h2>
      {children}
    </section>
  );
}
