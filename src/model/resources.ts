import type { RequestMessage } from './message.ts';
import {
  ETAG,
  IF_MATCH,
  IF_NONE_MATCH,
  LOCATION,
  type HttpRequest,
  type HttpResponse,
  type Method,
} from './http.ts';

/**
 * The resource server's semantics as one pure function, `serve(state, request) → { state,
 * response }`, following RFC 9110 §9 (methods) and §13 (preconditions, in the RFC's order) and
 * RFC 6585 (428). The resource world's store (machines/resourceStore.ts) runs it; the wire format
 * at the end of this file turns its requests and responses into HTTP messages and back.
 */
export type Fields = Readonly<Record<string, string | number>>;

export interface Resource {
  body: Fields;
  /** A strong entity tag, changed by every change of state: `"r7"`. */
  etag: string;
}

export interface ResourceState {
  resources: Readonly<Record<string, Resource>>;
  /** Counts changes; the source of fresh ETags and of ids for POST. */
  changes: number;
}

export type Patch = { op: 'add'; field: string; by: number } | { op: 'merge'; fields: Fields };

export interface ResourceRequest {
  method: Method;
  path: string;
  ifMatch?: string;
  ifNoneMatch?: string;
  body?: Fields;
  patch?: Patch;
}

export interface ResourceResponse {
  status: number;
  /** OPTIONS: the methods the resource supports. */
  allow?: string;
  etag?: string;
  location?: string;
  body?: Fields;
}

export interface ServerRules {
  /** Demand If-Match on PUT, PATCH and DELETE of an existing resource (428 without it). */
  requireIfMatch: boolean;
}

const ALLOW = 'GET, HEAD, OPTIONS, PUT, PATCH, DELETE, POST';

