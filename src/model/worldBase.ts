import type { AnyStateMachine, ContextFrom, EventFromLogic } from 'xstate';
import type { Kernel, World } from '../sim/kernel.ts';
import type * as E from './effects.ts';
import {
  isBaseEffect,
  performWith,
  type Effect,
  type EffectHandlers,
  type EffectOutcome,
  type EffectsOf,
  type WorldEffect,
} from './effects.ts';
import type { Engine, Snapshot } from './engine.ts';
import type { Violation } from './invariants.ts';
import { directionOf, networkMachine, type Direction, type Fate } from './machines/network.ts';
import { serverMachine } from './machines/server.ts';
import {
  clientIdOf,
  NETWORK,
  SERVER,
  type ActorId,
  type Message,
  type RequestMessage,
} from './message.ts';
import type { NetworkSettings, RetryBudget, ScriptedFault } from './settings.ts';
import { RetryBucket } from './retryBudget.ts';
import type { HttpResponse } from './http.ts';
import type { CrashPoint } from './crashPoints.ts';
import type { TraceRecord } from './trace.ts';

/**
 * What every world shares: clients talking to one server process over one network. This base owns
 * the actors' snapshots, the network's fates, the timers, crashes and scripted faults, and writes
 * the trace; the payment world and the resource world add what their server does with a request.
 * Decisions about the protocol live in the machines; this file is plumbing, kept that way.
 */
export type BaseEvent =
  | { kind: 'client-start'; clientId: ActorId }
  | { kind: 'arrive'; message: Message }
  /** A timer went off; a jittered backoff carries the sleep it drew. */
  | { kind: 'timer'; actor: ActorId; name: E.TimerName; sleptMs?: number }
  /** The retry budget refused a client's retry: it learns so at once, as a call that fails fast. */
  | { kind: 'retry-refused'; clientId: ActorId }
  | { kind: 'fault'; fault: ScriptedFault }
  | { kind: 'fault-end'; fault: LastingFault }
  /** What a handler frozen at a checkpoint does next, once the pause is over (see `checkpoint`). */
  | { kind: 'resume'; actor: ActorId; effects: Effect[]; handle: number };

/** Mail for a request handler: the world's own, or the rest of its work after a pause. */
type Mail<Ev> = (Ev & MailEvent) | Extract<BaseEvent, { kind: 'resume' }>;

/** An event some handler (request) is waiting for; a crash withdraws it through its handle. */
export type MailEvent = { handle: number; kind: string };

export interface Slot<M extends AnyStateMachine> {
  id: ActorId;
  machine: M;
  snapshot: Snapshot;
}

export const contextOf = <M extends AnyStateMachine>(slot: Slot<M>) =>
  slot.snapshot.context as ContextFrom<M>;

/** What the base needs to know of the server process: its restarts and chance crashes. */
export interface ProcessSettings {
  restartMs: number;
  /** Chance of a crash at each crash point a request passes (for exploration), 0..1. */
  crashProbability: number;
  crashPoints: CrashPoint[];
  maxCrashes: number | null;
  /** Chance pauses (for exploration); none when absent. */
  chancePauses?: ChancePauses;
  /** At most this many client requests in progress; one more gets 429 (absent or null: no limit). */
  maxInProgress?: number | null;
}

/**
 * A process may freeze (a long garbage collection, a stalled VM) at a crash point a request
 * passes: chance decides whether, within a budget, and then which of a few lengths.
 */
export interface ChancePauses {
  probability: number;
  points: readonly CrashPoint[];
  lengthsMs: readonly number[];
  max: number | null;
}

export interface BaseSettings {
  clients: readonly { startAtMs: number }[];
  network: NetworkSettings;
  server: ProcessSettings;
  faults: readonly ScriptedFault[];
  /** One retry budget for every client's retries; none when absent. */
  retryBudget?: RetryBudget;
}

/** Something that reads the trace as it grows and reports broken invariants. */
export interface Monitor {
  observe(record: TraceRecord): Violation[];
}

const CLIENT_TIMER_EVENTS = {
  timeout: 'TIMEOUT',
  backoff: 'BACKOFF_ELAPSED',
  think: 'THINK_ELAPSED',
} as const;

/** Random faults drawn so far, against the settings' budgets. */
interface FaultsDrawn {
  losses: number;
  duplicates: number;
  crashes: number;
  pauses: number;
}

