import type { AnyStateMachine, ContextFrom } from 'xstate';
import type * as E from './effects.ts';
import { isPaymentEffect, performWith } from './effects.ts';
import { apiKeyTable } from './auth.ts';
import { fastEngine, type Engine } from './engine.ts';
import { InvariantMonitor } from './invariants.ts';
import { clientMachine, intentIdOf } from './machines/client.ts';
import { handlerMachine, type HandlerPolicy } from './machines/handler.ts';
import { providerMachine } from './machines/provider.ts';
import { storeMachine } from './machines/store.ts';
import { storeEventOf, type StoreOp } from './machines/storeSchema.ts';
import {
  clientIdOf,
  COMPLETER,
  PROVIDER,
  SERVER,
  STORE,
  type ActorId,
  type RequestMessage,
} from './message.ts';
import { DEFAULT_PROVIDER_TIMEOUT_MS, type WorldSettings } from './settings.ts';
import { STRATEGIES } from './strategies.ts';
import { contextOf, WorldBase, type BaseEvent, type OwnFault, type Slot } from './worldBase.ts';

/**
 * The payment world: clients paying through a server that keeps idempotency keys in a store and
 * charges an external provider. The network, timers, crashes and scripted faults are the base's
 * (worldBase.ts); this file adds the request handlers, the store, the provider and the completer.
 */
export type PaymentEvent =
  | { kind: 'handler-start'; handlerId: string; message: RequestMessage; handle: number }
  | { kind: 'top-up'; amount: number }
  | { kind: 'reply'; to: ActorId; reply: E.ReplyParams['reply']; handle: number };

/** Kept for callers that name the payment world's events. */
export type WorldEvent = PaymentEvent | BaseEvent;

/**
 * How long an outage that chance starts lasts: long enough to fail the call that drew it, short
 * enough that a retry after a client's timeout and backoff finds the provider back.
 */
const CHANCE_OUTAGE_MS = 500;

export class PaymentWorld extends WorldBase<PaymentEvent> {
  override readonly monitor: InvariantMonitor;
  private readonly handlers = new Map<ActorId, Slot<typeof handlerMachine>>();
  private readonly acceptedNotStarted = new Set<ActorId>();
  private store!: Slot<typeof storeMachine>;
  private provider!: Slot<typeof providerMachine>;
  private readonly policy: HandlerPolicy;
  private nextHandlerId = 1;
  /** Chance outages drawn so far, against `provider.chanceOutages.max`. */
  private outagesDrawn = 0;
  /** The provider's outages under way, oldest first: one ending leaves the others on. */
  private readonly outages: ('provider-down' | 'provider-timeout')[] = [];

  constructor(
    private readonly settings: WorldSettings,
    engine: Engine = fastEngine,
  ) {
    const monitor = new InvariantMonitor();
    super(settings, engine, monitor);
    this.monitor = monitor;
    const { server } = settings;
    this.policy = {
      strategy: STRATEGIES[server.strategy],
      keyRequired: server.keyRequired,
      keyTtlMs: server.keyTtlMs,
      keyStoreFailure: server.keyStoreFailure,
      storeErrors: server.storeErrors,
      lockTimeoutMs: server.lockTimeoutMs,
      apiKeys: apiKeyTable(settings.clients),
      ...(server.errors5xx ? { errors5xx: server.errors5xx } : {}),
    };
  }

  protected bootClient(clientId: ActorId, index: number): Slot<AnyStateMachine> {
    const clientSettings = this.settings.clients[index];
    if (!clientSettings) throw new Error(`no settings for client ${clientId}`);
    const ownerId = clientIdOf(clientSettings.resubmits ?? index);
    return this.boot(clientId, clientMachine, { clientId, ownerId, settings: clientSettings });
  }

  protected bootBackEnd(): void {
    const { provider } = this.settings;
    const { chargeIdUnique = true } = this.settings.server;
    this.store = this.boot(STORE, storeMachine, { uniqueChargeIds: chargeIdUnique });
    this.provider = this.boot(PROVIDER, providerMachine, {
      customerBalance: provider.customerBalance,
      honoursKeys: provider.honoursKeys,
      keyRetentionMs: provider.keyRetentionMs,
    });
    for (const { atMs, amount } of provider.topUps) {
      this.kernel.schedule(atMs, { kind: 'top-up', amount }, true);
    }
  }

  protected recordStart(): void {
    const { clients, server, provider } = this.settings;
    const owners = clients.map((c, i) => c.resubmits ?? i);
    const intents = clients.flatMap((c, i) =>
      owners[i] === i ? c.intents.map((_, n) => intentIdOf(clientIdOf(i), n)) : [],
    );
    this.record({
      t: 0,
      type: 'start',
      strategy: server.strategy,
      claimsAtMostOnce: STRATEGIES[server.strategy].claimsAtMostOnce,
      intents,
      customerBalance: provider.customerBalance,
      ...(server.chargeIdUnique === false ? { chargeIdUnique: false as const } : {}),
    });
  }

