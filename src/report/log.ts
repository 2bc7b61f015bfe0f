import {
  ETAG,
  IDEMPOTENT_REPLAYED,
  IF_MATCH,
  IF_NONE_MATCH,
  RETRY_AFTER,
  readIdempotencyKey,
  statusLine,
  type HttpRequest,
} from '../model/http.ts';
import { NETWORK, PROVIDER, SERVER, STORE, type Message } from '../model/message.ts';
import type { WorldKind } from '../model/worlds.ts';
import type { StoreOp } from '../model/machines/storeSchema.ts';
import type { ScriptedFault } from '../model/settings.ts';
import type { RecordOf, TraceRecord } from '../model/trace.ts';
import { formatMoney, messagesOf, type Lang } from '../i18n/i18n.ts';
import { logTextsOf } from '../i18n/logTexts.ts';
import { describeFacts, fieldsText, outcomeText } from './words.ts';
import { attemptCounter } from './attempts.ts';

/**
 * The trace as readable lines, in either language: the accessible event log of the page and the
 * output of `npm run sim`. One line per trace record, built from the trace alone.
 */
export interface LogLine {
  t: number;
  actor: string;
  verb: string;
  detail: string;
  /** For styling and screen-reader emphasis: what sort of event this is. */
  tone: 'normal' | 'fault' | 'success' | 'violation' | 'money';
}

export function describeTrace(trace: readonly TraceRecord[], lang: Lang): LogLine[] {
  const world: World = trace[0]?.type === 'start-resources' ? 'resources' : 'payments';
  const context: Context = {
    messages: new Map(),
    attempts: new Map(),
    lang,
    world,
    m: logTextsOf(lang),
  };
  const attemptOf = attemptCounter();
  const lines: LogLine[] = [];
  for (const record of trace) {
    if (record.type === 'send') {
      const { message } = record;
      context.messages.set(message.id, message);
      if (message.kind === 'request') context.attempts.set(message.id, attemptOf(message));
    }
    if (record.type === 'duplicate') {
      context.messages.set(record.copy.id, record.copy);
      const original = context.attempts.get(record.copy.copyOf ?? -1);
      if (original !== undefined) context.attempts.set(record.copy.id, original);
    }
    lines.push(describeRecord(record, context));
  }
  return lines;
}

/** Which world a trace comes from decides what tells its requests apart. */
type World = WorldKind;

/** A message in a few words: `POST /payments (attempt 2, key 5c92…)` or `201 Created → client-1`. */
export function messageSummary(
  message: Message | undefined,
  lang: Lang,
  world: World = 'payments',
  attempt = message?.attempt ?? 0,
): string {
  const m = logTextsOf(lang);
  if (!message) return '?';
  const copy = message.copyOf !== undefined ? ` [${m.copy}]` : '';
  if (message.kind === 'response') {
    const { headers } = message.response;
    const replayed = headers[IDEMPOTENT_REPLAYED] === 'true' ? ` [${m.replayed}]` : '';
    const etag = headers[ETAG] === undefined ? '' : ` ETag ${headers[ETAG]}`;
    const wait = headers[RETRY_AFTER];
    const after = wait === undefined ? '' : ` (${messagesOf(lang).retries.retryAfter(wait)})`;
    return `${statusLine(message.response.status)}${etag}${after} → ${message.to}${replayed}${copy}`;
  }
  const { method, path } = message.request;
  const headers = requestHeaders(message.request, lang, world);
  return `${method} ${path} (${m.attempt(attempt)}, ${headers})${copy}`;
}

/** A message in a few words, its attempt counted as the log counts it. */
const summaryIn = (message: Message | undefined, context: Context) =>
  messageSummary(
    message,
    context.lang,
    context.world,
    message && (context.attempts.get(message.id) ?? message.attempt),
  );

/** What tells this request apart: its idempotency key, or its preconditions and body. */
function requestHeaders(request: HttpRequest, lang: Lang, world: World): string {
  const m = logTextsOf(lang);
  if (world === 'payments') {
    const key = readIdempotencyKey(request);
    return key ? `${m.key} ${key.slice(0, 8)}…` : m.noKey;
  }
  const parts = [IF_MATCH, IF_NONE_MATCH]
    .filter((name) => request.headers[name] !== undefined)
    .map((name) => `${name}: ${request.headers[name]}`);
  if (Object.keys(request.body).length) parts.push(fieldsText(request.body));
  return parts.join(', ') || m.noConditions;
}

