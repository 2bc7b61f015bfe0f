import { IDEMPOTENT_REPLAYED, IF_MATCH, readIdempotencyKey, statusLine } from '../model/http.ts';
import { logTextsOf } from '../i18n/logTexts.ts';
import {
  isClient,
  type ActorId,
  type Message,
  type RequestMessage,
  type ResponseMessage,
} from '../model/message.ts';
import type { ScriptedFault } from '../model/settings.ts';
import type { RecordOf, TraceRecord } from '../model/trace.ts';
import { formatMoney, messagesOf, type Lang } from '../i18n/i18n.ts';
import { CAPTION_TEXTS, type CaptionTexts } from '../i18n/captionTexts.ts';
import { attemptCounter } from './attempts.ts';
import { describeFacts, outcomeText } from './words.ts';

/**
 * Captions: the run's key moments, each told in one plain sentence, written from the trace alone
 * (never from the scenario), so that any run — a random seed, a fault clicked live — is narrated.
 * The moments are language-free (what happened, when, how long it deserves on screen); their
 * text is written in the learner's language only when shown. Every kind of caption is a text in
 * i18n/captionTexts.ts, where the Russian is typed by the English, so no kind lacks a language.
 */
type Say = CaptionTexts;
export type CaptionKind = keyof Say;

/** An argument a text takes: plain, or worded per language (money, a strategy's name). */
type Arg<T> = T | ((lang: Lang) => T);
type Lift<T extends readonly unknown[]> = { [I in keyof T]: Arg<T[I]> };
type Args<K extends CaptionKind> = Lift<Parameters<Say[K]>>;

/**
 * How much reading a moment asks for: `key` moments (a loss, a crash, a charge, a timeout, a
 * replay, a broken invariant…) hold the run until they can be read; `note`s (a request sent, a
 * row committed) are shown but held only briefly; a `repeat` is a key moment of a kind already
 * told twice in this run (the eleventh client timing out in a retry storm), held more briefly
 * still, so a busy run does not take minutes to say the same thing again.
 */
export type Weight = 'key' | 'note' | 'repeat';

/** Kinds that are never just a repeat: each of them is news, however often it happens. */
const ALWAYS_KEY: ReadonlySet<CaptionKind> = new Set<CaptionKind>([
  'chargeAgain',
  'broken',
  'responseLost',
  'responseLostResource',
  'crashBeforeCommit',
  'crashAfterCharge',
  'crashAfterCommit',
  'crashBeforeApply',
  'crashAfterApply',
  'crashNow',
  'alreadyApplied',
  'chargeRefused',
  'replayedToAnother',
  'endPayments',
  'endResources',
]);
/** How many times a kind is told in full before its next occurrences become repeats. */
const TOLD_IN_FULL = 2;

/** Marks the third and later key moments of each kind as repeats (see `Weight`). */
function markRepeats(moments: CaptionMoment[]): CaptionMoment[] {
  const told = new Map<CaptionKind, number>();
  for (const m of moments) {
    if (m.weight !== 'key' || ALWAYS_KEY.has(m.kind)) continue;
    const n = (told.get(m.kind) ?? 0) + 1;
    told.set(m.kind, n);
    if (n > TOLD_IN_FULL) m.weight = 'repeat';
  }
  return moments;
}

export interface CaptionMoment<K extends CaptionKind = CaptionKind> {
  /** Virtual time of the record it tells. */
  t: number;
  /** Index of that record in the trace. */
  index: number;
  kind: K;
  weight: Weight;
  args: Args<K>;
}

/** The moment's sentence in `lang`. */
export function captionText(moment: CaptionMoment, lang: Lang): string {
  const say = CAPTION_TEXTS[lang][moment.kind] as (...args: unknown[]) => string;
  const args = (moment.args as readonly unknown[]).map((arg) =>
    typeof arg === 'function' ? (arg as (lang: Lang) => unknown)(lang) : arg,
  );
  return say(...args);
}

