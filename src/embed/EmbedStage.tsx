import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
  type RefObject,
} from 'react';
import { Caption } from '../ui/caption/Caption.tsx';
import { useCaptionIndex } from '../ui/caption/useCaptionIndex.ts';
import { Deferred } from '../ui/common/Deferred.tsx';
import { retryable } from '../ui/common/retryable.ts';
import { useLab, useMessages } from '../ui/common/lab.ts';
import { Topology } from '../ui/topology/Topology.tsx';
import { COMPACT } from '../ui/topology/layout.ts';
import { LedgerHeadline } from './Headline.tsx';
import { bestStep, fitSteps, stepsFor, type FitStep, type Fitted, type Frame } from './fit.ts';
import type { PanelName } from './params.ts';

const SequenceDiagram = retryable(() =>
  import('../ui/sequence/SequenceDiagram.tsx').then((m) => m.SequenceDiagram),
);
const CompareView = retryable(() =>
  import('../ui/compare/CompareView.tsx').then((m) => m.CompareView),
);

/**
 * How the topology is drawn in a frame of this size (device px, the frame's own, not the page's
 * breakpoints): left to right in 760 units in a wide frame; in 496 units in a frame under 700 px
 * (two stages side by side on a slide), so its labels stay readable; top to bottom in a frame
 * much taller than wide (a phone-shaped frame).
 */
export type TopologyShape = 'wide' | 'compact' | 'tall';

const COMPACT_BELOW_PX = 700;

export function topologyShape({ width, height }: Frame): TopologyShape {
  if (width >= COMPACT_BELOW_PX) return 'wide';
  return height > width * 1.3 ? 'tall' : 'compact';
}

/**
 * The stage a slide embeds: the panels its link names, laid out for the frame's own size and
 * shape, and never taller than the frame. Panels that draw (topology, sequence, compare) share the
 * height left by the ones that read (caption, ledger); those are never squeezed out: when they
 * need more room, their text steps down until the drawings and the texts are both as large as the
 * frame allows (fit.ts).
 */
export function EmbedStage({
  view,
  frame,
  zoom,
}: {
  view: readonly PanelName[];
  frame: Frame;
  zoom: number;
}) {
  const root = useRef<HTMLDivElement>(null);
  const shape = topologyShape(frame);
  const refit = useFittedReading(root, frame, zoom, shape);
  const wide = frame.width >= frame.height * (4 / 3);
  const drawn = view.filter((panel) => !READ.includes(panel));
  const [first, ...others] = drawn;
  const read = view.filter((panel) => READ.includes(panel));
  const style = { '--read-px': `${fitSteps[0]!.readPx}px`, '--read-share': '1' } as CSSProperties;
  if (!wide || first === undefined || others.length === 0)
    return (
      <Refit.Provider value={refit}>
        <div ref={root} style={style} className="flex min-h-0 flex-1 flex-col overflow-hidden">
          <Column panels={view} shape={shape} />
        </div>
      </Refit.Provider>
    );
  // A wide frame with two drawings: the first across the top, where the topology keeps its
  // left-to-right drawing; below it the texts, and the other drawings beside them. The row is as
  // tall as its texts need (at least half the stage); the drawings beside them take that height
  // and do not add their own, so a long sequence never pushes the topology away.
  return (
    <Refit.Provider value={refit}>
      <div ref={root} style={style} className="flex min-h-0 flex-1 flex-col gap-2 overflow-hidden">
        <Column panels={[first]} shape={shape} grow={TOP_SHARE} />
        <div className="flex flex-1 basis-0 flex-row gap-2">
          {read.length > 0 && (
            // Not a Column: its texts' height is what the row must be at least.
            <div className="flex min-w-0 flex-col gap-2" style={{ flex: 'var(--read-share) 1 0' }}>
              {read.map((panel) => (
                <Slot key={panel} panel={panel} shape={shape} />
              ))}
            </div>
          )}
          <div className="relative min-w-0 flex-1 basis-0">
            <div className="absolute inset-0 flex flex-col">
              <Column panels={others} shape={shape} />
            </div>
          </div>
        </div>
      </div>
    </Refit.Provider>
  );
}

