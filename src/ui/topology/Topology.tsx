import { useMemo } from 'react';
import { statusLine } from '../../model/http.ts';
import { PROVIDER, SERVER, STORE, type ActorId } from '../../model/message.ts';
import { inFlight, stateAt, type MessageSpan } from '../../report/timeline.ts';
import { Panel } from '../common/Panel.tsx';
import { useLab, useMessages } from '../common/lab.ts';
import { useRecordCount, useTraceSoFar } from '../playback/frame.ts';
import type { TraceRecord } from '../../model/trace.ts';
import type { Messages } from '../../i18n/en.ts';

/**
 * The actors as boxes, each with its machine state at the cursor, and the messages on the wire
 * moving between them — positions interpolated from send and delivery times, never from a timer
 * of the view's own. A lost message falls away; a crashed server turns red.
 */
const WIDTH = 760;
const HEIGHT = 230;
const CLIENT_X = 70;
const SERVER_X = 500;
const BACK_X = 680;
const NODE_W = 120;

interface Node {
  id: ActorId;
  x: number;
  y: number;
  /** Tailwind classes for the box: one colour per kind of actor. */
  tone: string;
}

/** Tall enough for every client's box: a retry storm has twelve. */
const heightFor = (clients: number) => Math.max(HEIGHT, clients * CLIENT_GAP + 40);
const CLIENT_GAP = 56;

function layout(actors: readonly ActorId[], world: 'payments' | 'resources'): Map<ActorId, Node> {
  const clients = actors.filter((a) => a.startsWith('client-'));
  const height = heightFor(clients.length);
  const gap = Math.min(70, (height - 40) / Math.max(1, clients.length));
  const top = height / 2 - (gap * (clients.length - 1)) / 2;
  const nodes: Node[] = clients.map((id, i) => ({
    id,
    x: CLIENT_X,
    y: top + i * gap,
    tone: 'fill-sky-100 stroke-sky-600 dark:fill-sky-950 dark:stroke-sky-400',
  }));
  nodes.push({
    id: SERVER,
    x: SERVER_X,
    y: height / 2,
    tone: 'fill-indigo-100 stroke-indigo-600 dark:fill-indigo-950 dark:stroke-indigo-400',
  });
  const storeY = world === 'payments' ? height / 2 - 70 : height / 2;
  nodes.push({
    id: STORE,
    x: BACK_X,
    y: storeY,
    tone: 'fill-emerald-100 stroke-emerald-600 dark:fill-emerald-950 dark:stroke-emerald-400',
  });
  if (world === 'payments')
    nodes.push({
      id: PROVIDER,
      x: BACK_X,
      y: height / 2 + 70,
      tone: 'fill-amber-100 stroke-amber-600 dark:fill-amber-950 dark:stroke-amber-400',
    });
  return new Map(nodes.map((n) => [n.id, n]));
}

/** How long a store or provider stays lit after it did something, in virtual ms. */
const ACTIVITY_MS = 60;

/**
 * What the back end is doing at the cursor, in a few characters: the store's latest operation
 * while it is fresh, the provider's charges so far; the server is up or down.
 */
function backEndLabel(
  id: ActorId,
  trace: readonly TraceRecord[],
  cursorMs: number,
  t: Messages,
): string | null {
  if (id === SERVER) return t.topology.up;
  if (id === PROVIDER) {
    const charges = trace.filter((r) => r.type === 'charge').length;
    return t.topology.charges(charges);
  }
  if (id !== STORE) return null;
  for (let i = trace.length - 1; i >= 0; i--) {
    const r = trace[i]!;
    if (r.t < cursorMs - ACTIVITY_MS) break;
    if (r.type === 'store') return r.op.type;
    if (r.type === 'served') return `${r.method} → ${r.status}`;
  }
  return t.topology.idle;
}

/** A message's label on the wire: `POST /payments` or `201`. */
function wireLabel(span: MessageSpan): string {
  const { message } = span;
  if (message.kind === 'request') return message.request.method;
  return String(message.response.status);
}

