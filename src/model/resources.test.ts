import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Method } from './http.ts';
import { observable, serve, type ResourceRequest, type ResourceState } from './resources.ts';

const LAX = { requireIfMatch: false };

const EMPTY: ResourceState = { resources: {}, changes: 0 };

function run(requests: ResourceRequest[], rules = LAX, start: ResourceState = EMPTY) {
  let state = start;
  const statuses: number[] = [];
  for (const request of requests) {
    const result = serve(state, request, rules);
    state = result.state;
    statuses.push(result.response.status);
  }
  return { state, statuses };
}

const account = '/accounts/42';
const seeded = run([{ method: 'PUT', path: account, body: { balance: 100 } }]).state;
const etagOf = (state: ResourceState) => state.resources[account]!.etag;

describe('resource semantics (RFC 9110)', () => {
  it('ignores preconditions when the answer would be 404 anyway (§13.2.1)', () => {
    const gone = { method: 'DELETE' as const, path: '/nowhere', ifMatch: '"r1"' };
    expect(run([gone]).statuses).toEqual([404]);
    expect(run([{ method: 'PATCH', path: '/nowhere', ifMatch: '*' }]).statuses).toEqual([404]);
    // PUT would create, so its precondition counts: If-Match on nothing fails.
    expect(run([{ method: 'PUT', path: '/nowhere', ifMatch: '"r1"', body: {} }]).statuses).toEqual([
      412,
    ]);
  });

  it('428 only for a change that carries no precondition at all (RFC 6585)', () => {
    const strict = { requireIfMatch: true };
    const createOnly = { method: 'PUT' as const, path: account, ifNoneMatch: '*', body: {} };
    expect(run([createOnly], strict, seeded).statuses).toEqual([412]);
    expect(run([{ method: 'PUT', path: account, body: {} }], strict, seeded).statuses).toEqual([
      428,
    ]);
    // Creating a resource that does not exist yet needs no If-Match.
    expect(run([{ method: 'PUT', path: '/new', body: {} }], strict).statuses).toEqual([201]);
  });

  it('writing the same fields again keeps the ETag; OPTIONS lists the methods', () => {
    const again = serve(seeded, { method: 'PUT', path: account, body: { balance: 100 } }, LAX);
    expect(etagOf(again.state)).toBe(etagOf(seeded));
    expect(again.response).toMatchObject({ status: 200, etag: etagOf(seeded) });
    const options = serve(seeded, { method: 'OPTIONS', path: account }, LAX).response;
    expect(options.allow).toBe('GET, HEAD, OPTIONS, PUT, PATCH, DELETE, POST');
  });

  it('PUT creates with 201, then replaces with 200; DELETE answers 204, then 404', () => {
    expect(
      run([
        { method: 'PUT', path: account, body: { balance: 1 } },
        { method: 'PUT', path: account, body: { balance: 2 } },
      ]).statuses,
    ).toEqual([201, 200]);
    expect(
      run(
        [
          { method: 'DELETE', path: account },
          { method: 'DELETE', path: account },
        ],
        LAX,
        seeded,
      ).statuses,
    ).toEqual([204, 404]);
  });

  it('lost update: without If-Match the second writer silently wins; with it, it gets 412', () => {
    const seen = etagOf(seeded);
    const a: ResourceRequest = {
      method: 'PATCH',
      path: account,
      patch: { op: 'add', field: 'balance', by: 10 },
    };
    const b: ResourceRequest = { method: 'PUT', path: account, body: { balance: 100 + 20 } };
    expect(observable(run([a, b], LAX, seeded).state)[account]).toEqual({ balance: 120 }); // A's +10 is gone
    const guarded = run(
      [
        { ...a, ifMatch: seen },
        { ...b, ifMatch: seen },
      ],
      LAX,
      seeded,
    );
    expect(guarded.statuses).toEqual([200, 412]);
    expect(observable(guarded.state)[account]).toEqual({ balance: 110 });
  });

  it('a retried conditional write gets 412 although its first attempt succeeded', () => {
    const put: ResourceRequest = {
      method: 'PUT',
      path: account,
      body: { balance: 7 },
      ifMatch: etagOf(seeded),
    };
    expect(run([put, put], LAX, seeded).statuses).toEqual([200, 412]);
  });

  it('If-None-Match: * makes PUT create-only; a conditional GET gets 304', () => {
    expect(
      run([{ method: 'PUT', path: account, ifNoneMatch: '*', body: {} }], LAX, seeded).statuses,
    ).toEqual([412]);
    expect(
      run([{ method: 'PUT', path: '/users/123', ifNoneMatch: '*', body: {} }], LAX, seeded)
        .statuses,
    ).toEqual([201]);
    expect(
      run([{ method: 'GET', path: account, ifNoneMatch: etagOf(seeded) }], LAX, seeded).statuses,
    ).toEqual([304]);
  });

  it('a server that requires preconditions answers 428 to an unconditional write', () => {
    const rules = { requireIfMatch: true };
    expect(run([{ method: 'DELETE', path: account }], rules, seeded).statuses).toEqual([428]);
    expect(
      run([{ method: 'DELETE', path: account, ifMatch: etagOf(seeded) }], rules, seeded).statuses,
    ).toEqual([204]);
  });

  it('computes the method table: repeating a method leaves the state one call leaves, or not', () => {
    const once = (method: Method): ResourceRequest =>
      method === 'PATCH'
        ? { method, path: account, patch: { op: 'add', field: 'balance', by: 10 } }
        : method === 'POST'
          ? { method, path: '/accounts', body: { balance: 5 } }
          : { method, path: account, body: { balance: 9 } };
    const table = (['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'] as const).map(
      (method) => {
        const one = run([once(method)], LAX, seeded);
        const three = run([once(method), once(method), once(method)], LAX, seeded);
        const same =
          JSON.stringify(observable(one.state)) === JSON.stringify(observable(three.state));
        const untouched =
          JSON.stringify(observable(one.state)) === JSON.stringify(observable(seeded));
        return { method, safe: untouched, idempotent: same, responses: three.statuses };
      },
    );
    expect(table.map(({ method, safe, idempotent }) => [method, safe, idempotent])).toEqual([
      ['GET', true, true],
      ['HEAD', true, true],
      ['OPTIONS', true, true],
      ['PUT', false, true],
      ['DELETE', false, true],
      ['POST', false, false],
      ['PATCH', false, false],
    ]);
    expect(table.find((row) => row.method === 'DELETE')!.responses).toEqual([204, 404, 404]); // same effect, other answer
  });
});