/** Fits the stage again: for a panel that arrives later (the sequence is loaded on demand). */
const Refit = createContext<() => void>(() => {});

/** Its children, and a fit of the stage once they are on it. */
function ThenRefit({ children }: { children: ReactNode }) {
  const refit = useContext(Refit);
  useLayoutEffect(() => refit(), [refit]);
  return children;
}

/** Panels of text: they take the height they need; the drawings share the rest. */
const READ: readonly PanelName[] = ['caption', 'ledger'];

/**
 * The drawing across the top of a wide stage takes a little more height than the row below it:
 * the topology's labels grow with its height, the texts below need only their lines.
 */
const TOP_SHARE = 1.3;

function Column({
  panels,
  shape,
  grow = 1,
}: {
  panels: readonly PanelName[];
  shape: TopologyShape;
  grow?: number;
}) {
  return (
    <div className="flex min-h-0 min-w-0 basis-0 flex-col gap-2" style={{ flexGrow: grow }}>
      {panels.map((panel) => (
        <Slot key={panel} panel={panel} shape={shape} />
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
 * The topology's labels (11–15 drawing units in the lab) are all drawn at one size here: 13 units
 * in the wide drawing, where at scale=1.5 in a 1280×720 frame they reach about 20 px; 16 in the
 * compact one, drawn in fewer units with boxes to match, so a 592 px frame gives about 18 px.
 */
export const LABEL_UNITS: Record<TopologyShape, number> = { wide: 13, compact: 16, tall: 13 };
const LABEL_CLASS: Record<TopologyShape, string> = {
  wide: '[&_svg_text]:text-[13px]',
  compact: '[&_svg_text]:text-[16px]',
  tall: '[&_svg_text]:text-[13px]',
};

/** Texts read at the size the fitting chose (`--read-px`). */
const READ_SIZE = 'text-[length:var(--read-px)] leading-snug';

function Slot({ panel, shape }: { panel: PanelName; shape: TopologyShape }) {
  const t = useMessages();
  switch (panel) {
    case 'caption':
      return (
        <div
          data-panel="caption"
          className={`flex-none font-medium [&_p]:min-h-0 [&_p]:text-[length:inherit] ${READ_SIZE}`}
        >
          <Caption />
        </div>
      );
    case 'ledger':
      return (
        <div
          data-panel="ledger"
          className={`flex-none [&_[data-testid]]:text-[length:inherit] [&_[aria-live]]:p-2 ${READ_SIZE}`}
        >
          <LedgerHeadline />
        </div>
      );
    case 'topology':
      return (
        <div
          data-panel="topology"
          className={`${FILL} [&_figure]:min-h-0 [&_figure]:flex-1 [&_h2]:sr-only [&_svg]:h-full [&_svg]:w-full [&_svg]:overflow-visible ${LABEL_CLASS[shape]}`}
        >
          <Topology
            {...(shape === 'compact' ? { columns: COMPACT } : {})}
            // Left to right in any frame but a tall one, whatever the stage's CSS width.
            {...(shape === 'tall' ? {} : { narrowBelow: 0 })}
          />
        </div>
      );
    case 'sequence':
      // On a slide nobody selects an arrow: the hint about it would only take the room's lines.
      return (
        <div
          data-panel="sequence"
          className={`${FILL} [&_.sequence-hint]:hidden [&_[data-testid=sequence-scroll]]:max-h-none [&_[data-testid=sequence-scroll]]:min-h-0 [&_[data-testid=sequence-scroll]]:flex-1`}
        >
          <Deferred fallback={<p className="text-sm">{t.sequence.loading}</p>}>
            <ThenRefit>
              <SequenceDiagram />
            </ThenRefit>
          </Deferred>
        </div>
      );
    case 'compare':
      return (
        <div data-panel="compare" className={`${FILL} overflow-hidden`}>
          <Deferred>
            <CompareView />
          </Deferred>
        </div>
      );
  }
}

/**
 * Chooses the size of the texts (and, beside a sequence, the width they take) for what is on
 * the stage now: again when the caption changes, when the frame resizes, and when any panel
 * changes size by itself (the ledger's verdict appears, the sequence arrives). Measured before
 * the browser paints, so a caption that would not fit is never seen cut off.
 */
function useFittedReading(
  root: RefObject<HTMLDivElement | null>,
  frame: Frame,
  zoom: number,
  shape: TopologyShape,
) {
  const caption = useCaptionIndex();
  const lang = useLab((s) => s.lang);
  const fit = () => {
    const el = root.current;
    if (!el) return;
    fitSequence(el, 1);
    applyStep(
      el,
      bestStep(stepsFor(zoom), (step) => measure(el, step, zoom, shape)),
    );
    fitSequence(el, zoom);
  };
  const fitRef = useRef(fit);
  useLayoutEffect(() => {
    fitRef.current = fit;
  });
  const [refit] = useState(() => () => fitRef.current());
  useLayoutEffect(() => fitRef.current(), [caption, lang, frame, zoom, shape]);
  useEffect(() => {
    const el = root.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let frameId = 0;
    // Not inside the observer's callback: a change of size there would be reported again as a
    // loop. The next frame is soon enough for a panel that grew by itself.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frameId);
      frameId = requestAnimationFrame(() => fitRef.current());
    });
    for (const panel of el.querySelectorAll('[data-panel]')) observer.observe(panel);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frameId);
    };
  }, [root]);
  return refit;
}

/**
 * The sequence diagram's lanes are drawn a fixed width apart, so at a projector's scale the last
 * (the store's, the provider's) would be cut off at the box's edge, where nobody on a slide
 * scrolls to it. Zoomed back as far as its lanes need, never below the lab's own size.
 */
function fitSequence(el: HTMLElement, zoom: number) {
  const slot = el.querySelector<HTMLElement>('[data-panel="sequence"]');
  const scroller = slot?.querySelector<HTMLElement>('[data-testid="sequence-scroll"]');
  if (!slot) return;
  slot.style.zoom = '';
  if (!scroller || zoom <= 1 || scroller.scrollWidth <= scroller.clientWidth) return;
  const shrink = Math.max(1 / zoom, scroller.clientWidth / scroller.scrollWidth);
  slot.style.zoom = String(Math.round(shrink * 1000) / 1000);
}

function applyStep(el: HTMLElement, step: FitStep) {
  el.style.setProperty('--read-px', `${step.readPx}px`);
  el.style.setProperty('--read-share', String(step.readShare));
}

/**
 * The stage laid out with one step: whether everything stays in the frame, and how large (in
 * device px) its smallest topology label and its texts come out.
 */
function measure(el: HTMLElement, step: FitStep, zoom: number, shape: TopologyShape): Fitted {
  applyStep(el, step);
  const fits = el.scrollHeight <= el.clientHeight + 1;
  const svg = el.querySelector<SVGSVGElement>('[data-panel="topology"] svg');
  const sequence = el.querySelector<HTMLElement>('[data-testid="sequence-scroll"]');
  const units = LABEL_UNITS[shape];
  return {
    fits,
    cutPx: sequence ? Math.max(0, sequence.scrollWidth - sequence.clientWidth) : 0,
    labelPx: svg ? drawnScale(svg) * units : null,
    labelCeilingPx: svg ? drawnScale(svg, el.getBoundingClientRect().height) * units : null,
    readPx: step.readPx * zoom,
  };
}

/**
 * Device px per drawing unit: the viewBox fitted into the SVG's box, keeping its proportions — or
 * into a box as wide and `height` tall.
 */
export function drawnScale(svg: SVGSVGElement, height?: number): number {
  const box = svg.getBoundingClientRect();
  const { width: unitsWide, height: unitsTall } = svg.viewBox.baseVal;
  if (!unitsWide || !unitsTall) return 0;
  return Math.min(box.width / unitsWide, (height ?? box.height) / unitsTall);
}
