/**
 * The postMessage protocol between an embedded stage and the page around it (a slide deck),
 * version 1 (docs/EMBED.md). Everything the stage posts carries `v: 1`; a command may carry
 * `v: 1` and is refused with any other version, so a later protocol's messages are never
 * misread. Validation is pure and total: any value at all — junk, a wrong shape, a huge payload,
 * an object with prototype-polluting keys — gives a command or null, never a throw, and no
 * command can make the stage run code or navigate: `lab:load` takes a plain query string only.
 */

export const PROTOCOL_VERSION = 1;

/** What a deck may ask of the stage. */
export type Command =
  | { type: 'lab:play' }
  | { type: 'lab:pause' }
  | { type: 'lab:step' }
  | { type: 'lab:back' }
  | { type: 'lab:reset' }
  | { type: 'lab:seek'; at: number | 'end' }
  | { type: 'lab:load'; search: string }
  /** A key pressed in the deck's own document, forwarded: the stage steps or hands it back. */
  | { type: 'lab:key'; key: string }
  /** reveal.js posts the bare strings 'slide:start' and 'slide:stop' to a slide's iframes. */
  | { type: 'slide:start' }
  | { type: 'slide:stop' };

/** What the stage tells the deck, each with `v: 1`. */
export type Report =
  | { type: 'lab:ready' }
  | { type: 'lab:moment'; at: number; end: number }
  | { type: 'lab:ended' }
  | { type: 'lab:key'; key: string }
  | { type: 'lab:event'; kind: string; text: string };

export type Posted = Report & { v: typeof PROTOCOL_VERSION };

const BARE = ['lab:play', 'lab:pause', 'lab:step', 'lab:back', 'lab:reset'] as const;
type Bare = (typeof BARE)[number];

/** The longest `search` a `lab:load` may carry: a busy run's tape is a few thousand characters. */
export const SEARCH_MAX = 16_384;
/** `KeyboardEvent.key` names are short (`PageDown`, `ArrowRight`, `.`). */
const KEY_MAX = 16;
/** The latest moment a seek may name, as a link's `at=` (seven digits of ms). */
const SEEK_MAX_MS = 9_999_999;

/**
 * A plain query string, as the lab writes its links: `?` and then only the characters its
 * parameters use (letters, digits, `-_.~=&@,+%`). No `:` or `/` — so no `javascript:` and no
 * `https://` — no `#`, no quotes, no spaces.
 */
const PLAIN_QUERY = /^\?[A-Za-z0-9\-_.~=&@,+%]*$/;

export const isPlainQuery = (text: string): boolean =>
  text.length <= SEARCH_MAX && PLAIN_QUERY.test(text);

/** An object made by `{…}` or JSON: no arrays, no class instances, nothing exotic. */
function plainObject(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const proto: unknown = Object.getPrototypeOf(data);
  return proto === Object.prototype || proto === null ? (data as Record<string, unknown>) : null;
}

/** A field the object has itself: an inherited (or polluted) one does not count. */
const own = (object: Record<string, unknown>, key: string): unknown =>
  Object.hasOwn(object, key) ? object[key] : undefined;

function seekTarget(at: unknown): number | 'end' | null {
  if (at === 'end') return 'end';
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0 || at > SEEK_MAX_MS) return null;
  return at;
}

/** The command a message carries, or null for anything else. */
export function parseCommand(data: unknown): Command | null {
  if (data === 'slide:start' || data === 'slide:stop') return { type: data };
  const object = plainObject(data);
  if (!object) return null;
  const version = own(object, 'v');
  if (version !== undefined && version !== PROTOCOL_VERSION) return null;
  const type = own(object, 'type');
  if (typeof type !== 'string') return null;
  if ((BARE as readonly string[]).includes(type)) return { type: type as Bare };
  if (type === 'lab:seek') {
    const at = seekTarget(own(object, 'at'));
    return at === null ? null : { type, at };
  }
  if (type === 'lab:key') {
    const key = own(object, 'key');
    return typeof key === 'string' && key.length > 0 && key.length <= KEY_MAX
      ? { type, key }
      : null;
  }
  if (type === 'lab:load') {
    const search = own(object, 'search');
    return typeof search === 'string' && isPlainQuery(search) ? { type, search } : null;
  }
  return null;
}

/** A report as posted: stamped with the protocol's version. */
export const stamped = (report: Report): Posted => ({ ...report, v: PROTOCOL_VERSION });

/** The deck as the stage sees it: where reports go, where commands come from, and a clock. */
export interface DeckPort {
  post(message: Posted): void;
  /** Calls back with every message's data from the deck; returns a function that stops it. */
  listen(onData: (data: unknown) => void): () => void;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

/** What the stage does with a command: the adapter below, apart so it is tested without a DOM. */
export interface StageActions {
  play(): void;
  pause(): void;
  step(): void;
  back(): void;
  reset(): void;
  seek(at: number | 'end'): void;
  load(search: string): void;
  /** A key the deck forwards from its own document, as if pressed inside the frame. */
  key(key: string): void;
}

/** Runs a validated command; anything else was already refused by `parseCommand`. */
export function applyCommand(command: Command, stage: StageActions): void {
  switch (command.type) {
    case 'lab:play':
    case 'slide:start':
      return stage.play();
    case 'lab:pause':
      return stage.pause();
    case 'lab:step':
      return stage.step();
    case 'lab:back':
      return stage.back();
    case 'lab:reset':
      return stage.reset();
    case 'slide:stop':
      // The slide is gone: the run stops and rewinds, ready for the next time it is shown.
      stage.pause();
      return stage.reset();
    case 'lab:seek':
      return stage.seek(command.at);
    case 'lab:load':
      return stage.load(command.search);
    case 'lab:key':
      return stage.key(command.key);
  }
}
