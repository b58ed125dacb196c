/** Names of `T`'s methods a timer can call: `(now, arg) => void`. */
export type TimerMethod<T, A> = {
  [K in keyof T]: T[K] extends (now: number, arg: A) => void ? K : never;
}[keyof T] &
  string;

type Callable = Record<string, (now: number, arg: unknown) => void>;

/**
 * The simulation's clock: an indexed min-heap of timers ordered by
 * (time, scheduling order), so events at the same simulated instant run in a
 * fixed order and every run is reproducible. Each timer is a slot that can be
 * moved or cancelled in O(log n).
 *
 * A timer names its target object and method rather than holding a closure,
 * so the whole simulation is plain data that can be copied (checkpoints).
 */
export class Scheduler {
  private readonly at: number[] = [];
  private readonly order: number[] = [];
  private readonly position: number[] = [];
  private readonly targets: object[] = [];
  private readonly methods: string[] = [];
  private readonly args: unknown[] = [];
  private readonly free: number[] = [];
  private readonly heap: number[] = [];
  private sequence = 0;

  /** A new timer slot that calls `target[method](now, arg)` when due. */
  slot<T extends object, A = undefined>(target: T, method: TimerMethod<T, A>, arg?: A): number {
    const slot = this.free.pop() ?? this.targets.length;
    this.targets[slot] = target;
    this.methods[slot] = method;
    this.args[slot] = arg;
    this.position[slot] = -1;
    this.at[slot] = Infinity;
    this.order[slot] = 0;
    return slot;
  }

  /** Releases a slot for reuse (cancelling it first). */
  release(slot: number): void {
    this.cancel(slot);
    this.targets[slot] = RELEASED;
    this.methods[slot] = 'noop';
    this.args[slot] = undefined;
    this.free.push(slot);
  }

  /** Sets (or moves) the slot's due time. */
  schedule(slot: number, at: number): void {
    this.at[slot] = at;
    this.order[slot] = this.sequence++;
    const i = this.position[slot]!;
    if (i < 0) {
      this.heap.push(slot);
      this.position[slot] = this.heap.length - 1;
      this.up(this.heap.length - 1);
    } else {
      this.up(i);
      this.down(this.position[slot]!);
    }
  }

  cancel(slot: number): void {
    const i = this.position[slot]!;
    if (i < 0) return;
    const last = this.heap.pop()!;
    this.position[slot] = -1;
    if (i < this.heap.length) {
      this.heap[i] = last;
      this.position[last] = i;
      this.up(i);
      this.down(this.position[last]!);
    }
  }

  isScheduled(slot: number): boolean {
    return this.position[slot]! >= 0;
  }

  dueAt(slot: number): number {
    return this.position[slot]! >= 0 ? this.at[slot]! : Infinity;
  }

  /** Time of the next due timer, or Infinity. */
  nextTime(): number {
    return this.heap.length > 0 ? this.at[this.heap[0]!]! : Infinity;
  }

  /**
   * Runs the next timer's handler. The slot stays at the top while its
   * handler runs (nothing can sort before it), so a handler that reschedules
   * itself costs one sift instead of a pop and a push.
   */
  runNext(): void {
    const slot = this.heap[0]!;
    const order = this.order[slot]!;
    (this.targets[slot] as Callable)[this.methods[slot]!]!(this.at[slot]!, this.args[slot]);
    if (this.position[slot]! >= 0 && this.order[slot] === order) this.cancel(slot);
  }

  get size(): number {
    return this.heap.length;
  }

  private less(a: number, b: number): boolean {
    const ta = this.at[a]!;
    const tb = this.at[b]!;
    return ta < tb || (ta === tb && this.order[a]! < this.order[b]!);
  }

  private up(i: number): void {
    const heap = this.heap;
    const slot = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(slot, p)) break;
      heap[i] = p;
      this.position[p] = i;
      i = parent;
    }
    heap[i] = slot;
    this.position[slot] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const slot = heap[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && this.less(heap[right]!, heap[left]!) ? right : left;
      const c = heap[child]!;
      if (!this.less(c, slot)) break;
      heap[i] = c;
      this.position[c] = i;
      i = child;
    }
    heap[i] = slot;
    this.position[slot] = i;
  }
}

/** What a released slot points at until it is reused. */
const RELEASED = Object.freeze({ noop(): void {} });
