import {
  ETAG,
  IDEMPOTENT_REPLAYED,
  IF_MATCH,
  IF_NONE_MATCH,
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
import { describeFacts, fieldsText, outcomeText } from './words.ts';

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
  const messages = new Map<number, Message>();
  const lines: LogLine[] = [];
  const world: World = trace[0]?.type === 'start-resources' ? 'resources' : 'payments';
  for (const record of trace) {
    if (record.type === 'send') messages.set(record.message.id, record.message);
    if (record.type === 'duplicate') messages.set(record.copy.id, record.copy);
    lines.push(describeRecord(record, messages, lang, world));
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
): string {
  const m = messagesOf(lang).log;
  if (!message) return '?';
  const copy = message.copyOf !== undefined ? ` [${m.copy}]` : '';
  if (message.kind === 'response') {
    const { headers } = message.response;
    const replayed = headers[IDEMPOTENT_REPLAYED] === 'true' ? ` [${m.replayed}]` : '';
    const etag = headers[ETAG] === undefined ? '' : ` ETag ${headers[ETAG]}`;
    return `${statusLine(message.response.status)}${etag} → ${message.to}${replayed}${copy}`;
  }
  const { method, path } = message.request;
  const headers = requestHeaders(message.request, lang, world);
  return `${method} ${path} (${m.attempt(message.attempt)}, ${headers})${copy}`;
}

/** What tells this request apart: its idempotency key, or its preconditions and body. */
function requestHeaders(request: HttpRequest, lang: Lang, world: World): string {
  const m = messagesOf(lang).log;
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

function describeRecord(
  record: TraceRecord,
  messages: Map<number, Message>,
  lang: Lang,
  world: World,
): LogLine {
  const m = messagesOf(lang).log;
  const line = (actor: string, detail: string, tone: LogLine['tone'] = 'normal'): LogLine => ({
    t: record.t,
    actor,
    verb: m.verbs[record.type],
    detail,
    tone,
  });
  switch (record.type) {
    case 'start':
      return line('lab', m.startDetail(record.strategy, record.intents.length));
    case 'start-resources':
      return line(
        'lab',
        m.startResourcesDetail(record.intents.length, Object.keys(record.resources).join(', ')),
      );
    case 'served':
      return line(SERVER, describeServed(record, messages, lang));
    case 'send':
      return line(record.message.from, messageSummary(record.message, lang, world));
    case 'deliver': {
      const message = messages.get(record.id);
      const ok = message?.kind === 'response' && message.response.status < 300;
      return line(NETWORK, messageSummary(message, lang, world), ok ? 'success' : 'normal');
    }
    case 'drop':
      return line(
        NETWORK,
        `${messageSummary(messages.get(record.id), lang, world)} — ${m.dropReasons[record.reason]}`,
        'fault',
      );
    case 'duplicate':
      return line(NETWORK, messageSummary(record.copy, lang, world), 'fault');
    case 'timer':
      return line(record.actor, m.timers[record.name]);
    case 'transition':
      return line(record.actor, `${record.from || '∅'} → ${record.to} (${record.event})`);
    case 'store':
      return line(STORE, describeStoreOp(record.op));
    case 'charge':
      return line(
        PROVIDER,
        m.chargeDetail(formatMoney(lang, record.amount), record.intentId, record.chargeId),
        'money',
      );
    case 'fault':
      return line('fault', describeFault(record.fault, lang), 'fault');
    case 'fault-end':
      return line('fault', describeFault(record.fault, lang));
    case 'recorded':
      return line(STORE, m.recordedDetail(record.what, record.id, record.intentId));
    case 'ignored':
      return line(record.by, m.ignoredDetail(messageSummary(messages.get(record.id), lang, world)));
    case 'dedup':
      return line(PROVIDER, m.dedupDetail(record.chargeId, record.intentId), 'success');
    case 'declined':
      return line(
        PROVIDER,
        record.replayed
          ? m.declineReplayedDetail(formatMoney(lang, record.amount), record.intentId)
          : m.declinedDetail(
              formatMoney(lang, record.amount),
              record.intentId,
              formatMoney(lang, record.customerBalance),
            ),
        'fault',
      );
    case 'top-up':
      return line(
        PROVIDER,
        m.topUpDetail(formatMoney(lang, record.amount), formatMoney(lang, record.customerBalance)),
        'money',
      );
    case 'background':
      return line(
        record.handler,
        m.backgroundDetail(record.intentId, statusLine(record.status)),
        'success',
      );
    case 'crash':
      return line(SERVER, m.crashDetail(m.crashPoints[record.point], record.lost.length), 'fault');
    case 'restart':
      return line(SERVER, '');
    case 'settle':
      return line(
        record.client,
        m.settleDetail(
          record.intentId,
          outcomeText(record.outcome, record.status, lang) +
            (record.alreadyApplied ? ` — ${m.alreadyApplied}` : ''),
        ),
        record.outcome === 'succeeded' ? 'success' : 'fault',
      );
    case 'invariant':
      return line(
        'invariant',
        `${messagesOf(lang).invariants.names[record.name]}: ${describeFacts(record.facts, lang)}`,
        'violation',
      );
  }
}

function describeServed(
  record: RecordOf<'served'>,
  messages: Map<number, Message>,
  lang: Lang,
): string {
  const m = messagesOf(lang).log;
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
  const key = (claim: { scope: string; key: string }) =>
    `('${claim.scope}', '${claim.key.slice(0, 8)}…')`;
  switch (op.type) {
    case 'claimKey':
      return `BEGIN; INSERT INTO idempotency_keys (scope, key) VALUES ${key(op.claim)}`;
    case 'lockKey':
      return `INSERT INTO idempotency_keys (scope, key, locked_at) VALUES ${key(op.claim)} ON CONFLICT …; COMMIT`;
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
      // A claim is part of the open transaction; a lock is a row committed up front.
      return `ROLLBACK (a claimed key) | DELETE FROM idempotency_keys WHERE locked_by = '${op.tx}' (a locked one)`;
    case 'cacheGet':
      return `cache GET ${key(op.claim)}`;
    case 'cacheSet':
      return `cache SET ${key(op.claim)} = ${op.response.status}`;
  }
}

export function describeFault(fault: ScriptedFault, lang: Lang): string {
  const f = messagesOf(lang).log.faults;
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
  }
}

/** `t=  120ms` — fixed width so the log reads as columns. */
export const formatTime = (t: number): string => `t=${String(t).padStart(6)}ms`;
