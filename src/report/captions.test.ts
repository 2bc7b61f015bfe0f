import { beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedFault } from '../model/settings.ts';
import { STRATEGY_IDS, type StrategyId } from '../model/strategies.ts';
import { CAPTION_TEXTS, strategyGist } from '../i18n/captionTexts.ts';
import { loadLang, type Lang } from '../i18n/i18n.ts';
import { isResourceScenario, SCENARIO_IDS, type ScenarioId } from '../scenarios/ids.ts';
import { runScenario } from '../scenarios/run.ts';
import type { Tweaks } from '../scenarios/tweaks.ts';
import {
  captionGroupsOf,
  captionMoments,
  captionText,
  groupAt,
  groupText,
  type CaptionKind,
} from './captions.ts';
import { buildTimeline } from './timeline.ts';

const LANGS: Lang[] = ['en', 'ru'];
const SEEDS = [1, 2, 7];

/** Faults a learner may click live, at a few moments: captions must tell any of them. */
const LIVE_FAULTS: ScriptedFault[][] = [
  [],
  [{ kind: 'partition', atMs: 30, durationMs: 600 }],
  [{ kind: 'server-pause', atMs: 20, durationMs: 1500 }],
  [{ kind: 'duplicate-next', direction: 'request', atMs: 0 }],
  [{ kind: 'duplicate-next', direction: 'response', atMs: 0 }],
  [{ kind: 'crash', point: 'now', atMs: 60 }],
  [{ kind: 'drop-next', direction: 'request', atMs: 0 }],
  [{ kind: 'key-store-down', atMs: 0, durationMs: 800 }],
  [{ kind: 'crash', point: 'before-commit', atMs: 0 }],
  [{ kind: 'crash', point: 'after-commit', atMs: 0 }],
  [{ kind: 'provider-down', atMs: 0, durationMs: 800 }],
  [{ kind: 'provider-timeout', atMs: 0, durationMs: 800 }],
];

interface Case {
  name: string;
  scenario: ScenarioId;
  strategy: StrategyId;
  seed: number;
  faults: ScriptedFault[];
  tweaks?: Tweaks;
}

