import { describe, expect, it } from 'vitest';
import { planOf } from './export.ts';
import { UsageError } from './args.ts';

describe('npm run export: the flags', () => {
  it('makes one run per scenario and strategy; resource scenarios once', () => {
    const plan = planOf([
      '--scenario',
      'lost-response,delete-twice',
      '--strategy',
      'none,atomic-key',
      '--format',
      'gif,svg',
      '--at',
      '500',
      '--lang',
      'ru',
    ]);
    if (typeof plan === 'string') throw new Error('expected a plan');
    expect(plan.specs.map((s) => `${s.scenario}/${s.strategy}`)).toEqual([
      'lost-response/none',
      'lost-response/atomic-key',
      'delete-twice/none',
    ]);
    expect(plan).toMatchObject({
      formats: ['gif', 'svg'],
      drawings: ['topology'],
      at: 500,
      lang: 'ru',
    });
  });

  it('"all" is every scenario; faults are parsed per scenario', () => {
    const plan = planOf(['--scenario', 'all', '--strategy', 'none']);
    if (typeof plan === 'string') throw new Error('expected a plan');
    expect(plan.specs.length).toBeGreaterThan(20);
    const faulted = planOf([
      '--scenario',
      'lost-response',
      '--strategy',
      'none',
      '--faults',
      'crash@5',
    ]);
    if (typeof faulted === 'string') throw new Error('expected a plan');
    expect(faulted.specs[0]!.faults).toEqual([{ kind: 'crash', point: 'now', atMs: 5 }]);
  });

  it.each([
    [['--scenario', 'lost-response', '--strategy', 'none', '--format', 'mp4'], /--format takes/],
    [['--scenario', 'lost-response', '--strategy', 'none', '--at', 'soon'], /--at takes/],
    [['--scenario', 'lost-response', '--strategy', 'none', '--lang', 'de'], /--lang takes/],
    [['--scenario', 'lost-response', '--strategy', 'none', '--theme', 'blue'], /--theme takes/],
    [['--scenario', 'lost-update', '--faults', 'keys-down@1+2'], /does not fit/],
    [['--scenario', 'nope'], /unknown scenario/],
    [['--strategy', 'none'], /--scenario is required/],
    [['--bogus'], /Unknown option/],
  ])('refuses %j with one line that says why', (argv, message) => {
    expect(() => planOf(argv)).toThrow(UsageError);
    expect(() => planOf(argv)).toThrow(message);
  });
});
