import { describe, expect, it } from 'vitest';
import { encodeScope, parseScopeFor, type Scope } from './scope.ts';

describe("a scope's link form", () => {
  it('writes every part in the command line’s words, and reads them back', () => {
    const scopes: Scope[] = [
      { losses: 1, duplicates: 0, crashes: 0 },
      { losses: 0, duplicates: 2, crashes: 1, attempts: 3, crashPoints: ['after-commit'] },
      {
        losses: 5,
        duplicates: 5,
        crashes: 5,
        attempts: 20,
        crashPoints: ['before-commit', 'after-provider-charge', 'after-commit'],
        fixedDelays: true,
      },
      { losses: 2, duplicates: 0, crashes: 0, budget: 10, limit: 1 },
      { losses: 0, duplicates: 0, crashes: 0, budget: 0, limit: 8 },
    ];
    expect(encodeScope(scopes[1]!)).toBe(
      'losses0.duplicates2.crashes1.attempts3.crash-points-after-commit',
    );
    for (const scope of scopes) {
      const text = encodeScope(scope);
      // Letters, digits, '.', '-' and '_': a link carries it as it is.
      expect(new URLSearchParams({ scope: text }).toString()).toBe(`scope=${text}`);
      expect(parseScopeFor('lost-response', text)).toEqual({ scope, bad: [] });
    }
    // Any order; a budget left out is 0.
    expect(parseScopeFor('lost-response', 'fixed-delays.crashes1').scope).toEqual({
      losses: 0,
      duplicates: 0,
      crashes: 1,
      fixedDelays: true,
    });
  });

  it('refuses each bad part by name, and then the whole scope', () => {
    const cases: [string, string[]][] = [
      ['losses99', ['losses99']],
      ['losses6.crashes1', ['losses6']],
      ['attempts0', ['attempts0']],
      ['attempts21', ['attempts21']],
      ['losses01', ['losses01']],
      ['points-nowhere', ['points-nowhere']],
      ['crash-points-nowhere', ['crash-points-nowhere']],
      ['crash-points-', ['crash-points-']],
      ['crash-points-after-commit_after-commit', ['crash-points-after-commit_after-commit']],
      ['losses1.losses1', ['losses1']],
      ['losses1..crashes1', ['']],
      ['', ['']],
      ['fixed-delays1', ['fixed-delays1']],
      ['limit0', ['limit0']],
      ['limit9', ['limit9']],
      ['budget100', ['budget100']],
      ['<script>.losses-1', ['<script>', 'losses-1']],
    ];
    for (const [text, bad] of cases)
      expect(parseScopeFor('lost-response', text), text).toEqual({ scope: null, bad });
  });

  it('a crash point must be one the scenario’s world has', () => {
    const text = 'losses1.duplicates0.crashes1.crash-points-before-commit_after-provider-charge';
    expect(parseScopeFor('lost-response', text).bad).toEqual([]);
    expect(parseScopeFor('lost-update', text)).toEqual({
      scope: null,
      bad: ['crash-points-before-commit_after-provider-charge'],
    });
    expect(parseScopeFor('lost-update', 'crash-points-after-commit').bad).toEqual([]);
  });

  it('pauses are written only when set, and only the payment world has a lock to outlast', () => {
    const scope = { losses: 1, duplicates: 0, crashes: 0, pauses: 1 };
    expect(encodeScope(scope)).toBe('losses1.duplicates0.crashes0.pauses1');
    expect(parseScopeFor('lost-response', encodeScope(scope))).toEqual({ scope, bad: [] });
    expect(encodeScope({ losses: 1, duplicates: 0, crashes: 0 })).not.toContain('pauses');
    expect(parseScopeFor('lost-update', 'pauses1')).toEqual({ scope: null, bad: ['pauses1'] });
  });

  it('outages are written only when set, and only the payment world has a provider to fail', () => {
    const scope = { losses: 0, duplicates: 0, crashes: 0, pauses: 1, outages: 2 };
    expect(encodeScope(scope)).toBe('losses0.duplicates0.crashes0.pauses1.outages2');
    expect(parseScopeFor('lost-response', encodeScope(scope))).toEqual({ scope, bad: [] });
    expect(encodeScope({ losses: 1, duplicates: 0, crashes: 0 })).not.toContain('outages');
    expect(parseScopeFor('lost-response', 'outages6').bad).toEqual(['outages6']);
    expect(parseScopeFor('lost-update', 'outages1')).toEqual({ scope: null, bad: ['outages1'] });
  });
});
