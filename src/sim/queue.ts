import type { ChoiceSource } from './choice.ts';

interface Entry<T> {
  time: number;
  seq: number;
  payload: T;
}

/**
 * The kernel's event queue: a binary heap ordered by (virtual time, sequence number), so order
 * never depends on insertion accidents. Events due at the same millisecond are a genuine race:
 * which goes first is a choice, made through the run's choice source.
 */
export class EventQueue<T> {
  private heap: Entry<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(time: number, payload: T): void {
    this.heap.push({ time, seq: this.nextSeq++, payload });
    this.siftUp(this.heap.length - 1);
  }

  /** Removes and returns the next event; ties at the earliest time are settled by `chooser`. */
  pop(chooser: ChoiceSource): { time: number; payload: T } | undefined {
    const first = this.popMin();
    if (!first) return undefined;
    if (this.heap[0]?.time !== first.time) return first;
    const ties = [first];
    while (this.heap[0]?.time === first.time) ties.push(this.popMin()!);
    const pick = chooser.choose('simultaneous events', ties.length);
    ties.forEach((entry, i) => {
      if (i !== pick) this.reinsert(entry);
    });
    return ties[pick];
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
    return a.time < b.time || (a.time === b.time && a.seq < b.seq);
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