/** What a line is written from: the messages sent so far (a delivery names only its id). */
interface Context {
  messages: Map<number, Message>;
  /** Each request's attempt, counted per request (attempts.ts). */
  attempts: Map<number, number>;
  lang: Lang;
  world: World;
  m: ReturnType<typeof logTextsOf>;
}

/** A line without its time and verb, which every record has in the same way. */
type Said = Omit<LogLine, 't' | 'verb'>;

type Describers = {
  [K in TraceRecord['type']]: (record: RecordOf<K>, context: Context) => Said;
};

/** Each record type in words, keyed by type so the compiler checks that none is left out. */
const DESCRIBE: Describers = {
  start: (r, { m }) => said('lab', m.startDetail(r.strategy, r.intents.length)),
  'start-resources': (r, { m }) =>
    said('lab', m.startResourcesDetail(r.intents.length, Object.keys(r.resources).join(', '))),
  served: (r, { messages, lang }) => said(SERVER, describeServed(r, messages, lang)),
  send: (r, context) => said(r.message.from, summaryIn(r.message, context)),
  deliver: (r, context) => {
    const message = context.messages.get(r.id);
    const ok = message?.kind === 'response' && message.response.status < 300;
    return said(NETWORK, summaryIn(message, context), ok ? 'success' : 'normal');
  },
  drop: (r, context) =>
    said(
      NETWORK,
      `${summaryIn(context.messages.get(r.id), context)} — ${context.m.dropReasons[r.reason]}`,
      'fault',
    ),
  duplicate: (r, context) => said(NETWORK, summaryIn(r.copy, context), 'fault'),
  timer: (r, { m }) => said(r.actor, m.timers[r.name]),
  transition: (r) => said(r.actor, `${r.from || '∅'} → ${r.to} (${r.event})`),
  store: (r) => said(STORE, describeStoreOp(r.op)),
  charge: (r, { lang, m }) =>
    said(PROVIDER, m.chargeDetail(formatMoney(lang, r.amount), r.intentId, r.chargeId), 'money'),
  fault: (r, { lang }) => said('fault', describeFault(r.fault, lang), 'fault'),
  'fault-end': (r, { lang }) => said('fault', describeFault(r.fault, lang)),
  recorded: (r, { m }) => said(STORE, m.recordedDetail(r.what, r.id, r.intentId)),
  refused: (r, { lang }) =>
    said(
      STORE,
      messagesOf(lang).auth.refusedDetail(r.constraint, r.id, r.intentId, r.chargeId, r.recordedAs),
      'fault',
    ),
  ignored: (r, context) =>
    said(r.by, context.m.ignoredDetail(summaryIn(context.messages.get(r.id), context))),
  dedup: (r, { m }) => said(PROVIDER, m.dedupDetail(r.chargeId, r.intentId), 'success'),
  'provider-failed': (r, { lang }) => {
    const o = logTextsOf(lang).outage;
    const amount = formatMoney(lang, r.amount);
    return r.how === 'error'
      ? said(PROVIDER, o.error(amount, r.intentId), 'fault')
      : said(r.by, o.timeout(amount, r.intentId), 'fault');
  },
  declined: (r, { lang, m }) =>
    said(
      PROVIDER,
      r.replayed
        ? m.declineReplayedDetail(formatMoney(lang, r.amount), r.intentId)
        : m.declinedDetail(
            formatMoney(lang, r.amount),
            r.intentId,
            formatMoney(lang, r.customerBalance),
          ),
      'fault',
    ),
  'top-up': (r, { lang, m }) =>
    said(
      PROVIDER,
      m.topUpDetail(formatMoney(lang, r.amount), formatMoney(lang, r.customerBalance)),
      'money',
    ),
  background: (r, { m }) =>
    said(r.handler, m.backgroundDetail(r.intentId, statusLine(r.status)), 'success'),
  crash: (r, { m }) => said(SERVER, m.crashDetail(m.crashPoints[r.point], r.lost.length), 'fault'),
  restart: () => said(SERVER, ''),
  settle: (r, { lang, m }) =>
    said(
      r.client,
      m.settleDetail(
        r.intentId,
        outcomeText(r.outcome, r.status, lang) + (r.alreadyApplied ? ` — ${m.alreadyApplied}` : ''),
      ),
      r.outcome === 'succeeded' ? 'success' : 'fault',
    ),
  'retry-budget': (r, { lang }) =>
    said(
      r.client,
      logTextsOf(lang).budget[r.change](r.intentId, r.amount, r.tokens),
      r.change === 'refuse' ? 'fault' : 'normal',
    ),
  invariant: (r, { lang }) =>
    said(
      'invariant',
      `${messagesOf(lang).invariants.names[r.name]}: ${describeFacts(r.facts, lang)}`,
      'violation',
    ),
};