/** Strong comparison: both tags strong and equal (RFC 9110 §8.8.3.2). */
const strongMatch = (a: string, b: string) => !a.startsWith('W/') && !b.startsWith('W/') && a === b;
/** Weak comparison: equal once the W/ prefix is dropped. */
const weakMatch = (a: string, b: string) => a.replace(/^W\//, '') === b.replace(/^W\//, '');

const listMatches = (header: string, etag: string, compare: (a: string, b: string) => boolean) =>
  header
    .split(',')
    .map((t) => t.trim())
    .some((t) => compare(t, etag));

/** Methods that act on an existing resource: without one their answer is 404, whatever else. */
const NEEDS_RESOURCE: readonly Method[] = ['GET', 'HEAD', 'PATCH', 'DELETE'];

/**
 * The precondition verdict, checked in RFC 9110 §13.2.2's order; null when the method may run.
 * Preconditions are ignored when the unconditional answer would be neither 2xx nor 412
 * (§13.2.1): a DELETE of a missing resource is 404, If-Match or not.
 */
function preconditions(
  request: ResourceRequest,
  current: Resource | undefined,
  rules: ServerRules,
): number | null {
  if (!current && NEEDS_RESOURCE.includes(request.method)) return null;
  const changesState =
    request.method === 'PUT' || request.method === 'PATCH' || request.method === 'DELETE';
  // RFC 6585: 428 when a change of an existing resource comes with no precondition at all.
  const unconditional = request.ifMatch === undefined && request.ifNoneMatch === undefined;
  if (rules.requireIfMatch && changesState && current && unconditional) return 428;
  if (request.ifMatch !== undefined) {
    const passes =
      request.ifMatch === '*'
        ? current !== undefined
        : current !== undefined && listMatches(request.ifMatch, current.etag, strongMatch);
    if (!passes) return 412;
  }
  if (request.ifNoneMatch !== undefined) {
    const fails =
      request.ifNoneMatch === '*'
        ? current !== undefined
        : current !== undefined && listMatches(request.ifNoneMatch, current.etag, weakMatch);
    if (fails) return request.method === 'GET' || request.method === 'HEAD' ? 304 : 412;
  }
  return null;
}

function write(
  state: ResourceState,
  path: string,
  body: Fields | null,
): { state: ResourceState; etag: string } {
  // Writing what is already there changes nothing, so the entity tag stays: no needless 412s.
  const current = state.resources[path];
  if (current && body && sameFields(current.body, body)) return { state, etag: current.etag };
  const changes = state.changes + 1;
  const etag = `"r${changes}"`;
  const resources = { ...state.resources };
  if (body === null) delete resources[path];
  else resources[path] = { body, etag };
  return { state: { resources, changes }, etag };
}

export function applyPatch(body: Fields, patch: Patch): Fields {
  if (patch.op === 'merge') return { ...body, ...patch.fields };
  const before = body[patch.field];
  return { ...body, [patch.field]: (typeof before === 'number' ? before : 0) + patch.by };
}

export function serve(
  state: ResourceState,
  request: ResourceRequest,
  rules: ServerRules,
): { state: ResourceState; response: ResourceResponse } {
  const current = state.resources[request.path];
  const failed = preconditions(request, current, rules);
  if (failed !== null)
    return {
      state,
      response:
        failed === 304 && current ? { status: 304, etag: current.etag } : { status: failed },
    };
  switch (request.method) {
    case 'GET':
    case 'HEAD': {
      if (!current) return { state, response: { status: 404 } };
      const body = request.method === 'GET' ? { body: current.body } : {};
      return { state, response: { status: 200, etag: current.etag, ...body } };
    }
    case 'OPTIONS':
      return { state, response: { status: 200, allow: ALLOW } };
    case 'PUT': {
      const next = write(state, request.path, request.body ?? {});
      return { state: next.state, response: { status: current ? 200 : 201, etag: next.etag } };
    }
    case 'PATCH': {
      if (!current) return { state, response: { status: 404 } };
      const next = write(
        state,
        request.path,
        applyPatch(current.body, request.patch ?? { op: 'merge', fields: {} }),
      );
      return { state: next.state, response: { status: 200, etag: next.etag } };
    }
    case 'DELETE': {
      if (!current) return { state, response: { status: 404 } };
      return { state: write(state, request.path, null).state, response: { status: 204 } };
    }
    case 'POST': {
      const location = `${request.path}/${state.changes + 1}`;
      const next = write(state, location, request.body ?? {});
      return { state: next.state, response: { status: 201, etag: next.etag, location } };
    }
  }
}

/** The state as a client could observe it: bodies by path, ETags aside. */
export function observable(state: ResourceState): Record<string, Fields> {
  return Object.fromEntries(Object.entries(state.resources).map(([path, r]) => [path, r.body]));
}

/** Same fields, same values: what "the state did not change" means to a client. */
export function sameFields(a: Fields | null | undefined, b: Fields | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Two observable states (bodies by path) hold the same resources with the same fields. */
export function sameState(
  a: Readonly<Record<string, Fields>>,
  b: Readonly<Record<string, Fields>>,
): boolean {
  const paths = Object.keys(a);
  return (
    paths.length === Object.keys(b).length && paths.every((path) => sameFields(a[path], b[path]))
  );
}

// --- the wire format -------------------------------------------------------------------------

/** RFC 7396 names the merge; a relative change gets a body that says what to add to what. */
const MERGE_PATCH = 'application/merge-patch+json';
const JSON_TYPE = 'application/json';

export function requestToWire(request: ResourceRequest): HttpRequest {
  const headers: Record<string, string> = {};
  if (request.ifMatch !== undefined) headers[IF_MATCH] = request.ifMatch;
  if (request.ifNoneMatch !== undefined) headers[IF_NONE_MATCH] = request.ifNoneMatch;
  let body: Fields = {};
  if (request.patch?.op === 'merge') {
    headers['Content-Type'] = MERGE_PATCH;
    body = request.patch.fields;
  } else if (request.patch?.op === 'add') {
    headers['Content-Type'] = JSON_TYPE;
    body = { add: request.patch.field, by: request.patch.by };
  } else if (request.body) {
    headers['Content-Type'] = JSON_TYPE;
    body = request.body;
  }
  return { method: request.method, path: request.path, headers, body };
}

export function requestFromWire(http: HttpRequest): ResourceRequest {
  const { method, path, headers, body } = http;
  const request: ResourceRequest = { method, path };
  if (headers[IF_MATCH] !== undefined) request.ifMatch = headers[IF_MATCH];
  if (headers[IF_NONE_MATCH] !== undefined) request.ifNoneMatch = headers[IF_NONE_MATCH];
  if (method === 'PATCH') {
    request.patch =
      headers['Content-Type'] === MERGE_PATCH
        ? { op: 'merge', fields: body }
        : { op: 'add', field: String(body.add), by: Number(body.by) };
  } else if (method === 'PUT' || method === 'POST') request.body = body;
  return request;
}

export function responseToWire(response: ResourceResponse): HttpResponse {
  const headers: Record<string, string> = {};
  if (response.etag !== undefined) headers[ETAG] = response.etag;
  if (response.location !== undefined) headers[LOCATION] = response.location;
  if (response.allow !== undefined) headers.Allow = response.allow;
  return { status: response.status, headers, body: response.body ?? {} };
}

/** What executing one request did, for the trace: the resource it touched, before and after. */
export interface ServedParams {
  message: RequestMessage;
  response: ResourceResponse;
  /** The path the request changed or read: its target, or for POST the resource it created. */
  path: string;
  before: { body: Fields; etag: string } | null;
  after: { body: Fields; etag: string } | null;
}
