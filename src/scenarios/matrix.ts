import { summarize } from '../model/outcome.ts';
import { STRATEGY_IDS, type StrategyId } from '../model/strategies.ts';
import { expectsConsistency, SCENARIOS, type Expectation } from './catalogue.ts';
import { PAYMENT_SCENARIO_IDS, type PaymentScenarioId } from './ids.ts';
import { runScenario } from './run.ts';

/**
 * The scenario × strategy matrix: every pair run over a range of seeds, compared with what the
 * scenario declares. The test suite asserts it; `npm run sim -- --matrix` prints it for a teacher.
 */
export interface Cell {
  scenario: PaymentScenarioId;
  strategy: StrategyId;
  expected: Expectation;
  runs: number;
  /** Runs with at least one duplicate charge. */
  duplicatedRuns: number;
  /** Runs where the server recorded some payment twice (whatever the money did). */
  doubleRecordedRuns: number;
  /** Most charges per payment seen in any run. */
  worstCharges: number;
  /** Statuses the clients acted on in some run, sorted. */
  statuses: number[];
  /** Runs where some answer a client saw did not match the charges. */
  inconsistentRuns: number;
  /** What disagrees with the declaration; empty when the cell holds. */
  problems: string[];
}

export function evaluateCell(
  scenario: PaymentScenarioId,
  strategy: StrategyId,
  seeds: readonly number[],
): Cell {
  const expected = SCENARIOS[scenario].expect[strategy];
  const cell: Cell = {
    scenario,
    strategy,
    expected,
    runs: 0,
    duplicatedRuns: 0,
    doubleRecordedRuns: 0,
    worstCharges: 0,
    statuses: [],
    inconsistentRuns: 0,
    problems: [],
  };
  const seen = new Set<number>();
  for (const seed of seeds) {
    const result = runScenario({ scenario, strategy, seed });
    const outcome = summarize(result.trace);
    cell.runs++;
    if (outcome.duplicateCharges > 0) cell.duplicatedRuns++;
    if (outcome.duplicateRecords > 0) cell.doubleRecordedRuns++;
    if (!result.invariants.outcomeConsistency.ok) cell.inconsistentRuns++;
    cell.worstCharges = Math.max(cell.worstCharges, ...outcome.perIntent.map((p) => p.charges));
    outcome.statuses.forEach((s) => seen.add(s));
    for (const status of expected.statuses ?? []) {
      if (!outcome.statuses.includes(status))
        cell.problems.push(`seed ${seed}: no ${status} reached a client`);
    }
  }
  cell.statuses = [...seen].sort((a, b) => a - b);
  cell.problems.push(...duplicateProblems(cell), ...consistencyProblems(cell));
  return cell;
}

function duplicateProblems(cell: Cell): string[] {
  const { duplicates } = cell.expected;
  if (duplicates === 'always' && cell.duplicatedRuns < cell.runs) {
    return [`duplicates expected in every run, seen in ${cell.duplicatedRuns} of ${cell.runs}`];
  }
  if (duplicates === 'never' && cell.duplicatedRuns > 0) {
    return [`no duplicates expected, seen in ${cell.duplicatedRuns} of ${cell.runs}`];
  }
  // 'possible' depends on chance: the explorer's tests find the witness schedule.
  return [];
}

function consistencyProblems(cell: Cell): string[] {
  if (cell.expected.duplicates === 'possible') return [];
  const consistent = expectsConsistency(cell.expected);
  if (consistent && cell.inconsistentRuns > 0)
    return [`answers contradicted charges in ${cell.inconsistentRuns} runs`];
  if (!consistent && cell.inconsistentRuns < cell.runs)
    return ['a misleading answer was expected in every run'];
  return [];
}

export const seedRange = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

export function evaluateMatrix(seeds: readonly number[]): Cell[] {
  return PAYMENT_SCENARIO_IDS.flatMap((scenario) =>
    STRATEGY_IDS.map((strategy) => evaluateCell(scenario, strategy, seeds)),
  );
}

/** One short cell for the printed table: `2× DUP`, `1× ok`, and the non-201 statuses. */
export function cellText(cell: Cell): string {
  const mark = cell.problems.length ? '!!' : '';
  const dup = cell.duplicatedRuns === 0 ? 'ok' : cell.duplicatedRuns === cell.runs ? 'DUP' : 'dup?';
  const lie = cell.inconsistentRuns > 0 && cell.duplicatedRuns === 0 ? ' lie' : '';
  const rows = cell.doubleRecordedRuns > 0 && cell.duplicatedRuns === 0 ? ' rows×2' : '';
  const notable = cell.statuses.filter((s) => s !== 201);
  return `${mark}${cell.worstCharges}× ${dup}${lie}${rows}${notable.length ? ' ' + notable.join(',') : ''}`;
}
