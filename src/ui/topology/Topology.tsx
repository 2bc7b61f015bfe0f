import { useCallback, useMemo, useState } from 'react';
import { statusLine } from '../../model/http.ts';
import { actorKind, isClient, PROVIDER, SERVER, STORE, type ActorId } from '../../model/message.ts';
import { WORLDS, type WorldKind } from '../../model/worlds.ts';
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
 *
 * Two layouts of the same drawing: left to right on a wide screen; top to bottom in a narrow
 * container (a phone), where a wide drawing scaled to fit would shrink its labels to about 6 px.
 * The narrow one is drawn about as wide as the screen, so its labels keep their size.
 */
const WIDTH = 760;
const HEIGHT = 230;
const CLIENT_X = 70;
const SERVER_X = 500;
const BACK_X = 680;
const NODE_W = 120;
const NODE_H = 48;
/** Space kept between a box and a message at its edge, so a message never hides a label. */
const PORT_GAP = 28;
/** Below this container width (CSS px) the topology is drawn top to bottom. */
const NARROW_PX = 560;

interface Point {
  x: number;
  y: number;
}

interface Node extends Point {
  id: ActorId;
  /** The box's width: narrow drawings fit four clients to a row. */
  w: number;
  /** Tailwind classes for the box: one colour per kind of actor. */
  tone: string;
}

/** One layout of the topology: where the actors are and where a message between two travels. */
interface Drawing {
  width: number;
  height: number;
  nodes: Map<ActorId, Node>;
  /** The network's dashed area, and where its name goes. */
  band: { x: number; y: number; width: number; height: number };
  label: Point & { anchor: 'middle' | 'start' };
  /** Where a message from one actor to another starts and ends: edge to edge, not centre to centre. */
  wire(from: Node, to: Node): { start: Point; end: Point };
  /** Which way a lost message falls off the wire, in drawing units at the end of its fall. */
  fall: Point;
}

const TONE = {
  client: 'fill-sky-100 stroke-sky-600 dark:fill-sky-950 dark:stroke-sky-400',
  server: 'fill-indigo-100 stroke-indigo-600 dark:fill-indigo-950 dark:stroke-indigo-400',
  store: 'fill-emerald-100 stroke-emerald-600 dark:fill-emerald-950 dark:stroke-emerald-400',
  provider: 'fill-amber-100 stroke-amber-600 dark:fill-amber-950 dark:stroke-amber-400',
};

const clientsOf = (actors: readonly ActorId[]) => actors.filter(isClient);
const toneOf = (id: ActorId): string => {
  const kind = actorKind(id);
  return kind === 'store' || kind === 'provider' ? TONE[kind] : TONE.server;
};
/** How far apart the back-end boxes stand, across `span`: evenly, about the centre. */
const spreadOut = (i: number, count: number, span: number) => (i - (count - 1) / 2) * span;
const byId = (nodes: Node[]) => new Map(nodes.map((n) => [n.id, n]));

/** Tall enough for every client's box: a retry storm has twelve. */
const heightFor = (clients: number) => Math.max(HEIGHT, clients * CLIENT_GAP + 40);
const CLIENT_GAP = 56;

