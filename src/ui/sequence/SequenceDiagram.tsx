import { useContext, useEffect, useMemo, useRef, useState } from 'react';
import { statusLine } from '../../model/http.ts';
import { PROVIDER, SERVER, STORE, type ActorId, type Message } from '../../model/message.ts';
import type { TraceRecord } from '../../model/trace.ts';
import type { MessageSpan, Timeline } from '../../report/timeline.ts';
import { Panel } from '../common/Panel.tsx';
import { LabContext, useLab, useMessages } from '../common/lab.ts';
import { MessageDetails } from './MessageDetails.tsx';
import { useRecordCount } from '../playback/frame.ts';

/**
 * Swimlanes over the run: one lane per actor, one row per moment something happened (quiet
 * stretches take no room), growing with the cursor. Messages are arrows; drops, copies, crashes,
 * timeouts and broken invariants are marked. Any message can be selected to read it in full.
 */
const ROW = 22;
const TOP = 34;
const LANE_GAP = 130;
const LEFT = 70;

interface Lanes {
  ids: ActorId[];
  x: (id: ActorId) => number;
}

function lanesOf(timeline: Timeline, world: 'payments' | 'resources'): Lanes {
  const clients = timeline.actors.filter((a) => a.startsWith('client-'));
  const back = world === 'payments' ? [STORE, PROVIDER] : [STORE];
  const ids = [...clients, SERVER, ...back];
  const index = new Map(ids.map((id, i) => [id, i]));
  return { ids, x: (id) => LEFT + (index.get(id) ?? 0) * LANE_GAP };
}

/** Row of each distinct moment, so that y follows the order of events, not the clock. */
function rowsOf(timeline: Timeline) {
  const row = new Map(timeline.stops.map((t, i) => [t, i]));
  const y = (t: number) => {
    const exact = row.get(t);
    if (exact !== undefined) return TOP + exact * ROW;
    // Between two moments (a message still on the wire): interpolate between their rows.
    const { stops } = timeline;
    const after = stops.findIndex((s) => s > t);
    if (after <= 0) return TOP + (after < 0 ? stops.length - 1 : 0) * ROW;
    const a = stops[after - 1]!;
    const b = stops[after]!;
    return TOP + (after - 1 + (t - a) / (b - a)) * ROW;
  };
  return { y, height: TOP + timeline.stops.length * ROW + 10 };
}

type Point = { t: number; record: TraceRecord };

/** Things that happen on one lane: store queries, charges, crashes, timeouts, violations. */
function laneEvents(trace: readonly TraceRecord[]): Point[] {
  return trace
    .filter((r) =>
      ['store', 'served', 'charge', 'dedup', 'crash', 'restart', 'timer', 'invariant'].includes(
        r.type,
      ),
    )
    .map((record) => ({ t: record.t, record }));
}

