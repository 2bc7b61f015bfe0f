import { RecordingChooser, type ChoicePoint, type ChoiceSource } from './choice.ts';
import { EventQueue } from './queue.ts';

/** What a world sees of the kernel while it handles an event. */
export interface Kernel<E> {
  /** Virtual time in milliseconds. */
  readonly now: number;
  /**
   * Delivers `event` to the world `delayMs` virtual milliseconds from now. A `scripted` event (a
   * fault someone set) goes before model events at its millisecond and never joins a race.
   * Returns a handle for `cancel`.
   */
  schedule(delayMs: number, event: E, scripted?: boolean): number;
  /** Withdraws a scheduled event: it is never delivered (a cancelled timer, a dead actor's mail). */
  cancel(handle: number): void;
  /** The single source of nondeterminism (see ChoiceSource). */
  choose(label: string, n: number, weights?: readonly number[]): number;
}

/** A simulated world: it is started once, then handed each event in queue order. */
export interface World<E> {
  start(kernel: Kernel<E>): void;
  handle(event: E, kernel: Kernel<E>): void;
}

export interface RunLimits {
  /** Stop after this many events, so a livelocked model still ends. */
  maxEvents: number;
  /** Stop before handling an event due after this virtual time. */
  maxTimeMs: number;
}

export type StopReason = 'quiescent' | 'max-events' | 'max-time';

export interface KernelRun {
  events: number;
  endTimeMs: number;
  stoppedBy: StopReason;
  /** Every real choice made, in order: the run's tape and, for the explorer, its branches. */
  points: ChoicePoint[];
}

/** Runs `world` until no event is left or a limit is reached. Pure given `source`. */
export function runKernel<E>(world: World<E>, source: ChoiceSource, limits: RunLimits): KernelRun {
  const queue = new EventQueue<E>();
  // A race between simultaneous events is settled as they are popped, before the clock moves
  // to their time: its choice is dated by the queue's next time, every other by the clock.
  let choosingAtMs = 0;
  const chooser = new RecordingChooser(source, () => choosingAtMs);
  const kernel = {
    now: 0,
    schedule(delayMs: number, event: E, scripted = false) {
      if (!(delayMs >= 0)) throw new RangeError(`negative or NaN delay ${delayMs}`);
      return queue.push(kernel.now + delayMs, event, scripted);
    },
    cancel: (handle: number) => queue.cancel(handle),
    choose: (label: string, n: number, weights?: readonly number[]) =>
      chooser.choose(label, n, weights),
  };
  world.start(kernel);
  let events = 0;
  let stoppedBy: StopReason = 'quiescent';
  while (queue.size > 0) {
    if (events >= limits.maxEvents) {
      stoppedBy = 'max-events';
      break;
    }
    choosingAtMs = queue.nextTime ?? kernel.now;
    const next = queue.pop(chooser)!;
    if (next.time > limits.maxTimeMs) {
      stoppedBy = 'max-time';
      break;
    }
    kernel.now = next.time;
    choosingAtMs = next.time;
    events++;
    world.handle(next.payload, kernel);
  }
  return { events, endTimeMs: kernel.now, stoppedBy, points: chooser.points };
}
