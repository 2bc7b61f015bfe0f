import { describe, expect, it } from 'vitest';
import { clientMachine } from '../model/machines/client.ts';
import { handlerMachine } from '../model/machines/handler.ts';
import { resourceClientMachine } from '../model/machines/resourceClient.ts';
import { serverMachine } from '../model/machines/server.ts';
import { actorKind } from '../model/message.ts';
import { runScenario } from '../scenarios/run.ts';
import {
  edgesTaken,
  labelWidth,
  layoutMachine,
  machineGraph,
  restrictTo,
  statesReached,
} from './machineGraph.ts';

describe('machine diagrams are read from the machines themselves', () => {
  it('the client: from idle through sending and waiting to done, with its retry loop', () => {
    const graph = machineGraph(clientMachine);
    expect(graph.initial).toBe('idle');
    expect(graph.states.map((s) => s.name)).toEqual([
      'idle',
      'sending',
      'waiting',
      'deciding',
      'backingOff',
      'settled',
      'done',
    ]);
    // Two events lead from waiting to deciding: one edge, both named.
    expect(graph.edges).toContainEqual({
      from: 'waiting',
      to: 'deciding',
      events: ['RESPONSE', 'TIMEOUT'],
    });
    expect(graph.edges).toContainEqual({
      from: 'backingOff',
      to: 'sending',
      events: ['BACKOFF_ELAPSED'],
    });
    expect(graph.states.find((s) => s.name === 'idle')!.layer).toBe(0);
  });

  it('every state of every machine is placed, and every edge joins two of them', () => {
    for (const machine of [clientMachine, resourceClientMachine, serverMachine, handlerMachine]) {
      const graph = machineGraph(machine);
      const names = new Set(graph.states.map((s) => s.name));
      expect(names.size).toBe(Object.keys(machine.root.states).length);
      for (const edge of graph.edges) {
        expect(names.has(edge.from) && names.has(edge.to)).toBe(true);
      }
    }
  });
});

describe('the step the chart lights', () => {
  const graph = machineGraph(handlerMachine);
  it('a direct transition is its own edge', () => {
    const step = { from: 'charging', to: 'committing', event: 'CHARGED' };
    expect([...edgesTaken(graph, step)]).toEqual(['charging|committing']);
  });

  it('a step through a transient state lights both edges', () => {
    const step = { from: 'charging', to: 'recordingDecline', event: 'DECLINED' };
    expect([...edgesTaken(graph, step)]).toEqual([
      'charging|declining',
      'declining|recordingDecline',
    ]);
  });

  it('a handler’s first step runs from its initial state through `always` edges', () => {
    const step = { from: '', to: 'claimingKey', event: 'REQUEST' };
    expect([...edgesTaken(graph, step)]).toEqual(['received|claimingKey']);
  });

  it('the layout places every state and routes every edge', () => {
    const layout = layoutMachine(graph, { width: 128, height: 34 });
    expect(layout.states).toHaveLength(graph.states.length);
    for (const edge of layout.edges) expect(edge.points.length).toBeGreaterThanOrEqual(2);
    for (const s of layout.states) {
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x + 128).toBeLessThanOrEqual(layout.width);
    }
  });
});

describe('a chart shows what the run reaches, and cuts nothing off', () => {
  it('a handler under "no idempotency" never enters the key states; they are folded', () => {
    const run = runScenario({ scenario: 'lost-response', strategy: 'none', seed: 1 });
    const full = machineGraph(handlerMachine);
    const visited = statesReached(full, run.trace, (a) => actorKind(a) === 'handler');
    const shown = restrictTo(full, visited);
    expect(visited.size).toBeGreaterThan(1);
    expect(shown.states.length).toBeLessThan(full.states.length);
    expect(shown.states.map((s) => s.name)).toContain(full.initial);
    for (const name of visited) expect(shown.states.map((s) => s.name)).toContain(name);
    const kept = new Set(shown.states.map((s) => s.name));
    for (const edge of shown.edges) expect(kept.has(edge.from) && kept.has(edge.to)).toBe(true);
  });

  it('a client’s transient states (sending, deciding) are kept: its chart stays connected', () => {
    const run = runScenario({ scenario: 'lost-response', strategy: 'none', seed: 1 });
    const full = machineGraph(clientMachine);
    const shown = restrictTo(
      full,
      statesReached(full, run.trace, (a) => actorKind(a) === 'client'),
    );
    const names = shown.states.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['idle', 'sending', 'waiting', 'deciding']));
    // Every shown state but the first is reached by some shown edge.
    for (const name of names.filter((n) => n !== full.initial))
      expect(shown.edges.some((e) => e.to === name)).toBe(true);
  });

  it('the bounds hold every box, every route and every label', () => {
    for (const machine of [clientMachine, handlerMachine, serverMachine]) {
      const layout = layoutMachine(machineGraph(machine), { width: 120, height: 34 });
      const { x, y, width, height } = layout.bounds;
      const inside = (px: number, py: number) =>
        px >= x && px <= x + width && py >= y && py <= y + height;
      for (const s of layout.states)
        expect(inside(s.x, s.y) && inside(s.x + 120, s.y + 34)).toBe(true);
      for (const e of layout.edges) {
        for (const p of e.points) expect(inside(p.x, p.y)).toBe(true);
        const half = labelWidth(e.events) / 2;
        expect(
          inside(e.label.x - half, e.label.y - 12) && inside(e.label.x + half, e.label.y),
        ).toBe(true);
      }
    }
  });
});