const BASE_EVENT_KINDS: ReadonlySet<string> = new Set<BaseEvent['kind']>([
  'client-start',
  'arrive',
  'timer',
  'fault',
  'fault-end',
  'resume',
  'retry-refused',
]);
const isBaseEvent = <Ev extends WorldEvent>(event: Ev | BaseEvent): event is BaseEvent =>
  BASE_EVENT_KINDS.has(event.kind);

/** A world's own event: mail for a request handler carries the kernel handle it was sent under. */
export type WorldEvent = { kind: string; handle?: number };

/** The faults that last a while, and end with a `fault-end` event of their own. */
type LastingFault = Extract<ScriptedFault, { durationMs: number }>;

/** The faults that act on what only one world has, such as its key store. */
export type OwnFault = Exclude<
  ScriptedFault,
  { kind: 'drop-next' | 'duplicate-next' | 'crash' | 'partition' | 'server-pause' }
>;

export abstract class WorldBase<Ev extends WorldEvent> implements World<Ev | BaseEvent> {
  readonly trace: TraceRecord[] = [];
  protected kernel!: Kernel<Ev | BaseEvent>;
  protected readonly clients = new Map<ActorId, Slot<AnyStateMachine>>();
  protected network!: Slot<typeof networkMachine>;
  protected server!: Slot<typeof serverMachine>;
  /** Pending timers by `actor/name`, as kernel handles. */
  protected readonly timers = new Map<string, number>();
  /** Events on their way to a request handler, cancelled if the process dies first. */
  private readonly mailFor = new Map<ActorId, Set<number>>();
  /** Each mailed event still on its way (by kernel handle): whom it is for and when it is due. */
  private readonly pending = new Map<number, { to: ActorId; event: Mail<Ev>; dueAt: number }>();
  /** While the server is paused, the virtual time its pause ends; otherwise 0. */
  private pausedUntilMs = 0;
  private readonly drawn: FaultsDrawn = { losses: 0, duplicates: 0, crashes: 0, pauses: 0 };
  /** Messages on the wire, by id: the kernel handle of their arrival, and when it is due. */
  private readonly onTheWire = new Map<
    number,
    { message: Message; handle: number; dueAt: number }
  >();
  private nextMessageId = 1;
  /** The retry budget every client draws on, if the run has one. */
  private readonly retryBucket: RetryBucket | null;

  constructor(
    private readonly base: BaseSettings,
    protected readonly engine: Engine,
    protected readonly monitor: Monitor,
  ) {
    this.retryBucket = base.retryBudget ? new RetryBucket(base.retryBudget) : null;
  }

  // --- what each world adds -------------------------------------------------------------------

  /** The `start` record: what the run is about, for the views and the invariants. */
  protected abstract recordStart(): void;
  /** Boots the world's client machine for client number `index` (0-based). */
  protected abstract bootClient(clientId: ActorId, index: number): Slot<AnyStateMachine>;
  /** Boots the actors behind the server (store, provider…), after the network and the server. */
  protected abstract bootBackEnd(): void;
  /** Handles an event kind the base does not know. */
  protected abstract handleOwn(event: Ev): void;
  /** Carries out an effect only this world's own machines ask for. */
  protected abstract performOwn(actor: ActorId, effect: WorldEffect): 'crashed' | void;
  /** The server accepted a request: schedule its handling. */
  protected abstract accept(message: RequestMessage): void;
  /** The requests in the process's memory, named in the crash record. */
  protected abstract inMemory(): ActorId[];
  /** A crash: forget every request in memory. The base has already withdrawn their mail. */
  protected abstract forgetInMemory(): void;
  /** The process came back up. */
  protected onRestart(): void {}
  /** A handler frozen by a pause has done the rest of its work. */
  protected resumed(_actor: ActorId): void {}
  /** A timer the base does not know went off. */
  protected onOwnTimer(_name: E.TimerName): void {}
  /** Client requests the process is working on now: what its overload limit counts. */
  protected inProgress(): number {
    return 0;
  }
  /** A scripted fault the base does not know: an outage of a back-end part of this world. */
  protected abstract applyOwnFault(fault: OwnFault): void;
  protected abstract endOwnFault(fault: OwnFault): void;

  // --- the kernel's side ----------------------------------------------------------------------

