import { describe, expect, it } from 'vitest';
import { simMain } from './sim.ts';
import { exploreOptions, formatReport } from './explore.ts';
import { UsageError } from './args.ts';
import { explore } from '../src/explore/explorer.ts';

describe('npm run sim', () => {
  it('prints the JSON other tools rely on', () => {
    const report = JSON.parse(
      simMain(['--scenario', 'lost-response', '--strategy', 'none', '--seed', '3', '--json']),
    );
    for (const field of [
      'scenario',
      'strategy',
      'seed',
      'tape',
      'events',
      'intents',
      'charges',
      'duplicateCharges',
      'statuses',
      'replays',
      'invariants',
      'traceHash',
    ]) {
      expect(report).toHaveProperty(field);
    }
    expect(report).toMatchObject({
      scenario: 'lost-response',
      strategy: 'none',
      seed: 3,
      charges: 2,
      duplicateCharges: 1,
      statuses: [201],
    });
    expect(report.invariants.atMostOnce).toMatchObject({ ok: false, claimed: false });
  });

  it('replays a tape to the same trace hash', () => {
    const first = JSON.parse(
      simMain([
        '--scenario',
        'flaky-network',
        '--strategy',
        'atomic-key',
        '--seed',
        '11',
        '--json',
      ]),
    );
    const again = JSON.parse(
      simMain([
        '--scenario',
        'flaky-network',
        '--strategy',
        'atomic-key',
        '--tape',
        first.tape,
        '--json',
      ]),
    );
    expect(again.traceHash).toBe(first.traceHash);
    expect(again.seed).toBeNull();
  });

  it('prints a readable log line per event, then the outcome', () => {
    const text = simMain(['--scenario', 'lost-response', '--strategy', 'none']);
    expect(text).toMatch(/t= +\d+ms {2}network +dropped +201 Created → client-1/);
    expect(text).toContain('Outcome: 2 charges for 1 payment.');
  });

  it('prints the scenario × strategy matrix, every cell as declared', () => {
    const table = simMain(['--matrix', '--seeds', '3']);
    expect(table).toContain('Every cell matches its declaration.');
    expect(
      table.split('\n').filter((line) => line.startsWith('crash-after-provider-charge'))[0],
    ).toMatch(/2× DUP.*1× ok/);
  });

  it.each([
    [['--scenario', 'nope', '--strategy', 'none'], /unknown scenario "nope"; valid: happy-path/],
    [['--scenario', 'happy-path', '--strategy', 'magic'], /unknown strategy "magic"; valid: none/],
    [
      ['--scenario', 'happy-path', '--strategy', 'none', '--seed', '1.5'],
      /--seed must be a whole number/,
    ],
    [
      ['--scenario', 'happy-path', '--strategy', 'none', '--seed', '-1'],
      /--seed must be a whole number/,
    ],
    [['--bogus'], /Unknown option '--bogus' \(known flags:/],
    [['--scenario', 'happy-path'], /missing --strategy/],
    [
      ['--scenario', 'happy-path', '--strategy', 'none', '--crash-points', 'never'],
      /unknown crash point "never"/,
    ],
  ])('refuses bad input with one clear line: %j', (argv, message) => {
    expect(() => simMain(argv)).toThrow(UsageError);
    expect(() => simMain(argv)).toThrow(message);
  });

  it('refuses a corrupt tape', () => {
    expect(() =>
      simMain(['--scenario', 'happy-path', '--strategy', 'none', '--tape', '1.*']),
    ).toThrow(/unexpected character/);
  });
});

describe('npm run sim: HTTP methods and conditional requests', () => {
  it('reports a resource scenario with an outcome of lost updates and the final state', () => {
    const report = JSON.parse(simMain(['--scenario', 'lost-update', '--seed', '2', '--json']));
    expect(report).toMatchObject({ scenario: 'lost-update', strategy: null, seed: 2 });
    expect(report.outcome.lostUpdates).toBe(1);
    expect(report.outcome.finalState['/accounts/42'].balance).toBeOneOf([110, 120]);
    expect(report.invariants.noLostUpdate).toMatchObject({ ok: false, claimed: false });
    expect(report.invariants).not.toHaveProperty('atMostOnce');
  });

  it.each([
    ['lost-update-prevented', 412],
    ['precondition-required', 428],
    ['method-retries', 304],
    ['delete-twice', 404],
  ])('%s lists %i among its statuses', (scenario, status) => {
    const report = JSON.parse(simMain(['--scenario', scenario, '--json']));
    expect(report.outcome.statuses).toContain(status);
    expect(report.outcome.lostUpdates).toBe(0);
  });

  it('takes injected faults as the page writes them, and refuses what is not one', () => {
    const report = JSON.parse(
      simMain([
        '--scenario',
        'happy-path',
        '--strategy',
        'none',
        '--faults',
        'crash-after-commit@20',
        '--json',
      ]),
    );
    expect(report.charges).toBe(2);
    expect(() =>
      simMain(['--scenario', 'lost-update', '--faults', 'keys-down@5+100', '--json']),
    ).toThrow(/not a fault of lost-update/);
  });

  it('takes the page’s settings as links name them, and names the allowed values otherwise', () => {
    const run = (set: string) =>
      JSON.parse(
        simMain([
          '--scenario',
          'lost-response',
          '--strategy',
          'atomic-key',
          '--set',
          set,
          '--json',
        ]),
      );
    expect(run('key=per-intent').charges).toBe(1);
    const buggy = run('key=per-attempt');
    expect(buggy.charges).toBe(2);
    expect(buggy.settings).toBe('key=per-attempt');
    expect(run('payments=5').intents).toBe(5);
    expect(() =>
      simMain(['--scenario', 'lost-response', '--strategy', 'none', '--set', 'loss=7']),
    ).toThrow(/"loss=7" is not a setting; .*loss=0\|5\|10\|25\|50/);
  });

  it('refuses a strategy for a scenario that has none, in one clear line', () => {
    expect(() =>
      simMain(['--scenario', 'lost-update', '--strategy', 'atomic-key', '--json']),
    ).toThrow(/lost-update takes no --strategy/);
  });

  it('prints the computed method table, and its JSON', () => {
    const rows = JSON.parse(simMain(['--methods', '--json']));
    expect(rows).toContainEqual({
      method: 'DELETE',
      safe: false,
      idempotent: true,
      responses: [204, 404, 404],
    });
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual(['idempotent', 'method', 'responses', 'safe']);
    const text = simMain(['--methods']);
    expect(text).toMatch(/^POST\s+no\s+no\s+201 Created/m);
    expect(text).toMatch(/^GET\s+yes\s+yes/m);
  });
});

describe('npm run explore', () => {
  it('parses its flags into explorer options', () => {
    const parsed = exploreOptions([
      '--scenario',
      'lost-response',
      '--strategy',
      'atomic-key',
      '--random',
      '50',
      '--seed',
      '4',
      '--crashes',
      '1',
    ]);
    expect(parsed?.options).toMatchObject({
      mode: 'random',
      runs: 50,
      seed: 4,
      scope: { losses: 1, duplicates: 0, crashes: 1 },
    });
  });

  it.each([
    [['--scenario', 'lost-response'], /missing --strategy/],
    [
      ['--scenario', 'lost-response', '--strategy', 'none', '--seed', '3'],
      /--seed goes with --random/,
    ],
    [
      ['--scenario', 'lost-response', '--strategy', 'none', '--max-depth', '0'],
      /--max-depth takes a whole number/,
    ],
    [
      ['--scenario', 'lost-response', '--strategy', 'none', '--losses', '9'],
      /--losses takes a whole number from 0 to 5/,
    ],
    [['--scenario', 'lost-update', '--outages', '1'], /has no payment provider: --outages/],
    [
      ['--scenario', 'lost-response', '--strategy', 'none', '--set', 'errors5xx=maybe'],
      /--set: "errors5xx=maybe" is not a setting/,
    ],
  ])('refuses bad input: %j', (argv, message) => {
    expect(() => exploreOptions(argv)).toThrow(message);
  });

  it('reports the shortest witness and how to replay it', () => {
    const report = explore(
      exploreOptions(['--scenario', 'lost-response', '--strategy', 'none'])!.options,
      () => 0,
    );
    const text = formatReport(report);
    expect(text).toContain('the complete tree');
    expect(text).toMatch(
      /Replay it: npm run sim -- --scenario lost-response --strategy none --losses 1 --duplicates 0 --crashes 0 --tape '1\.[A-Za-z0-9_-]+'/,
    );
    expect(text).toContain(
      `Open it in the lab: ?scenario=lost-response&strategy=none&scope=losses1.duplicates0.crashes0&tape=${report.witness!.tape}`,
    );
  });

  it('walks outages under a setting, and its witness replays through sim with that setting', () => {
    const { options } = exploreOptions([
      '--scenario',
      'lost-response',
      '--strategy',
      'locked-key',
      '--losses',
      '0',
      '--outages',
      '1',
      '--set',
      'errors5xx=release',
    ])!;
    expect(options).toMatchObject({ scope: { outages: 1 }, tweaks: { errors5xx: 'release' } });
    const report = explore(options, () => 0);
    const command = report.witness!.command;
    expect(command).toContain('--outages 1 --set errors5xx=release');
    const args = command
      .replace('npm run sim -- ', '')
      .split(' ')
      .map((a) => a.replace(/^'|'$/g, ''));
    const replay = JSON.parse(simMain([...args, '--json']));
    expect(replay.invariants.atMostOnce.ok).toBe(false);
    expect(replay.tape).toBe(report.witness!.tape);
  });

  it('walks a resource scenario without a strategy, and its witness replays through sim', () => {
    const { options } = exploreOptions(['--scenario', 'lost-update', '--fixed-delays'])!;
    expect(options).toMatchObject({ strategy: 'none', scope: { fixedDelays: true } });
    const report = explore(options, () => 0);
    const text = formatReport(report);
    expect(text).toMatch(/^lost-update: \d+ schedules, the complete tree/);
    expect(text).toContain('Schedules that lost a change or applied one twice');
    const command = report.witness!.command;
    expect(command).toContain('--fixed-delays');
    // Run the printed command's arguments through sim: it must show the lost update again.
    const args = command
      .replace('npm run sim -- ', '')
      .split(' ')
      .map((a) => a.replace(/^'|'$/g, ''));
    const replay = JSON.parse(simMain([...args, '--json']));
    expect(replay.invariants.noLostUpdate.ok).toBe(false);
    expect(replay.tape).toBe(report.witness!.tape);
  });
});
