/**
 * npm run explore -- --scenario <id> --strategy <id> [--max-depth <n>] [--max-schedules <n>]
 *                    [--random <runs> --seed <n>] [--losses n] [--duplicates n] [--crashes n] [--pauses n]
 *                    [--outages n] [--attempts n] [--budget tokens] [--limit n] [--crash-points a,b] [--set name=value,...] [--json]
 *
 * Walks the fault schedules of a scenario under a strategy and reports what broke, with the
 * shortest schedule that broke it, the command that replays it and the lab's link that opens it.
 */
import { isResourceScenario } from '../src/scenarios/ids.ts';
import { explore, type ExploreOptions, type ExploreReport } from '../src/explore/explorer.ts';
import { DEFAULT_SCOPE } from '../src/explore/scope.ts';
import { parseTweakList, TWEAK_HELP } from '../src/scenarios/tweaks.ts';
import {
  isMain,
  parseFlags,
  parseScope,
  parseSeed,
  parseWhole,
  pickScenario,
  pickStrategyFor,
  checkScopeFor,
  runCli,
  SCOPE_FLAGS,
  UsageError,
} from './args.ts';

const OPTIONS = {
  scenario: { type: 'string' },
  strategy: { type: 'string' },
  'max-depth': { type: 'string' },
  'max-schedules': { type: 'string' },
  random: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
  set: { type: 'string' },
  ...SCOPE_FLAGS,
} as const;

const USAGE =
  'usage: npm run explore -- --scenario <id> [--strategy <id>] [--max-depth <n>] [--max-schedules <n>] [--random <runs> --seed <n>] [--losses n] [--duplicates n] [--crashes n] [--pauses n] [--outages n] [--attempts n] [--budget tokens] [--limit n] [--crash-points a,b] [--fixed-delays] [--set name=value,...] [--json]\n(--strategy is required for payment scenarios; resource scenarios have none)';

export function exploreOptions(argv: string[]): { options: ExploreOptions; json: boolean } | null {
  const flags = parseFlags(argv, OPTIONS);
  if (flags.help) return null;
  const scenario = pickScenario(flags.scenario);
  const strategy = pickStrategyFor(scenario, flags.strategy);
  if (flags.seed !== undefined && flags.random === undefined)
    throw new UsageError('--seed goes with --random <runs>');
  const options: ExploreOptions = {
    scenario,
    strategy,
    scope: checkScopeFor(scenario, parseScope(flags, DEFAULT_SCOPE))!,
    mode: flags.random === undefined ? 'exhaustive' : 'random',
  };
  if (flags.set !== undefined) {
    const { tweaks, bad } = parseTweakList(flags.set);
    if (bad.length)
      throw new UsageError(`--set: "${bad[0]}" is not a setting; the settings are ${TWEAK_HELP}`);
    options.tweaks = tweaks;
  }
  if (flags['max-depth'] !== undefined)
    options.maxDepth = parseWhole('max-depth', flags['max-depth'], 1, 10_000);
  if (flags['max-schedules'] !== undefined)
    options.maxSchedules = parseWhole('max-schedules', flags['max-schedules'], 1, 100_000_000);
  if (flags.random !== undefined) {
    options.runs = parseWhole('random', flags.random, 1, 100_000_000);
    options.seed = flags.seed === undefined ? 1 : parseSeed(flags.seed);
  }
  return { options, json: flags.json === true };
}

export function formatReport(report: ExploreReport): string {
  const resources = isResourceScenario(report.scenario);
  const walk =
    report.mode === 'random'
      ? `${report.schedules} random schedules`
      : `${report.schedules} schedules, ${report.complete ? 'the complete tree' : `cut short by ${report.cutBy}`}`;
  const violated = Object.entries(report.violations).map(
    ([name, n]) => `  ${name.padEnd(20)} ${n}`,
  );
  const outcomes = Object.entries(report.outcomes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([key, n]) => `  ${String(n).padStart(7)}  ${key}`);
  const lines = [
    `${resources ? report.scenario : `${report.scenario} / ${report.strategy}`}: ${walk} in ${report.elapsedMs} ms (scope: ${JSON.stringify(report.scope)})`,
    `Schedules that broke each invariant:`,
    ...violated,
    resources
      ? `Schedules that lost a change or applied one twice: ${report.duplicateSchedules}`
      : `Schedules with a duplicate charge: ${report.duplicateSchedules}`,
    resources
      ? `Distinct outcomes (final state | statuses): ${Object.keys(report.outcomes).length}`
      : `Distinct outcomes (charges×client outcome per payment | statuses): ${Object.keys(report.outcomes).length}`,
    ...outcomes,
  ];
  if (report.witness) {
    lines.push(
      `Shortest violating schedule: ${report.witness.choices} choices, ${report.witness.events} events — ${report.witness.summary}`,
      `Replay it: ${report.witness.command}`,
      `Open it in the lab: ${report.witness.link}`,
    );
  } else {
    lines.push('No schedule violated an invariant.');
  }
  return lines.join('\n');
}

if (isMain(import.meta.url)) {
  runCli('explore', () => {
    const parsed = exploreOptions(process.argv.slice(2));
    if (!parsed) return void process.stdout.write(USAGE + '\n');
    const report = explore(parsed.options, () => performance.now());
    process.stdout.write(
      (parsed.json ? JSON.stringify(report, null, 2) : formatReport(report)) + '\n',
    );
  });
}
