import { describe, expect, it } from 'vitest';
import { fastEngine, type Snapshot } from '../engine.ts';
import { providerMachine } from './provider.ts';
import { type ChargeRequest, type ProviderEvent } from './providerSchema.ts';

const charge = (amount: number, key: string | null = null): ChargeRequest => ({
  from: 'handler-1',
  customer: 'cus_ada',
  amount,
  currency: 'EUR',
  intentId: 'c1-p1',
  idempotencyKey: key,
});

/** Feeds events in order; returns each reply's type and the final balances. */
function run(events: ProviderEvent[]) {
  let [snapshot]: [Snapshot, unknown] = fastEngine.initial(providerMachine, {
    customerBalance: 3000,
    honoursKeys: true,
    keyRetentionMs: 1000,
  });
  const replies: string[] = [];
  for (const event of events) {
    const [next, effects] = fastEngine.step(providerMachine, snapshot, event);
    snapshot = next;
    for (const e of effects.filter((x) => x.type === 'reply'))
      replies.push((e.params as { reply: { type: string } }).reply.type);
  }
  const { customerBalance, merchantBalance, charges } = snapshot.context as {
    customerBalance: number;
    merchantBalance: number;
    charges: unknown[];
  };
  return { replies, customerBalance, merchantBalance, charges: charges.length };
}

describe('provider: declines and top-ups', () => {
  it('declines a charge the card cannot cover, and moves no money', () => {
    const r = run([{ type: 'CHARGE', charge: charge(4200), nowMs: 0 }]);
    expect(r).toEqual({
      replies: ['DECLINED'],
      customerBalance: 3000,
      merchantBalance: 0,
      charges: 0,
    });
  });

  it('charges the same amount once the customer has topped up', () => {
    const r = run([
      { type: 'CHARGE', charge: charge(4200), nowMs: 0 },
      { type: 'TOP_UP', amount: 5000 },
      { type: 'CHARGE', charge: charge(4200), nowMs: 10 },
    ]);
    expect(r).toEqual({
      replies: ['DECLINED', 'CHARGED'],
      customerBalance: 3800,
      merchantBalance: 4200,
      charges: 1,
    });
  });

  it('a charge of exactly the balance goes through', () => {
    expect(run([{ type: 'CHARGE', charge: charge(3000), nowMs: 0 }]).replies).toEqual(['CHARGED']);
  });
});