const money =
  (amount: number) =>
  (lang: Lang): string =>
    formatMoney(lang, amount);

/** What the captions are written from, as the trace is read in order. */
interface Reading {
  trace: readonly TraceRecord[];
  world: 'payments' | 'resources';
  messages: Map<number, Message>;
  /** Each intent's requests so far, to tell a retry from a first try. */
  requests: Map<string, RequestMessage[]>;
  attemptOf: (message: RequestMessage) => number;
  charges: Map<string, number>;
  /** Each payment row committed, by its id: the intent it records. */
  recordedFor: Map<string, string>;
  out: CaptionMoment[];
}

/** Every captioned moment of a run, in trace order; the run's end is always the last. */
export function captionMoments(trace: readonly TraceRecord[]): CaptionMoment[] {
  const reading: Reading = {
    trace,
    world: trace[0]?.type === 'start-resources' ? 'resources' : 'payments',
    messages: new Map(),
    requests: new Map(),
    attemptOf: attemptCounter(),
    charges: new Map(),
    recordedFor: new Map(),
    out: [],
  };
  trace.forEach((record, index) => readRecord(record, index, reading));
  const last = trace.at(-1);
  if (last) reading.out.push(endMoment(trace, last.t, trace.length - 1));
  return markRepeats(reading.out);
}

function moment<K extends CaptionKind>(
  reading: Reading,
  record: TraceRecord,
  index: number,
  kind: K,
  weight: Weight,
  ...args: Args<K>
): void {
  reading.out.push({ t: record.t, index, kind, weight, args } as CaptionMoment);
}

/** `client-3` → 3: texts say "Client 3". */
const clientNumber = (id: ActorId): number => Number(id.replace(/\D+/g, '')) || 0;

function readRecord(record: TraceRecord, index: number, reading: Reading): void {
  const say = <K extends CaptionKind>(kind: K, weight: Weight, ...args: Args<K>) =>
    moment(reading, record, index, kind, weight, ...args);
  switch (record.type) {
    case 'start':
      // Clients, not payments: an intent is named by its client (`c2-p1` is client 2's).
      return say('start', 'note', payingClients(record.intents), strategyName(record.strategy));
    case 'start-resources':
      return say('startResources', 'note', record.intents.length);
    case 'send':
      return readSend(record, index, reading);
    case 'duplicate':
      reading.messages.set(record.copy.id, record.copy);
      return record.copy.kind === 'request'
        ? say('duplicateRequest', 'key', requestText(record.copy, reading.world))
        : say('duplicateResponse', 'key', statusLine(record.copy.response.status));
    case 'drop':
      return readDrop(record, index, reading);
    case 'fault':
      return readFault(record.fault, record, index, reading);
    case 'fault-end':
      return readFaultEnd(record.fault, record, index, reading);
    case 'crash':
      return readCrash(record, index, reading);
    case 'restart':
      return say('restart', 'note');
    case 'timer':
      if (record.name !== 'timeout') return;
      // A retry the budget refuses at once is told with it, by the budget's caption.
      if (refusedNow(reading.trace, index, record.actor)) return;
      return gaveUp(reading.trace, index, record.actor)
        ? say('timeoutGiveUp', 'key', clientNumber(record.actor))
        : say('timeoutRetry', 'key', clientNumber(record.actor));
    case 'charge':
      return readCharge(record, index, reading);
    case 'dedup':
      return say('dedup', 'key', record.intentId);
    case 'declined':
      return record.replayed
        ? say('declineReplayed', 'key')
        : say('declined', 'key', money(record.amount));
    case 'top-up':
      return say('topUp', 'note', money(record.amount));
    case 'recorded':
      if (record.what === 'payment') {
        reading.recordedFor.set(record.id, record.intentId);
        say('committed', 'note', record.intentId);
      }
      return;
    case 'refused':
      return say('chargeRefused', 'key', record.chargeId, record.recordedAs);
    case 'served':
      return readServed(record, index, reading);
    case 'background':
      if (record.status >= 500) return say('backgroundFailed', 'key', record.intentId);
      if (!settledBefore(reading.trace, index, record.intentId))
        return say('backgroundFirst', 'key', record.intentId);
      return say('background', 'key', record.intentId);
    case 'provider-failed':
      return record.how === 'error'
        ? say('providerRefused', 'key', money(record.amount))
        : say('providerTimedOut', 'key', money(record.amount));
    case 'settle':
      return record.alreadyApplied
        ? say('alreadyApplied', 'key', clientNumber(record.client))
        : say('settled', 'note', clientNumber(record.client), (lang: Lang) =>
            outcomeText(record.outcome, record.status, lang),
          );
    case 'invariant':
      return say('broken', 'key', invariantName(record), (lang: Lang) =>
        describeFacts(record.facts, lang),
      );
    case 'store':
      return readFailureKept(record, index, reading);
    case 'retry-budget':
      if (record.change === 'refund') return;
      return record.change === 'spend'
        ? say('budgetSpent', 'note', clientNumber(record.client), record.amount, record.tokens)
        : say(
            'budgetRefused',
            'key',
            clientNumber(record.client),
            record.amount,
            record.tokens,
            timedOutNow(reading.trace, index, record.client),
          );
    case 'deliver':
    case 'ignored':
    case 'transition':
      return;
  }
}

