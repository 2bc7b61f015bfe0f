import { CaptionSlot } from '../caption/CaptionSlot.tsx';
import { Controls } from '../controls/Controls.tsx';
import { BadLinkNotice, FromInterviewNotice, LoadNotice } from '../common/BadLinkNotice.tsx';
import { Deferred } from '../common/Deferred.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { retryable } from '../common/retryable.ts';
import { PlaybackBar } from '../playback/PlaybackBar.tsx';
import { ShownLater } from '../playback/ShownLater.tsx';
import { useTraceSoFar } from '../playback/frame.ts';
import { Topology } from '../topology/Topology.tsx';

// Everything but the bar, the playback, the topology and the ledger's line loads after the first
// paint, which keeps the first screen's JavaScript within its budget.
const FaultPanel = retryable(() => import('../faults/FaultPanel.tsx').then((m) => m.FaultPanel));
const FaultTray = retryable(() => import('../faults/FaultTray.tsx').then((m) => m.FaultTray));
const CompareView = retryable(() =>
  import('../compare/CompareView.tsx').then((m) => m.CompareView),
);
const SequenceDiagram = retryable(() =>
  import('../sequence/SequenceDiagram.tsx').then((m) => m.SequenceDiagram),
);
const EventLog = retryable(() => import('../log/EventLog.tsx').then((m) => m.EventLog));
const ExportMenu = retryable(() => import('../export/ExportMenu.tsx').then((m) => m.ExportMenu));
// The ledger's line loads a moment after the first paint, with the summaries it reads.
const LedgerLine = retryable(() => import('../outcome/LedgerLine.tsx').then((m) => m.LedgerLine));
const BelowStage = retryable(() => import('./BelowStage.tsx').then((m) => m.BelowStage));

/**
 * The simulator: a bar of what to run, then the stage — the topology with its caption and the
 * live faults beside it, the ledger's headline and the sequence diagram — on one screen from
 * 1024×768 up, so a cause and its effect are seen together. The panels that need room (the full
 * ledger, invariants, state machines, the event log) sit below the stage.
 *
 * On a phone the stage stacks; while a run plays, the topology and its caption stick to the top
 * and the playback bar to the bottom, within a thumb's reach, with the one-press faults in a row
 * over it (the pinned stage covers their panel).
 */
export function LabStage() {
  const t = useMessages();
  const playing = useLab((s) => s.playing);
  const comparing = useLab((s) => s.compared !== null && s.spec.compare !== null);
  // Two topologies side by side take the stage's whole width, so their labels stay readable;
  // the sequence diagram then follows below them.
  const columns = comparing ? 'lg:grid-cols-1' : 'lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]';
  return (
    <main className="mx-auto flex max-w-[100rem] flex-col gap-3 px-3 pt-3 lg:gap-2 lg:pt-2 pb-64 sm:px-4 lg:pb-6">
      <BadLinkNotice />
      <LoadNotice />
      <FromInterviewNotice />
      <Controls>
        {/* On one line, so the bar stays one line high. */}
        <div className="shrink-0 whitespace-nowrap">
          <Deferred>
            <ExportMenu />
          </Deferred>
        </div>
      </Controls>
      <div className="max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-20 max-lg:shadow-[0_-4px_12px_rgb(0_0_0/0.12)]">
        {/* On a phone the one-press faults ride on the bar: the pinned stage covers their panel. */}
        <div className="lg:hidden">
          <Deferred>
            <FaultTray />
          </Deferred>
        </div>
        <PlaybackBar />
      </div>
      <div
        id="stage"
        data-playing={playing}
        className={`max-lg:contents lg:grid lg:items-start lg:gap-2 ${columns}`}
      >
        <div className="flex min-w-0 flex-col gap-3 max-lg:contents lg:gap-2">
          <div className="stage-pin">
            <StageView />
          </div>
          <Deferred>
            <FaultPanel trayOnPhones />
          </Deferred>
        </div>
        <div className="flex min-w-0 flex-col gap-3 max-lg:contents lg:gap-2">
          <StageLedger />
          <Deferred fallback={<p className="text-sm">{t.sequence.loading}</p>}>
            <SequenceDiagram />
          </Deferred>
        </div>
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300">{t.stage.moreViews}</p>
      {/* Off the first screen: they follow a move of the cursor just after the stage has drawn it. */}
      <ShownLater>
        <Deferred>
          <BelowStage />
        </Deferred>
        {/* The skip link's target, there before the lazily loaded log is. */}
        <div id="log" className="min-w-0">
          <Deferred>
            <EventLog />
          </Deferred>
        </div>
      </ShownLater>
    </main>
  );
}

/**
 * On the stage the topology is drawn left to right down to this box width (CSS px), so at
 * 1024×768 it stays one short drawing; below it (a phone) it is drawn top to bottom.
 */
const STAGE_NARROW_PX = 460;

/** One run's topology with its caption under it; with a comparison, both runs side by side. */
function StageView() {
  const comparing = useLab((s) => s.compared !== null && s.spec.compare !== null);
  const caption = (
    <CaptionSlot className="text-lg leading-snug font-medium [&_[data-testid=caption]]:text-lg" />
  );
  return comparing ? (
    <Deferred>
      <CompareView>{caption}</CompareView>
    </Deferred>
  ) : (
    <Topology narrowBelow={STAGE_NARROW_PX} untitled>
      {caption}
    </Topology>
  );
}

/** The ledger's headline at the cursor, in one line; the full ledger is below the stage. */
function StageLedger() {
  const run = useLab((s) => s.run);
  const trace = useTraceSoFar();
  const comparing = useLab((s) => s.compared !== null && s.spec.compare !== null);
  // With a comparison each side carries its own headline.
  if (comparing) return null;
  return (
    <div className="min-h-[3rem]">
      <Deferred>
        <LedgerLine run={run} trace={trace} />
      </Deferred>
    </div>
  );
}