/** Clients on the left, the server in the middle, the store and the provider on the right. */
function wideLayout(actors: readonly ActorId[], world: WorldKind): Drawing {
  const clients = clientsOf(actors);
  const height = heightFor(clients.length);
  const gap = Math.min(70, (height - 40) / Math.max(1, clients.length));
  const top = height / 2 - (gap * (clients.length - 1)) / 2;
  const node = (id: ActorId, x: number, y: number, tone: string) => ({ id, x, y, w: NODE_W, tone });
  const nodes = clients.map((id, i) => node(id, CLIENT_X, top + i * gap, TONE.client));
  nodes.push(node(SERVER, SERVER_X, height / 2, TONE.server));
  const { backEnd } = WORLDS[world];
  backEnd.forEach((id, i) =>
    nodes.push(node(id, BACK_X, height / 2 + spreadOut(i, backEnd.length, 140), toneOf(id))),
  );
  return {
    width: WIDTH,
    height,
    nodes: byId(nodes),
    band: {
      x: CLIENT_X + NODE_W / 2 + 20,
      y: 10,
      width: SERVER_X - CLIENT_X - NODE_W - 40,
      height: height - 20,
    },
    label: { x: (CLIENT_X + SERVER_X) / 2, y: 30, anchor: 'middle' },
    wire(from, to) {
      const side = Math.sign(to.x - from.x) || 1;
      return {
        start: { x: from.x + side * (from.w / 2 + PORT_GAP), y: from.y },
        end: { x: to.x - side * (to.w / 2 + PORT_GAP), y: to.y },
      };
    },
    fall: { x: 0, y: 60 },
  };
}

/** The narrowest the narrow drawing gets, in CSS px; below it, it scales down. */
const NARROW_MIN = 280;
const NARROW_BAND = 150;
const ROW_GAP = 10;

/**
 * Clients in rows across the top (three or four to a row), the network below them, then the
 * server, then the store and the provider side by side: messages travel up and down. It is drawn
 * as wide as its box, one unit to a CSS pixel, so its labels keep their size.
 */
