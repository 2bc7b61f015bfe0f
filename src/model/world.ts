import type { Kernel, World } from '../sim/kernel.ts';
import { fastEngine, type Effect, type Engine, type Snapshot } from './engine.ts';
import type * as E from './effects.ts';
import { InvariantMonitor } from './invariants.ts';
import { clientMachine, intentIdOf, type ClientEvent } from './machines/client.ts';
import { handlerMachine, type HandlerEvent } from './machines/handler.ts';
import { directionOf, networkMachine, type Fate } from './machines/network.ts';
import { providerMachine } from './machines/provider.ts';
import { serverMachine } from './machines/server.ts';
import { STORE_EVENT, storeMachine, type StoreEvent, type StoreOp } from './machines/store.ts';
import {
  NETWORK,
  PROVIDER,
  SERVER,
  STORE,
  type ActorId,
  type Message,
  type RequestMessage,
} from './message.ts';
import type { CrashPoint, ScriptedFault, WorldSettings } from './settings.ts';
import { STRATEGIES } from './strategies.ts';
import type { TraceRecord } from './trace.ts';
import type { AnyStateMachine, ContextFrom, EventFromLogic } from 'xstate';

/**
 * The payment world: it owns the actors' snapshots, carries out the effects their machines emit,
 * draws every random fate through the kernel, and writes the trace. All decisions about the
 * protocol live in the machines; this file is plumbing, kept that way on purpose.
 */
export type WorldEvent =
  | { kind: 'client-start'; clientId: ActorId }
  | { kind: 'arrive'; message: Message }
  | { kind: 'timer'; actor: ActorId; name: E.TimerName; generation: number }
  | { kind: 'handler-start'; handlerId: string; message: RequestMessage }
  | { kind: 'reply'; to: ActorId; reply: E.ReplyParams['reply'] }
  | { kind: 'fault'; fault: ScriptedFault };

interface Slot<M extends AnyStateMachine> {
  id: ActorId;
  machine: M;
  snapshot: Snapshot;
}

const contextOf = <M extends AnyStateMachine>(slot: Slot<M>) =>
  slot.snapshot.context as ContextFrom<M>;

const TIMER_EVENTS = {
  timeout: 'TIMEOUT',
  backoff: 'BACKOFF_ELAPSED',
  restart: 'RESTART',
} as const;

export class PaymentWorld implements World<WorldEvent> {
  readonly trace: TraceRecord[] = [];
  readonly monitor = new InvariantMonitor();
  private kernel!: Kernel<WorldEvent>;
  private readonly clients = new Map<ActorId, Slot<typeof clientMachine>>();
  private readonly handlers = new Map<ActorId, Slot<typeof handlerMachine>>();
  private readonly acceptedNotStarted = new Set<ActorId>();
  private network!: Slot<typeof networkMachine>;
  private server!: Slot<typeof serverMachine>;
  private store!: Slot<typeof storeMachine>;
  private provider!: Slot<typeof providerMachine>;
  private readonly timers = new Map<string, number>();
  private timerGeneration = 0;
  private nextMessageId = 1;
  private nextHandlerId = 1;

  constructor(
    private readonly settings: WorldSettings,
    private readonly engine: Engine = fastEngine,
  ) {}

  start(kernel: Kernel<WorldEvent>): void {
    this.kernel = kernel;
    const { settings } = this;
    const strategy = STRATEGIES[settings.server.strategy];
    this.record({
      t: 0,
      type: 'start',
      strategy: strategy.id,
      claimsAtMostOnce: strategy.claimsAtMostOnce,
      intents: settings.clients.flatMap((c, ci) =>
        c.intents.map((_, i) => intentIdOf(`client-${ci + 1}`, i)),
      ),
      customerBalance: settings.provider.customerBalance,
    });
    settings.clients.forEach((clientSettings, i) => {
      const clientId = `client-${i + 1}`;
      this.clients.set(
        clientId,
        this.boot(clientId, clientMachine, { clientId, settings: clientSettings }),
      );
      kernel.schedule(clientSettings.startAtMs, { kind: 'client-start', clientId });
    });
    this.network = this.boot(NETWORK, networkMachine, undefined);
    this.server = this.boot(SERVER, serverMachine, { restartMs: settings.server.restartMs });
    this.store = this.boot(STORE, storeMachine, undefined);
    this.provider = this.boot(PROVIDER, providerMachine, {
      customerBalance: settings.provider.customerBalance,
    });
    for (const fault of settings.faults) kernel.schedule(fault.atMs, { kind: 'fault', fault });
  }

