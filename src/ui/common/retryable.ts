import { createElement, lazy, type ComponentProps, type ComponentType } from 'react';

/** How to load each failed component afresh; kept until someone asks to try again. */
const failed = new Set<() => void>();

/** Called by "Try again": the components that failed to load will fetch their code anew. */
export function retryFailedLoads(): void {
  for (const renew of failed) renew();
  failed.clear();
}

/**
 * A component loaded on demand (`load` resolves to it), as `React.lazy` loads one, that can try
 * again. Lazy keeps a failed load's error for good, so "Try again" would only show the failure
 * again; here a failed load stays failed (its error boundary shows it) until `retryFailedLoads`
 * swaps in a fresh lazy component, and the next render fetches the code anew.
 */
// `any` as React.lazy's own signature has it: a component of any props.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function retryable<C extends ComponentType<any>>(load: () => Promise<C>) {
  const attempt = () =>
    load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        failed.add(() => (current = lazy(attempt)));
        throw error;
      },
    );
  let current = lazy(attempt);
  return function Retryable(props: ComponentProps<C>) {
    return createElement(current, props);
  };
}
