/**
 * npm run sim -- --scenario <id> --strategy <id> [--seed <n>] [--tape <tape>] [--json]
 * npm run sim -- --list | --matrix | --methods
 *
 * Runs one scenario headlessly and prints its event log and outcome, or one JSON object.
 */
import { traceHash, verdictsOf, type RunResult } from '../src/model/run.ts';
import { summarize } from '../src/model/outcome.ts';
import { summarizeResources } from '../src/model/resourceOutcome.ts';
import { STRATEGY_IDS } from '../src/model/strategies.ts';
import {
  isResourceScenario,
  PAYMENT_SCENARIO_IDS,
  SCENARIO_IDS,
  type ScenarioId,
} from '../src/scenarios/ids.ts';
import { statusLine } from '../src/model/http.ts';
import { computeMethodTable } from '../src/scenarios/methods.ts';
import { parseFaultsFor } from '../src/scenarios/faults.ts';
import { parseTweakList, TWEAK_HELP, type Tweaks } from '../src/scenarios/tweaks.ts';
import { runScenario } from '../src/scenarios/run.ts';
import type { RunSpec } from '../src/scenarios/spec.ts';
import { scoped } from '../src/explore/scope.ts';
import { cellText, evaluateMatrix, seedRange } from '../src/scenarios/matrix.ts';
import { describeTrace, formatTime } from '../src/report/log.ts';
import { describeVerdict } from '../src/report/words.ts';
import { en } from '../src/i18n/en.ts';
import {
  isMain,
  pickScenario,
  pickStrategyFor,
  checkScopeFor,
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
  methods: { type: 'boolean' },
  faults: { type: 'string' },
  set: { type: 'string' },
  seeds: { type: 'string' },
  ...SCOPE_FLAGS,
  help: { type: 'boolean' },
} as const;

const USAGE =
  'usage: npm run sim -- --scenario <id> [--strategy <id>] [--seed <n>] [--tape <tape>] [--faults kind@ms,...] [--set name=value,...] [--json] | --list | --matrix [--seeds <n>] [--json] | --methods [--json]\n(--strategy is required for payment scenarios; resource scenarios have none)';

function list(): string {
  const rows = [
    'Scenarios:',
    ...SCENARIO_IDS.map(
      (id) =>
        `  ${id.padEnd(22)} ${en.scenarios[id].title}${isResourceScenario(id) ? '  (HTTP methods; no strategy)' : ''}`,
    ),
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
  if (flags.methods) return methods(flags.json === true);
  const spec = specFromFlags(flags);
  // With scope flags, the run is the explorer's small scope of the scenario: how witnesses replay.
  const result = runScenario({ ...spec, ...(spec.scope ? { shape: scoped(spec.scope) } : {}) });
  const common = {
    scenario: spec.scenario,
    strategy: isResourceScenario(spec.scenario) ? null : spec.strategy,
    seed: spec.tape === null ? spec.seed : null,
    tape: result.tape,
    events: result.events,
    ...(Object.keys(spec.tweaks).length ? { settings: flags.set } : {}),
  };
  const report = { ...common, ...worldReport(result), ...runEnd(result) };
  if (flags.json) return JSON.stringify(report, null, 2);
  return [...logLines(result.trace), '', ...summaryLines(report)].join('\n');
}

/** The run the flags name, as the page would name it in a link. */
function specFromFlags(flags: ReturnType<typeof parseFlags<typeof OPTIONS>>): RunSpec {
  const scenario = pickScenario(flags.scenario);
  return {
    scenario,
    strategy: pickStrategyFor(scenario, flags.strategy),
    seed: flags.seed === undefined ? 1 : parseSeed(flags.seed),
    tape: flags.tape === undefined ? null : nonEmpty('--tape', flags.tape),
    scope: checkScopeFor(scenario, parseScope(flags, null)),
    faults: flags.faults === undefined ? [] : parseFaultFlag(scenario, flags.faults),
    tweaks: flags.set === undefined ? {} : parseSetFlag(flags.set),
    compare: null,
  };
}

function invariantsReport(result: RunResult) {
  return Object.fromEntries(
    verdictsOf(result).map(([name, verdict]) => [
      name,
      {
        ok: verdict.ok,
        claimed: verdict.claimed,
        detail: describeVerdict(verdict, 'en'),
        ...(verdict.claimed
          ? {}
          : {
              note:
                result.world === 'resources'
                  ? en.invariants.notClaimedResources
                  : en.invariants.notClaimed,
            }),
      },
    ]),
  );
}

const runEnd = (result: RunResult) => ({
  endTimeMs: result.endTimeMs,
  stoppedBy: result.stoppedBy,
  traceHash: traceHash(result.trace),
});

/** The outcome in the terms of the scenario's world. */
function worldReport(result: RunResult) {
  if (result.world === 'resources') {
    const o = summarizeResources(result.trace);
    return {
      intents: o.intents,
      statuses: o.statuses,
      lateStatuses: o.lateStatuses,
      requestsHandled: o.requestsHandled,
      outcome: {
        lostUpdates: o.lostUpdates,
        lost: o.lost,
        repeatedEffects: o.repeatedEffects,
        repeats: o.repeats,
        alreadyApplied: o.alreadyApplied,
        finalState: o.finalState,
        statuses: o.statuses,
      },
      invariants: invariantsReport(result),
      perIntent: o.perIntent,
    };
  }
  const outcome = summarize(result.trace);
  return {
    intents: outcome.intents,
    charges: outcome.charges,
    duplicateCharges: outcome.duplicateCharges,
    statuses: outcome.statuses,
    replays: outcome.replays,
    lateReplays: outcome.lateReplays,
    lateStatuses: outcome.lateStatuses,
    duplicateRecords: outcome.duplicateRecords,
    receipts: outcome.receipts,
    requestsHandled: outcome.requestsHandled,
    peakLoad: outcome.peakLoad,
    peakRetryLoad: outcome.peakRetryLoad,
    retryBudget: outcome.retryBudget,
    invariants: invariantsReport(result),
    perIntent: outcome.perIntent,
  };
}

/** The computed method table: safe, idempotent, and what the server answered each time. */
/** The method table's words; the command line speaks English. */
const METHOD_TABLE = {
  title: 'HTTP methods, measured',
  method: 'Method',
  safe: 'Safe',
  idempotent: 'Idempotent',
  responses: 'Responses when repeated',
  yes: 'yes',
  no: 'no',
  note: 'Each method is run once, and again with its first answers lost so the client repeats it; the states the server is left in are compared. Idempotent means the same state either way; the responses may differ (DELETE: 204, then 404). PATCH here is “add 10 to the balance”; a PATCH that sets fields would come out idempotent — PATCH is not idempotent in general, though some patches are.',
};

function methods(json: boolean): string {
  const rows = computeMethodTable();
  if (json) return JSON.stringify(rows, null, 2);
  const t = METHOD_TABLE;
  const yes = (b: boolean) => (b ? t.yes : t.no);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd([8, 6, 11, 0][i]!))
      .join('  ')
      .trimEnd();
  return [
    t.title,
    '',
    line([t.method, t.safe, t.idempotent, t.responses]),
    line(['------', '----', '----------', '-----------------------']),
    ...rows.map((r) =>
      line([r.method, yes(r.safe), yes(r.idempotent), r.responses.map(statusLine).join(', ')]),
    ),
    '',
    t.note,
  ].join('\n');
}