export function Topology() {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const cursorMs = useLab((s) => s.cursorMs);
  const count = useRecordCount();
  const trace = useTraceSoFar();
  const nodes = useMemo(() => layout(timeline.actors, run.world), [timeline, run.world]);
  const height = heightFor(timeline.actors.filter((a) => a.startsWith('client-')).length);
  const flying = inFlight(timeline, cursorMs);
  const serverState = stateAt(timeline, SERVER, count);
  const inWords = (state: string | null) =>
    state === null ? null : (t.topology.states[state] ?? state);
  const at = Math.round(cursorMs);

  return (
    <Panel id="topology" title={t.topology.region}>
      <figure>
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="h-auto w-full"
          role="img"
          aria-label={t.topology.caption(at)}
        >
          <rect
            x={CLIENT_X + NODE_W / 2 + 20}
            y={10}
            width={SERVER_X - CLIENT_X - NODE_W - 40}
            height={height - 20}
            rx={16}
            className="fill-slate-100 stroke-slate-300 dark:fill-slate-800/60 dark:stroke-slate-700"
            strokeDasharray="6 6"
          />
          <text
            x={(CLIENT_X + SERVER_X) / 2}
            y={30}
            textAnchor="middle"
            className="fill-slate-500 text-xs dark:fill-slate-400"
          >
            {t.topology.network}
          </text>
          {[...nodes.values()].map((node) => (
            <ActorBox
              key={node.id}
              node={node}
              state={
                inWords(stateAt(timeline, node.id, count)) ??
                backEndLabel(node.id, trace, cursorMs, t)
              }
              process={node.id === SERVER ? serverState : null}
            />
          ))}
          {flying.map(({ span, progress }) => (
            <WireMessage key={span.message.id} span={span} progress={progress} nodes={nodes} />
          ))}
        </svg>
        <figcaption className="sr-only">
          <ul>
            {[...nodes.values()].map((node) => (
              <li key={node.id}>
                {node.id}: {inWords(stateAt(timeline, node.id, count)) ?? '—'}
              </li>
            ))}
            {flying.map(({ span }) => (
              <li key={span.message.id}>
                {span.message.from} → {span.message.to}: {wireLabel(span)}
                {span.fate === 'dropped' ? ` (${t.topology.lost})` : ''}
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>
    </Panel>
  );
}

/** How the server process looks when it is not simply up: crashed, or frozen in a pause. */
const PROCESS_LOOK = {
  down: { icon: '✕', tone: 'fill-red-100 stroke-red-600 dark:fill-red-950 dark:stroke-red-400' },
  paused: {
    icon: '‖',
    tone: 'fill-amber-100 stroke-amber-600 dark:fill-amber-950 dark:stroke-amber-400',
  },
} as const;

function ActorBox({
  node,
  state,
  process,
}: {
  node: Node;
  state: string | null;
  /** The server process's state (up, paused, down); null for every other actor. */
  process: string | null;
}) {
  const t = useMessages();
  const down = process === 'down';
  const look = process === 'down' || process === 'paused' ? PROCESS_LOOK[process] : null;
  const tone = look?.tone ?? node.tone;
  return (
    <g transform={`translate(${node.x - NODE_W / 2}, ${node.y - 24})`}>
      <rect
        width={NODE_W}
        height={48}
        rx={10}
        strokeWidth={look ? 3 : 1.5}
        strokeDasharray={process === 'paused' ? '5 3' : undefined}
        className={tone}
      />
      <text
        x={NODE_W / 2}
        y={20}
        textAnchor="middle"
        className="fill-current text-[13px] font-semibold"
      >
        {look ? `${look.icon} ${node.id}` : node.id}
      </text>
      <text
        x={NODE_W / 2}
        y={37}
        textAnchor="middle"
        className="fill-slate-600 font-mono text-[11px] dark:fill-slate-300"
      >
        {down ? t.topology.down : process === 'paused' ? t.topology.paused : (state ?? '')}
      </text>
    </g>
  );
}

/** A message between its endpoints; a lost one drops off the wire as it fades. */
function WireMessage({
  span,
  progress,
  nodes,
}: {
  span: MessageSpan;
  progress: number;
  nodes: Map<ActorId, Node>;
}) {
  const t = useMessages();
  const from = nodes.get(span.message.from);
  const to = nodes.get(span.message.to);
  if (!from || !to) return null;
  const dropped = span.fate === 'dropped';
  // A lost message gets halfway, then falls: it never arrives.
  const along = dropped ? 0.5 : progress;
  // From edge to edge, not centre to centre: a message never hides its actor's name and state.
  const side = Math.sign(to.x - from.x) || 1;
  const start = from.x + side * (NODE_W / 2 + 28);
  const end = to.x - side * (NODE_W / 2 + 28);
  const x = start + (end - start) * along;
  const y = from.y + (to.y - from.y) * along + (dropped ? progress * 60 : 0);
  const request = span.message.kind === 'request';
  const ok = !request && span.message.kind === 'response' && span.message.response.status < 300;
  const label = wireLabel(span);
  const tone = dropped
    ? 'fill-orange-500'
    : request
      ? 'fill-sky-600'
      : ok
        ? 'fill-emerald-600'
        : 'fill-rose-600';
  const title =
    span.message.kind === 'request'
      ? `${span.message.request.method} ${span.message.request.path}`
      : statusLine(span.message.response.status);
  return (
    <g transform={`translate(${x}, ${y})`} opacity={dropped ? 1 - progress * 0.8 : 1}>
      <title>{title}</title>
      <rect x={-26} y={-11} width={52} height={22} rx={11} className={tone} />
      <text x={0} y={4} textAnchor="middle" className="fill-white font-mono text-[11px] font-bold">
        {dropped ? `✕ ${label}` : label}
      </text>
      {span.replayed && (
        <text
          x={0}
          y={-16}
          textAnchor="middle"
          className="fill-emerald-700 text-[10px] font-semibold dark:fill-emerald-300"
        >
          {t.topology.replayed}
        </text>
      )}
    </g>
  );
}
