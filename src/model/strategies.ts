/**
 * Server-side idempotency strategies (DESIGN.md §4). Each declares what it promises, so the
 * invariants know which failures are bugs and which are the lesson.
 */
export type StrategyId = 'none' | 'atomic-key';

export interface StrategyInfo {
  id: StrategyId;
  /** Does the server look at the Idempotency-Key header at all? */
  usesKeys: boolean;
  /** Does it promise at most one charge per intent (given a correct client)? */
  claimsAtMostOnce: boolean;
}

export const STRATEGIES: Readonly<Record<StrategyId, StrategyInfo>> = {
  none: { id: 'none', usesKeys: false, claimsAtMostOnce: false },
  'atomic-key': { id: 'atomic-key', usesKeys: true, claimsAtMostOnce: true },
};

export const STRATEGY_IDS = Object.keys(STRATEGIES) as StrategyId[];

export function isStrategyId(value: string): value is StrategyId {
  return Object.hasOwn(STRATEGIES, value);
}
