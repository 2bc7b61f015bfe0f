import type { AnyStateMachine } from 'xstate';
import { isResourceEffect, type WorldEffect } from './effects.ts';
import { fastEngine, type Engine } from './engine.ts';
import { resourceClientMachine, resourceIntentIdOf } from './machines/resourceClient.ts';
import { initialState, resourceStoreMachine } from './machines/resourceStore.ts';
import { clientIdOf, SERVER, STORE, type ActorId, type RequestMessage } from './message.ts';
import { ResourceMonitor } from './resourceInvariants.ts';
import { responseToWire, type ServedParams } from './resources.ts';
import { type ResourceWorldSettings, type ScriptedFault } from './settings.ts';
import { isResourceCrashPoint } from './crashPoints.ts';
import { WorldBase, type OwnFault, type Slot } from './worldBase.ts';
import { worldAccepts } from './worlds.ts';

/**
 * The resource world: clients reading and writing `/accounts/42` and `/users/123` through the
 * same flaky network and crash-prone server process as the payment world. There is no
 * idempotency layer here: what protects a change is the method's own semantics and the
 * preconditions (If-Match, If-None-Match) the clients send.
 */
export type ResourceEvent = {
  kind: 'execute';
  handlerId: ActorId;
  message: RequestMessage;
  handle: number;
};

export class ResourceWorld extends WorldBase<ResourceEvent> {
  override readonly monitor: ResourceMonitor;
  private store!: Slot<typeof resourceStoreMachine>;
  /** Requests accepted and waiting for their turn: a crash loses them. */
  private readonly waiting = new Set<ActorId>();
  private nextRequestId = 1;

  constructor(
    private readonly settings: ResourceWorldSettings,
    engine: Engine = fastEngine,
  ) {
    assertResourceFaults(settings);
    const monitor = new ResourceMonitor();
    super(settings, engine, monitor);
    this.monitor = monitor;
  }

  protected recordStart(): void {
    const { clients, initial } = this.settings;
    this.record({
      t: 0,
      type: 'start-resources',
      intents: clients.flatMap((c, i) =>
        c.intents.map((_, n) => resourceIntentIdOf(clientIdOf(i), n)),
      ),
      resources: initialState(initial).resources,
      // Either every read-modify-write sends If-Match, or the server refuses those that do not.
      writersUseIfMatch:
        this.settings.server.requireIfMatch ||
        clients.every((c) =>
          c.intents.every((intent) => intent.kind !== 'update' || intent.conditional),
        ),
    });
  }

  protected bootClient(clientId: ActorId, index: number): Slot<AnyStateMachine> {
    const settings = this.settings.clients[index];
    if (!settings) throw new Error(`no settings for client ${clientId}`);
    return this.boot(clientId, resourceClientMachine, { clientId, settings });
  }

  protected bootBackEnd(): void {
    this.store = this.boot(STORE, resourceStoreMachine, {
      initial: this.settings.initial,
      rules: { requireIfMatch: this.settings.server.requireIfMatch },
    });
  }

  protected accept(message: RequestMessage): void {
    const handlerId = `request-${this.nextRequestId++}`;
    this.waiting.add(handlerId);
    const event = { kind: 'execute' as const, handlerId, message, handle: -1 };
    this.mail(handlerId, event, this.settings.server.processingMs);
  }

  protected handleOwn(event: ResourceEvent): void {
    this.received(event.handlerId, event.handle);
    this.closeMailbox(event.handlerId);
    if (!this.waiting.has(event.handlerId)) return;
    // A crash here loses the request before it changes anything; the crash record names it.
    if (this.crashAt('before-commit')) return;
    this.waiting.delete(event.handlerId);
    this.dispatch(this.store, { type: 'EXECUTE', message: event.message });
  }

  protected performOwn(_actor: ActorId, effect: WorldEffect): 'crashed' | void {
    if (!isResourceEffect(effect)) throw new Error(`the resource world has no "${effect.type}"`);
    return this.served(effect.params);
  }

  /** The change is durable; a crash now loses only the answer. */
  private served({ message, response, path, before, after }: ServedParams): 'crashed' | void {
    this.record({
      t: this.now,
      type: 'served',
      id: message.id,
      intentId: message.intentId,
      method: message.request.method,
      path,
      status: response.status,
      before,
      after,
    });
    if (this.crashAt('after-commit')) return 'crashed';
    this.transmit({
      kind: 'response',
      from: SERVER,
      to: message.from,
      intentId: message.intentId,
      attempt: message.attempt,
      response: responseToWire(response),
    });
  }

  /** Never called: this world accepts no fault of its own (`worldAccepts`, checked on entry). */
  protected applyOwnFault(fault: OwnFault): void {
    throw new Error(`the resource world has no fault ${fault.kind}`);
  }

  protected endOwnFault(fault: OwnFault): void {
    throw new Error(`the resource world has no fault ${fault.kind}`);
  }

  protected inMemory(): ActorId[] {
    return [...this.waiting];
  }

  protected forgetInMemory(): void {
    this.waiting.clear();
  }
}

/**
 * The types already keep out what this world lacks (a key store, a provider to crash after); this
 * guards settings built from untyped data, such as a saved scenario, so nothing is silently inert.
 */
function assertResourceFaults({ faults, server }: ResourceWorldSettings): void {
  const foreign = faults.find((fault: ScriptedFault) => !worldAccepts('resources', fault));
  if (foreign) throw new Error(`the resource world has no fault ${JSON.stringify(foreign)}`);
  const point = server.crashPoints.find((p) => !isResourceCrashPoint(p));
  if (point) throw new Error(`the resource world has no crash point ${point}`);
}
