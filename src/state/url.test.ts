import { describe, expect, it } from 'vitest';
import { DEFAULT_SPEC, type RunSpec } from '../scenarios/spec.ts';
import { parseSearch, toSearch } from './url.ts';

describe('links', () => {
  it('a spec with injected faults survives the trip through its link', () => {
    const spec: RunSpec = {
      scenario: 'lost-response' as const,
      strategy: 'atomic-key' as const,
      seed: 7,
      tape: null,
      scope: null,
      faults: [
        { kind: 'crash' as const, point: 'after-commit' as const, atMs: 120 },
        { kind: 'partition' as const, atMs: 300, durationMs: 500 },
      ],
      compare: 'none' as const,
      tweaks: {
        retry: 'exponential-jitter' as const,
        attempts: 6,
        keyPolicy: 'per-attempt' as const,
        lossPercent: 10,
        keyTtlMs: 2000,
        keyStoreFailure: 'fail-open' as const,
      },
    };
    const parsed = parseSearch(toSearch(spec, 'ru'));
    expect(parsed).toEqual({ spec, lang: 'ru', at: null, problems: [] });
    expect(parseSearch('?at=1220').at).toBe(1220);
    expect(parseSearch('?at=end').at).toBe('end');
  });

  it('a malformed link opens the defaults and names every bad value, never throws', () => {
    const parsed = parseSearch(
      '?scenario=nope&seed=-3&faults=explode@1,drop-request@5&lang=xx&at=soon',
    );
    expect(parsed.spec).toEqual({
      ...DEFAULT_SPEC,
      faults: [{ kind: 'drop-next', direction: 'request', atMs: 5 }],
    });
    expect(parsed.problems).toEqual([
      'scenario=nope',
      'seed=-3',
      'faults=explode@1',
      'lang=xx',
      'at=soon',
    ]);
  });

  it('settings out of range are refused by name, the rest kept', () => {
    const parsed = parseSearch('?loss=90&attempts=3&key=whatever&ttl=5');
    expect(parsed.spec.tweaks).toEqual({ attempts: 3 });
    expect(parsed.problems).toEqual(['key=whatever', 'loss=90', 'ttl=5']);
  });

  it('a fault the scenario’s world lacks is refused by name', () => {
    const parsed = parseSearch('?scenario=lost-update&faults=keys-down@10+500');
    expect(parsed.spec.faults).toEqual([]);
    expect(parsed.problems).toEqual(['faults=keys-down@10+500']);
  });
});
