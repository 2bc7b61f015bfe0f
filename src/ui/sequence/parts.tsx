import { memo, type ReactNode } from 'react';
import type { Messages } from '../../i18n/en.ts';
import type { SequenceTexts } from '../../i18n/sequenceTexts.ts';
import type { MessageSpan } from '../../report/timeline.ts';
import type { CallSpan } from '../../report/calls.ts';
import { callName, type SequenceLayout } from './useSequence.ts';
import {
  arrowLabel,
  arrowShape,
  LANE_LINE_TOP,
  markOf,
  type LabelSpot,
  type Lanes,
  type MarkTone,
  type Point,
} from './geometry.ts';

/**
 * The pieces the sequence diagram is drawn from, shared by the live diagram (rows around the
 * cursor) and its export (every row of the run).
 */

/**
 * The labels' layer: each label's text is ringed by a halo of the panel's colour, so an arrow, a
 * lane or the cursor line running under it does not strike it through (labels are drawn after
 * every line for that). The halo and the font are the layer's, inherited by every label in it:
 * a jump of the timeline draws dozens of labels anew, and styling each from a long list of
 * classes of its own cost more than drawing it.
 */
export function LabelLayer({ font = '', children }: { font?: string; children: ReactNode }) {
  return (
    <g
      strokeWidth={5}
      strokeLinejoin="round"
      className={`stroke-white [paint-order:stroke] dark:stroke-slate-900 ${font}`}
    >
      {children}
    </g>
  );
}

/**
 * A label's text, in a LabelLayer. One element per label, not a backdrop besides: a busy run shows
 * dozens. Its full text is its tooltip when it had to be shortened.
 */
function labelText({
  spot,
  className,
  title,
  hidden = false,
}: {
  spot: LabelSpot;
  className: string;
  title?: string | undefined;
  /** Its arrow already names it to a screen reader. */
  hidden?: boolean;
}) {
  const named = title ?? spot.full;
  return (
    <text
      x={spot.x}
      y={spot.y}
      textAnchor={spot.anchor}
      data-label=""
      className={className}
      aria-label={hidden ? undefined : named}
      aria-hidden={hidden || undefined}
    >
      {named && <title>{named}</title>}
      {spot.text}
    </text>
  );
}

/** Each lane down the whole diagram. */
export const LaneLines = memo(function LaneLines({
  lanes,
  top = LANE_LINE_TOP,
  height,
}: {
  lanes: Lanes;
  top?: number;
  height: number;
}) {
  return lanes.ids.map((id) => {
    const x = lanes.x(id);
    return (
      <line
        key={id}
        x1={x}
        x2={x}
        y1={top}
        y2={height}
        className="stroke-slate-300 dark:stroke-slate-700"
        strokeDasharray={lanes.fold?.id === id ? '6 4' : undefined}
      />
    );
  });
});

/**
 * The arrow's line, its wide clickable twin, and the dot or cross at its end: a function the
 * arrows call, not a component of its own (a jump of the timeline draws dozens of arrows, and a
 * component each was that many more for React to make).
 */
function wire({
  span,
  lanes,
  y,
  cursorMs,
  width,
  dashed,
  clickable,
}: {
  span: MessageSpan | CallSpan;
  lanes: Lanes;
  y: (t: number) => number;
  cursorMs: number;
  width: number;
  dashed: boolean;
  /** A wide transparent twin makes a thin arrow that can be selected easy to click. */
  clickable: boolean;
}) {
  const { x1, y1, x2, xEnd, yEnd, arrived, crossed } = arrowShape(span, lanes, y, cursorMs);
  return (
    <>
      <line
        x1={x1}
        y1={y1}
        x2={xEnd}
        y2={yEnd}
        strokeWidth={width}
        strokeDasharray={dashed ? '5 3' : undefined}
      />
      {clickable && (
        <line x1={x1} y1={y1} x2={xEnd} y2={yEnd} strokeWidth={12} stroke="transparent" />
      )}
      {arrived && <circle cx={x2} cy={yEnd} r={3.5} />}
      {crossed && (
        <text x={xEnd} y={yEnd + 4} textAnchor="middle" className="text-sm font-bold">
          ✕
        </text>
      )}
    </>
  );
}

/**
 * A message between a client and the server: selectable, to read it in full. The texts come from
 * the diagram, not from the store: a jump of the timeline draws dozens of arrows at once, and one
 * store subscription each was that many more to make and drop.
 */