export function SequenceDiagram() {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const count = useRecordCount();
  // A selection belongs to its run: a new run shows no stale message.
  const [choice, setChoice] = useState<{ timeline: Timeline; id: number } | null>(null);
  const selected = choice?.timeline === timeline ? choice.id : null;
  const lanes = useMemo(() => lanesOf(timeline, run.world), [timeline, run.world]);
  const rows = useMemo(() => rowsOf(timeline), [timeline]);
  const points = useMemo(() => laneEvents(timeline.trace), [timeline]);
  const box = useRef<HTMLDivElement>(null);
  const store = useContext(LabContext)!;
  // Follow the cursor down the diagram as the run plays, without re-rendering for it.
  useEffect(
    () =>
      store.subscribe(({ cursorMs }, previous) => {
        const el = box.current;
        if (!el || cursorMs === previous.cursorMs) return;
        el.scrollTop = Math.max(0, rows.y(cursorMs) - el.clientHeight + 60);
      }),
    [store, rows],
  );
  const width = LEFT + (lanes.ids.length - 1) * LANE_GAP + 70;
  // Everything up to the last event that has happened is drawn once per event, not per frame.
  const lastT = count > 0 ? timeline.trace[count - 1]!.t : -1;
  const settled = useMemo(() => {
    const select = (id: number) => setChoice({ timeline, id });
    return (
      <>
        {points
          .filter((p) => p.t <= lastT)
          .map((p, i) => (
            <LaneMark key={i} point={p} x={lanes.x} y={rows.y(p.t)} />
          ))}
        {timeline.spans
          .filter((span) => span.endAt <= lastT)
          .map((span) => (
            <Arrow
              key={span.message.id}
              span={span}
              lanes={lanes}
              y={rows.y}
              cursorMs={Infinity}
              selected={span.message.id === selected}
              onSelect={() => select(span.message.id)}
            />
          ))}
      </>
    );
  }, [timeline, points, lanes, rows, lastT, selected]);

  const chosen = timeline.spans.find((s) => s.message.id === selected)?.message ?? null;
  return (
    <Panel id="sequence" title={t.sequence.region}>
      <div
        ref={box}
        className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200 dark:border-slate-800"
      >
        <svg
          width={width}
          height={rows.height}
          className="block min-w-full"
          aria-label={t.sequence.caption}
          role="group"
        >
          {lanes.ids.map((id) => (
            <g key={id}>
              <text
                x={lanes.x(id)}
                y={16}
                textAnchor="middle"
                className="fill-current text-xs font-semibold"
              >
                {id}
              </text>
              <line
                x1={lanes.x(id)}
                x2={lanes.x(id)}
                y1={TOP - 10}
                y2={rows.height}
                className="stroke-slate-300 dark:stroke-slate-700"
              />
            </g>
          ))}
          {settled}
          <LiveLayer
            timeline={timeline}
            lanes={lanes}
            y={rows.y}
            lastT={lastT}
            width={width}
            selected={selected}
            onSelect={(id) => setChoice({ timeline, id })}
          />
        </svg>
      </div>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{t.sequence.hint}</p>
      {chosen && <MessageDetails message={chosen} onClose={() => setChoice(null)} />}
    </Panel>
  );
}

