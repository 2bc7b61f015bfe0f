import type { ReactNode } from 'react';

/** A line that leads to another page of the course: the glossary, the matrix, the interview. */
export function PageLink({
  href,
  className,
  children,
}: {
  href: string;
  className: string;
  children: ReactNode;
}) {
  return (
    <p className={className}>
      <a href={href} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
        {children} →
      </a>
    </p>
  );
}
