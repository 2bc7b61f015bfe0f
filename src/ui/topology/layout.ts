import { actorKind, isClient, SERVER, type ActorId } from '../../model/message.ts';
import { WORLDS, type WorldKind } from '../../model/worlds.ts';

/**
 * Where the topology's actors stand and where a message between two travels, in drawing units.
 * Two layouts of the same drawing: left to right on a wide screen; top to bottom in a narrow
 * container (a phone), where a wide drawing scaled to fit would shrink its labels to about 6 px.
 * The narrow one is drawn about as wide as the screen, so its labels keep their size.
 */
export const WIDTH = 760;
const HEIGHT = 230;
const CLIENT_X = 70;
const SERVER_X = 500;
const BACK_X = 680;
const NODE_W = 120;
export const NODE_H = 48;
/** Space kept between a box and a message at its edge, so a message never hides a label. */
const PORT_GAP = 28;
/** Below this container width (CSS px) the topology is drawn top to bottom. */
export const NARROW_PX = 560;

export interface Point {
  x: number;
  y: number;
}

export interface Node extends Point {
  id: ActorId;
  /** The box's width: narrow drawings fit four clients to a row. */
  w: number;
  /** Tailwind classes for the box: one colour per kind of actor. */
  tone: string;
}

/** One layout of the topology: where the actors are and where a message between two travels. */
export interface Drawing {
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
/** An actor's box, centred on (x, y); both layouts place them with this. */
const node = (id: ActorId, x: number, y: number, tone: string, w = NODE_W): Node => ({
  id,
  x,
  y,
  w,
  tone,
});

/** Tall enough for every client's box: a retry storm has twelve. */
const heightFor = (clients: number, least = HEIGHT) => Math.max(least, clients * CLIENT_GAP + 40);
const CLIENT_GAP = 56;

/** Where the left-to-right drawing's three columns stand, and how wide its boxes are. */
export interface Columns {
  width: number;
  clientX: number;
  serverX: number;
  backX: number;
  nodeW: number;
  /** The drawing's height with few clients, and how far apart the back end's boxes stand. */
  height: number;
  backGap: number;
}

const WIDE: Columns = {
  width: WIDTH,
  clientX: CLIENT_X,
  serverX: SERVER_X,
  backX: BACK_X,
  nodeW: NODE_W,
  height: HEIGHT,
  backGap: 140,
};

/**
 * The same drawing, 496 units wide instead of 760: for a stage about 600 px wide (two side by side
 * on a slide), where the wide drawing scaled to fit would shrink its labels to about 10 px. Its
 * messages fly a shorter way; its boxes fit the common labels at 16 units, and the back end's
 * column leaves room at the edge for a longer one (`claiming a key`).
 */
export const COMPACT: Columns = {
  width: 496,
  clientX: 59,
  serverX: 300,
  backX: 424,
  nodeW: 106,
  height: 190,
  backGap: 118,
};

/** Clients on the left, the server in the middle, the store and the provider on the right. */
export function wideLayout(
  actors: readonly ActorId[],
  world: WorldKind,
  columns: Columns = WIDE,
): Drawing {
  const { width, clientX, serverX, backX, nodeW, backGap } = columns;
  const clients = clientsOf(actors);
  const height = heightFor(clients.length, columns.height);
  const gap = Math.min(70, (height - 40) / Math.max(1, clients.length));
  const top = height / 2 - (gap * (clients.length - 1)) / 2;
  const nodes = clients.map((id, i) => node(id, clientX, top + i * gap, TONE.client, nodeW));
  nodes.push(node(SERVER, serverX, height / 2, TONE.server, nodeW));
  const { backEnd } = WORLDS[world];
  backEnd.forEach((id, i) =>
    nodes.push(
      node(id, backX, height / 2 + spreadOut(i, backEnd.length, backGap), toneOf(id), nodeW),
    ),
  );
  return {
    width,
    height,
    nodes: byId(nodes),
    band: {
      x: clientX + nodeW / 2 + 20,
      y: 10,
      width: serverX - clientX - nodeW - 40,
      height: height - 20,
    },
    label: { x: (clientX + serverX) / 2, y: 30, anchor: 'middle' },
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
export function narrowLayout(
  actors: readonly ActorId[],
  world: WorldKind,
  boxWidth: number,
): Drawing {
  const width = Math.max(NARROW_MIN, Math.round(boxWidth));
  const clients = clientsOf(actors);
  const perRow = Math.max(1, Math.min(clients.length, width < 400 ? 3 : 4));
  const pitch = (width - 16) / perRow;
  const w = Math.min(NODE_W, pitch - 8);
  const rows = Math.ceil(clients.length / perRow);
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
    clients.map((id, i) => [id, { x: (nodes[i]?.x ?? 0) + spread(i), y: bandTop + PORT_GAP / 2 }]),
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
