import { describe, expect, it } from 'vitest';
import { traceHash } from '../model/run.ts';
import { runScenario } from '../scenarios/run.ts';
import { comparedSpec } from '../scenarios/spec.ts';
import pinned from './linkHashes.json' with { type: 'json' };
import { parseSearch } from './url.ts';

/**
 * Links people have already shared must keep opening the same run: each of these, in today's
 * parameter names and spellings, is held to the trace hash it opened when it was written down.
 */
describe('links already shared', () => {
  it.each(pinned)('$link', ({ link, hash, compareHash }) => {
    const { spec, problems } = parseSearch(link);
    expect(problems).toEqual([]);
    expect(traceHash(runScenario(spec).trace)).toBe(hash);
    const other = comparedSpec(spec);
    const compared = other ? traceHash(runScenario(other).trace) : undefined;
    expect(compared).toBe(compareHash);
  });
});