export const Arrow = memo(function Arrow({
  span,
  t,
  lanes,
  y,
  cursorMs,
  labelled,
  selected,
  onSelect,
}: {
  span: MessageSpan;
  t: Messages;
  lanes: Lanes;
  y: (t: number) => number;
  cursorMs: number;
  /** Whether its label is printed (elsewhere, over every line); if not, its tooltip names it. */
  labelled: boolean;
  selected: boolean;
  onSelect: ((id: number) => void) | null;
}) {
  const { message } = span;
  const dropped = span.fate === 'dropped';
  const label = arrowLabel(message, span.replayed ? t.topology.replayed : null);
  const select = () => onSelect?.(message.id);
  const controls = onSelect
    ? {
        role: 'button',
        tabIndex: 0,
        'aria-pressed': selected,
        onClick: select,
        onKeyDown: (e: React.KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            select();
          }
        },
      }
    : { role: 'img' };
  return (
    <g
      {...controls}
      data-message={message.id}
      aria-label={`${label}${dropped ? ` (${t.topology.lost})` : ''}`}
      className={`${onSelect ? 'cursor-pointer' : ''} ${arrowTone(span)}`}
    >
      {wire({
        span,
        lanes,
        y,
        cursorMs,
        width: selected ? 3.5 : 2,
        dashed: message.copyOf !== undefined,
        clickable: onSelect !== null,
      })}
      {!labelled && <title>{label}</title>}
    </g>
  );
});

/** A tone's fill colours alone: a label's letters are filled, not stroked. */
const fillsOf = (tone: string) =>
  tone
    .split(' ')
    .filter((name) => !name.includes('stroke-'))
    .join(' ');

/** A message's label, in the arrow's colour. */
const ArrowLabel = memo(function ArrowLabel({
  span,
  spot,
}: {
  span: MessageSpan;
  spot: LabelSpot;
}) {
  return labelText({
    spot,
    className: fillsOf(arrowTone(span)),
    hidden: true,
  });
});

/** Lost messages orange, requests blue, responses green. */
function arrowTone(span: MessageSpan): string {
  if (span.fate === 'dropped') return 'stroke-orange-500 fill-orange-500';
  return span.message.kind === 'request'
    ? 'stroke-sky-600 fill-sky-600 dark:stroke-sky-400 dark:fill-sky-400'
    : 'stroke-emerald-600 fill-emerald-600 dark:stroke-emerald-400 dark:fill-emerald-400';
}

/**
 * A call from the server to its store or to the provider, or the answer to one. A charge is the
 * side effect the lab is about: its arrow is the boldest in the diagram, so two of them for one
 * payment are seen at a glance.
 */
export const CallArrow = memo(function CallArrow({
  call,
  words,
  money,
  lanes,
  y,
  cursorMs,
}: {
  call: CallSpan;
  words: SequenceTexts;
  money: (minorUnits: number) => string;
  lanes: Lanes;
  y: (t: number) => number;
  cursorMs: number;
}) {
  const charge = isCharge(call);
  // What the arrow says in full, for a screen reader: worked out as it is drawn, so an arrow that
  // has landed (and draws no more) does not work it out again on every move.
  const label = callName(call, words, money);
  return (
    <g role="img" aria-label={label} data-call={call.key} className={callTone(call)}>
      {wire({
        span: call,
        lanes,
        y,
        cursorMs,
        width: charge ? 3 : 1.5,
        dashed: call.kind === 'reply' && call.fate === 'delivered',
        clickable: false,
      })}
      {/* Named by its aria-label alone: a busy run draws dozens, and each element costs a move. */}
    </g>
  );
});

const isCharge = (call: CallSpan) => call.kind === 'call' && call.what.type === 'charge';

/** A call's label, in its arrow's colour; a shortened one has its whole name as its tooltip. */
const CallLabel = memo(function CallLabel({
  call,
  spot,
  words,
  money,
}: {
  call: CallSpan;
  spot: LabelSpot;
  words: SequenceTexts;
  money: (minorUnits: number) => string;
}) {
  return labelText({
    spot,
    className: `${isCharge(call) ? 'font-bold' : ''} ${fillsOf(callTone(call))}`,
    title: spot.full ? callName(call, words, money) : undefined,
    hidden: true,
  });
});

