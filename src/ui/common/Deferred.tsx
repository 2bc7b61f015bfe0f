import { Suspense, type ReactNode } from 'react';
import { useMessages } from './lab.ts';
import { LoadFailure } from './LoadFailure.tsx';

/**
 * A part of the page loaded on demand: `fallback` while it loads, and a sentence with a way to
 * try again if it cannot load, so one missing chunk never blanks the page around it.
 */
export function Deferred({
  fallback = null,
  children,
}: {
  fallback?: ReactNode;
  children: ReactNode;
}) {
  const t = useMessages();
  return (
    <LoadFailure message={t.nav.partFailed} retry={t.nav.retry}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </LoadFailure>
  );
}
