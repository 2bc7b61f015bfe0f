import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { LabStore } from '../../state/store.ts';
import { LabContext } from '../common/lab.ts';
import { LabelLayer, LaneLines, LaneMark, WiresAt } from './parts.tsx';
import { useSequenceLayout } from './useSequence.ts';
import { pointsBetween, ROW, wiresBetween } from './geometry.ts';
import { exportRange, type ExportRange } from './range.ts';

/** The lane names' band at the top of an exported drawing. */
const NAMES_PX = 26;

/**
 * The sequence diagram for a file: every row of the run (or, for a very long run, the rows named
 * by `range`), complete up to its last row, with the lane names drawn in the SVG itself. The live
 * diagram draws only the rows in its scroll box; a file must not stop where the box did.
 */
function WholeSequence({ range }: { range: ExportRange }) {
  const layout = useSequenceLayout(false, null);
  const { t, words, timeline, lanes, rows, points, labels } = layout;
  const from = timeline.stops[range.first] ?? 0;
  const to = timeline.stops[range.last] ?? 0;
  const cursorMs = range.whole ? timeline.endMs : to;
  const top = range.first === 0 ? 0 : rows.y(from) - ROW;
  const bottom = range.whole ? rows.height : rows.y(to) + ROW;
  const height = bottom - top + NAMES_PX;
  return (
    <svg
      viewBox={`0 ${top - NAMES_PX} ${lanes.width} ${height}`}
      width={lanes.width}
      height={height}
      role="img"
      aria-label={t.sequence.caption}
      className="font-sans"
    >
      {lanes.ids.map((id) => (
        <text
          key={id}
          x={lanes.x(id)}
          y={top - NAMES_PX + 17}
          textAnchor="middle"
          className="fill-slate-900 text-xs font-semibold dark:fill-slate-100"
        >
          {lanes.fold?.id === id ? t.sequenceStage.folded(lanes.fold.from, lanes.fold.to) : id}
        </text>
      ))}
      <LaneLines lanes={lanes} top={top} height={bottom} />
      <WiresAt
        spans={wiresBetween(layout.spans, from, to)}
        calls={wiresBetween(layout.calls, from, to)}
        layout={layout}
        selected={null}
        onSelect={null}
        cursorMs={cursorMs}
      />
      <LabelLayer>
        {pointsBetween(points, from, to).map((p) => (
          <LaneMark key={p.index} point={p} spot={labels.get(`p${p.index}`)} t={t} words={words} />
        ))}
      </LabelLayer>
    </svg>
  );
}

/** Which rows an export of the run at the cursor holds: see `exportRange`. */
export const rangeToExport = (store: LabStore): ExportRange => {
  const { timeline, cursorMs } = store.getState();
  return exportRange(timeline.stops, cursorMs);
};

/**
 * Draws the whole diagram off screen, in the page (so its styles apply and can be read), and
 * hands it over; `dispose` takes it away again.
 */
export function drawWholeSequence(store: LabStore, range: ExportRange) {
  const host = document.createElement('div');
  // Off screen but laid out and painted: hidden elements would be written out hidden.
  host.style.cssText = 'position:fixed;left:-100000px;top:0;pointer-events:none';
  host.setAttribute('aria-hidden', 'true');
  document.body.append(host);
  const root = createRoot(host);
  flushSync(() =>
    root.render(
      <LabContext.Provider value={store}>
        <WholeSequence range={range} />
      </LabContext.Provider>,
    ),
  );
  const svg = host.querySelector('svg');
  const dispose = () => {
    root.unmount();
    host.remove();
  };
  if (!svg) {
    dispose();
    throw new Error('the sequence diagram did not draw');
  }
  return { svg, dispose };
}