  handle(event: WorldEvent, kernel: Kernel<WorldEvent>): void {
    this.kernel = kernel;
    switch (event.kind) {
      case 'client-start':
        return this.dispatch(this.clients.get(event.clientId)!, { type: 'START' });
      case 'arrive':
        return this.arrive(event.message);
      case 'timer':
        return this.fireTimer(event);
      case 'handler-start':
        return this.startHandler(event.handlerId, event.message);
      case 'reply':
        return this.deliverReply(event.to, event.reply);
      case 'fault':
        return this.applyFault(event.fault);
    }
  }

  // --- actors ---------------------------------------------------------------------------------

  private boot<M extends AnyStateMachine>(id: ActorId, machine: M, input: unknown): Slot<M> {
    const [snapshot, effects] = this.engine.initial(machine, input);
    const slot = { id, machine, snapshot };
    this.runEffects(slot, effects);
    return slot;
  }

  /** Feeds one event to an actor, records its transition, and carries out its effects. */
  private dispatch<M extends AnyStateMachine>(slot: Slot<M>, event: EventFromLogic<M>): void {
    const from = slot.snapshot.value;
    const [next, effects] = this.engine.step(slot.machine, slot.snapshot, event);
    slot.snapshot = next;
    const to = next.value;
    if (to !== from) {
      this.record({ t: this.now, type: 'transition', actor: slot.id, from, to, event: event.type });
    }
    this.runEffects(slot, effects);
  }

  private get now(): number {
    return this.kernel.now;
  }

  private record(record: TraceRecord): void {
    this.trace.push(record);
    for (const v of this.monitor.observe(record)) {
      this.trace.push({ t: record.t, type: 'invariant', name: v.name, ok: false, facts: v.facts });
    }
  }

  // --- effects --------------------------------------------------------------------------------

  /** Runs effects in order; a crash at a checkpoint cancels the rest, as a dead process would. */
  private runEffects(slot: Slot<AnyStateMachine>, effects: Effect[]): void {
    for (const effect of effects) {
      if (this.perform(slot.id, effect) === 'crashed') return;
    }
  }

  private perform(actor: ActorId, effect: Effect): 'crashed' | void {
    const p = effect.params as never;
    switch (effect.type as E.EffectName) {
      case 'transmit':
        return this.transmit((p as E.TransmitParams).message);
      case 'startTimer':
        return this.startTimer(actor, p);
      case 'cancelTimer':
        this.timers.delete(`${actor}/${(p as E.CancelTimerParams).name}`);
        return;
      case 'settle':
        return this.record({
          t: this.now,
          type: 'settle',
          client: actor,
          ...(p as E.SettleParams),
        });
      case 'deliver':
        return this.deliver(p);
      case 'drop':
      case 'refuse': {
        const { message, reason } = p as E.DropParams;
        return this.record({ t: this.now, type: 'drop', id: message.id, reason });
      }
      case 'accept':
        return this.accept((p as E.AcceptParams).message as RequestMessage);
      case 'abortHandlers':
        return this.abortHandlers();
      case 'storeOp':
        return this.storeOp((p as E.StoreOpParams).op);
      case 'callProvider':
        return this.callProvider(p);
      case 'checkpoint':
        return this.checkpoint((p as E.CheckpointParams).point);
      case 'respond':
        return this.respond(actor, p);
      case 'reply':
        return this.scheduleReply(actor, p);
      case 'replyAll':
        for (const reply of (p as { replies: E.ReplyParams[] }).replies)
          this.scheduleReply(actor, reply);
        return;
    }
  }