const payingClients = (intents: readonly string[]): number =>
  new Set(intents.map((id) => id.replace(/-p\d+$/, ''))).size;

const strategyName =
  (id: RecordOf<'start'>['strategy']) =>
  (lang: Lang): string =>
    messagesOf(lang).strategies[id].title;

const invariantName =
  (record: RecordOf<'invariant'>) =>
  (lang: Lang): string =>
    messagesOf(lang).invariants.names[record.name];

/** `POST /payments (€42.00, key 5c924d85…)` or `PUT /users/123 (If-Match: "r2")`. */
function requestText(message: Message, world: Reading['world']): Arg<string> {
  if (message.kind !== 'request') return '?';
  const { method, path, headers, body } = message.request;
  return (lang: Lang) => {
    const m = logTextsOf(lang);
    if (world === 'resources') {
      const ifMatch = headers[IF_MATCH];
      return ifMatch === undefined
        ? `${method} ${path}`
        : `${method} ${path} (If-Match ${ifMatch})`;
    }
    const key = readIdempotencyKey(message.request);
    const keyText = key ? `${m.key} ${key.slice(0, 8)}…` : m.noKey;
    const amount = typeof body.amount === 'number' ? `${formatMoney(lang, body.amount)}, ` : '';
    return `${method} ${path} (${amount}${keyText})`;
  };
}

function readSend(record: RecordOf<'send'>, index: number, reading: Reading): void {
  const { message } = record;
  reading.messages.set(message.id, message);
  if (message.kind === 'response') return readResponse(record, message, index, reading);
  if (!isClient(message.from)) return;
  const earlier = reading.requests.get(message.intentId) ?? [];
  reading.requests.set(message.intentId, [...earlier, message]);
  const { method, path } = message.request;
  const previous = earlier.findLast(
    (r) => r.request.method === method && r.request.path === path && r.from === message.from,
  );
  const attempt = reading.attemptOf(message);
  const client = clientNumber(message.from);
  const say = <K extends CaptionKind>(kind: K, weight: Weight, ...args: Args<K>) =>
    moment(reading, record, index, kind, weight, ...args);
  if (!previous) return say('firstSend', 'note', client, requestText(message, reading.world));
  if (reading.world === 'resources')
    return say('retryResource', 'key', client, attempt, requestText(message, 'resources'));
  const key = readIdempotencyKey(message.request);
  if (key === null) return say('retryNoKey', 'key', client, attempt);
  if (key === readIdempotencyKey(previous.request))
    return say('retrySameKey', 'key', client, attempt);
  return say('retryNewKey', 'key', client, attempt);
}

