/**
 * Effects are data: a machine never performs I/O, it names what it wants done as an action with
 * params, and the world (src/model/world.ts) carries it out and records it. The action
 * implementations in each machine's `setup` are therefore empty; these types are their params.
 */
import type { HttpResponse } from './http.ts';
import type { MessageDraft, Message, ActorId, RequestMessage } from './message.ts';
import type { ServedParams } from './resources.ts';
import type { CrashPoint } from './crashPoints.ts';
import type { StoreReply, StoreOp } from './machines/storeSchema.ts';
import type { ChargeRequest, ProviderReply } from './machines/providerSchema.ts';

export type TimerName = 'timeout' | 'backoff' | 'think' | 'restart' | 'completer';

export interface TransmitParams {
  message: MessageDraft;
}
export interface StartTimerParams {
  name: TimerName;
  delayMs: number;
  /**
   * Jitter: the kernel draws the delay uniformly from `fromMs`..`delayMs` (whole ms), then caps it
   * at `capMs` if one is given (decorrelated jitter draws past its cap).
   */
  jitter?: { fromMs: number; capMs?: number };
  /** The delay is at least this long, whatever was drawn: the Retry-After the server asked for. */
  atLeastMs?: number;
}
export interface TakeRetryTokenParams {
  intentId: string;
  /** A retry after a timeout costs more (AWS: 10 tokens instead of 5). */
  afterTimeout: boolean;
}
export interface ShedParams {
  /** The request turned away before any work began, and the answer it gets. */
  message: RequestMessage;
  response: HttpResponse;
}
export interface CancelTimerParams {
  name: TimerName;
}
export interface SettleParams {
  intentId: string;
  outcome: 'succeeded' | 'failed' | 'unknown';
  status: number | null;
  /**
   * A conditional write got 412, and a fresh read showed the change already there: the 412 meant
   * "your first attempt succeeded, its answer was lost".
   */
  alreadyApplied?: boolean;
}
export interface DeliverParams {
  message: Message;
  delayMs: number;
  /** The network delivers a second copy of the message: a fresh id, the same content. */
  duplicate?: boolean;
}
export type DropReason = 'scripted' | 'loss' | 'partition' | 'server-down';
export interface DropParams {
  message: Message;
  reason: DropReason;
}
export interface AcceptParams {
  message: RequestMessage;
}
export interface StoreOpParams {
  op: StoreOp;
}
export interface CallProviderParams {
  charge: ChargeRequest;
}
export interface CheckpointParams {
  point: CrashPoint;
}
export interface RespondParams {
  response: HttpResponse;
}
export interface ReplyParams {
  to: ActorId;
  reply: StoreReply | ProviderReply;
}

/** A call the provider leaves hanging: its caller hears nothing, and stops at its read timeout. */
export interface WithholdParams {
  to: ActorId;
}

export interface IgnoreParams {
  /** The late response the client no longer waits for. */
  messageId: number;
}
export interface ReplyAllParams {
  replies: ReplyParams[];
}
export interface DedupParams {
  /** The charge the provider gave back for a repeated key: no money moved. */
  chargeId: string;
}
export interface DeclineParams {
  intentId: string;
  amount: number;
  /** The provider gave back an earlier decline for the same key. */
  replayed: boolean;
}

/**
 * Every effect a machine can ask for, by name, with its params: the one map the machines' `setup`
 * actions, the engines and the worlds' handlers are all typed from. A new effect is added here,
 * and the compiler then asks for its owner below and its handler in that world.
 */
export interface EffectParams {
  transmit: TransmitParams;
  startTimer: StartTimerParams;
  cancelTimer: CancelTimerParams;
  settle: SettleParams;
  ignore: IgnoreParams;
  deliver: DeliverParams;
  drop: DropParams;
  refuse: DropParams;
  accept: AcceptParams;
  abortHandlers: undefined;
  checkpoint: CheckpointParams;
  storeOp: StoreOpParams;
  callProvider: CallProviderParams;
  respond: RespondParams;
  reply: ReplyParams;
  withhold: WithholdParams;
  replyAll: ReplyAllParams;
  dedup: DedupParams;
  decline: DeclineParams;
  runCompleter: undefined;
  served: ServedParams;
  takeRetryToken: TakeRetryTokenParams;
  shed: ShedParams;
}

