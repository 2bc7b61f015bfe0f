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
  });
});