/** Statuses whose meaning the learner must be told: each has its own sentence. */
const STATUS_CAPTIONS = {
  400: 'status400',
  403: 'status403',
  409: 'status409',
  412: 'status412',
  422: 'status422',
  428: 'status428',
  500: 'status500',
  429: 'status429',
  503: 'status503',
} as const satisfies Record<number, CaptionKind>;

const hasStatusCaption = (status: number): status is keyof typeof STATUS_CAPTIONS =>
  Object.hasOwn(STATUS_CAPTIONS, status);

function readResponse(
  record: RecordOf<'send'>,
  message: Extract<Message, { kind: 'response' }>,
  index: number,
  reading: Reading,
): void {
  const { status, headers } = message.response;
  const say = <K extends CaptionKind>(kind: K, ...args: Args<K>) =>
    moment(reading, record, index, kind, 'key', ...args);
  if (headers[IDEMPOTENT_REPLAYED] === 'true') {
    const owner = ownerOfReplayed(message, reading);
    if (owner !== null)
      return say(
        'replayedToAnother',
        clientNumber(message.to),
        owner,
        String(message.response.body.id),
      );
    return say('replayed', statusLine(status));
  }
  if (hasStatusCaption(status)) return say(STATUS_CAPTIONS[status]);
  const request = reading.requests
    .get(message.intentId)
    ?.find((r) => r.attempt === message.attempt);
  if (status === 404 && request?.request.method === 'DELETE') say('status404', 'DELETE');
}

/**
 * The client whose payment a replayed answer tells of, when that is not the client it goes to:
 * its body names a payment row that was recorded for another client's intent (`c1-p1` is client
 * 1's). A double submit sends the owner's own intents, so its replays are its owner's, as they
 * should be.
 */
function ownerOfReplayed(message: ResponseMessage, reading: Reading): number | null {
  const id = message.response.body.id;
  const intent = typeof id === 'string' ? reading.recordedFor.get(id) : undefined;
  if (intent === undefined) return null;
  const owner = Number(/^c(\d+)-/.exec(intent)?.[1] ?? NaN);
  const asked = Number(/^c(\d+)-/.exec(message.intentId)?.[1] ?? NaN);
  return Number.isNaN(owner) || owner === asked ? null : owner;
}

function readDrop(record: RecordOf<'drop'>, index: number, reading: Reading): void {
  const message = reading.messages.get(record.id);
  if (!message) return;
  const say = <K extends CaptionKind>(kind: K, ...args: Args<K>) =>
    moment(reading, record, index, kind, 'key', ...args);
  if (message.kind === 'request') {
    const what = requestText(message, reading.world);
    return record.reason === 'server-down' ? say('requestRefused', what) : say('requestLost', what);
  }
  const status = statusLine(message.response.status);
  if (reading.world === 'payments') return say('responseLost', status);
  const request = reading.requests
    .get(message.intentId)
    ?.find((r) => r.attempt === message.attempt);
  say('responseLostResource', status, request?.request.method ?? 'request');
}

function readFault(fault: ScriptedFault, record: TraceRecord, index: number, reading: Reading) {
  const say = <K extends CaptionKind>(kind: K, ...args: Args<K>) =>
    moment(reading, record, index, kind, 'key', ...args);
  switch (fault.kind) {
    case 'drop-next':
      return say('armDrop', fault.direction === 'response');
    case 'duplicate-next':
      return say('armDuplicate', fault.direction === 'response');
    case 'crash':
      // A crash "now" is told by the crash record that follows at once, if the server was up.
      if (fault.point === 'now')
        return crashFollows(reading.trace, index) ? undefined : say('crashWhileDown');
      return say('armCrash', (lang: Lang) => messagesOf(lang).log.crashPoints[fault.point]);
    case 'partition':
      return say('partition', fault.durationMs);
    case 'key-store-down':
      return say('keyStoreDown', fault.durationMs);
    case 'server-pause':
      return say('pause', fault.durationMs);
    case 'provider-down':
      return say('providerDown', fault.durationMs);
    case 'provider-timeout':
      return say('providerHangs', fault.durationMs);
  }
}