/** `--faults drop-response@340,crash-after-commit@500`: the page's injected faults, as in links. */
function parseFaultFlag(scenario: ScenarioId, text: string) {
  const { faults, bad } = parseFaultsFor(scenario, text);
  if (bad.length)
    throw new UsageError(
      `--faults: "${bad[0]}" is not a fault of ${scenario}; write kind@ms, e.g. drop-response@340, crash-after-commit@500, partition@200+300`,
    );
  return faults;
}

/** `--set key=per-attempt,loss=25`: the page's settings, named as links name them. */
function parseSetFlag(text: string): Tweaks {
  const { tweaks, bad } = parseTweakList(text);
  if (bad.length)
    throw new UsageError(`--set: "${bad[0]}" is not a setting; the settings are ${TWEAK_HELP}`);
  return tweaks;
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`${flag} is empty`);
  return text;
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
  const width = Math.max(...PAYMENT_SCENARIO_IDS.map((id) => id.length));
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
  for (const scenario of PAYMENT_SCENARIO_IDS) {
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

interface Summary {
  intents: number;
  statuses: number[];
  invariants: Record<string, { ok: boolean; claimed: boolean; detail: string; note?: string }>;
  tape: string;
  traceHash: string;
  charges?: number;
  duplicateCharges?: number;
  replays?: number;
  lateReplays?: number;
  requestsHandled: number;
  peakLoad?: number;
  peakRetryLoad?: number;
  retryBudget?: { tokens: number; refused: number } | null;
  outcome?: { lostUpdates: number; repeatedEffects: number; finalState: Record<string, object> };
}

function summaryLines(report: Summary): string[] {
  return [
    ...(report.outcome ? resourceLines(report.outcome) : paymentLines(report)),
    `${en.outcome.statuses}: ${report.statuses.join(', ') || en.outcome.none}`,
    ...Object.entries(report.invariants).map(([name, v]) => {
      const state = v.ok ? 'ok  ' : v.claimed ? 'FAIL' : 'fail';
      const note = v.note ? ` (${v.note})` : '';
      return `  [${state}] ${name}: ${v.detail}${note}`;
    }),
    `Tape: ${report.tape}`,
    `Trace hash: ${report.traceHash}`,
  ];
}

function paymentLines(report: Summary): string[] {
  const o = en.outcome;
  const duplicates = report.duplicateCharges ?? 0;
  return [
    `Outcome: ${o.chargesFor(report.charges ?? 0, report.intents)}. ${
      duplicates > 0 ? o.duplicates(duplicates) : o.noDuplicates
    } Replayed: ${report.replays ?? 0}${
      report.lateReplays ? ` (and ${report.lateReplays} after the client had settled)` : ''
    }.`,
    o.serverLoad(report.requestsHandled, report.peakLoad ?? 0, report.peakRetryLoad ?? 0),
    ...(report.retryBudget
      ? [en.retries.ledger(report.retryBudget.tokens, report.retryBudget.refused)]
      : []),
  ];
}

function resourceLines(outcome: NonNullable<Summary['outcome']>): string[] {
  const r = en.resourceOutcome;
  return [
    `Outcome: ${outcome.lostUpdates > 0 ? r.lostUpdates(outcome.lostUpdates) : r.noLostUpdates} Repeated effects: ${outcome.repeatedEffects}.`,
    `${r.finalState}:`,
    ...Object.entries(outcome.finalState).map(
      ([path, body]) => `  ${path.padEnd(14)} ${JSON.stringify(body)}`,
    ),
  ];
}

if (isMain(import.meta.url)) {
  runCli('sim', () => process.stdout.write(simMain(process.argv.slice(2)) + '\n'));
}
