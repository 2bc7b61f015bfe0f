import { describe, expect, it } from 'vitest';
import { traceHash } from '../model/run.ts';
import { runScenario } from '../scenarios/run.ts';
import pinned from './linkHashes.json' with { type: 'json' };
import { parseSearch } from './url.ts';

/**
 * Links people have already shared must keep opening the same run: each of these, in today's
 * parameter names and spellings, is held to the trace hash it opened when it was written down.
 */
describe('links already shared', () => {
  it.each(pinned)('$link', ({ link, hash, compareHash }) => {
    const { selection, problems } = parseSearch(link);
    expect(problems).toEqual([]);
    expect(traceHash(runScenario(selection).trace)).toBe(hash);
    const compared = selection.compare
      ? traceHash(runScenario({ ...selection, strategy: selection.compare }).trace)
      : undefined;
    expect(compared).toBe(compareHash);
  });
});
