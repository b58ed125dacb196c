import type { Simulation } from '../model/index';

/**
 * Checkpoints of one session's timeline: copies of the simulation on a grid
 * of simulated times, so any moment is a restore plus at most one grid
 * spacing of deterministic re-simulation away.
 *
 * Memory is bounded by a byte budget and a count: when either would be
 * exceeded the grid spacing doubles and every checkpoint off the new grid is
 * dropped (the origin always stays). A longer run thus keeps sparser
 * checkpoints, and a jump then re-simulates more, never using more memory.
 *
 * A checkpoint shares what cannot change (full log chunks) with the
 * simulation it copies and with other checkpoints. Shared chunks count once,
 * and the ones the newest checkpoint holds count as the live simulation's
 * (they are, within one grid spacing): the budget is what the timeline adds.
 */
export interface CheckpointLimits {
  /** Estimated bytes the checkpoints may add to the live simulation's. */
  readonly budgetBytes: number;
  readonly maxCount: number;
  /** Grid spacing a session starts with (simulated ms). */
  readonly firstSpacingMs: number;
  /**
   * Bytes the checkpoints may copy per simulated second. A large setup copies
   * megabytes per checkpoint: its grid is spaced out until copying costs no
   * more than this (copying, and collecting the copies, would otherwise cost
   * more than simulating; a jump then re-simulates a little more). No limit
   * when absent.
   */
  readonly copyBytesPerSecond?: number;
}

export const DEFAULT_CHECKPOINT_LIMITS: CheckpointLimits = {
  budgetBytes: 32 * 1024 * 1024,
  maxCount: 256,
  firstSpacingMs: 1000,
  copyBytesPerSecond: 1024 * 1024,
};

/** Where a session's action lists stood when a checkpoint was taken. */
export interface Cursors {
  /** Index of the next scripted action. */
  readonly script: number;
  /** Index of the next logged action. */
  readonly log: number;
}

interface Checkpoint {
  readonly at: number;
  readonly sim: Simulation;
  readonly cursors: Cursors;
  /** What the copy did not share (0 while a lazy checkpoint is not built). */
  readonly bytes: number;
  /** Frozen chunks it shares, with their bytes. */
  readonly shared: ReadonlyMap<object, number>;
}

export interface CheckpointStats {
  readonly count: number;
  /** Estimated bytes the checkpoints hold beyond the live simulation. */
  readonly bytes: number;
  readonly spacingMs: number;
}

export class Checkpoints {
  private list: Checkpoint[] = [];
  private spacing: number;
  /** Copied bytes of every checkpoint plus each shared chunk once. */
  private total = 0;
  /** How many checkpoints hold each shared chunk. */
  private readonly holders = new Map<object, number>();

  constructor(
    /** The earliest moment kept (a checkpoint there is never dropped). */
    private origin: number,
    private readonly limits: CheckpointLimits = DEFAULT_CHECKPOINT_LIMITS,
  ) {
    this.spacing = limits.firstSpacingMs;
  }

  get spacingMs(): number {
    return this.spacing;
  }

  get stats(): CheckpointStats {
    return { count: this.list.length, bytes: this.extra(), spacingMs: this.spacing };
  }

  /** Bytes beyond the live simulation: all, less the shared chunks the newest one holds. */
  private extra(): number {
    const newest = this.list[this.list.length - 1];
    let live = 0;
    if (newest) for (const bytes of newest.shared.values()) live += bytes;
    return this.total - live;
  }

  /** The first grid time strictly after `t`. */
  gridAfter(t: number): number {
    return (Math.floor(t / this.spacing) + 1) * this.spacing;
  }

  has(at: number): boolean {
    const c = this.latestAtOrBefore(at);
    return c !== null && c.at === at;
  }

  /** Stores a copy of `sim` at its current time, with where the action lists stand. */
  add(sim: Simulation, cursors: Cursors): void {
    const at = sim.now;
    if (at !== this.origin && at % this.spacing !== 0) return;
    if (this.has(at)) return;
    const size = { bytes: 0, shared: new Map<object, number>() };
    const copy = sim.fork(size);
    const checkpoint = { at, sim: copy, cursors, bytes: size.bytes, shared: size.shared };
    this.list.splice(this.indexAfter(at), 0, checkpoint);
    this.hold(checkpoint);
    while (
      (this.extra() > this.limits.budgetBytes ||
        this.list.length > this.limits.maxCount ||
        (size.bytes * 1000) / this.spacing > (this.limits.copyBytesPerSecond ?? Infinity)) &&
      this.list.length > 1
    ) {
      this.thin();
    }
  }

  /**
   * The origin's checkpoint, built by `make` (which must give the simulation as it is at the
   * origin) only when it is first asked for. A session that starts from a setup builds it again
   * from the setup rather than copying it up front, before anything is shown: most sessions never
   * go back before the next checkpoint.
   */
  addLazyOrigin(cursors: Cursors, make: () => Simulation): void {
    const at = this.origin;
    if (this.has(at)) return;
    let sim: Simulation | null = null;
    let bytes = 0;
    let shared: ReadonlyMap<object, number> = new Map<object, number>();
    const build = (): Simulation => {
      const size = { bytes: 0, shared: new Map<object, number>() };
      const built = make().fork(size);
      // Counted from now on, if it is still kept.
      const kept = this.list.includes(checkpoint);
      if (kept) this.release(checkpoint);
      sim = built;
      bytes = size.bytes;
      shared = size.shared;
      if (kept) this.hold(checkpoint);
      return built;
    };
    const checkpoint: Checkpoint = {
      at,
      cursors,
      get sim() {
        return sim ?? build();
      },
      get bytes() {
        return bytes;
      },
      get shared() {
        return shared;
      },
    };
    this.list.splice(this.indexAfter(at), 0, checkpoint);
    this.hold(checkpoint);
  }

  /** The checkpoint at or before `t` (null only before the origin). */
  latestAtOrBefore(t: number): Checkpoint | null {
    const i = this.indexAfter(t) - 1;
    return i >= 0 ? this.list[i]! : null;
  }

  /** Forgets every checkpoint after `t` (a fork discarded that future). */
  dropAfter(t: number): void {
    const i = this.indexAfter(t);
    for (const c of this.list.slice(i)) this.release(c);
    this.list.length = i;
  }

  /** Starts over from `sim` as the new origin (history before it is dropped). */
  rebase(sim: Simulation, cursors: Cursors): void {
    for (const c of this.list) this.release(c);
    this.list = [];
    this.origin = sim.now;
    this.add(sim, cursors);
  }

  private thin(): void {
    this.spacing *= 2;
    const kept: Checkpoint[] = [];
    for (const c of this.list) {
      if (c.at === this.origin || c.at % this.spacing === 0) kept.push(c);
      else this.release(c);
    }
    this.list = kept;
  }

  private hold(c: Checkpoint): void {
    this.total += c.bytes;
    for (const [chunk, bytes] of c.shared) {
      const n = this.holders.get(chunk) ?? 0;
      if (n === 0) this.total += bytes;
      this.holders.set(chunk, n + 1);
    }
  }

  private release(c: Checkpoint): void {
    this.total -= c.bytes;
    for (const [chunk, bytes] of c.shared) {
      const n = this.holders.get(chunk)! - 1;
      if (n === 0) {
        this.holders.delete(chunk);
        this.total -= bytes;
      } else this.holders.set(chunk, n);
    }
  }

  /** Index of the first checkpoint after `t`. */
  private indexAfter(t: number): number {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.list[mid]!.at <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
