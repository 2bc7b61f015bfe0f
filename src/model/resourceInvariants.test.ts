import { describe, expect, it } from 'vitest';
import type { HttpRequest, Method } from './http.ts';
import type { RequestMessage } from './message.ts';
import { ResourceLedger, ResourceMonitor } from './resourceInvariants.ts';
import type { Fields } from './resources.ts';
import type { TraceRecord } from './trace.ts';

/** The HTTP oracles judged on hand-written traces: they must catch what they exist to catch. */
const start = (writersUseIfMatch: boolean): TraceRecord => ({
  t: 0,
  type: 'start-resources',
  intents: ['c1-r1', 'c2-r1'],
  resources: { '/accounts/42': { body: { balance: 100 }, etag: '"r1"' } },
  writersUseIfMatch,
});

let nextId = 1;
function send(intentId: string, request: HttpRequest, basedOn?: string): [TraceRecord, number] {
  const message: RequestMessage = {
    kind: 'request',
    id: nextId++,
    from: intentId.startsWith('c1') ? 'client-1' : 'client-2',
    to: 'server',
    intentId,
    attempt: 1,
    ...(basedOn ? { basedOn } : {}),
    request,
  };
  return [{ t: 10 * message.id, type: 'send', message }, message.id];
}

const put = (balance: number, headers: Record<string, string> = {}): HttpRequest => ({
  method: 'PUT',
  path: '/accounts/42',
  headers,
  body: { balance },
});

function served(
  id: number,
  intentId: string,
  method: Method,
  before: [string, Fields] | null,
  after: [string, Fields] | null,
  status = 200,
): TraceRecord {
  const version = (v: [string, Fields] | null) => (v ? { etag: v[0], body: v[1] } : null);
  return {
    t: 10 * id + 5,
    type: 'served',
    id,
    intentId,
    method,
    path: '/accounts/42',
    status,
    before: version(before),
    after: version(after),
  };
}

function judge(trace: TraceRecord[]) {
  const monitor = new ResourceMonitor();
  const found = trace.flatMap((record) => monitor.observe(record));
  return { found, verdicts: monitor.verdicts() };
}

describe('no lost update', () => {
  it('catches a write computed from a read that another write had overtaken', () => {
    const [sendA, a] = send('c1-r1', put(110), '"r1"');
    const [sendB, b] = send('c2-r1', put(120), '"r1"');
    const { found, verdicts } = judge([
      start(false),
      sendA,
      sendB,
      served(a, 'c1-r1', 'PUT', ['"r1"', { balance: 100 }], ['"r2"', { balance: 110 }]),
      served(b, 'c2-r1', 'PUT', ['"r2"', { balance: 110 }], ['"r3"', { balance: 120 }]),
    ]);
    expect(found).toEqual([
      {
        name: 'noLostUpdate',
        facts: { kind: 'update-lost', path: '/accounts/42', by: 'c2-r1', erased: ['c1-r1'] },
      },
    ]);
    expect(verdicts.noLostUpdate).toMatchObject({ ok: false, claimed: false });
  });

  it('passes a writer that re-read first, and a blind write that read nothing', () => {
    const [sendA, a] = send('c1-r1', put(110), '"r1"');
    const [sendB, b] = send('c2-r1', put(130), '"r2"');
    const [sendC, c] = send('c2-r1', put(0));
    const { found, verdicts } = judge([
      start(true),
      sendA,
      sendB,
      sendC,
      served(a, 'c1-r1', 'PUT', ['"r1"', { balance: 100 }], ['"r2"', { balance: 110 }]),
      served(b, 'c2-r1', 'PUT', ['"r2"', { balance: 110 }], ['"r3"', { balance: 130 }]),
      served(c, 'c2-r1', 'PUT', ['"r3"', { balance: 130 }], ['"r4"', { balance: 0 }]),
    ]);
    expect(found.filter((v) => v.name === 'noLostUpdate')).toEqual([]);
    expect(verdicts.noLostUpdate).toMatchObject({ ok: true, claimed: true });
  });
});

