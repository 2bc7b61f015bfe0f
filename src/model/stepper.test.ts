import { describe, expect, it } from 'vitest';
import { and, assign, setup } from 'xstate';
import { fastInitial, fastStep } from './stepper.ts';

describe('fast stepper', () => {
  const toggle = setup({
    types: { context: {} as { n: number }, events: {} as { type: 'FLIP' } | { type: 'BUMP' } },
    actions: {
      note: (_: unknown, _p: { n: number }) => {},
      bump: assign({ n: ({ context }) => context.n + 1 }),
    },
    guards: { even: ({ context }) => context.n % 2 === 0 },
  }).createMachine({
    context: { n: 0 },
    initial: 'off',
    on: { BUMP: { actions: 'bump' } },
    states: {
      off: {
        on: {
          FLIP: {
            guard: 'even',
            target: 'on',
            actions: ['bump', { type: 'note', params: ({ context }) => ({ n: context.n }) }],
          },
        },
      },
      on: { entry: { type: 'note', params: { n: -1 } }, always: { guard: 'even', target: 'off' } },
    },
  });

  it('runs guards, assigns in order, entry actions and eventless transitions', () => {
    const [s0] = fastInitial(toggle, undefined);
    expect(s0).toMatchObject({ value: 'off', context: { n: 0 } });
    const [s1, effects] = fastStep(toggle, s0, { type: 'FLIP' });
    expect(s1).toMatchObject({ value: 'on', context: { n: 1 } });
    expect(effects).toEqual([
      { type: 'note', params: { n: 1 } },
      { type: 'note', params: { n: -1 } },
    ]);
    const [s2] = fastStep(toggle, s1, { type: 'BUMP' });
    expect(s2).toMatchObject({ value: 'off', context: { n: 2 } });
  });

  it('ignores an event nothing handles', () => {
    const [s0] = fastInitial(toggle, undefined);
    const [s1, effects] = fastStep(toggle, s0, { type: 'NOPE' });
    expect(s1).toBe(s0);
    expect(effects).toEqual([]);
  });

  it('follows XState on a self-transition: no exit, no entry unless it re-enters', () => {
    const self = setup({
      actions: { mark: (_: unknown, _p: { what: string }) => {} },
    }).createMachine({
      initial: 'a',
      states: {
        a: {
          entry: { type: 'mark', params: { what: 'entry' } },
          exit: { type: 'mark', params: { what: 'exit' } },
          on: { STAY: 'a', AGAIN: { target: 'a', reenter: true } },
        },
      },
    });
    const [s0] = fastInitial(self, undefined);
    expect(fastStep(self, s0, { type: 'STAY' })[1]).toEqual([]);
    expect(
      fastStep(self, s0, { type: 'AGAIN' })[1].map((e) => (e.params as { what: string }).what),
    ).toEqual(['exit', 'entry']);
  });

  it('refuses root-level entry and eventless transitions', () => {
    const rooted = setup({ actions: { hello: () => {} } }).createMachine({
      entry: 'hello',
      initial: 'x',
      states: { x: {} },
    });
    expect(() => fastInitial(rooted, undefined)).toThrow(/does not support/);
  });

  it('refuses machines outside its subset, loudly', () => {
    const combined = setup({ guards: { a: () => true, b: () => true } }).createMachine({
      initial: 'x',
      states: { x: { on: { GO: { guard: and(['a', 'b']), target: 'y' } } }, y: {} },
    });
    const [s0] = fastInitial(combined, undefined);
    expect(() => fastStep(combined, s0, { type: 'GO' })).toThrow(/does not support/);
  });
});
