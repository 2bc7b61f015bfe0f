import { describe, expect, it } from 'vitest';
import { summarize } from '../model/outcome.ts';
import { summarizeResources } from '../model/resourceOutcome.ts';
import { traceHash } from '../model/run.ts';
import { runScenario } from './run.ts';
import { parseTweakList, SETTINGS, TWEAK_HELP } from './tweaks.ts';

/** Settings changed from the controls reach the world, and keep the run a pure function. */
describe('tweaks', () => {
  it('a new key per attempt turns the atomic key’s replay into a second charge', () => {
    const fixed = runScenario({ scenario: 'lost-response', strategy: 'atomic-key', seed: 1 });
    const buggy = runScenario({
      scenario: 'lost-response',
      strategy: 'atomic-key',
      seed: 1,
      tweaks: { keyPolicy: 'per-attempt' },
    });
    expect(summarize(fixed.trace).duplicateCharges).toBe(0);
    expect(summarize(buggy.trace).duplicateCharges).toBe(1);
  });

  it('a required key: a payment without one is refused with 400 and a problem, and nothing is charged', () => {
    const run = (required: 'yes' | 'no') =>
      runScenario({
        scenario: 'lost-response',
        strategy: 'atomic-key',
        seed: 1,
        tweaks: { keyPolicy: 'none', keyRequired: required },
      });
    const refused = run('yes');
    const answers = refused.trace.flatMap((r) =>
      r.type === 'send' && r.message.kind === 'response' ? [r.message.response] : [],
    );
    expect(answers.length).toBeGreaterThan(0);
    for (const response of answers) {
      expect(response.status).toBe(400);
      expect(response.headers['Content-Type']).toBe('application/problem+json');
    }
    expect(summarize(refused.trace)).toMatchObject({ charges: 0, duplicateCharges: 0 });
    // Not required, the same keyless retry is a second payment.
    expect(summarize(run('no').trace).duplicateCharges).toBe(1);
    // With a key, requiring one changes nothing.
    const keyed = (keyRequired: 'yes' | 'no') =>
      traceHash(
        runScenario({
          scenario: 'lost-response',
          strategy: 'atomic-key',
          seed: 1,
          tweaks: { keyRequired },
        }).trace,
      );
    expect(keyed('yes')).toBe(keyed('no'));
  });

  it('no retry: the lost response is never repeated, and the client cannot know', () => {
    const run = runScenario({
      scenario: 'lost-response',
      strategy: 'none',
      seed: 1,
      tweaks: { retry: 'none', attempts: 6 },
    });
    const o = summarize(run.trace);
    expect(o.charges).toBe(1);
    expect(o.perIntent[0]).toMatchObject({ outcome: 'unknown' });
  });

  it('a lossy network and a short key TTL reach the world, deterministically', () => {
    const request = {
      scenario: 'happy-path' as const,
      strategy: 'atomic-key' as const,
      seed: 9,
      tweaks: { lossPercent: 50, duplicationPercent: 25, delayMaxMs: 300, keyTtlMs: 2000 },
    };
    const first = runScenario(request);
    expect(first.trace.some((r) => r.type === 'drop' && r.reason === 'loss')).toBe(true);
    expect(traceHash(runScenario(request).trace)).toBe(traceHash(first.trace));
  });

  it('the resource world takes the retry and network tweaks', () => {
    const run = runScenario({
      scenario: 'delete-twice',
      strategy: 'none',
      seed: 1,
      tweaks: { retry: 'none' },
    });
    // No retry after the lost 204: the client is left not knowing, the resource is gone anyway.
    const o = summarizeResources(run.trace);
    expect(o.perIntent[0]).toMatchObject({ outcome: 'unknown' });
    expect(o.finalState).not.toHaveProperty('/users/123');
  });

  it('more payments per client: each is its own intent, and a reused key swallows the second', () => {
    const busy = runScenario({
      scenario: 'happy-path',
      strategy: 'atomic-key',
      seed: 1,
      tweaks: { payments: 5 },
    });
    expect(summarize(busy.trace)).toMatchObject({ intents: 5, charges: 5, duplicateCharges: 0 });
    const reused = runScenario({
      scenario: 'happy-path',
      strategy: 'atomic-key',
      seed: 1,
      tweaks: { payments: 2, keyPolicy: 'reused' },
    });
    // The second payment carries the first one's key: the server replays the first answer.
    expect(summarize(reused.trace)).toMatchObject({ intents: 2, charges: 1 });
  });
});

describe('the settings table', () => {
  it('names each setting in links exactly as links always have', () => {
    expect(SETTINGS.map((row) => row.param)).toEqual([
      'retry',
      'attempts',
      'key',
      'loss',
      'dup',
      'delay',
      'ttl',
      'payments',
      'failure',
      'errors',
      'required',
      'errors5xx',
      'budget',
      'limit',
      'chargeid',
    ]);
    expect(TWEAK_HELP).toContain('loss=0|5|10|25|50');
  });

  it('reads exactly the values it offers, and reports the rest', () => {
    for (const row of SETTINGS) {
      for (const value of row.values) {
        expect(parseTweakList(`${row.param}=${value}`)).toEqual({
          tweaks: { [row.field]: value },
          bad: [],
        });
      }
    }
    expect(parseTweakList('loss=90,attempts=3,key=whatever,volume=11')).toEqual({
      tweaks: { attempts: 3 },
      bad: ['loss=90', 'key=whatever', 'volume=11'],
    });
  });
});
