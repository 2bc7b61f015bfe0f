/**
 * Effects are data: a machine never performs I/O, it names what it wants done as an action with
 * params, and the world (src/model/world.ts) carries it out and records it. The action
 * implementations in each machine's `setup` are therefore empty; these types are their params.
 */
import type { HttpResponse } from './http.ts';
import type { MessageDraft, Message, ActorId } from './message.ts';
import type { CrashPoint } from './settings.ts';
import type { StoreReply, StoreOp } from './machines/store.ts';
import type { ChargeRequest, ProviderReply } from './machines/provider.ts';

export type TimerName = 'timeout' | 'backoff' | 'think' | 'restart' | 'completer';

export interface TransmitParams {
  message: MessageDraft;
}
export interface StartTimerParams {
  name: TimerName;
  delayMs: number;
  /** Full jitter: the kernel draws the actual delay uniformly from 0..delayMs. */
  jitter?: boolean;
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
  message: Message;
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

/** The names of effect actions, as they appear in `setup({ actions })` of the machines. */
export type EffectName =
  | 'transmit'
  | 'startTimer'
  | 'cancelTimer'
  | 'settle'
  | 'deliver'
  | 'drop'
  | 'accept'
  | 'refuse'
  | 'abortHandlers'
  | 'storeOp'
  | 'callProvider'
  | 'checkpoint'
  | 'respond'
  | 'reply'
  | 'replyAll'
  | 'dedup'
  | 'decline'
  | 'ignore'
  | 'runCompleter';

/** Empty implementation shared by every effect action: the world interprets them instead. */
export const effect =
  <P>() =>
  (_args: unknown, _params: P): void => {};