  protected handleOwn(event: PaymentEvent): void {
    switch (event.kind) {
      case 'handler-start':
        this.received(event.handlerId, event.handle);
        return this.startHandler(event.handlerId, event.message);
      case 'reply':
        this.received(event.to, event.handle);
        return this.deliverReply(event.to, event.reply);
      case 'top-up':
        return this.topUp(event.amount);
    }
  }

  protected performOwn(actor: ActorId, effect: E.WorldEffect): void {
    if (!isPaymentEffect(effect)) throw new Error(`the payment world has no "${effect.type}"`);
    performWith(this.effectHandlers, actor, effect);
  }

  private readonly effectHandlers: E.EffectHandlers<E.EffectsOf<'payments'>> = {
    storeOp: (_, { op }) => this.storeOp(op),
    callProvider: (_, params) => this.callProvider(params),
    dedup: (_, { chargeId }) => this.recordDedup(chargeId),
    decline: (by, params) => this.recordDecline(by, params),
    respond: (handlerId, params) => this.respond(handlerId, params),
    reply: (from, params) => this.scheduleReply(from, params),
    // A hanging call: the caller hears nothing until its read timeout tells it to stop waiting.
    withhold: (_, { to }) =>
      this.mail(
        to,
        { kind: 'reply', to, reply: { type: 'PROVIDER_TIMEOUT' }, handle: -1 },
        this.settings.server.providerTimeoutMs ?? DEFAULT_PROVIDER_TIMEOUT_MS,
      ),
    replyAll: (from, { replies }) => {
      for (const reply of replies) this.scheduleReply(from, reply);
    },
    runCompleter: () => this.runCompleter(),
  };

  // --- the server side ------------------------------------------------------------------------