function narrowLayout(actors: readonly ActorId[], world: WorldKind, boxWidth: number): Drawing {
  const width = Math.max(NARROW_MIN, Math.round(boxWidth));
  const clients = clientsOf(actors);
  const perRow = Math.max(1, Math.min(clients.length, width < 400 ? 3 : 4));
  const pitch = (width - 16) / perRow;
  const w = Math.min(NODE_W, pitch - 8);
  const rows = Math.ceil(clients.length / perRow);
  const node = (id: ActorId, x: number, y: number, tone: string, boxW = NODE_W) => ({
    id,
    x,
    y,
    w: boxW,
    tone,
  });
  const nodes = clients.map((id, i) => {
    const inRow = Math.min(perRow, clients.length - Math.floor(i / perRow) * perRow);
    const left = (width - inRow * pitch) / 2;
    const row = Math.floor(i / perRow);
    return node(
      id,
      left + ((i % perRow) + 0.5) * pitch,
      10 + NODE_H / 2 + row * (NODE_H + ROW_GAP),
      TONE.client,
      w,
    );
  });
  const bandTop = 10 + rows * (NODE_H + ROW_GAP) + 4;
  const serverY = bandTop + NARROW_BAND + 14 + NODE_H / 2;
  const backY = serverY + NODE_H + 60;
  nodes.push(node(SERVER, width / 2, serverY, TONE.server));
  const { backEnd } = WORLDS[world];
  backEnd.forEach((id, i) =>
    nodes.push(node(id, width / 2 + spreadOut(i, backEnd.length, width / 2), backY, toneOf(id))),
  );
  // Clients' messages enter the network below the last row, so they never cross a box; the
  // clients of one column enter side by side, so their messages are told apart.
  const spread = (i: number) => (Math.floor(i / perRow) - (rows - 1) / 2) * 16;
  const clientPorts = new Map(
    clients.map((id, i) => [id, { x: nodes[i]!.x + spread(i), y: bandTop + PORT_GAP / 2 }]),
  );
  /** Where a message leaves or reaches a box on its upper or lower side. */
  const port = (n: Node, down: boolean): Point =>
    clientPorts.get(n.id) ?? { x: n.x, y: n.y + (down ? 1 : -1) * (NODE_H / 2 + PORT_GAP / 2) };
  return {
    width,
    height: backY + NODE_H / 2 + 10,
    nodes: byId(nodes),
    band: { x: 8, y: bandTop, width: width - 16, height: NARROW_BAND },
    label: { x: 16, y: bandTop + NARROW_BAND - 10, anchor: 'start' },
    wire(from, to) {
      const down = to.y > from.y;
      return { start: port(from, down), end: port(to, !down) };
    },
    fall: { x: 50, y: 0 },
  };
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
    if (r.type === 'store') return t.topology.storeOps[r.op.type];
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

/**
 * The width of the topology's box in CSS px, followed as it resizes (a phone turned, a window
 * dragged). The first guess comes from the window, so a phone draws its layout from the first
 * frame; the observer reports before the first paint if the guess was wrong.
 */
function useBoxWidth(): [(el: HTMLElement | null) => (() => void) | undefined, number] {
  const [width, setWidth] = useState(() =>
    typeof window === 'undefined' ? WIDTH : window.innerWidth - 66,
  );
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export function Topology() {
  const t = useMessages();
  const run = useLab((s) => s.run);
  const timeline = useLab((s) => s.timeline);
  const cursorMs = useLab((s) => s.cursorMs);
  const count = useRecordCount();
  const trace = useTraceSoFar();
  const [figure, boxWidth] = useBoxWidth();
  // The wide drawing scales to its box; the narrow one is laid out for its box's width.
  const narrowWidth = boxWidth < NARROW_PX ? boxWidth : null;
  const drawing = useMemo(
    () =>
      narrowWidth === null
        ? wideLayout(timeline.actors, run.world)
        : narrowLayout(timeline.actors, run.world, narrowWidth),
    [narrowWidth, timeline, run.world],
  );
  const { nodes, band, label } = drawing;
  const flying = inFlight(timeline, cursorMs);
  const serverState = stateAt(timeline, SERVER, count);
  const inWords = (state: string | null) =>
    state === null ? null : (t.topology.states[state] ?? state);
  const at = Math.round(cursorMs);

  return (
    <Panel id="topology" title={t.topology.region}>
      <figure ref={figure}>
        <svg
          viewBox={`0 0 ${drawing.width} ${drawing.height}`}
          className="h-auto w-full"
          role="img"
          aria-label={t.topology.caption(at)}
        >
          <rect
            x={band.x}
            y={band.y}
            width={band.width}
            height={band.height}
            rx={16}
            className="fill-slate-100 stroke-slate-300 dark:fill-slate-800/60 dark:stroke-slate-700"
            strokeDasharray="6 6"
          />
          <text
            x={label.x}
            y={label.y}
            textAnchor={label.anchor}
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
          {flying.map(({ span, along, fallen }) => (
            <WireMessage
              key={span.message.id}
              span={span}
              along={along}
              fallen={fallen}
              drawing={drawing}
            />
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
    <g transform={`translate(${node.x - node.w / 2}, ${node.y - NODE_H / 2})`}>
      <rect
        width={node.w}
        height={NODE_H}
        rx={10}
        strokeWidth={look ? 3 : 1.5}
        strokeDasharray={process === 'paused' ? '5 3' : undefined}
        className={tone}
      />
      <text
        x={node.w / 2}
        y={20}
        textAnchor="middle"
        className="fill-current text-[13px] font-semibold"
      >
        {look ? `${look.icon} ${node.id}` : node.id}
      </text>
      <text
        x={node.w / 2}
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
  along,
  fallen,
  drawing,
}: {
  span: MessageSpan;
  along: number;
  fallen: number;
  drawing: Drawing;
}) {
  const t = useMessages();
  const from = drawing.nodes.get(span.message.from);
  const to = drawing.nodes.get(span.message.to);
  if (!from || !to) return null;
  const dropped = span.fate === 'dropped';
  // A lost message falls off the wire where it was lost: it never arrives.
  const { start, end } = drawing.wire(from, to);
  const x = start.x + (end.x - start.x) * along + drawing.fall.x * fallen;
  const y = start.y + (end.y - start.y) * along + drawing.fall.y * fallen;
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
    <g transform={`translate(${x}, ${y})`} opacity={dropped ? 1 - fallen * 0.8 : 1}>
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
          className="fill-emerald-700 text-[11px] font-semibold dark:fill-emerald-300"
        >
          {t.topology.replayed}
        </text>
      )}
    </g>
  );
}