/** A plain map model of the same rules, written independently, for the model-based test. */
function modelServe(
  model: Map<string, { body: Record<string, number>; tag: number }>,
  counter: { n: number },
  r: ResourceRequest,
): number {
  const cur = model.get(r.path);
  const tagOf = (n: number) => `"r${n}"`;
  // RFC 9110 §13.2.1: a request that would be 404 anyway ignores its preconditions.
  if (!cur && r.method !== 'PUT') return 404;
  if (r.ifMatch !== undefined && !(r.ifMatch === '*' ? cur : cur && tagOf(cur.tag) === r.ifMatch))
    return 412;
  if (
    r.ifNoneMatch !== undefined &&
    (r.ifNoneMatch === '*' ? cur : cur && tagOf(cur.tag) === r.ifNoneMatch)
  ) {
    return r.method === 'GET' || r.method === 'HEAD' ? 304 : 412;
  }
  const bump = () => ++counter.n;
  // Writing the body that is already there is no change: the tag stays.
  const put = (body: Record<string, number>) => {
    const same = cur && JSON.stringify(cur.body) === JSON.stringify(body);
    model.set(r.path, { body, tag: same ? cur.tag : bump() });
  };
  switch (r.method) {
    case 'GET':
    case 'HEAD':
      return cur ? 200 : 404;
    case 'PUT':
      put({ ...(r.body as Record<string, number>) });
      return cur ? 200 : 201;
    case 'PATCH': {
      if (!cur || r.patch?.op !== 'add') return 404;
      put({ ...cur.body, [r.patch.field]: (cur.body[r.patch.field] ?? 0) + r.patch.by });
      return 200;
    }
    case 'DELETE':
      if (!cur) return 404;
      bump();
      model.delete(r.path);
      return 204;
    default:
      return 200;
  }
}

describe('model-based test (fast-check): the server agrees with a plain map', () => {
  it('statuses and states match for random sequences, some with preconditions', () => {
    const path = fc.constantFrom('/a', '/b');
    const tag = fc.option(fc.constantFrom('*', '"r1"', '"r2"', '"r3"', '"r4"'), { nil: undefined });
    const request = fc
      .record({
        method: fc.constantFrom('GET', 'HEAD', 'PUT', 'PATCH', 'DELETE') as fc.Arbitrary<Method>,
        path,
        ifMatch: tag,
        ifNoneMatch: tag,
        value: fc.integer({ min: 0, max: 9 }),
      })
      .map(({ method, path, ifMatch, ifNoneMatch, value }): ResourceRequest => ({
        method,
        path,
        ...(ifMatch === undefined ? {} : { ifMatch }),
        ...(ifNoneMatch === undefined ? {} : { ifNoneMatch }),
        body: { n: value },
        patch: { op: 'add', field: 'n', by: value },
      }));
    fc.assert(
      fc.property(fc.array(request, { maxLength: 25 }), (requests) => {
        const model = new Map<string, { body: Record<string, number>; tag: number }>();
        const counter = { n: 0 };
        let state = EMPTY;
        for (const r of requests) {
          const result = serve(state, r, LAX);
          state = result.state;
          expect(result.response.status).toBe(modelServe(model, counter, r));
          expect(observable(state)).toEqual(
            Object.fromEntries([...model].map(([p, v]) => [p, v.body])),
          );
        }
      }),
      { numRuns: 2000 },
    );
  });
});
