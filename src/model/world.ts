import type { AnyStateMachine, ContextFrom, EventFromLogic } from 'xstate';
import type { Kernel, World } from '../sim/kernel.ts';
import type * as E from './effects.ts';
import { fastEngine, type Effect, type Engine, type Snapshot } from './engine.ts';
import { InvariantMonitor } from './invariants.ts';
import { clientMachine, intentIdOf, type ClientEvent } from './machines/client.ts';
import { handlerMachine, type HandlerEvent, type HandlerPolicy } from './machines/handler.ts';
import { directionOf, networkMachine, type Fate } from './machines/network.ts';
import { providerMachine } from './machines/provider.ts';
import { serverMachine } from './machines/server.ts';
import { STORE_EVENT, storeMachine, type StoreEvent, type StoreOp } from './machines/store.ts';
import {
  COMPLETER,
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

/**
 * The payment world: it owns the actors' snapshots, carries out the effects their machines emit,
 * draws every chance fate through the kernel, and writes the trace. Decisions about the protocol
 * live in the machines; this file is plumbing, kept that way on purpose.
 */
export type WorldEvent =
  | { kind: 'client-start'; clientId: ActorId }
  | { kind: 'arrive'; message: Message }
  | { kind: 'timer'; actor: ActorId; name: E.TimerName }
  | { kind: 'handler-start'; handlerId: string; message: RequestMessage; handle: number }
  | { kind: 'reply'; to: ActorId; reply: E.ReplyParams['reply']; handle: number }
  | { kind: 'fault'; fault: ScriptedFault }
  | { kind: 'fault-end'; fault: ScriptedFault };

interface Slot<M extends AnyStateMachine> {
  id: ActorId;
  machine: M;
  snapshot: Snapshot;
}

const contextOf = <M extends AnyStateMachine>(slot: Slot<M>) =>
  slot.snapshot.context as ContextFrom<M>;

const CLIENT_TIMER_EVENTS = { timeout: 'TIMEOUT', backoff: 'BACKOFF_ELAPSED' } as const;

/** Random faults drawn so far, against the settings' budgets. */
interface FaultsDrawn {
  losses: number;
  duplicates: number;
  crashes: number;
}

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
  /** Pending timers by `actor/name`, as kernel handles. */
  private readonly timers = new Map<string, number>();
  /** Events on their way to a request handler, cancelled if the process dies first. */
  private readonly mailFor = new Map<ActorId, Set<number>>();
  private readonly drawn: FaultsDrawn = { losses: 0, duplicates: 0, crashes: 0 };
  private readonly policy: HandlerPolicy;
  private nextMessageId = 1;
  private nextHandlerId = 1;

  constructor(
    private readonly settings: WorldSettings,
    private readonly engine: Engine = fastEngine,
  ) {
    const { server } = settings;
    this.policy = {
      strategy: STRATEGIES[server.strategy],
      keyRequired: server.keyRequired,
      keyTtlMs: server.keyTtlMs,
      keyStoreFailure: server.keyStoreFailure,
      lockTimeoutMs: server.lockTimeoutMs,
    };
  }

  start(kernel: Kernel<WorldEvent>): void {
    this.kernel = kernel;
    const { settings } = this;
    this.recordStart();
    settings.clients.forEach((clientSettings, i) => {
      const clientId = `client-${i + 1}`;
      const ownerId = `client-${(clientSettings.resubmits ?? i) + 1}`;
      this.clients.set(
        clientId,
        this.boot(clientId, clientMachine, { clientId, ownerId, settings: clientSettings }),
      );
      kernel.schedule(clientSettings.startAtMs, { kind: 'client-start', clientId });
    });
    this.network = this.boot(NETWORK, networkMachine, undefined);
    this.server = this.boot(SERVER, serverMachine, { restartMs: settings.server.restartMs });
    this.store = this.boot(STORE, storeMachine, undefined);
    this.provider = this.boot(PROVIDER, providerMachine, {
      customerBalance: settings.provider.customerBalance,
      honoursKeys: settings.provider.honoursKeys,
      keyRetentionMs: settings.provider.keyRetentionMs,
    });
    for (const fault of settings.faults)
      kernel.schedule(fault.atMs, { kind: 'fault', fault }, true);
  }

  private recordStart(): void {
    const { clients, server, provider } = this.settings;
    const owners = clients.map((c, i) => c.resubmits ?? i);
    const intents = clients.flatMap((c, i) =>
      owners[i] === i ? c.intents.map((_, n) => intentIdOf(`client-${i + 1}`, n)) : [],
    );
    this.record({
      t: 0,
      type: 'start',
      strategy: server.strategy,
      claimsAtMostOnce: STRATEGIES[server.strategy].claimsAtMostOnce,
      intents,
      customerBalance: provider.customerBalance,
    });
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
        this.mailFor.get(event.handlerId)?.delete(event.handle);
        return this.startHandler(event.handlerId, event.message);
      case 'reply':
        this.mailFor.get(event.to)?.delete(event.handle);
        return this.deliverReply(event.to, event.reply);
      case 'fault':
        return this.applyFault(event.fault);
      case 'fault-end':
        return this.endFault(event.fault);
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
    if (next.value !== from) {
      this.record({
        t: this.now,
        type: 'transition',
        actor: slot.id,
        from,
        to: next.value,
        event: event.type,
      });
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
        return this.cancelTimer(`${actor}/${(p as E.CancelTimerParams).name}`);
      case 'ignore':
        return this.record({
          t: this.now,
          type: 'ignored',
          id: (p as { messageId: number }).messageId,
          by: actor,
        });
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
      case 'dedup':
        return this.recordDedup((p as { chargeId: string }).chargeId);
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
      case 'runCompleter':
        return this.runCompleter();
    }
  }

  // --- the network ----------------------------------------------------------------------------

  private transmit(draft: E.TransmitParams['message']): void {
    const message = { ...draft, id: this.nextMessageId++ } as Message;
    this.record({ t: this.now, type: 'send', message });
    this.dispatch(this.network, { type: 'TRANSMIT', message, fate: this.drawFate(message) });
  }

  /**
   * Chance's part of a message's journey. Nothing is drawn that a scripted fault already decides,
   * and no random fault beyond its budget, so the tape (and the explorer's tree) holds only real
   * choices.
   */
  private drawFate(message: Message): Fate {
    const net = this.settings.network;
    const { armed, armedCopies } = contextOf(this.network);
    const direction = directionOf(message);
    if (this.network.snapshot.value === 'partitioned' || armed[direction] > 0) {
      return { lost: false, delayMs: 0, duplicateDelayMs: null };
    }
    const scriptedCopy = armedCopies[direction] > 0;
    if (
      !scriptedCopy &&
      this.chanceWithin('message lost', net.lossProbability, 'losses', net.maxLosses)
    ) {
      return { lost: true, delayMs: 0, duplicateDelayMs: null };
    }
    const delayMs = this.delay('network delay');
    const copied =
      scriptedCopy ||
      this.chanceWithin(
        'message duplicated',
        net.duplicationProbability,
        'duplicates',
        net.maxDuplicates,
      );
    return { lost: false, delayMs, duplicateDelayMs: copied ? this.delay('copy delay') : null };
  }

  /** A chance fault, offered only while its budget lasts. */
  private chanceWithin(
    label: string,
    probability: number,
    budget: keyof FaultsDrawn,
    max: number | null,
  ): boolean {
    if (max !== null && this.drawn[budget] >= max) return false;
    const happened = this.chance(label, probability);
    if (happened) this.drawn[budget]++;
    return happened;
  }

  private chance(label: string, probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.kernel.choose(label, 2, [1 - probability, probability]) === 1;
  }

  private delay(label: string): number {
    const { delayMsMin: min, delayMsMax: max, delayStepMs } = this.settings.network;
    const step = Math.max(1, delayStepMs);
    return min + step * this.kernel.choose(label, Math.floor((max - min) / step) + 1);
  }

  private deliver({ message, delayMs, duplicate }: E.DeliverParams): void {
    if (!duplicate) {
      this.kernel.schedule(delayMs, { kind: 'arrive', message });
      return;
    }
    const copy = { ...message, id: this.nextMessageId++, copyOf: message.id };
    this.record({ t: this.now, type: 'duplicate', id: message.id, copy });
    this.kernel.schedule(delayMs, { kind: 'arrive', message: copy });
  }

  private arrive(message: Message): void {
    this.record({ t: this.now, type: 'deliver', id: message.id, to: message.to });
    if (message.kind === 'request') {
      this.dispatch(this.server, { type: 'REQUEST', message });
    } else {
      this.dispatch(this.clients.get(message.to)!, {
        type: 'RESPONSE',
        message,
      } satisfies ClientEvent);
    }
  }

  // --- timers ---------------------------------------------------------------------------------

  private startTimer(actor: ActorId, { name, delayMs, jitter }: E.StartTimerParams): void {
    this.cancelTimer(`${actor}/${name}`);
    const delay = jitter ? this.kernel.choose('backoff jitter', delayMs + 1) : delayMs;
    this.timers.set(
      `${actor}/${name}`,
      this.kernel.schedule(delay, { kind: 'timer', actor, name }),
    );
  }

  private cancelTimer(id: string): void {
    const handle = this.timers.get(id);
    if (handle === undefined) return;
    this.kernel.cancel(handle);
    this.timers.delete(id);
  }

  private fireTimer({ actor, name }: Extract<WorldEvent, { kind: 'timer' }>): void {
    this.timers.delete(`${actor}/${name}`);
    if (name === 'completer') return this.dispatch(this.server, { type: 'COMPLETER_TICK' });
    this.record({ t: this.now, type: 'timer', actor, name });
    if (name === 'restart') {
      this.record({ t: this.now, type: 'restart' });
      this.dispatch(this.server, { type: 'RESTART' });
      this.scheduleCompleter();
    } else {
      this.dispatch(this.clients.get(actor)!, { type: CLIENT_TIMER_EVENTS[name] });
    }
  }

  // --- the server side ------------------------------------------------------------------------

  private accept(message: RequestMessage): void {
    const handlerId = `handler-${this.nextHandlerId++}`;
    this.acceptedNotStarted.add(handlerId);
    const event = { kind: 'handler-start' as const, handlerId, message, handle: -1 };
    this.mail(handlerId, event, this.settings.server.processingMs);
  }

  /** Schedules an event for a handler, remembering it so a crash can withdraw it. */
  private mail(to: ActorId, event: Extract<WorldEvent, { handle: number }>, delayMs: number): void {
    event.handle = this.kernel.schedule(delayMs, event);
    const box = this.mailFor.get(to) ?? new Set<number>();
    box.add(event.handle);
    this.mailFor.set(to, box);
  }

  private startHandler(handlerId: ActorId, message: RequestMessage): void {
    // A crash between accepting the request and starting on it loses the request.
    if (!this.acceptedNotStarted.delete(handlerId)) return;
    const [snapshot, effects] = this.engine.initial(handlerMachine, {
      handlerId,
      message,
      policy: this.policy,
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
    if (slot.snapshot.status !== 'done') return;
    this.handlers.delete(slot.id);
    this.mailFor.delete(slot.id);
  }

  private storeOp(op: StoreOp): void {
    this.record({ t: this.now, type: 'store', op });
    const before = contextOf(this.store);
    this.dispatch(this.store, { type: STORE_EVENT[op.type], op, nowMs: this.now } as StoreEvent);
    this.recordNewRows(before);
    if (op.type === 'lockKey') this.scheduleCompleter();
  }

  /** Payment rows and receipts a store operation added: the server's side of the ledger. */
  private recordNewRows(before: ContextFrom<typeof storeMachine>): void {
    const after = contextOf(this.store);
    for (const row of after.payments.slice(before.payments.length)) {
      this.record({
        t: this.now,
        type: 'recorded',
        what: 'payment',
        id: row.id,
        intentId: row.intentId,
      });
    }
    for (const job of after.jobs.slice(before.jobs.length)) {
      const intentId = after.payments.find((p) => p.id === job.paymentId)?.intentId ?? '';
      this.record({ t: this.now, type: 'recorded', what: 'receipt', id: job.paymentId, intentId });
    }
  }

  private callProvider({ charge }: E.CallProviderParams): void {
    const before = contextOf(this.provider).charges.length;
    this.dispatch(this.provider, { type: 'CHARGE', charge, nowMs: this.now });
    const { charges, customerBalance, merchantBalance } = contextOf(this.provider);
    if (charges.length === before) return; // deduplicated: recorded by the 'dedup' effect
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

  private recordDedup(chargeId: string): void {
    const charge = contextOf(this.provider).charges.find((c) => c.id === chargeId)!;
    this.record({ t: this.now, type: 'dedup', chargeId, intentId: charge.intentId, by: PROVIDER });
  }

  private scheduleReply(from: ActorId, { to, reply }: E.ReplyParams): void {
    const latency =
      from === PROVIDER ? this.settings.provider.latencyMs : this.settings.server.storeLatencyMs;
    this.mail(to, { kind: 'reply', to, reply, handle: -1 }, latency);
  }

  /** A scripted crash armed for this point, or (for exploration) chance within its budget. */
  private checkpoint(point: CrashPoint): 'crashed' | void {
    const { server } = this.settings;
    const armed = contextOf(this.server).armedCrashes.includes(point);
    const chance =
      !armed &&
      server.crashPoints.includes(point) &&
      this.chanceWithin('server crash', server.crashProbability, 'crashes', server.maxCrashes);
    if (!armed && !chance) return;
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
    for (const box of this.mailFor.values()) for (const handle of box) this.kernel.cancel(handle);
    this.mailFor.clear();
    this.handlers.clear();
    this.acceptedNotStarted.clear();
    const { claims, waiters } = contextOf(this.store);
    for (const tx of lost) {
      if (tx in claims || waiters.some((w) => w.tx === tx)) this.storeOp({ type: 'rollback', tx });
    }
  }

  private respond(handlerId: ActorId, { response }: E.RespondParams): void {
    const { message } = contextOf(this.handlers.get(handlerId)!);
    if (message.from === COMPLETER) {
      const { intentId } = message;
      return this.record({
        t: this.now,
        type: 'background',
        handler: handlerId,
        intentId,
        status: response.status,
      });
    }
    this.transmit({
      kind: 'response',
      from: SERVER,
      to: message.from,
      intentId: message.intentId,
      attempt: message.attempt,
      response,
    });
  }

  // --- the background completer (recovery points) ---------------------------------------------

  private scheduleCompleter(): void {
    const { strategy } = this.policy;
    if (
      !strategy.recoveryPoints ||
      this.timers.has(`${SERVER}/completer`) ||
      !this.unfinishedKeys().length
    )
      return;
    this.startTimer(SERVER, {
      name: 'completer',
      delayMs: this.settings.server.completerIntervalMs,
    });
  }

  private unfinishedKeys() {
    return contextOf(this.store).keys.filter((row) => row.status === 'in-flight');
  }

  /**
   * Picks up every request whose lock has gone stale — its client gave up or its server died. Like
   * a real completer it knows only the lock's age; fencing keeps a slow original from committing
   * after a takeover. While the key store is down it cannot even list the keys, so it waits.
   */
  private runCompleter(): void {
    const { lockTimeoutMs } = this.settings.server;
    if (this.store.snapshot.value === 'keysUnavailable') return this.scheduleCompleter();
    for (const row of this.unfinishedKeys()) {
      if (row.lockedAtMs !== null && this.now - row.lockedAtMs < lockTimeoutMs) continue;
      const handlerId = `completer-${this.nextHandlerId++}`;
      this.acceptedNotStarted.add(handlerId);
      this.startHandler(handlerId, { ...row.request, from: COMPLETER });
    }
    this.scheduleCompleter();
  }

  // --- scripted faults ------------------------------------------------------------------------

  private applyFault(fault: ScriptedFault): void {
    this.record({ t: this.now, type: 'fault', fault });
    switch (fault.kind) {
      case 'drop-next':
        return this.dispatch(this.network, { type: 'ARM_DROP', direction: fault.direction });
      case 'duplicate-next':
        return this.dispatch(this.network, { type: 'ARM_DUPLICATE', direction: fault.direction });
      case 'crash':
        if (fault.point === 'now') return this.crash('now');
        return this.dispatch(this.server, { type: 'ARM_CRASH', point: fault.point });
      case 'partition':
        this.dispatch(this.network, { type: 'PARTITION' });
        return this.endLater(fault);
      case 'key-store-down':
        this.dispatch(this.store, { type: 'KEYS_DOWN' });
        return this.endLater(fault);
    }
  }

  private endLater(fault: Extract<ScriptedFault, { durationMs: number }>): void {
    this.kernel.schedule(fault.durationMs, { kind: 'fault-end', fault }, true);
  }

  private endFault(fault: ScriptedFault): void {
    this.record({ t: this.now, type: 'fault-end', fault });
    if (fault.kind === 'partition') this.dispatch(this.network, { type: 'HEAL' });
    if (fault.kind === 'key-store-down') this.dispatch(this.store, { type: 'KEYS_UP' });
  }
}
