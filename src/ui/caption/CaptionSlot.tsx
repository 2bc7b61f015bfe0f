import { Deferred } from '../common/Deferred.tsx';
import { retryable } from '../common/retryable.ts';

// The caption and the texts it reads load after the first paint.
const Caption = retryable(() => import('./Caption.tsx').then((m) => m.Caption));

/**
 * The caption's place under a drawing (the lab's stage, a lesson's topology), keeping its
 * height while it loads, so the page does not jump when it arrives.
 */
export function CaptionSlot({ className = '' }: { className?: string }) {
  return (
    <div className={`mt-1 min-h-[2.75rem] ${className}`}>
      <Deferred>
        <Caption />
      </Deferred>
    </div>
  );
}
