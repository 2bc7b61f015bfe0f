import { describe, expect, it } from 'vitest';
import { clientMachine } from './machines/client.ts';
import { handlerMachine } from './machines/handler.ts';
import { resourceClientMachine } from './machines/resourceClient.ts';
import { actorKind, clientIdOf, clientTag } from './message.ts';
import { machineOf } from './machineCharts.ts';
import { worldAccepts, WORLDS } from './worlds.ts';

describe('actors and worlds', () => {
  it('names every kind of actor id the worlds make, and nothing else', () => {
    expect(actorKind(clientIdOf(11))).toBe('client');
    expect(clientTag('client-12')).toBe('c12');
    expect(['handler-3', 'completer-4', 'request-9'].map(actorKind)).toEqual([
      'handler',
      'handler',
      'handler',
    ]);
    expect(['server', 'network', 'store', 'provider', 'completer'].map(actorKind)).toEqual([
      'server',
      'network',
      'store',
      'provider',
      'completer',
    ]);
    expect(['client-', 'clients-1', 'handler', ''].map(actorKind)).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('looks up the machine that ran an actor in its own world', () => {
    expect(machineOf('payments', 'client-2')).toBe(clientMachine);
    expect(machineOf('resources', 'client-2')).toBe(resourceClientMachine);
    expect(machineOf('payments', 'completer-7')).toBe(handlerMachine);
    expect(machineOf('resources', 'provider')).toBeNull();
  });

  it('accepts a fault only where the world has what it acts on', () => {
    const keysDown = { kind: 'key-store-down', atMs: 0, durationMs: 5 } as const;
    const afterCharge = { kind: 'crash', point: 'after-provider-charge', atMs: 0 } as const;
    const now = { kind: 'crash', point: 'now', atMs: 0 } as const;
    expect([keysDown, afterCharge, now].map((f) => worldAccepts('payments', f))).toEqual([
      true,
      true,
      true,
    ]);
    expect([keysDown, afterCharge, now].map((f) => worldAccepts('resources', f))).toEqual([
      false,
      false,
      true,
    ]);
    expect(WORLDS.resources.backEnd).toEqual(['store']);
  });
});
