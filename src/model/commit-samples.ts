import { isCopying } from './copy-graph';
import { BURROW_COMMITS, type CommitSample } from './lag-health';

/**
 * A partition's recent commits as Burrow stores them (kafka-semantics §4,
 * "Burrow"): the last BURROW_COMMITS, each with the lag it had when made.
 * Commits within `minDistanceMs` of the newest entry update its offset and
 * lag but keep its time (Burrow's storage min-distance, 1 s), so per-record
 * commits keep about a second between entries.
 * A fixed ring: no allocation per commit.
 */
export class CommitSamples {
  private readonly offsets!: Float64Array;
  private readonly times!: Float64Array;
  private readonly lags!: Float64Array;
  private next = 0;
  private count = 0;
  private lastStart = -Infinity;

  constructor(readonly minDistanceMs = 1000) {
    if (isCopying()) return;
    this.offsets = new Float64Array(BURROW_COMMITS);
    this.times = new Float64Array(BURROW_COMMITS);
    this.lags = new Float64Array(BURROW_COMMITS);
  }

  add(offset: number, at: number, lag: number): void {
    let i = this.next;
    // Within min-distance of the newest entry, the commit updates it and the entry keeps its time.
    if (this.count > 0 && at - this.lastStart < this.minDistanceMs) {
      i = i === 0 ? BURROW_COMMITS - 1 : i - 1;
    } else {
      this.lastStart = at;
      this.times[i] = at;
      this.next = i + 1 === BURROW_COMMITS ? 0 : i + 1;
      if (this.count < BURROW_COMMITS) this.count++;
    }
    this.offsets[i] = offset;
    this.lags[i] = Math.max(0, lag);
  }

  /** Oldest first. */
  list(): CommitSample[] {
    const out: CommitSample[] = [];
    const start = (this.next + BURROW_COMMITS - this.count) % BURROW_COMMITS;
    for (let k = 0; k < this.count; k++) {
      const i = (start + k) % BURROW_COMMITS;
      out.push({ offset: this.offsets[i]!, at: this.times[i]!, lag: this.lags[i]! });
    }
    return out;
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
    this.lastStart = -Infinity;
  }
}