/** Charges indigo (a repeated one red), the provider's refusals amber, the store's talk teal. */
function callTone(call: CallSpan): string {
  if (call.fate === 'dropped') return 'stroke-orange-500 fill-orange-600';
  const { what } = call;
  if (what.type === 'charge' && what.again)
    return 'stroke-red-600 fill-red-700 dark:stroke-red-400 dark:fill-red-300';
  if (what.type === 'charge')
    return 'stroke-indigo-600 fill-indigo-700 dark:stroke-indigo-400 dark:fill-indigo-300';
  if (what.type === 'declined') return 'stroke-amber-600 fill-amber-700 dark:fill-amber-300';
  return 'stroke-teal-600 fill-teal-700 dark:stroke-teal-400 dark:fill-teal-300';
}

const MARK_TONES: Record<MarkTone, string> = {
  store: 'fill-emerald-700 dark:fill-emerald-300',
  charge: 'fill-indigo-700 dark:fill-indigo-300',
  dedup: 'fill-emerald-700 dark:fill-emerald-300',
  warn: 'fill-amber-700 dark:fill-amber-300',
  crash: 'fill-red-600 dark:fill-red-400',
  quiet: 'fill-slate-600 dark:fill-slate-300',
  broken: 'fill-fuchsia-700 dark:fill-fuchsia-300',
};

/**
 * A small mark on a lane for what happens off the wire, where the label placement put it (its
 * symbol alone when its words would print over another label, nothing when even that would).
 */
export const LaneMark = memo(function LaneMark({
  point,
  spot,
  t,
  words,
}: {
  point: Point;
  spot: LabelSpot | undefined;
  t: Messages;
  words: SequenceTexts;
}) {
  const mark = markOf(point.record, t, words);
  if (!mark || !spot) return null;
  const { record } = point;
  const size = mark.lane === null ? 'text-[12px] font-bold' : 'text-[11px] font-semibold';
  // A broken invariant is a sign in the margin, named in words for a pointer and a reader.
  const named =
    record.type === 'invariant'
      ? `${t.sequence.marks.broken}: ${t.invariants.names[record.name]}`
      : spot.text === mark.text
        ? undefined
        : mark.text;
  return labelText({ spot, className: `${size} ${MARK_TONES[mark.tone]}`, title: named });
});

/**
 * The server's calls and the messages in view, redrawn on every frame. Arrows that have landed
 * get the same props each frame, so only those still on the wire draw again; an arrow keeps its
 * element (and its focus) when its message lands.
 */
export function WiresAt({
  spans,
  calls,
  layout,
  selected,
  onSelect,
  cursorMs,
}: {
  spans: readonly MessageSpan[];
  calls: readonly CallSpan[];
  layout: SequenceLayout;
  selected: number | null;
  /** Null in a drawing that is not interactive (an export): its arrows are pictures. */
  onSelect: ((id: number) => void) | null;
  cursorMs: number;
}) {
  const { t, words, lanes, rows, labels, money } = layout;
  const at = (wire: MessageSpan | CallSpan) => (wire.endAt <= cursorMs ? Infinity : cursorMs);
  const shownCalls = calls.filter((call) => call.sentAt <= cursorMs);
  const shownSpans = spans.filter((span) => span.sentAt <= cursorMs);
  const callSpot = (call: CallSpan) => labels.get(`c${call.key}`);
  const spanSpot = (span: MessageSpan) => labels.get(`m${span.message.id}`);
  return (
    <>
      {shownCalls.map((call) => (
        <CallArrow
          key={call.key}
          call={call}
          words={words}
          money={money}
          lanes={lanes}
          y={rows.y}
          cursorMs={at(call)}
        />
      ))}
      {shownSpans.map((span) => (
        <Arrow
          key={span.message.id}
          span={span}
          t={t}
          lanes={lanes}
          y={rows.y}
          cursorMs={at(span)}
          labelled={spanSpot(span) !== undefined}
          selected={span.message.id === selected}
          onSelect={onSelect}
        />
      ))}
      {/* Labels over every line, so that none is struck through. */}
      <LabelLayer font="font-mono text-[10px]">
        {shownCalls.map((call) => {
          const spot = callSpot(call);
          return (
            spot && <CallLabel key={call.key} call={call} spot={spot} words={words} money={money} />
          );
        })}
        {shownSpans.map((span) => {
          const spot = spanSpot(span);
          return spot && <ArrowLabel key={`m${span.message.id}`} span={span} spot={spot} />;
        })}
      </LabelLayer>
    </>
  );
}
