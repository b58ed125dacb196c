/** Names of `T`'s methods a timer can call: `(now, arg) => void`. */
export type TimerMethod<T, A> = {
  [K in keyof T]: T[K] extends (now: number, arg: A) => void ? K : never;
}[keyof T] &
  string;

type Callable = Record<string, (now: number, arg: unknown) => void>;

/** A timer that never touches a consumer group (a producer's): batched groups need not catch up. */
export const SCOPE_NEUTRAL = -1;
/** A timer that reads or changes every group (the lag sampler, retention): the default. */
export const SCOPE_ALL = -2;
type Finisher = { finish(now: number, arg: unknown): void };
type Emitter = { emit(now: number, arg: unknown): void };

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
  /** Per slot: its index in the heap, or -1 when not scheduled. */
  private readonly position: number[] = [];
  private readonly targets: object[] = [];
  private readonly methods: string[] = [];
  private readonly args: unknown[] = [];
  /** Per slot: the index of the group it touches, SCOPE_NEUTRAL or SCOPE_ALL. */
  private readonly scopes: number[] = [];
  private readonly free: number[] = [];
  /** Slots in heap order, with their due times and scheduling orders alongside (no indirection to compare). */
  private readonly heap: number[] = [];
  private readonly heapAt: number[] = [];
  private readonly heapOrder: number[] = [];
  private sequence = 0;

  /**
   * A new timer slot that calls `target[method](now, arg)` when due; `scope` says which group
   * it touches (a group's index), if none or if all.
   */
  slot<T extends object, A = undefined>(
    target: T,
    method: TimerMethod<T, A>,
    arg?: A,
    scope = SCOPE_ALL,
  ): number {
    const slot = this.free.pop() ?? this.targets.length;
    this.targets[slot] = target;
    this.methods[slot] = method;
    this.args[slot] = arg;
    this.scopes[slot] = scope;
    this.position[slot] = -1;
    return slot;
  }

  /** The scope of the next due timer (SCOPE_NEUTRAL when none is due). */
  nextScope(): number {
    return this.heap.length > 0 ? this.scopes[this.heap[0]!]! : SCOPE_NEUTRAL;
  }

  /** Releases a slot for reuse (cancelling it first). */
  release(slot: number): void {
    this.cancel(slot);
    this.targets[slot] = RELEASED;
    this.methods[slot] = 'noop';
    this.args[slot] = undefined;
    this.scopes[slot] = SCOPE_NEUTRAL;
    this.free.push(slot);
  }

  /** Sets (or moves) the slot's due time. */
  schedule(slot: number, at: number): void {
    const order = this.sequence++;
    const i = this.position[slot]!;
    if (i < 0) {
      this.up(this.heap.length, slot, at, order);
    } else if (at < this.heapAt[i]!) {
      // Earlier (a later order cannot make it earlier at the same time): it can only rise.
      this.up(i, slot, at, order);
    } else {
      this.down(i, slot, at, order);
    }
  }

  cancel(slot: number): void {
    const i = this.position[slot]!;
    if (i < 0) return;
    this.position[slot] = -1;
    const heap = this.heap;
    const last = heap.pop()!;
    const at = this.heapAt.pop()!;
    const order = this.heapOrder.pop()!;
    if (i < heap.length) {
      // The last entry fills the hole: it sinks, or rises if it beats the hole's parent.
      const parent = (i - 1) >> 1;
      if (i > 0 && this.before(at, order, parent)) this.up(i, last, at, order);
      else this.down(i, last, at, order);
    }
  }

  isScheduled(slot: number): boolean {
    return this.position[slot]! >= 0;
  }

  dueAt(slot: number): number {
    const i = this.position[slot]!;
    return i >= 0 ? this.heapAt[i]! : Infinity;
  }

  /** Time of the next due timer, or Infinity. */
  nextTime(): number {
    return this.heap.length > 0 ? this.heapAt[0]! : Infinity;
  }

  /**
   * Runs the next timer's handler. The slot stays at the top while its
   * handler runs (nothing can sort before it), so a handler that reschedules
   * itself costs one sift instead of a pop and a push.
   */
  runNext(): void {
    const slot = this.heap[0]!;
    const order = this.heapOrder[0]!;
    const target = this.targets[slot] as Callable;
    const method = this.methods[slot]!;
    const at = this.heapAt[0]!;
    const arg = this.args[slot];
    // The two per-record timers get call sites of their own: one receiver class each, so a
    // direct call instead of a lookup by name over every timer's class.
    if (method === 'finish') (target as Finisher).finish(at, arg);
    else if (method === 'emit') (target as Emitter).emit(at, arg);
    else target[method]!(at, arg);
    const i = this.position[slot]!;
    if (i >= 0 && this.heapOrder[i] === order) this.cancel(slot);
  }

  /** While a timer's handler runs (it is at the top): when the next other timer is due. */
  nextAfterRunning(): number {
    const { heap, heapAt } = this;
    const n = heap.length;
    if (n > 2) return Math.min(heapAt[1]!, heapAt[2]!);
    return n === 2 ? heapAt[1]! : Infinity;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Whether (at, order) sorts before the entry at heap index j. */
  private before(at: number, order: number, j: number): boolean {
    const t = this.heapAt[j]!;
    return at < t || (at === t && order < this.heapOrder[j]!);
  }

  /** Places (slot, at, order) at index i or above, moving parents down. */
  private up(i: number, slot: number, at: number, order: number): void {
    const { heap, heapAt, heapOrder, position } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const t = heapAt[parent]!;
      if (at > t || (at === t && order > heapOrder[parent]!)) break;
      const p = heap[parent]!;
      heap[i] = p;
      heapAt[i] = t;
      heapOrder[i] = heapOrder[parent]!;
      position[p] = i;
      i = parent;
    }
    heap[i] = slot;
    heapAt[i] = at;
    heapOrder[i] = order;
    position[slot] = i;
  }

  /** Places (slot, at, order) at index i or below, moving smaller children up. */
  private down(i: number, slot: number, at: number, order: number): void {
    const { heap, heapAt, heapOrder, position } = this;
    const n = heap.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = heapAt[child]!;
      let co = heapOrder[child]!;
      const right = child + 1;
      if (right < n) {
        const rt = heapAt[right]!;
        const ro = heapOrder[right]!;
        if (rt < ct || (rt === ct && ro < co)) {
          child = right;
          ct = rt;
          co = ro;
        }
      }
      if (at < ct || (at === ct && order < co)) break;
      const c = heap[child]!;
      heap[i] = c;
      heapAt[i] = ct;
      heapOrder[i] = co;
      position[c] = i;
      i = child;
    }
    heap[i] = slot;
    heapAt[i] = at;
    heapOrder[i] = order;
    position[slot] = i;
  }
}

/** What a released slot points at until it is reused. */
const RELEASED = Object.freeze({ noop(): void {} });