  protected accept(message: RequestMessage): void {
    const handlerId = `handler-${this.nextHandlerId++}`;
    this.acceptedNotStarted.add(handlerId);
    const event = { kind: 'handler-start' as const, handlerId, message, handle: -1 };
    this.mail(handlerId, event, this.settings.server.processingMs);
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

  /** A handler's work held up by a pause is done: it may be forgotten now. */
  protected override resumed(actor: ActorId): void {
    const handler = this.handlers.get(actor);
    if (handler) this.forgetIfDone(handler);
  }

  private deliverReply(to: ActorId, reply: E.ReplyParams['reply']): void {
    const handler = this.handlers.get(to);
    if (!handler) return; // its handler died in a crash: the answer has no one to go to
    if (reply.type === 'PROVIDER_TIMEOUT') {
      const { message, payment } = contextOf(handler);
      this.recordFailure(message.intentId, payment.amount, to, 'timeout');
    }
    this.dispatch(handler, { ...reply, nowMs: this.now });
    this.forgetIfDone(handler);
  }

  private forgetIfDone(slot: Slot<typeof handlerMachine>): void {
    // A handler frozen by a pause has the rest of its work in the mail: not done yet.
    if (slot.snapshot.status !== 'done' || this.hasMail(slot.id)) return;
    this.handlers.delete(slot.id);
    this.closeMailbox(slot.id);
  }

  private storeOp(op: StoreOp): void {
    this.record({ t: this.now, type: 'store', op });
    const before = contextOf(this.store);
    this.dispatch(this.store, storeEventOf(op, this.now));
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
        chargeId: row.chargeId,
      });
    }
    for (const job of after.jobs.slice(before.jobs.length)) {
      const intentId = after.payments.find((p) => p.id === job.paymentId)?.intentId ?? '';
      this.record({ t: this.now, type: 'recorded', what: 'receipt', id: job.paymentId, intentId });
    }
  }

  private callProvider({ charge }: E.CallProviderParams): void {
    this.maybeFailProvider();
    const before = contextOf(this.provider).charges.length;
    this.dispatch(this.provider, { type: 'CHARGE', charge, nowMs: this.now });
    if (this.provider.snapshot.value === 'down')
      return this.recordFailure(charge.intentId, charge.amount, charge.from, 'error');
    const { charges, customerBalance, merchantBalance } = contextOf(this.provider);
    if (charges.length === before) return; // deduplicated: recorded by the 'dedup' effect
    const made = charges.at(-1);
    if (!made) throw new Error('the provider grew its charges by none');
    this.record({
      t: this.now,
      type: 'charge',
      chargeId: made.id,
      intentId: made.intentId,
      amount: made.amount,
      by: charge.from,
      customerBalance,
      merchantBalance,
      customer: made.customer,
    });
  }

  /**
   * For exploration: chance may take the provider down, or make its calls hang, as this call is
   * made (a fault like any other in the trace), within the budget.
   */
  private maybeFailProvider(): void {
    const chance = this.settings.provider.chanceOutages;
    if (!chance || this.outagesDrawn >= chance.max || chance.probability <= 0) return;
    if (this.provider.snapshot.value !== 'ready') return;
    const { probability: p } = chance;
    if (p < 1 && this.kernel.choose('provider outage', 2, [1 - p, p]) === 0) return;
    this.outagesDrawn++;
    const hang = this.kernel.choose('provider outage kind', 2) === 1;
    const kind = hang ? 'provider-timeout' : 'provider-down';
    this.applyFault({ kind, atMs: this.now, durationMs: CHANCE_OUTAGE_MS });
  }

  /** A call the provider refused (down), or one the server stopped waiting for (timeout). */
  private recordFailure(intentId: string, amount: number, by: ActorId, how: 'error' | 'timeout') {
    this.record({ t: this.now, type: 'provider-failed', intentId, amount, by, how });
  }

  private recordDedup(chargeId: string): void {
    const charge = contextOf(this.provider).charges.find((c) => c.id === chargeId);
    if (!charge) throw new Error(`the provider gave back ${chargeId}, which it never made`);
    this.record({ t: this.now, type: 'dedup', chargeId, intentId: charge.intentId, by: PROVIDER });
  }

  private recordDecline(by: ActorId, decline: E.DeclineParams): void {
    const { customerBalance } = contextOf(this.provider);
    this.record({ t: this.now, type: 'declined', ...decline, by, customerBalance });
  }

  /** The store refused a commit on `UNIQUE (charge_id)`: the log and the books say so. */
  private recordRefusal(
    by: ActorId,
    {
      constraint,
      chargeId,
      recordedAs,
    }: Extract<E.ReplyParams['reply'], { type: 'UNIQUE_VIOLATION' }>,
  ): void {
    const handler = this.handlers.get(by);
    if (!handler) throw new Error(`no ${by}`);
    const { paymentId: id, message } = contextOf(handler);
    const { intentId } = message;
    this.record({
      t: this.now,
      type: 'refused',
      constraint,
      by,
      id,
      intentId,
      chargeId,
      recordedAs,
    });
  }

  private topUp(amount: number): void {
    this.dispatch(this.provider, { type: 'TOP_UP', amount });
    const { customerBalance } = contextOf(this.provider);
    this.record({ t: this.now, type: 'top-up', amount, customerBalance });
  }

  private scheduleReply(from: ActorId, { to, reply }: E.ReplyParams): void {
    if (reply.type === 'UNIQUE_VIOLATION') this.recordRefusal(to, reply);
    const latency =
      from === PROVIDER ? this.settings.provider.latencyMs : this.settings.server.storeLatencyMs;
    this.mail(to, { kind: 'reply', to, reply, handle: -1 }, latency);
  }

  protected inMemory(): ActorId[] {
    return [...this.acceptedNotStarted, ...this.handlers.keys()];
  }

  /** Client requests taken in and not yet answered: the completer's own runs are not counted. */
  protected override inProgress(): number {
    return this.inMemory().filter((id) => id.startsWith('handler-')).length;
  }

  /** Every handler is gone; the store rolls back their open transactions. */
  protected forgetInMemory(): void {
    const lost = [...this.handlers.keys()];
    this.handlers.clear();
    this.acceptedNotStarted.clear();
    const { claims, waiters } = contextOf(this.store);
    for (const tx of lost) {
      if (tx in claims || waiters.some((w) => w.tx === tx)) this.storeOp({ type: 'rollback', tx });
    }
  }

  private respond(handlerId: ActorId, { response }: E.RespondParams): void {
    const handler = this.handlers.get(handlerId);
    if (!handler) throw new Error(`${handlerId} answered after it was gone`);
    const { message } = contextOf(handler);
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

  // --- the key store's outage -------------------------------------------------------------

  protected applyOwnFault(fault: OwnFault): void {
    switch (fault.kind) {
      case 'key-store-down':
        return this.dispatch(this.store, { type: 'KEYS_DOWN' });
      case 'provider-down':
      case 'provider-timeout':
        this.outages.push(fault.kind);
        return this.outageChanged();
    }
  }

  /** The provider follows the latest outage under way, and is back once none is left. */
  private outageChanged(): void {
    const latest = this.outages.at(-1);
    this.dispatch(
      this.provider,
      latest ? { type: 'OUTAGE', hang: latest === 'provider-timeout' } : { type: 'OUTAGE_OVER' },
    );
  }

  protected endOwnFault(fault: OwnFault): void {
    switch (fault.kind) {
      case 'key-store-down':
        return this.dispatch(this.store, { type: 'KEYS_UP' });
      case 'provider-down':
      case 'provider-timeout':
        this.outages.splice(this.outages.indexOf(fault.kind), 1);
        return this.outageChanged();
    }
  }

  protected override onRestart(): void {
    this.scheduleCompleter();
  }

  protected override onOwnTimer(name: E.TimerName): void {
    if (name !== 'completer') return;
    // A paused process runs no background work either: the completer waits for the pause to end.
    const pausedForMs = this.pausedForMs();
    if (pausedForMs > 0) this.startTimer(SERVER, { name: 'completer', delayMs: pausedForMs });
    else this.dispatch(this.server, { type: 'COMPLETER_TICK' });
  }
}
