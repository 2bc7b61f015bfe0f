import type { ChoiceSource } from './choice.ts';

interface Entry<T> {
  time: number;
  /** Scripted events (faults a person or scenario set) go first at their millisecond, unchosen. */
  scripted: boolean;
  seq: number;
  payload: T;
}

/**
 * The kernel's event queue: a binary heap ordered by (virtual time, scripted first, sequence
 * number), so order never depends on insertion accidents. Model events due at the same
 * millisecond are a genuine race: which goes first is a choice, made through the run's choice
 * source. Cancelled events are skipped, never delivered and never part of a race.
 */
export class EventQueue<T> {
  private heap: Entry<T>[] = [];
  private nextSeq = 0;
  private cancelled = new Set<number>();

  get size(): number {
    this.dropCancelledTop();
    return this.heap.length;
  }

  /** The time of the next live event, if any. */
  get nextTime(): number | undefined {
    return this.peekLive()?.time;
  }

  /** Adds an event; the returned handle can cancel it. */
  push(time: number, payload: T, scripted = false): number {
    const seq = this.nextSeq++;
    this.heap.push({ time, scripted, seq, payload });
    this.siftUp(this.heap.length - 1);
    return seq;
  }

  cancel(handle: number): void {
    this.cancelled.add(handle);
  }

  /** Removes and returns the next event; ties at the earliest time are settled by `chooser`. */
  pop(chooser: ChoiceSource): { time: number; payload: T } | undefined {
    const first = this.popLive();
    if (!first || first.scripted) return first;
    const ties = [first];
    while (this.peekLive()?.time === first.time) ties.push(this.popLive()!);
    if (ties.length === 1) return first;
    const pick = chooser.choose('simultaneous events', ties.length);
    ties.forEach((entry, i) => {
      if (i !== pick) this.reinsert(entry);
    });
    return ties[pick];
  }

  private peekLive(): Entry<T> | undefined {
    this.dropCancelledTop();
    return this.heap[0];
  }

  private popLive(): Entry<T> | undefined {
    this.dropCancelledTop();
    return this.popMin();
  }

  private dropCancelledTop(): void {
    while (this.heap[0] && this.cancelled.has(this.heap[0].seq)) {
      this.cancelled.delete(this.heap[0].seq);
      this.popMin();
    }
  }

  private reinsert(entry: Entry<T>): void {
    this.heap.push(entry);
    this.siftUp(this.heap.length - 1);
  }

  private popMin(): Entry<T> | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top && last && this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: Entry<T>, b: Entry<T>): boolean {
    if (a.time !== b.time) return a.time < b.time;
    if (a.scripted !== b.scripted) return a.scripted;
    return a.seq < b.seq;
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < heap.length && this.before(heap[left]!, heap[best]!)) best = left;
      if (right < heap.length && this.before(heap[right]!, heap[best]!)) best = right;
      if (best === i) return;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  }
}
