import { Component, type ReactNode } from 'react';
import { retryFailedLoads } from './retryable.ts';

/**
 * When a part of the page loaded on demand cannot load (the network dropped), a sentence and a
 * way to try again take its place — not a blank page.
 */
export class LoadFailure extends Component<
  { message: string; retry: string; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p role="alert" className="mx-auto max-w-3xl px-4 py-6">
        {this.props.message}{' '}
        <button
          type="button"
          onClick={() => {
            retryFailedLoads();
            this.setState({ failed: false });
          }}
          className="rounded-md border border-slate-300 px-2 py-0.5 font-medium dark:border-slate-600"
        >
          {this.props.retry}
        </button>
      </p>
    );
  }
}
