import type { HttpRequest, HttpResponse } from './http.ts';

/** Actor names as they appear in the trace and the views. Clients are `client-1`, `client-2`… */
export type ActorId = string;
export const NETWORK = 'network';
export const SERVER = 'server';
export const STORE = 'store';
export const PROVIDER = 'provider';
/** The server's background completer: it finishes requests whose clients gave up. */
export const COMPLETER = 'completer';

/**
 * What kind of actor an id names. Clients are `client-N`; a request in the server's memory is a
 * `handler-N` (payments), a `completer-N` (the completer's own run of a request) or a `request-N`
 * (resources). Every view and report asks this one function instead of parsing ids itself.
 */
export type ActorKind =
  'client' | 'network' | 'server' | 'store' | 'provider' | 'completer' | 'handler';

const FIXED_ACTORS: Readonly<Record<string, ActorKind>> = {
  [NETWORK]: 'network',
  [SERVER]: 'server',
  [STORE]: 'store',
  [PROVIDER]: 'provider',
  [COMPLETER]: 'completer',
};

export function actorKind(id: ActorId): ActorKind | null {
  const fixed = FIXED_ACTORS[id];
  if (fixed) return fixed;
  if (/^client-\d+$/.test(id)) return 'client';
  if (/^(handler|completer|request)-\d+$/.test(id)) return 'handler';
  return null;
}

export const isClient = (id: ActorId): boolean => actorKind(id) === 'client';

/** Client number `index` (0-based) is `client-${index + 1}`. */
export const clientIdOf = (index: number): ActorId => `client-${index + 1}`;

/** A client's short name in ids it makes: `client-3` → `c3`. */
export const clientTag = (clientId: ActorId): string => clientId.replace(/^client-/, 'c');

/**
 * Where a message came from in the real world: which intent and which attempt. Actors use the
 * attempt only as a connection would (a response belongs to the request it answers); the
 * invariants use the intent as ground truth, which no server could see.
 */
export interface Provenance {
  intentId: string;
  attempt: number;
  /**
   * For a write computed from an earlier read: the ETag of the state the client had read. Ground
   * truth for the lost-update oracle; the server sees only what the headers say.
   */
  basedOn?: string;
}

interface Envelope extends Provenance {
  /** Unique per run, in send order; a network duplicate gets its own id and `copyOf`. */
  id: number;
  from: ActorId;
  to: ActorId;
  copyOf?: number;
}

export interface RequestMessage extends Envelope {
  kind: 'request';
  request: HttpRequest;
}

export interface ResponseMessage extends Envelope {
  kind: 'response';
  response: HttpResponse;
}

export type Message = RequestMessage | ResponseMessage;

/** What an actor hands to the network; the kernel gives it an id. */
export type MessageDraft = Omit<RequestMessage, 'id'> | Omit<ResponseMessage, 'id'>;