export type EffectName = keyof EffectParams;

/** One effect as data: its name and its params, as a discriminated union. */
export type Effect<K extends EffectName = EffectName> = {
  [N in K]: { type: N; params: EffectParams[N] };
}[K];

/**
 * Who carries each effect out: the part every world shares (worldBase.ts), or one world. Each
 * world's handler table must cover exactly its own names (see `EffectHandlers`).
 */
const EFFECT_OWNER = {
  transmit: 'base',
  startTimer: 'base',
  cancelTimer: 'base',
  settle: 'base',
  ignore: 'base',
  deliver: 'base',
  drop: 'base',
  refuse: 'base',
  accept: 'base',
  abortHandlers: 'base',
  checkpoint: 'base',
  storeOp: 'payments',
  callProvider: 'payments',
  respond: 'payments',
  reply: 'payments',
  withhold: 'payments',
  replyAll: 'payments',
  dedup: 'payments',
  decline: 'payments',
  runCompleter: 'payments',
  served: 'resources',
  takeRetryToken: 'base',
  shed: 'base',
} as const satisfies Record<EffectName, 'base' | 'payments' | 'resources'>;

type EffectOwner = (typeof EFFECT_OWNER)[EffectName];
export type EffectsOf<O extends EffectOwner> = {
  [N in EffectName]: (typeof EFFECT_OWNER)[N] extends O ? N : never;
}[EffectName];

/**
 * What an effect did to the process: 'crashed' drops the effects after it, 'paused' holds them
 * until the pause is over.
 */
export type EffectOutcome = 'crashed' | 'paused' | void;

/** How a world carries out each of its effects. */
export type EffectHandlers<K extends EffectName> = {
  [N in K]: (actor: ActorId, params: EffectParams[N]) => EffectOutcome;
};

type OwnedBy<O extends EffectOwner> = (effect: Effect) => effect is Effect<EffectsOf<O>>;
export const isBaseEffect: OwnedBy<'base'> = (e): e is Effect<EffectsOf<'base'>> =>
  EFFECT_OWNER[e.type] === 'base';
export const isPaymentEffect: OwnedBy<'payments'> = (e): e is Effect<EffectsOf<'payments'>> =>
  EFFECT_OWNER[e.type] === 'payments';
export const isResourceEffect: OwnedBy<'resources'> = (e): e is Effect<EffectsOf<'resources'>> =>
  EFFECT_OWNER[e.type] === 'resources';

/** The effects one world's own machines ask for: none of the base's. */
export type WorldEffect = Effect<Exclude<EffectName, EffectsOf<'base'>>>;

/** Runs one effect with its handler: the handler's params and the effect's are the same type. */
export function performWith<K extends EffectName>(
  handlers: EffectHandlers<K>,
  actor: ActorId,
  effect: Effect<K>,
): EffectOutcome {
  return handlers[effect.type](actor, effect.params);
}

/** Whether an action a machine emitted is one of the effects above. */
export const isEffectName = (name: string): name is EffectName => Object.hasOwn(EFFECT_OWNER, name);

const none = () => {};

/**
 * Each effect's action, for a machine's `setup({ actions })`: an empty implementation whose params
 * are typed from `EffectParams`, since the world, not the machine, carries effects out.
 */
export const EFFECTS: {
  readonly [N in EffectName]: (_args: unknown, _params: EffectParams[N]) => void;
} = {
  transmit: none,
  startTimer: none,
  cancelTimer: none,
  settle: none,
  ignore: none,
  deliver: none,
  drop: none,
  refuse: none,
  accept: none,
  abortHandlers: none,
  checkpoint: none,
  storeOp: none,
  callProvider: none,
  respond: none,
  reply: none,
  withhold: none,
  replyAll: none,
  dedup: none,
  decline: none,
  runCompleter: none,
  served: none,
  takeRetryToken: none,
  shed: none,
};
