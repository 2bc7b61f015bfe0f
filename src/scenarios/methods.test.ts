import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeMethodTable, measureRequest } from './methods.ts';

/** RFC 9110 §9.2.1 (safe) and §9.2.2 (idempotent); PATCH is neither in general (RFC 5789). */
const RFC_9110 = {
  GET: { safe: true, idempotent: true },
  HEAD: { safe: true, idempotent: true },
  OPTIONS: { safe: true, idempotent: true },
  PUT: { safe: false, idempotent: true },
  DELETE: { safe: false, idempotent: true },
  POST: { safe: false, idempotent: false },
  PATCH: { safe: false, idempotent: false },
};

describe('the method table, computed by running each method once and three times', () => {
  const table = computeMethodTable();

  it('covers the seven methods of the card', () => {
    expect(table.map((r) => r.method).sort()).toEqual(Object.keys(RFC_9110).sort());
  });

  it('agrees with RFC 9110 on every row', () => {
    for (const row of table) {
      expect({ method: row.method, safe: row.safe, idempotent: row.idempotent }).toEqual({
        method: row.method,
        ...RFC_9110[row.method as keyof typeof RFC_9110],
      });
    }
  });

  it('records the responses: DELETE has the same effect with a different answer', () => {
    const byMethod = Object.fromEntries(table.map((r) => [r.method, r.responses]));
    expect(byMethod.DELETE).toEqual([204, 404, 404]);
    expect(byMethod.PUT).toEqual([200, 200, 200]);
    expect(byMethod.POST).toEqual([201, 201, 201]);
  });

  it('measures the request, not the method: a PATCH that sets a field comes out idempotent', () => {
    const merge = measureRequest({
      kind: 'request',
      method: 'PATCH',
      path: '/users/123',
      patch: { op: 'merge', fields: { email: 'ada@lovelace.example' } },
    });
    expect(merge).toMatchObject({ safe: false, idempotent: true });
  });

  it('does not depend on the seed or on how often a request is repeated', () => {
    const classify = (rows: typeof table) =>
      rows.map(({ method, safe, idempotent }) => ({
        method,
        safe,
        idempotent,
      }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 2, max: 5 }),
        (seed, n) => {
          expect(classify(computeMethodTable(n, seed))).toEqual(classify(table));
        },
      ),
      { numRuns: 25 },
    );
  });
});
