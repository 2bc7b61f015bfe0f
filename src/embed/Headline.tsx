import { useMemo } from 'react';
import { summarize } from '../model/outcome.ts';
import { resourceKit } from '../state/loadResources.ts';
import type { TraceRecord } from '../model/trace.ts';
import { useLab, useMessages } from '../ui/common/lab.ts';
import { HeadlineBox, verdictText } from '../ui/outcome/RunFacts.tsx';
import { useTraceSoFar } from '../ui/playback/frame.ts';
import { paymentVerdict, resourceHeadline, resourceVerdict } from '../ui/outcome/verdict.ts';

/**
 * The ledger's headline alone, for a slide: charges against payments and the verdict under it
 * (lost updates, for an HTTP scenario). The full ledger's tables and lists stay in the full lab.
 */
export function LedgerHeadline() {
  const world = useLab((s) => s.run.world);
  const trace = useTraceSoFar();
  return (
    <section aria-labelledby="embed-ledger-title">
      <h2 id="embed-ledger-title" className="sr-only">
        {useMessages().ledger.region}
      </h2>
      {world === 'resources' ? <ResourceLine trace={trace} /> : <PaymentLine trace={trace} />}
    </section>
  );
}

function PaymentLine({ trace }: { trace: readonly TraceRecord[] }) {
  const t = useMessages();
  const outcome = useMemo(() => summarize(trace), [trace]);
  const duplicated = outcome.duplicateCharges > 0;
  // The stage's own rule (verdict.ts): no verdict before anything has happened, nor while a
  // payment still waits for its answer — one charge may yet become two.
  const verdict = paymentVerdict(outcome);
  const pending = verdict === 'start' || verdict === 'pending';
  return (
    <HeadlineBox
      harmed={verdict === 'harmed'}
      pending={pending}
      headline={t.outcome.chargesFor(outcome.charges, outcome.intents)}
      testId="charges-headline"
    >
      {!pending && (
        <p className={verdictText(duplicated)}>
          {duplicated ? t.outcome.duplicates(outcome.duplicateCharges) : t.outcome.noDuplicates}
        </p>
      )}
    </HeadlineBox>
  );
}

function ResourceLine({ trace }: { trace: readonly TraceRecord[] }) {
  const { resourceOutcome: r, stage } = useMessages();
  const outcome = useMemo(() => resourceKit().summarizeResources(trace), [trace]);
  const verdict = resourceVerdict(outcome);
  const pending = verdict === 'start' || verdict === 'pending';
  return (
    <HeadlineBox
      harmed={verdict === 'harmed'}
      pending={pending}
      headline={
        verdict === 'start'
          ? stage.start
          : verdict === 'pending'
            ? stage.resourceSoFar
            : resourceHeadline(r, outcome)
      }
      testId="resource-headline"
    >
      {!pending && (
        <p className={verdictText(outcome.lostUpdates > 0)}>
          {outcome.lostUpdates > 0 ? r.lostUpdates(outcome.lostUpdates) : r.noLostUpdates}
        </p>
      )}
    </HeadlineBox>
  );
}
