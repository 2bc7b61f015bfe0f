import { describe, expect, it } from 'vitest';
import { clientMachine } from '../model/machines/client.ts';
import { handlerMachine } from '../model/machines/handler.ts';
import { resourceClientMachine } from '../model/machines/resourceClient.ts';
import { serverMachine } from '../model/machines/server.ts';
import { machineGraph } from './machineGraph.ts';

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
