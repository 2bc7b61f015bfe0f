import { describe, expect, it } from 'vitest';
import { runScenario } from '../scenarios/run.ts';
import { describeTrace } from './log.ts';

const sends = (scenario: 'conditional-retry' | 'lost-response', strategy = 'none' as const) =>
  describeTrace(runScenario({ scenario, strategy, seed: 1 }).trace, 'en')
    .filter((line) => line.verb === 'sends' && /^(GET|PUT|POST)/.test(line.detail))
    .map((line) => line.detail.replace(/, .*$/, ''));

describe('the event log', () => {
  it('counts a request’s attempts as a person does: an update’s write starts again at 1', () => {
    expect(sends('conditional-retry').slice(0, 3)).toEqual([
      'GET /users/123 (attempt 1',
      'PUT /users/123 (attempt 1',
      'PUT /users/123 (attempt 2',
    ]);
  });

  it('counts a payment’s retries as the client does', () => {
    expect(sends('lost-response')).toEqual([
      'POST /payments (attempt 1',
      'POST /payments (attempt 2',
    ]);
  });
});