/** Every scenario of both worlds × every strategy (resources have none) × seeds × live faults. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const scenario of SCENARIO_IDS) {
    const strategies = isResourceScenario(scenario) ? (['none'] as const) : STRATEGY_IDS;
    for (const strategy of strategies)
      for (const seed of SEEDS)
        for (const faults of LIVE_FAULTS) {
          // A few seeds bare, and every live fault on one seed: enough variety, quickly.
          if (faults.length && seed !== SEEDS[0]) continue;
          const resourceFits = faults.every(
            (f) => f.kind !== 'key-store-down' && !f.kind.startsWith('provider-'),
          );
          if (isResourceScenario(scenario) && !resourceFits) continue;
          const name = `${scenario}/${strategy}/${seed}/${faults.map((f) => f.kind).join('+')}`;
          out.push({ name, scenario, strategy, seed, faults });
        }
    // A client that sends no key at all.
    if (!isResourceScenario(scenario))
      out.push({
        name: `${scenario}/no key`,
        scenario,
        strategy: 'atomic-key',
        seed: 1,
        faults: [],
        tweaks: { keyPolicy: 'none' },
      });
  }
  // A provider down for longer than the completer waits: its attempt in the background fails too.
  out.push({
    name: 'provider-outage/recovery-points/1/provider down 2.5 s',
    scenario: 'provider-outage',
    strategy: 'recovery-points',
    seed: 1,
    faults: [{ kind: 'provider-down', atMs: 0, durationMs: 2500 }],
  });
  // A storm under the shared retry budget, and under an overload limit (429 with Retry-After).
  const storms: Tweaks[] = [{ retryBudget: 'on' }, { maxInProgress: 4 }];
  for (const tweaks of storms)
    out.push({
      name: `retry-storm/${JSON.stringify(tweaks)}`,
      scenario: 'retry-storm',
      strategy: 'atomic-key',
      seed: 1,
      faults: [],
      tweaks,
    });
  // A request resumed after a crash, whose provider call repeats an earlier decline.
  out.push({
    name: 'declined-late-copy/recovery-points/7/crash now',
    scenario: 'declined-late-copy',
    strategy: 'recovery-points',
    seed: 7,
    faults: [{ kind: 'crash', point: 'now', atMs: 60 }],
  });
  return out;
}

// Russian captions name strategies and invariants in Russian: those texts load with ru.ts.
beforeAll(() => loadLang('ru'));

const UNFILLED = /undefined|NaN|\[object|\$\{|null|\(\)|=>/;

describe('captions written from the trace', () => {
  it('tell every mark of every run, in both languages, with no blank or unfilled text', () => {
    const seen = new Set<CaptionKind>();
    for (const c of cases()) {
      const trace = runScenario(c).trace;
      const timeline = buildTimeline(trace);
      const groups = captionGroupsOf(trace);
      for (const group of groups) for (const m of group.moments) seen.add(m.kind);
      // Every mark on the timeline (a loss, a fault, a crash, a timeout, a charge, a broken
      // invariant) has a caption at its very moment.
      for (const mark of timeline.marks) {
        const group = groups[groupAt(groups, mark.t)];
        expect(group?.t, `${c.name}: ${mark.kind} at ${mark.t}`).toBe(mark.t);
        // …and holds there: in full, or briefly when its kind has already been told twice.
        expect(group!.weight, `${c.name}: ${mark.kind} at ${mark.t}`).not.toBe('note');
      }
      // The run's end is told, with its outcome.
      expect(groups.at(-1)!.moments.at(-1)!.kind).toMatch(/^end/);
      for (const lang of LANGS)
        for (const group of groups) {
          const text = groupText(group, lang);
          expect(text.trim().length, c.name).toBeGreaterThan(10);
          expect(text, `${c.name} (${lang})`).not.toMatch(UNFILLED);
        }
    }
    // The catalogue, the live faults and a keyless client exercise every kind of caption but one:
    // a 400 for a missing key needs `keyRequired`, which no scenario or setting turns on.
    const unexercised = (Object.keys(CAPTION_TEXTS.en) as CaptionKind[]).filter(
      (k) => !seen.has(k),
    );
    expect(unexercised).toEqual(['status400']);
  });

  it('say what the lost-response lesson says: the 201 lost, then a duplicate charge', () => {
    const trace = runScenario({ scenario: 'lost-response', strategy: 'none', seed: 1 }).trace;
    const texts = captionMoments(trace).map((m) => captionText(m, 'en'));
    expect(texts).toContain(
      'The 201 Created was lost on the way back. The client cannot tell whether the payment happened.',
    );
    expect(texts.some((t) => /AGAIN .*a duplicate/.test(t))).toBe(true);
    expect(texts.at(-1)).toBe('The run is over: 2 charges for 1 payment, 1 duplicate.');
    const ru = captionMoments(trace).map((m) => captionText(m, 'ru'));
    expect(ru).toContain(
      'Ответ 201 Created потерялся на обратном пути. Клиент не может знать, прошёл ли платёж.',
    );
  });

  it('count attempts per request: an update’s write is not the second attempt of its read', () => {
    const trace = runScenario({ scenario: 'conditional-retry', strategy: 'none', seed: 1 }).trace;
    const texts = captionMoments(trace).map((m) => captionText(m, 'en'));
    expect(texts.some((t) => /^Client 1 tries again \(attempt 2\): PUT \/users\/123/.test(t))).toBe(
      true,
    );
    expect(texts.some((t) => /attempt 3/.test(t))).toBe(false);
  });

  it('say, before a run starts, what an idempotency key is and what each strategy does with it', () => {
    for (const strategy of STRATEGY_IDS) {
      expect(strategyGist('en', strategy)).toMatch(/idempotency key \(an id the client repeats/);
      expect(strategyGist('ru', strategy)).toMatch(/ключ идемпотентности \(идентификатор/);
    }
    // Different strategies say different things: the gist is not one sentence for all.
    expect(new Set(STRATEGY_IDS.map((id) => strategyGist('en', id))).size).toBe(
      STRATEGY_IDS.length,
    );
  });

  it('tell a crash by where it struck, and a replay as a replay', () => {
    const kinds = (scenario: ScenarioId, strategy: StrategyId) =>
      captionMoments(runScenario({ scenario, strategy, seed: 1 }).trace).map((m) => m.kind);
    expect(kinds('crash-after-commit', 'none')).toContain('crashAfterCommit');
    expect(kinds('crash-before-commit', 'none')).toContain('crashBeforeCommit');
    expect(kinds('crash-after-provider-charge', 'atomic-key')).toContain('crashAfterCharge');
    expect(kinds('lost-response', 'atomic-key')).toContain('replayed');
    expect(kinds('lost-response', 'atomic-key')).not.toContain('chargeAgain');
    expect(kinds('concurrent-retries', 'locked-key')).toContain('status409');
    expect(kinds('payload-mismatch', 'fingerprinted')).toContain('status422');
    expect(kinds('precondition-required', 'none')).toContain('status428');
    expect(kinds('conditional-retry', 'none')).toEqual(
      expect.arrayContaining(['status412', 'alreadyApplied']),
    );
    expect(kinds('new-key-per-retry', 'atomic-key')).toContain('retryNewKey');
  });

  it('tell a retry the budget refuses as one moment with its timeout, and a 429 with its Retry-After', () => {
    const storm = (tweaks: Tweaks) =>
      runScenario({ scenario: 'retry-storm', strategy: 'atomic-key', seed: 1, tweaks }).trace;
    const groups = captionGroupsOf(storm({ retryBudget: 'on' }));
    const refused = groups.find((g) => g.t === 1025)!;
    expect(groupText(refused, 'en')).toBe(
      'Client 6 gave up waiting: timeout. It would retry, but a retry costs 10 tokens and the retry budget all the clients share holds 0: the client gives up at once instead of adding to the load. The outcome is unknown. Client 6 is done: no answer (outcome unknown).',
    );
    const spent = groups.find((g) => g.t === 1020)!;
    expect(groupText(spent, 'en')).toContain(
      'Client 5’s retry takes 10 tokens from the retry budget all the clients share: 0 left.',
    );
    const limited = captionMoments(storm({ maxInProgress: 4 })).map((m) => captionText(m, 'en'));
    expect(
      limited.some((t) => t.startsWith('429 Too Many Requests') && t.includes('Retry-After: 1')),
    ).toBe(true);
  });

  it('exist in English and Russian for every kind, and the Russian is not English', () => {
    const ru = CAPTION_TEXTS.ru;
    const en = CAPTION_TEXTS.en;
    expect(Object.keys(ru).sort()).toEqual(Object.keys(CAPTION_TEXTS.en).sort());
    for (const kind of Object.keys(CAPTION_TEXTS.en) as CaptionKind[]) {
      const sample = (say: typeof en) => (say[kind] as (...a: unknown[]) => string)('A', 2, 3);
      expect(sample(ru), kind).not.toBe(sample(en));
    }
  });
});