describe('writes that the first two rules would miss', () => {
  it('a plain PUT retried after another writer erases that writer: a lost update', () => {
    const [first, a] = send('c1-r1', put(5));
    const [other, b] = send('c2-r1', put(7));
    const [retry, c] = send('c1-r1', put(5));
    const { found } = judge([
      start(false),
      first,
      other,
      retry,
      served(a, 'c1-r1', 'PUT', ['"r1"', { balance: 100 }], ['"r2"', { balance: 5 }]),
      served(b, 'c2-r1', 'PUT', ['"r2"', { balance: 5 }], ['"r3"', { balance: 7 }]),
      served(c, 'c1-r1', 'PUT', ['"r3"', { balance: 7 }], ['"r4"', { balance: 5 }]),
    ]);
    expect(found.map((v) => v.facts)).toEqual([
      { kind: 'update-lost', path: '/accounts/42', by: 'c1-r1', erased: ['c2-r1'] },
    ]);
  });

  it('a write recomputed after a re-read lands twice: a repeated effect, whoever wrote between', () => {
    const ledger = new ResourceLedger();
    const [first, a] = send('c1-r1', put(110, { 'If-Match': '"r1"' }), '"r1"');
    const [other, b] = send('c2-r1', put(130, { 'If-Match': '"r2"' }), '"r2"');
    const [again, c] = send('c1-r1', put(140, { 'If-Match': '"r3"' }), '"r3"');
    for (const record of [
      start(true),
      first,
      other,
      again,
      served(a, 'c1-r1', 'PUT', ['"r1"', { balance: 100 }], ['"r2"', { balance: 110 }]),
      served(b, 'c2-r1', 'PUT', ['"r2"', { balance: 110 }], ['"r3"', { balance: 130 }]),
      served(c, 'c1-r1', 'PUT', ['"r3"', { balance: 130 }], ['"r4"', { balance: 140 }]),
    ])
      ledger.observe(record);
    expect(ledger.lost).toEqual([]);
    expect(ledger.repeats).toEqual([
      expect.objectContaining({ intentId: 'c1-r1', method: 'PUT', identical: false }),
    ]);
  });
});

describe('idempotent effect', () => {
  it('passes a repeated PUT that leaves the same state, though the ETag moves on', () => {
    const [first, a] = send('c1-r1', put(5));
    const copy = { ...first, message: { ...(first as { message: RequestMessage }).message } };
    const [second, b] = send('c1-r1', put(5));
    const { found } = judge([
      start(true),
      first,
      copy,
      second,
      served(a, 'c1-r1', 'PUT', ['"r1"', { balance: 100 }], ['"r2"', { balance: 5 }]),
      served(b, 'c1-r1', 'PUT', ['"r2"', { balance: 5 }], ['"r3"', { balance: 5 }]),
    ]);
    expect(found).toEqual([]);
  });

  it('catches a server whose repeated PUT changes the state again', () => {
    const [first, a] = send('c1-r1', put(5));
    const [second, b] = send('c1-r1', put(5));
    const { found, verdicts } = judge([
      start(true),
      first,
      second,
      served(a, 'c1-r1', 'PUT', ['"r1"', { balance: 100 }], ['"r2"', { balance: 5 }]),
      // A broken server that adds instead of replacing.
      served(b, 'c1-r1', 'PUT', ['"r2"', { balance: 5 }], ['"r3"', { balance: 10 }]),
    ]);
    expect(found.map((v) => v.facts)).toEqual([
      { kind: 'repeat-changed-state', intentId: 'c1-r1', method: 'PUT', path: '/accounts/42' },
    ]);
    expect(verdicts.idempotentEffect.ok).toBe(false);
  });

  it('does not blame a repeated POST on the idempotency oracle: POST never promised it', () => {
    const post: HttpRequest = { method: 'POST', path: '/accounts', headers: {}, body: { x: 1 } };
    const [first, a] = send('c1-r1', post);
    const [second, b] = send('c1-r1', post);
    const created = (id: number, etag: string): TraceRecord =>
      ({
        ...(served(id, 'c1-r1', 'POST', null, [etag, { x: 1 }], 201) as object),
        path: `/accounts/${id}`,
      }) as TraceRecord;
    const { found } = judge([start(true), first, second, created(a, '"r2"'), created(b, '"r3"')]);
    expect(found).toEqual([]);
  });
});