function said(actor: string, detail: string, tone: LogLine['tone'] = 'normal'): Said {
  return { actor, detail, tone };
}

function describeRecord(record: TraceRecord, context: Context): LogLine {
  const { actor, detail, tone } = describeAs(record.type, record, context);
  return { t: record.t, actor, verb: context.m.verbs[record.type], detail, tone };
}

/** Looks up the describer of a record's own type (K ties the record to its describer). */
function describeAs<K extends TraceRecord['type']>(
  type: K,
  record: RecordOf<K>,
  context: Context,
): Said {
  const describe: Describers[K] = DESCRIBE[type];
  return describe(record, context);
}

function describeServed(
  record: RecordOf<'served'>,
  messages: Map<number, Message>,
  lang: Lang,
): string {
  const m = logTextsOf(lang);
  const request = messages.get(record.id);
  const what =
    request?.kind === 'request' ? `${request.request.method} ${request.request.path}` : '?';
  const version = (r: RecordOf<'served'>['before']) =>
    r ? `${r.etag} ${fieldsText(r.body)}` : m.absent;
  const change =
    record.before?.etag === record.after?.etag
      ? m.unchanged
      : `${record.path}: ${m.changed(version(record.before), version(record.after))}`;
  return m.servedDetail(what, statusLine(record.status), change);
}

/** A store operation as the SQL it stands for (keys shortened, as in the rest of the log). */
export function describeStoreOp(op: StoreOp): string {
  const key = (claim: { scope: string; key: string }, ...more: string[]) =>
    `('${claim.scope}', '${claim.key.slice(0, 8)}…'${more.map((value) => `, ${value}`).join('')})`;
  switch (op.type) {
    case 'claimKey':
      return `BEGIN; INSERT INTO idempotency_keys (scope, key) VALUES ${key(op.claim)}`;
    case 'lockKey':
      return `INSERT INTO idempotency_keys (scope, key, locked_at) VALUES ${key(op.claim, 'now()')} ON CONFLICT …; COMMIT`;
    case 'commit':
      if (!op.payment)
        return `UPDATE idempotency_keys SET response = ${op.response?.status}; COMMIT`;
      return op.response
        ? `INSERT INTO payments (id, amount) VALUES ('${op.payment.id}', ${op.payment.amount}); COMMIT`
        : `INSERT INTO payments …; UPDATE idempotency_keys SET recovery_point = 'charge_created'; COMMIT`;
    case 'finish':
      return `INSERT INTO staged_jobs ('send-receipt'); UPDATE idempotency_keys SET recovery_point = 'finished', response = …; COMMIT`;
    case 'rollback':
      return `ROLLBACK (${op.tx})`;
    case 'forgetKey':
      // rocket-rides after an error: the row and its recovery point stay, only unlocked.
      if (op.keepRow)
        return `ROLLBACK (a claimed key) | UPDATE idempotency_keys SET locked_at = NULL WHERE locked_by = '${op.tx}' (a locked one)`;
      // A claim is part of the open transaction; a lock is a row committed up front.
      return `ROLLBACK (a claimed key) | DELETE FROM idempotency_keys WHERE locked_by = '${op.tx}' (a locked one)`;
    case 'cacheGet':
      return `cache GET ${key(op.claim)}`;
    case 'cacheSet':
      return `cache SET ${key(op.claim)} = ${op.response.status}`;
  }
}

export function describeFault(fault: ScriptedFault, lang: Lang): string {
  const f = logTextsOf(lang).faults;
  switch (fault.kind) {
    case 'drop-next':
      return fault.direction === 'request' ? f.dropRequest : f.dropResponse;
    case 'duplicate-next':
      return fault.direction === 'request' ? f.duplicateRequest : f.duplicateResponse;
    case 'crash':
      return fault.point === 'now'
        ? f.crashNow
        : f.crash(messagesOf(lang).log.crashPoints[fault.point]);
    case 'partition':
      return f.partition(fault.durationMs);
    case 'key-store-down':
      return f.keyStoreDown(fault.durationMs);
    case 'server-pause':
      return f.serverPause(fault.durationMs);
    case 'provider-down':
      return logTextsOf(lang).outage.down(fault.durationMs);
    case 'provider-timeout':
      return logTextsOf(lang).outage.hang(fault.durationMs);
  }
}

/** `t=  120ms` — fixed width so the log reads as columns. */
export const formatTime = (t: number): string => `t=${String(t).padStart(6)}ms`;