  private transmit(draft: E.TransmitParams['message']): void {
    const message = { ...draft, id: this.nextMessageId++ } as Message;
    this.record({ t: this.now, type: 'send', message });
    this.dispatch(this.network, { type: 'TRANSMIT', message, fate: this.drawFate(message) });
  }

  /**
   * Chance's part of a message's journey. Nothing is drawn when a scripted fault already decides
   * it, so the tape (and the explorer's tree) holds only real choices.
   */
  private drawFate(message: Message): Fate {
    const net = this.settings.network;
    const { armed } = contextOf(this.network);
    const decided =
      this.network.snapshot.value === 'partitioned' || armed[directionOf(message)] > 0;
    if (decided) return { lost: false, delayMs: 0, duplicateDelayMs: null };
    const lost = this.chance('message lost', net.lossProbability);
    if (lost) return { lost, delayMs: 0, duplicateDelayMs: null };
    const delayMs = this.uniform('network delay', net.delayMsMin, net.delayMsMax);
    const duplicated = this.chance('message duplicated', net.duplicationProbability);
    const duplicateDelayMs = duplicated
      ? this.uniform('copy delay', net.delayMsMin, net.delayMsMax)
      : null;
    return { lost, delayMs, duplicateDelayMs };
  }

  private chance(label: string, probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.kernel.choose(label, 2, [1 - probability, probability]) === 1;
  }

  private uniform(label: string, min: number, max: number): number {
    return min + this.kernel.choose(label, max - min + 1);
  }

  private deliver({ message, delayMs, duplicate }: E.DeliverParams): void {
    if (!duplicate) return this.kernel.schedule(delayMs, { kind: 'arrive', message });
    const copy = { ...message, id: this.nextMessageId++, copyOf: message.id };
    this.record({ t: this.now, type: 'duplicate', id: message.id, copy });
    this.kernel.schedule(delayMs, { kind: 'arrive', message: copy });
  }

  private arrive(message: Message): void {
    this.record({ t: this.now, type: 'deliver', id: message.id, to: message.to });
    if (message.kind === 'request') {
      this.dispatch(this.server, { type: 'REQUEST', message });
    } else {
      const client = this.clients.get(message.to)!;
      this.dispatch(client, { type: 'RESPONSE', message } satisfies ClientEvent);
    }
  }

  private startTimer(actor: ActorId, { name, delayMs, jitter }: E.StartTimerParams): void {
    const generation = ++this.timerGeneration;
    this.timers.set(`${actor}/${name}`, generation);
    const delay = jitter ? this.uniform('backoff jitter', 0, delayMs) : delayMs;
    this.kernel.schedule(delay, { kind: 'timer', actor, name, generation });
  }

  /** A cancelled or superseded timer fires into nothing. */
  private fireTimer({ actor, name, generation }: Extract<WorldEvent, { kind: 'timer' }>): void {
    if (this.timers.get(`${actor}/${name}`) !== generation) return;
    this.timers.delete(`${actor}/${name}`);
    this.record({ t: this.now, type: 'timer', actor, name });
    const type = TIMER_EVENTS[name];
    if (actor === SERVER) {
      this.record({ t: this.now, type: 'restart' });
      this.dispatch(this.server, { type: 'RESTART' });
    } else {
      this.dispatch(this.clients.get(actor)!, { type } as ClientEvent);
    }
  }

  // --- the server side ------------------------------------------------------------------------

  private accept(message: RequestMessage): void {
    const handlerId = `handler-${this.nextHandlerId++}`;
    this.acceptedNotStarted.add(handlerId);
    this.kernel.schedule(this.settings.server.processingMs, {
      kind: 'handler-start',
      handlerId,
      message,
    });
  }