  start(kernel: Kernel<Ev | BaseEvent>): void {
    this.kernel = kernel;
    this.recordStart();
    this.base.clients.forEach((clientSettings, i) => {
      const clientId = clientIdOf(i);
      this.clients.set(clientId, this.bootClient(clientId, i));
      kernel.schedule(clientSettings.startAtMs, { kind: 'client-start', clientId });
    });
    this.network = this.boot(NETWORK, networkMachine, undefined);
    const { restartMs, maxInProgress = null } = this.base.server;
    this.server = this.boot(SERVER, serverMachine, { restartMs, maxInProgress });
    this.bootBackEnd();
    for (const fault of this.base.faults)
      kernel.schedule(fault.atMs, { kind: 'fault', fault }, true);
  }

  handle(event: Ev | BaseEvent, kernel: Kernel<Ev | BaseEvent>): void {
    this.kernel = kernel;
    if (!isBaseEvent(event)) {
      if (event.handle !== undefined) this.pending.delete(event.handle);
      return this.handleOwn(event);
    }
    switch (event.kind) {
      case 'client-start':
        return this.dispatch(this.client(event.clientId), { type: 'START' });
      case 'arrive':
        this.onTheWire.delete(event.message.id);
        return this.arrive(event.message);
      case 'timer':
        return this.fireTimer(event);
      case 'fault':
        return this.applyFault(event.fault);
      case 'fault-end':
        return this.endFault(event.fault);
      case 'resume':
        this.pending.delete(event.handle);
        this.received(event.actor, event.handle);
        this.runEffectsOf(event.actor, event.effects);
        return this.resumed(event.actor);
      case 'retry-refused':
        return this.dispatch(this.client(event.clientId), { type: 'RETRY_REFUSED' });
    }
  }

  /** A client's slot; every client the kernel names was booted at the start. */
  protected client(id: ActorId): Slot<AnyStateMachine> {
    const slot = this.clients.get(id);
    if (!slot) throw new Error(`no client ${id} in this world`);
    return slot;
  }

  /** How much longer the server stays paused, in virtual ms (0 when it is not). */
  protected pausedForMs(): number {
    return Math.max(0, this.pausedUntilMs - this.now);
  }

  // --- actors ---------------------------------------------------------------------------------

  protected boot<M extends AnyStateMachine>(id: ActorId, machine: M, input: unknown): Slot<M> {
    const [snapshot, effects] = this.engine.initial(machine, input);
    const slot = { id, machine, snapshot };
    this.runEffects(slot, effects);
    return slot;
  }