/** What the server does with a key after a 5xx: stores it as the answer, or lets the key go. */
function readFailureKept(record: RecordOf<'store'>, index: number, reading: Reading): void {
  const { op } = record;
  const stored =
    (op.type === 'commit' && op.payment === null && op.response?.status === 500) ||
    (op.type === 'cacheSet' && op.response.status === 500);
  if (stored) return moment(reading, record, index, 'failureStored', 'key');
  if (op.type === 'forgetKey' && op.keepRow) moment(reading, record, index, 'keyReleased', 'key');
}

/** Had the client of this payment settled it before record `index`? */
function settledBefore(trace: readonly TraceRecord[], index: number, intentId: string): boolean {
  for (let i = 0; i < index; i++) {
    const r = trace[i]!;
    if (r.type === 'settle' && r.intentId === intentId) return true;
  }
  return false;
}

function readFaultEnd(fault: ScriptedFault, record: TraceRecord, index: number, reading: Reading) {
  const say = (kind: 'partitionEnd' | 'keyStoreBack' | 'pauseEnd' | 'providerBack') =>
    moment(reading, record, index, kind, 'key');
  if (fault.kind === 'partition') say('partitionEnd');
  else if (fault.kind === 'key-store-down') say('keyStoreBack');
  else if (fault.kind === 'server-pause') say('pauseEnd');
  else if (fault.kind === 'provider-down' || fault.kind === 'provider-timeout') say('providerBack');
}

function readCrash(record: RecordOf<'crash'>, index: number, reading: Reading): void {
  const say = (kind: Exclude<CrashKind, 'crashNow'>) => moment(reading, record, index, kind, 'key');
  const resources = reading.world === 'resources';
  switch (record.point) {
    case 'now':
      return moment(reading, record, index, 'crashNow', 'key', record.lost.length);
    case 'before-commit':
      return say(resources ? 'crashBeforeApply' : 'crashBeforeCommit');
    case 'after-provider-charge':
      return say('crashAfterCharge');
    case 'after-commit':
      return say(resources ? 'crashAfterApply' : 'crashAfterCommit');
  }
}

type CrashKind = Exclude<Extract<CaptionKind, `crash${string}`>, 'crashWhileDown'>;

function crashFollows(trace: readonly TraceRecord[], index: number): boolean {
  const t = trace[index]!.t;
  for (let i = index + 1; i < trace.length && trace[i]!.t === t; i++)
    if (trace[i]!.type === 'crash') return true;
  return false;
}

/** Records at the moment of record `index`, after it (or, backwards, before it). */
function sameMoment(trace: readonly TraceRecord[], index: number, step: 1 | -1): TraceRecord[] {
  const t = trace[index]!.t;
  const out: TraceRecord[] = [];
  for (let i = index + step; i >= 0 && i < trace.length && trace[i]!.t === t; i += step)
    out.push(trace[i]!);
  return out;
}

/** Did the retry budget refuse this client's retry at the moment its timeout fired? */
const refusedNow = (trace: readonly TraceRecord[], index: number, client: ActorId) =>
  sameMoment(trace, index, 1).some(
    (r) => r.type === 'retry-budget' && r.change === 'refuse' && r.client === client,
  );

/** Was the budget's refusal brought on by the client's timeout, at the same moment? */
const timedOutNow = (trace: readonly TraceRecord[], index: number, client: ActorId) =>
  sameMoment(trace, index, -1).some(
    (r) => r.type === 'timer' && r.name === 'timeout' && r.actor === client,
  );

