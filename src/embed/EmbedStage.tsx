import { useEffect, useState } from 'react';
import { Caption } from '../ui/caption/Caption.tsx';
import { Deferred } from '../ui/common/Deferred.tsx';
import { retryable } from '../ui/common/retryable.ts';
import { useMessages } from '../ui/common/lab.ts';
import { Topology } from '../ui/topology/Topology.tsx';
import { LedgerHeadline } from './Headline.tsx';
import type { PanelName } from './params.ts';

const SequenceDiagram = retryable(() =>
  import('../ui/sequence/SequenceDiagram.tsx').then((m) => m.SequenceDiagram),
);
const CompareView = retryable(() =>
  import('../ui/compare/CompareView.tsx').then((m) => m.CompareView),
);

/**
 * The stage a slide embeds: the panels its link names, laid out for the frame's own size and
 * shape (measured, not the page's breakpoints), and never taller than the frame. Panels that draw
 * (topology, sequence, compare) share the height left by the ones that read (caption, ledger).
 */
export function EmbedStage({ view }: { view: readonly PanelName[] }) {
  const wide = useFrameIsWide();
  const drawn = view.filter((panel) => !READ.includes(panel));
  const [first, ...others] = drawn;
  const read = view.filter((panel) => READ.includes(panel));
  if (!wide || first === undefined || others.length === 0) return <Column panels={view} />;
  // A wide frame with two drawings: the first across the top, where the topology keeps its
  // left-to-right drawing; below it the texts, and the other drawings beside them.
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <Column panels={[first]} />
      <div className="flex min-h-0 flex-1 flex-row gap-2">
        {read.length > 0 && <Column panels={read} />}
        <Column panels={others} />
      </div>
    </div>
  );
}

/** Panels of text: they take the height they need; the drawings share the rest. */
const READ: readonly PanelName[] = ['caption', 'ledger'];

function Column({ panels }: { panels: readonly PanelName[] }) {
  return (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-2">
      {panels.map((panel) => (
        <Slot key={panel} panel={panel} />
      ))}
    </div>
  );
}

/**
 * Each panel in its slot. The lab's panels are drawn for a page that scrolls; here their boxes are
 * stretched to the slot and their drawings fit it (an SVG with a viewBox keeps its proportions).
 */
const FILL =
  'flex min-h-0 flex-1 flex-col [&>section]:flex [&>section]:min-h-0 [&>section]:flex-1 [&>section]:flex-col [&>section]:p-1';

/**
 * The topology's smallest labels (11–12 drawing units: states, messages, the network's name) are
 * drawn at 13 here, as its actors' names are: on a projector at scale=1.5 in a 1280×720 frame every
 * label then reaches 20 px (measured in e2e/embed.spec.ts; at 11 they were 17.5).
 */
const PROJECTOR_TEXT = '[&_svg_text]:text-[13px]';

function Slot({ panel }: { panel: PanelName }) {
  const t = useMessages();
  switch (panel) {
    case 'caption':
      return (
        <div className="flex-none text-xl leading-snug font-medium [&_p]:text-[length:inherit]">
          <Caption />
        </div>
      );
    case 'ledger':
      return (
        <div className="flex-none [&_[data-testid]]:text-xl">
          <LedgerHeadline />
        </div>
      );
    case 'topology':
      return (
        <div
          className={`${FILL} [&_figure]:min-h-0 [&_figure]:flex-1 [&_h2]:sr-only [&_svg]:h-full [&_svg]:w-full ${PROJECTOR_TEXT}`}
        >
          <Topology />
        </div>
      );
    case 'sequence':
      // On a slide nobody selects an arrow: the hint about it would only take the room's lines.
      return (
        <div
          className={`${FILL} [&_.sequence-hint]:hidden [&>section>div:first-of-type]:max-h-none [&>section>div:first-of-type]:min-h-0 [&>section>div:first-of-type]:flex-1`}
        >
          <Deferred fallback={<p className="text-sm">{t.sequence.loading}</p>}>
            <SequenceDiagram />
          </Deferred>
        </div>
      );
    case 'compare':
      return (
        <div className={`${FILL} overflow-hidden`}>
          <Deferred>
            <CompareView />
          </Deferred>
        </div>
      );
  }
}

/** Wider than 4:3: room for two drawings side by side. Followed as the frame resizes. */
function useFrameIsWide(): boolean {
  const wideNow = () => window.innerWidth >= window.innerHeight * (4 / 3);
  const [wide, setWide] = useState(wideNow);
  useEffect(() => {
    const onResize = () => setWide(wideNow());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return wide;
}