  /** Feeds one event to an actor, records its transition, and carries out its effects. */
  protected dispatch<M extends AnyStateMachine>(slot: Slot<M>, event: EventFromLogic<M>): void {
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

  protected get now(): number {
    return this.kernel.now;
  }

  protected record(record: TraceRecord): void {
    this.trace.push(record);
    for (const v of this.monitor.observe(record)) {
      this.trace.push({ t: record.t, type: 'invariant', name: v.name, ok: false, facts: v.facts });
    }
  }

  // --- effects --------------------------------------------------------------------------------

  /**
   * Runs effects in order. A crash at a checkpoint cancels the rest, as a dead process would; a
   * pause there freezes them: the rest runs when the pause is over (unless a crash comes first).
   */
  protected runEffects(slot: Slot<AnyStateMachine>, effects: Effect[]): void {
    this.runEffectsOf(slot.id, effects);
  }

  private runEffectsOf(actor: ActorId, effects: Effect[]): void {
    for (const [i, effect] of effects.entries()) {
      const outcome = this.perform(actor, effect);
      if (outcome === 'crashed') return;
      if (outcome === 'paused') {
        const rest = effects.slice(i + 1);
        if (rest.length) this.mail(actor, { kind: 'resume', actor, effects: rest, handle: -1 }, 0);
        return;
      }
    }
  }

  private readonly baseHandlers = this.baseEffects();

  private perform(actor: ActorId, effect: Effect): EffectOutcome {
    if (isBaseEffect(effect)) return performWith(this.baseHandlers, actor, effect);
    return this.performOwn(actor, effect);
  }

  /** The effects every world's shared machines (clients, network, server) ask for. */
  private baseEffects(): EffectHandlers<EffectsOf<'base'>> {
    const dropped = (_: ActorId, { message, reason }: E.DropParams) =>
      this.record({ t: this.now, type: 'drop', id: message.id, reason });
    return {
      transmit: (_, { message }) => this.transmit(message),
      startTimer: (actor, params) => this.startTimer(actor, params),
      cancelTimer: (actor, { name }) => this.cancelTimer(`${actor}/${name}`),
      ignore: (by, { messageId }) =>
        this.record({ t: this.now, type: 'ignored', id: messageId, by }),
      settle: (client, params) => this.settle(client, params),
      deliver: (_, params) => this.deliver(params),
      drop: dropped,
      refuse: dropped,
      accept: (_, { message }) => this.accept(message),
      abortHandlers: () => this.abortHandlers(),
      checkpoint: (_, { point }) => this.checkpoint(point),
      takeRetryToken: (client, params) => this.takeRetryToken(client, params),
      shed: (_, { message, response }) => this.answerFromServer(message, response),
    };
  }

  private settle(client: ActorId, params: E.SettleParams): void {
    this.record({ t: this.now, type: 'settle', client, ...params });
    if (params.outcome === 'succeeded') this.retryBudgetChanged(client, params.intentId, 'refund');
  }

  // --- the retry budget -----------------------------------------------------------------------

  /** A retry draws on the budget; refused, its client hears so at once (a zero-delay event). */
  private takeRetryToken(client: ActorId, { intentId, afterTimeout }: E.TakeRetryTokenParams) {
    const change = this.retryBudgetChanged(client, intentId, afterTimeout);
    if (change === 'refuse') this.kernel.schedule(0, { kind: 'retry-refused', clientId: client });
  }

  /** Spends (after a timeout or an answer) or refunds tokens, and records what the bucket did. */
  private retryBudgetChanged(client: ActorId, intentId: string, what: boolean | 'refund') {
    const bucket = this.retryBucket;
    if (!bucket) return null;
    const who = `${client}/${intentId}`;
    const done = what === 'refund' ? bucket.refund(who) : bucket.take(who, what);
    if (done) this.record({ t: this.now, type: 'retry-budget', client, intentId, ...done });
    return done?.change ?? null;
  }

  /** The process answers a request itself, before any handler sees it (an overload's 429). */
  private answerFromServer(message: RequestMessage, response: HttpResponse): void {
    const { from, intentId, attempt } = message;
    this.transmit({ kind: 'response', from: SERVER, to: from, intentId, attempt, response });
  }

  // --- the network ----------------------------------------------------------------------------

  protected transmit(draft: E.TransmitParams['message']): void {
    const message: Message = { ...draft, id: this.nextMessageId++ };
    this.record({ t: this.now, type: 'send', message });
    this.dispatch(this.network, { type: 'TRANSMIT', message, fate: this.drawFate(message) });
  }

  /**
   * Chance's part of a message's journey. Nothing is drawn that a scripted fault already decides,
   * and no random fault beyond its budget, so the tape (and the explorer's tree) holds only real
   * choices.
   */
  private drawFate(message: Message): Fate {
    const net = this.base.network;
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
    if (!copied) return { lost: false, delayMs, duplicateDelayMs: null };
    return { lost: false, delayMs, duplicateDelayMs: this.delay('copy delay') + net.copyLagMs };
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
    const { delayMinMs: min, delayMaxMs: max, delayStepMs } = this.base.network;
    const step = Math.max(1, delayStepMs);
    return min + step * this.kernel.choose(label, Math.floor((max - min) / step) + 1);
  }

  private deliver({ message, delayMs, duplicate }: E.DeliverParams): void {
    if (!duplicate) return this.putOnTheWire(message, delayMs);
    const copy = { ...message, id: this.nextMessageId++, copyOf: message.id };
    this.record({ t: this.now, type: 'duplicate', id: message.id, copy });
    this.putOnTheWire(copy, delayMs);
  }

  private putOnTheWire(message: Message, delayMs: number): void {
    const handle = this.kernel.schedule(delayMs, { kind: 'arrive', message });
    this.onTheWire.set(message.id, { message, handle, dueAt: this.now + delayMs });
  }

  /**
   * "Drop the next response" while one is on the wire means that one: the message due first in
   * that direction is lost where it is. False when nothing is on its way (the next one to be
   * sent is dropped instead).
   */
  private dropOnTheWire(direction: Direction): boolean {
    const due = [...this.onTheWire.values()]
      .filter(({ message }) => directionOf(message) === direction)
      .sort((a, b) => a.dueAt - b.dueAt || a.handle - b.handle)[0];
    if (!due) return false;
    this.kernel.cancel(due.handle);
    this.onTheWire.delete(due.message.id);
    const { message, dueAt } = due;
    this.record({ t: this.now, type: 'drop', id: message.id, reason: 'scripted', dueAt });
    return true;
  }

  private arrive(message: Message): void {
    this.record({ t: this.now, type: 'deliver', id: message.id, to: message.to });
    if (message.kind === 'request') {
      this.dispatch(this.server, { type: 'REQUEST', message, inProgress: this.inProgress() });
    } else {
      this.dispatch(this.client(message.to), { type: 'RESPONSE', message });
    }
  }

  // --- timers ---------------------------------------------------------------------------------

  protected startTimer(actor: ActorId, params: E.StartTimerParams): void {
    const { name, atLeastMs = 0 } = params;
    this.cancelTimer(`${actor}/${name}`);
    const slept = this.drawSleep(params);
    const event = {
      kind: 'timer' as const,
      actor,
      name,
      ...(params.jitter ? { sleptMs: slept } : {}),
    };
    this.timers.set(`${actor}/${name}`, this.kernel.schedule(Math.max(slept, atLeastMs), event));
  }

  /** A timer's own delay; a jittered one is drawn by the kernel, so it replays from the tape. */
  private drawSleep({ delayMs, jitter }: E.StartTimerParams): number {
    if (!jitter) return delayMs;
    const { fromMs, capMs = Infinity } = jitter;
    const drawn = fromMs + this.kernel.choose('backoff jitter', delayMs - fromMs + 1);
    return Math.min(capMs, drawn);
  }

  private cancelTimer(id: string): void {
    const handle = this.timers.get(id);
    if (handle === undefined) return;
    this.kernel.cancel(handle);
    this.timers.delete(id);
  }

  private fireTimer({ actor, name, sleptMs }: Extract<BaseEvent, { kind: 'timer' }>): void {
    this.timers.delete(`${actor}/${name}`);
    if (name === 'completer') return this.onOwnTimer(name);
    this.record({ t: this.now, type: 'timer', actor, name });
    if (name === 'restart') {
      this.record({ t: this.now, type: 'restart' });
      this.dispatch(this.server, { type: 'RESTART' });
      this.onRestart();
    } else {
      const type = CLIENT_TIMER_EVENTS[name];
      this.dispatch(this.client(actor), sleptMs === undefined ? { type } : { type, sleptMs });
    }
  }

  // --- requests in the server's memory --------------------------------------------------------

  /** Schedules an event for a handler, remembering it so a crash can withdraw it. */
  protected mail(to: ActorId, event: Mail<Ev>, delayMs: number): void {
    // A paused process starts nothing: the work's own time begins when the pause ends.
    const delay = delayMs + this.pausedForMs();
    event.handle = this.kernel.schedule(delay, event);
    this.pending.set(event.handle, { to, event, dueAt: this.now + delay });
    const box = this.mailFor.get(to) ?? new Set<number>();
    box.add(event.handle);
    this.mailFor.set(to, box);
  }

  /**
   * A pause stops the process's clock: every event on its way to a handler arrives `extraMs`
   * later, rescheduled in the order it was due, so the pause adds no new ties to the run.
   */
  private holdMail(extraMs: number): void {
    const held = [...this.pending.entries()].sort(
      ([ha, a], [hb, b]) => a.dueAt - b.dueAt || ha - hb,
    );
    for (const [handle, { to, event, dueAt }] of held) {
      this.kernel.cancel(handle);
      this.mailFor.get(to)?.delete(handle);
      this.pending.delete(handle);
      this.mail(to, event, dueAt + extraMs - this.now - this.pausedForMs());
    }
  }

  /** A mailed event arrived: a crash no longer needs to withdraw it. */
  protected received(handlerId: ActorId, handle: number): void {
    this.mailFor.get(handlerId)?.delete(handle);
  }

  /** Whether anything is still on its way to a handler. */
  protected hasMail(handlerId: ActorId): boolean {
    return (this.mailFor.get(handlerId)?.size ?? 0) > 0;
  }

  /** The handler is finished: nothing more will be mailed to it. */
  protected closeMailbox(handlerId: ActorId): void {
    this.mailFor.delete(handlerId);
  }

  /** Crashes the process here if a crash is armed for this point or chance strikes. */
  protected crashAt(point: CrashPoint): boolean {
    // Code that checks a point in line cannot be frozen part-way: it takes no chance pauses.
    return this.checkpoint(point, false) === 'crashed';
  }

  /**
   * A scripted crash armed for this point, or (for exploration) chance within its budget; else,
   * for exploration, perhaps a pause: the process freezes here, before its next step.
   */
  private checkpoint(point: CrashPoint, pausable = true): 'crashed' | 'paused' | void {
    const { server } = this.base;
    const armed = contextOf(this.server).armedCrashes.includes(point);
    const chance =
      !armed &&
      server.crashPoints.includes(point) &&
      this.chanceWithin('server crash', server.crashProbability, 'crashes', server.maxCrashes);
    if (armed || chance) {
      this.crash(point);
      return 'crashed';
    }
    return pausable ? this.chancePause(point) : undefined;
  }

  private chancePause(point: CrashPoint): 'paused' | void {
    const pauses = this.base.server.chancePauses;
    if (!pauses?.lengthsMs.length || !pauses.points.includes(point)) return;
    if (this.server.snapshot.value !== 'up') return;
    if (!this.chanceWithin('server pause', pauses.probability, 'pauses', pauses.max)) return;
    // With one length there is nothing to choose: the kernel records no choice for it.
    const length = pauses.lengthsMs[this.kernel.choose('pause length', pauses.lengthsMs.length)];
    if (length === undefined) return;
    this.applyFault({ kind: 'server-pause', atMs: this.now, durationMs: length });
    return 'paused';
  }

  private crash(point: CrashPoint | 'now'): void {
    if (this.server.snapshot.value === 'down') return;
    this.record({ t: this.now, type: 'crash', point, lost: this.inMemory() });
    this.dispatch(this.server, { type: 'CRASH', point });
  }

  /** Everything in the process's memory is gone, with every event on its way to it. */
  private abortHandlers(): void {
    for (const box of this.mailFor.values()) for (const handle of box) this.kernel.cancel(handle);
    this.mailFor.clear();
    this.pending.clear();
    this.pausedUntilMs = 0; // the process that was paused is gone; the new one starts fresh
    this.forgetInMemory();
  }

  // --- scripted faults ------------------------------------------------------------------------

  protected applyFault(fault: ScriptedFault): void {
    this.record({ t: this.now, type: 'fault', fault });
    switch (fault.kind) {
      case 'drop-next':
        if (this.dropOnTheWire(fault.direction)) return;
        return this.dispatch(this.network, { type: 'ARM_DROP', direction: fault.direction });
      case 'duplicate-next':
        return this.dispatch(this.network, { type: 'ARM_DUPLICATE', direction: fault.direction });
      case 'crash':
        if (fault.point === 'now') return this.crash('now');
        return this.dispatch(this.server, { type: 'ARM_CRASH', point: fault.point });
      case 'partition':
        this.dispatch(this.network, { type: 'PARTITION' });
        return this.endLater(fault);
      case 'server-pause': {
        if (this.server.snapshot.value === 'down') return; // nothing runs to be paused
        // A pause within a pause only lengthens it: the work waits for the later end.
        const end = Math.max(this.pausedUntilMs, this.now + fault.durationMs);
        this.holdMail(end - Math.max(this.pausedUntilMs, this.now));
        this.pausedUntilMs = end;
        if (this.server.snapshot.value === 'up') this.dispatch(this.server, { type: 'PAUSE' });
        return this.endLater(fault);
      }
      default:
        this.applyOwnFault(fault);
        return this.endLater(fault);
    }
  }

  private endLater(fault: LastingFault): void {
    this.kernel.schedule(fault.durationMs, { kind: 'fault-end', fault }, true);
  }

  private endFault(fault: LastingFault): void {
    this.record({ t: this.now, type: 'fault-end', fault });
    switch (fault.kind) {
      case 'partition':
        return this.dispatch(this.network, { type: 'HEAL' });
      case 'server-pause':
        return this.resume();
      default:
        return this.endOwnFault(fault);
    }
  }

  /** A pause ends, unless a later one (or a crash) has taken over. */
  private resume(): void {
    if (this.pausedForMs() > 0 || this.server.snapshot.value !== 'paused') return;
    this.dispatch(this.server, { type: 'RESUME' });
  }
}