/** Did the client settle at the moment its timeout fired (no retries left)? */
function gaveUp(trace: readonly TraceRecord[], index: number, client: ActorId): boolean {
  const t = trace[index]!.t;
  for (let i = index + 1; i < trace.length && trace[i]!.t === t; i++) {
    const r = trace[i]!;
    if (r.type === 'settle' && r.client === client) return true;
  }
  return false;
}

function readCharge(record: RecordOf<'charge'>, index: number, reading: Reading): void {
  const count = (reading.charges.get(record.intentId) ?? 0) + 1;
  reading.charges.set(record.intentId, count);
  if (count === 1)
    moment(reading, record, index, 'charge', 'key', money(record.amount), record.intentId);
  else
    moment(
      reading,
      record,
      index,
      'chargeAgain',
      'key',
      money(record.amount),
      record.intentId,
      count,
    );
}

function readServed(record: RecordOf<'served'>, index: number, reading: Reading): void {
  if (record.before?.etag === record.after?.etag) return;
  if (record.after === null) return moment(reading, record, index, 'deleted', 'note', record.path);
  moment(reading, record, index, 'applied', 'note', record.method, record.path, record.after.etag);
}

/** The run's end and its outcome, from the trace: charges per payment, or invariants broken. */
function endMoment(trace: readonly TraceRecord[], t: number, index: number): CaptionMoment {
  const first = trace[0];
  const broken = trace.filter((r) => r.type === 'invariant').length;
  if (first?.type !== 'start')
    return { t, index, kind: 'endResources', weight: 'key', args: [broken] };
  const charges = new Map<string, number>();
  for (const r of trace)
    if (r.type === 'charge') charges.set(r.intentId, (charges.get(r.intentId) ?? 0) + 1);
  const total = [...charges.values()].reduce((a, b) => a + b, 0);
  const duplicates = [...charges.values()].reduce((a, b) => a + Math.max(0, b - 1), 0);
  return {
    t,
    index,
    kind: 'endPayments',
    weight: 'key',
    args: [total, first.intents.length, duplicates],
  };
}

/**
 * Moments at the same virtual time, told together: a charge and the invariant it breaks happen
 * in the same instant, and a caption shown for no time at all could not be read.
 */
export interface CaptionGroup {
  t: number;
  moments: CaptionMoment[];
  weight: Weight;
}

const WEIGHT_ORDER: readonly Weight[] = ['note', 'repeat', 'key'];
const heavier = (a: Weight, b: Weight): Weight =>
  WEIGHT_ORDER.indexOf(a) >= WEIGHT_ORDER.indexOf(b) ? a : b;

export function groupMoments(moments: readonly CaptionMoment[]): CaptionGroup[] {
  const groups: CaptionGroup[] = [];
  for (const m of moments) {
    const last = groups.at(-1);
    if (last && last.t === m.t) {
      last.moments.push(m);
      last.weight = heavier(last.weight, m.weight);
    } else groups.push({ t: m.t, moments: [m], weight: m.weight });
  }
  return groups;
}

const groupsByTrace = new WeakMap<readonly TraceRecord[], CaptionGroup[]>();

/** A run's caption groups, read once per trace (the pacing and the caption both ask for them). */
export function captionGroupsOf(trace: readonly TraceRecord[]): CaptionGroup[] {
  let groups = groupsByTrace.get(trace);
  if (!groups) {
    groups = groupMoments(captionMoments(trace));
    groupsByTrace.set(trace, groups);
  }
  return groups;
}

/** A group's sentences, in order, as one caption. */
export const groupText = (group: CaptionGroup, lang: Lang): string =>
  group.moments.map((m) => captionText(m, lang)).join(' ');

/** The group on screen at `t`: the latest at or before it, held until the next; null before any. */
export function groupAt(groups: readonly CaptionGroup[], t: number): number {
  let lo = 0;
  let hi = groups.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (groups[mid]!.t <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
