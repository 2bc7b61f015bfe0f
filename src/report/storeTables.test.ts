import { describe, expect, it } from 'vitest';
import { STRATEGY_IDS } from '../model/strategies.ts';
import { PAYMENT_SCENARIO_IDS } from '../scenarios/ids.ts';
import { runScenario } from '../scenarios/run.ts';
import { storeHistory, tablesAt } from './storeTables.ts';

describe('the store tables rebuilt from the trace', () => {
  it('hold exactly the payments the server recorded, at every record, in every run', () => {
    for (const scenario of PAYMENT_SCENARIO_IDS)
      for (const strategy of STRATEGY_IDS)
        for (const seed of [1, 2]) {
          const { trace } = runScenario({ scenario, strategy, seed });
          const history = storeHistory(trace);
          let recorded: string[] = [];
          for (let count = 0; count <= trace.length; count++) {
            const record = trace[count - 1];
            if (record?.type === 'recorded' && record.what === 'payment')
              recorded = [...recorded, record.id];
            // The store's operation is recorded just before the rows it adds.
            if (trace[count]?.type === 'recorded') continue;
            expect(tablesAt(history, count).payments.map((p) => p.id)).toEqual(recorded);
          }
        }
  });

  it('keys: the atomic key ends completed with the response it replays', () => {
    const { trace } = runScenario({ scenario: 'lost-response', strategy: 'atomic-key', seed: 1 });
    const { keys } = tablesAt(storeHistory(trace), trace.length);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ status: 'completed', response: { status: 201 } });
  });

  it('before anything happens the tables are empty', () => {
    const { trace } = runScenario({ scenario: 'lost-response', strategy: 'atomic-key', seed: 1 });
    expect(tablesAt(storeHistory(trace), 0)).toMatchObject({ payments: [], keys: [], cache: [] });
  });
});