/** What moves between events: messages still on the wire, and the cursor line. */
function LiveLayer({
  timeline,
  lanes,
  y,
  lastT,
  width,
  selected,
  onSelect,
}: {
  timeline: Timeline;
  lanes: Lanes;
  y: (t: number) => number;
  lastT: number;
  width: number;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const cursorMs = useLab((s) => s.cursorMs);
  const cursorY = y(cursorMs);
  return (
    <>
      {timeline.spans
        .filter((span) => span.sentAt <= lastT && span.endAt > lastT)
        .map((span) => (
          <Arrow
            key={span.message.id}
            span={span}
            lanes={lanes}
            y={y}
            cursorMs={cursorMs}
            selected={span.message.id === selected}
            onSelect={() => onSelect(span.message.id)}
          />
        ))}
      <line
        x1={0}
        x2={width}
        y1={cursorY}
        y2={cursorY}
        className="stroke-indigo-500"
        strokeDasharray="4 3"
      />
    </>
  );
}

function Arrow({
  span,
  lanes,
  y,
  cursorMs,
  selected,
  onSelect,
}: {
  span: MessageSpan;
  lanes: Lanes;
  y: (t: number) => number;
  cursorMs: number;
  selected: boolean;
  onSelect: () => void;
}) {
  const t = useMessages();
  const { message } = span;
  const x1 = lanes.x(message.from);
  const x2 = lanes.x(message.to);
  const dropped = span.fate === 'dropped';
  // A lost message ends halfway, at a cross; one still on the wire ends at the cursor.
  const end = Math.min(cursorMs, span.endAt);
  const along = dropped
    ? Math.min(0.5, (end - span.sentAt) / (span.endAt - span.sentAt) / 2)
    : span.endAt === span.sentAt
      ? 1
      : (end - span.sentAt) / (span.endAt - span.sentAt);
  const y1 = y(span.sentAt);
  const y2 = y1 + (y(dropped ? span.sentAt : span.endAt) - y1 + (dropped ? ROW : 0)) * along;
  const xEnd = x1 + (x2 - x1) * along;
  const tone = dropped
    ? 'stroke-orange-500 fill-orange-500'
    : message.kind === 'request'
      ? 'stroke-sky-600 fill-sky-600 dark:stroke-sky-400 dark:fill-sky-400'
      : 'stroke-emerald-600 fill-emerald-600 dark:stroke-emerald-400 dark:fill-emerald-400';
  const label = arrowLabel(message, span.replayed ? t.topology.replayed : null);
  const arrived = !dropped && cursorMs >= span.endAt;
  return (
    <g
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`${label}${dropped ? ` (${t.topology.lost})` : ''}`}
      className={`cursor-pointer ${tone}`}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      <line
        x1={x1}
        y1={y1}
        x2={xEnd}
        y2={y2}
        strokeWidth={selected ? 3.5 : 2}
        strokeDasharray={message.copyOf !== undefined ? '5 3' : undefined}
      />
      {/* A wide transparent twin makes the thin arrow easy to click. */}
      <line x1={x1} y1={y1} x2={xEnd} y2={y2} strokeWidth={12} stroke="transparent" />
      {arrived && <circle cx={x2} cy={y2} r={3.5} />}
      {dropped && along >= 0.5 && (
        <text x={xEnd} y={y2 + 4} textAnchor="middle" className="text-sm font-bold">
          ✕
        </text>
      )}
      <text
        x={(x1 + x2) / 2}
        y={y1 - 3}
        textAnchor="middle"
        className="stroke-none font-mono text-[10px]"
      >
        {label}
      </text>
    </g>
  );
}

function arrowLabel(message: Message, replayed: string | null): string {
  if (message.kind === 'request') return `${message.request.method} ${message.request.path}`;
  return `${statusLine(message.response.status)}${replayed ? ` · ${replayed}` : ''}`;
}

/** A small mark on a lane for what happens off the wire. */
function LaneMark({ point, x, y }: { point: Point; x: (id: ActorId) => number; y: number }) {
  const { record } = point;
  const words = useMessages().sequence.marks;
  const dot = (lane: ActorId, symbol: string, className: string) => (
    <text x={x(lane) + 8} y={y + 4} className={`text-[11px] font-semibold ${className}`}>
      {symbol}
    </text>
  );
  switch (record.type) {
    case 'store':
      return dot(STORE, `• ${record.op.type}`, 'fill-emerald-700 dark:fill-emerald-300');
    case 'served':
      return dot(
        STORE,
        `• ${record.method} ${record.status}`,
        'fill-emerald-700 dark:fill-emerald-300',
      );
    case 'charge':
      return dot(PROVIDER, `€ ${record.chargeId}`, 'fill-indigo-700 dark:fill-indigo-300');
    case 'dedup':
      return dot(PROVIDER, `= ${record.chargeId}`, 'fill-emerald-700 dark:fill-emerald-300');
    case 'crash':
      return dot(SERVER, `✕ ${words.crash}`, 'fill-red-600 dark:fill-red-400');
    case 'restart':
      return dot(SERVER, `↻ ${words.restart}`, 'fill-slate-600 dark:fill-slate-300');
    case 'timer':
      return record.name === 'timeout'
        ? dot(record.actor, `◷ ${words.timeout}`, 'fill-slate-600 dark:fill-slate-300')
        : null;
    case 'invariant':
      return (
        <text
          x={4}
          y={y + 4}
          className="fill-fuchsia-700 text-[11px] font-bold dark:fill-fuchsia-300"
        >
          ! {record.name}
        </text>
      );
    default:
      return null;
  }
}