  private startHandler(handlerId: ActorId, message: RequestMessage): void {
    // A crash between accepting the request and starting on it loses the request.
    if (!this.acceptedNotStarted.delete(handlerId)) return;
    const strategy = STRATEGIES[this.settings.server.strategy];
    const [snapshot, effects] = this.engine.initial(handlerMachine, {
      handlerId,
      message,
      strategy,
    });
    const slot = { id: handlerId, machine: handlerMachine, snapshot };
    this.handlers.set(handlerId, slot);
    this.record({
      t: this.now,
      type: 'transition',
      actor: handlerId,
      from: '',
      to: snapshot.value,
      event: 'REQUEST',
    });
    this.runEffects(slot, effects);
    this.forgetIfDone(slot);
  }

  private deliverReply(to: ActorId, reply: E.ReplyParams['reply']): void {
    const handler = this.handlers.get(to);
    if (!handler) return; // its handler died in a crash: the answer has no one to go to
    this.dispatch(handler, { ...reply, nowMs: this.now } as HandlerEvent);
    this.forgetIfDone(handler);
  }

  private forgetIfDone(slot: Slot<typeof handlerMachine>): void {
    if (slot.snapshot.status === 'done') this.handlers.delete(slot.id);
  }

  private storeOp(op: StoreOp): void {
    this.record({ t: this.now, type: 'store', op });
    this.dispatch(this.store, { type: STORE_EVENT[op.type], op, nowMs: this.now } as StoreEvent);
  }

  private callProvider({ charge }: E.CallProviderParams): void {
    this.dispatch(this.provider, { type: 'CHARGE', charge, nowMs: this.now });
    const { charges, customerBalance, merchantBalance } = contextOf(this.provider);
    const made = charges.at(-1)!;
    this.record({
      t: this.now,
      type: 'charge',
      chargeId: made.id,
      intentId: made.intentId,
      amount: made.amount,
      by: charge.from,
      customerBalance,
      merchantBalance,
    });
  }

  private scheduleReply(from: ActorId, { to, reply }: E.ReplyParams): void {
    const latency =
      from === PROVIDER ? this.settings.provider.latencyMs : this.settings.server.storeLatencyMs;
    this.kernel.schedule(latency, { kind: 'reply', to, reply });
  }

  private checkpoint(point: CrashPoint): 'crashed' | void {
    if (!contextOf(this.server).armedCrashes.includes(point)) return;
    this.crash(point);
    return 'crashed';
  }

  private crash(point: CrashPoint | 'now'): void {
    if (this.server.snapshot.value !== 'up') return;
    this.record({
      t: this.now,
      type: 'crash',
      point,
      lost: [...this.acceptedNotStarted, ...this.handlers.keys()],
    });
    this.dispatch(this.server, { type: 'CRASH', point });
  }

  /** Everything in the process's memory is gone; the store rolls back their transactions. */
  private abortHandlers(): void {
    const lost = [...this.handlers.keys()];
    this.handlers.clear();
    this.acceptedNotStarted.clear();
    const { claims, waiters } = contextOf(this.store);
    for (const tx of lost) {
      if (tx in claims || waiters.some((w) => w.tx === tx)) this.storeOp({ type: 'rollback', tx });
    }
  }

  private respond(handlerId: ActorId, { response }: E.RespondParams): void {
    const { message } = contextOf(this.handlers.get(handlerId)!);
    this.transmit({
      kind: 'response',
      from: SERVER,
      to: message.from,
      intentId: message.intentId,
      attempt: message.attempt,
      response,
    });
  }

  private applyFault(fault: ScriptedFault): void {
    this.record({ t: this.now, type: 'fault', fault });
    if (fault.kind === 'drop-next') {
      this.dispatch(this.network, { type: 'ARM_DROP', direction: fault.direction });
    } else if (fault.point === 'now') {
      this.crash('now');
    } else {
      this.dispatch(this.server, { type: 'ARM_CRASH', point: fault.point });
    }
  }
}
