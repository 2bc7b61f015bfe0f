/**
 * npm run sim -- --scenario <id> --strategy <id> [--seed <n>] [--tape <tape>] [--json]
 * npm run sim -- --list
 *
 * Runs one scenario headlessly and prints its event log and outcome, or one JSON object.
 */
import { traceHash } from '../src/model/run.ts';
import { summarize } from '../src/model/outcome.ts';
import { STRATEGY_IDS } from '../src/model/strategies.ts';
import { INVARIANT_NAMES } from '../src/model/trace.ts';
import { SCENARIO_IDS } from '../src/scenarios/catalogue.ts';
import { runScenario } from '../src/scenarios/run.ts';
import { cellText, evaluateMatrix, seedRange } from '../src/scenarios/matrix.ts';
import { describeTrace, describeVerdict, formatTime } from '../src/report/log.ts';
import { en } from '../src/i18n/en.ts';
import {
  isMain,
  pickScenario,
  pickStrategy,
  parseFlags,
  parseScope,
  parseSeed,
  runCli,
  SCOPE_FLAGS,
  UsageError,
} from './args.ts';

const OPTIONS = {
  scenario: { type: 'string' },
  strategy: { type: 'string' },
  seed: { type: 'string' },
  tape: { type: 'string' },
  json: { type: 'boolean' },
  list: { type: 'boolean' },
  matrix: { type: 'boolean' },
  seeds: { type: 'string' },
  ...SCOPE_FLAGS,
  help: { type: 'boolean' },
} as const;

const USAGE =
  'usage: npm run sim -- --scenario <id> --strategy <id> [--seed <n>] [--tape <tape>] [--json] | --list | --matrix [--seeds <n>] [--json]';

function list(): string {
  const rows = [
    'Scenarios:',
    ...SCENARIO_IDS.map((id) => `  ${id.padEnd(22)} ${en.scenarios[id].title}`),
    'Strategies:',
    ...STRATEGY_IDS.map((id) => `  ${id.padEnd(22)} ${en.strategies[id].title}`),
  ];
  return rows.join('\n');
}

export function simMain(argv: string[]): string {
  const flags = parseFlags(argv, OPTIONS);
  if (flags.help) return USAGE;
  if (flags.list) return list();
  if (flags.matrix)
    return matrix(
      flags.seeds === undefined ? 12 : parseCount('--seeds', flags.seeds),
      flags.json === true,
    );
  const scenario = pickScenario(flags.scenario);
  const strategy = pickStrategy(flags.strategy);
  const seed = flags.seed === undefined ? 1 : parseSeed(flags.seed);
  if (flags.tape !== undefined && flags.tape.trim() === '') throw new UsageError('--tape is empty');
  // With scope flags, the run is the explorer's small scope of the scenario: how witnesses replay.
  const scope = parseScope(flags, null);
  const result = runScenario({
    scenario,
    strategy,
    seed,
    tape: flags.tape,
    ...(scope ? { scope } : {}),
  });
  const outcome = summarize(result.trace);
  const report = {
    scenario,
    strategy,
    seed: flags.tape === undefined ? seed : null,
    tape: result.tape,
    events: result.events,
    intents: outcome.intents,
    charges: outcome.charges,
    duplicateCharges: outcome.duplicateCharges,
    statuses: outcome.statuses,
    replays: outcome.replays,
    lateStatuses: outcome.lateStatuses,
    duplicateRecords: outcome.duplicateRecords,
    receipts: outcome.receipts,
    requestsHandled: outcome.requestsHandled,
    peakLoad: outcome.peakLoad,
    peakRetryLoad: outcome.peakRetryLoad,
    invariants: Object.fromEntries(
      INVARIANT_NAMES.map((name) => {
        const verdict = result.invariants[name];
        return [
          name,
          { ok: verdict.ok, claimed: verdict.claimed, detail: describeVerdict(verdict, 'en') },
        ];
      }),
    ),
    perIntent: outcome.perIntent,
    endTimeMs: result.endTimeMs,
    stoppedBy: result.stoppedBy,
    traceHash: traceHash(result.trace),
  };
  if (flags.json) return JSON.stringify(report, null, 2);
  return [...logLines(result.trace), '', ...summaryLines(report)].join('\n');
}

function parseCount(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 1000)
    throw new UsageError(`${flag} takes a whole number from 1 to 1000, got "${text}"`);
  return n;
}

/** The scenario × strategy table: charges per payment, duplicates, and the telling statuses. */
function matrix(seeds: number, json: boolean): string {
  const cells = evaluateMatrix(seedRange(seeds));
  if (json) return JSON.stringify(cells, null, 2);
  const width = Math.max(...SCENARIO_IDS.map((id) => id.length));
  const columns = STRATEGY_IDS.map((id) => Math.max(id.length, 16));
  const row = (first: string, rest: string[]) =>
    [first.padEnd(width), ...rest.map((text, i) => text.padEnd(columns[i]!))].join('  ').trimEnd();
  const lines = [
    row('', [...STRATEGY_IDS]),
    row(
      '',
      columns.map((w) => '-'.repeat(w)),
    ),
  ];
  for (const scenario of SCENARIO_IDS) {
    lines.push(
      row(
        scenario,
        STRATEGY_IDS.map((strategy) =>
          cellText(cells.find((c) => c.scenario === scenario && c.strategy === strategy)!),
        ),
      ),
    );
  }
  const broken = cells.filter((c) => c.problems.length);
  lines.push(
    '',
    `${seeds} seeds per cell. N× = most charges for one payment; DUP = a duplicate in every run, dup? = in some;`,
    `lie = a client was told something the charges contradict; rows×2 = charged once, recorded twice; other statuses listed. ${broken.length ? `!! = ${broken.length} cells disagree with their declaration` : 'Every cell matches its declaration.'}`,
  );
  return lines.join('\n');
}

function logLines(trace: Parameters<typeof describeTrace>[0]): string[] {
  return describeTrace(trace, 'en').map((line) =>
    `${formatTime(line.t)}  ${line.actor.padEnd(10)} ${line.verb.padEnd(11)} ${line.detail}`.trimEnd(),
  );
}

function summaryLines(report: {
  charges: number;
  intents: number;
  duplicateCharges: number;
  statuses: number[];
  replays: number;
  invariants: Record<string, { ok: boolean; claimed: boolean; detail: string }>;
  tape: string;
  traceHash: string;
}): string[] {
  const o = en.outcome;
  return [
    `Outcome: ${o.chargesFor(report.charges, report.intents)}. ${
      report.duplicateCharges > 0 ? o.duplicates(report.duplicateCharges) : o.noDuplicates
    }`,
    `${o.statuses}: ${report.statuses.join(', ') || o.none}; replayed: ${report.replays}`,
    ...Object.entries(report.invariants).map(([name, v]) => {
      const state = v.ok ? 'ok  ' : v.claimed ? 'FAIL' : 'fail';
      const note = v.claimed ? '' : ` (${en.invariants.notClaimed})`;
      return `  [${state}] ${name}: ${v.detail}${note}`;
    }),
    `Tape: ${report.tape}`,
    `Trace hash: ${report.traceHash}`,
  ];
}

if (isMain(import.meta.url)) {
  runCli('sim', () => process.stdout.write(simMain(process.argv.slice(2)) + '\n'));
}
