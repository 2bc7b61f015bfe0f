import { describe, expect, it } from 'vitest';
import { clientMachine } from '../model/machines/client.ts';
import { handlerMachine } from '../model/machines/handler.ts';
import { resourceClientMachine } from '../model/machines/resourceClient.ts';
import { serverMachine } from '../model/machines/server.ts';
import { edgesTaken, layoutMachine, machineGraph } from './machineGraph.ts';

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
