import { isCopying } from './copy-graph';
import type { GroupPartition } from './group';
import { SampleRing } from './sample-ring';

/**
 * Lag as `kafka-consumer-groups --describe` defines it (kafka-semantics §4):
 * LAG = LOG-END-OFFSET − CURRENT-OFFSET, where LOG-END-OFFSET is the high
 * watermark (= LEO with one replica) and CURRENT-OFFSET the committed offset.
 * With no committed offset both print "-": null here, never 0.
 */
export function offsetLag(gp: GroupPartition): number | null {
  return gp.committed === null ? null : Math.max(0, gp.log.logEndOffset - gp.committed);
}

/**
 * Time lag: how old the oldest record the group has not committed past is
 * (kafka-lag-exporter's idea, measured exactly since the model knows every
 * record's timestamp). 0 when caught up; null with no committed offset.
 */
export function timeLagMs(gp: GroupPartition, now: number): number | null {
  const committed = gp.committed;
  if (committed === null) return null;
  const log = gp.log;
  if (committed >= log.logEndOffset) return 0;
  const oldest = Math.max(committed, log.logStartOffset);
  return Math.max(0, now - log.timestampAt(oldest));
}

/**
 * Bounded lag history of one group: a ring of samples (total lag, worst time
 * lag, and each partition's lag), so a tab left open for hours stays the
 * same size. NaN marks "no committed offset".
 */
export class LagSeries {
  private readonly times!: SampleRing;
  private readonly totals!: SampleRing;
  private readonly timeLags!: SampleRing;
  private readonly perPartition: SampleRing[] = [];
  private next = 0;
  private count = 0;
  /** Samples taken since the start (a version number for readers). */
  taken = 0;

  constructor(readonly capacity: number) {
    if (isCopying()) return;
    this.times = new SampleRing(capacity);
    this.totals = new SampleRing(capacity);
    this.timeLags = new SampleRing(capacity);
  }

  sample(now: number, partitions: readonly GroupPartition[]): void {
    const i = this.next;
    let total = 0;
    let known = false;
    let worstTime = 0;
    for (let p = 0; p < partitions.length; p++) {
      const gp = partitions[p]!;
      const lag = offsetLag(gp);
      let row = this.perPartition[p];
      if (!row) {
        row = new SampleRing(this.capacity, NaN);
        this.perPartition[p] = row;
      }
      row.set(i, lag ?? NaN);
      if (lag !== null) {
        total += lag;
        known = true;
        worstTime = Math.max(worstTime, timeLagMs(gp, now) ?? 0);
      }
    }
    this.times.set(i, now);
    this.totals.set(i, known ? total : NaN);
    this.timeLags.set(i, known ? worstTime : NaN);
    this.next = (i + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    this.taken++;
  }

  /** Samples oldest first; null where there was no committed offset. */
  read(): LagSeriesSnapshot {
    const out: LagSeriesSnapshot = { times: [], totalLag: [], maxTimeLagMs: [], partitionLag: [] };
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let p = 0; p < this.perPartition.length; p++) out.partitionLag.push([]);
    for (let k = 0; k < this.count; k++) {
      const i = (start + k) % this.capacity;
      out.times.push(this.times.get(i));
      out.totalLag.push(nullIfNaN(this.totals.get(i)));
      out.maxTimeLagMs.push(nullIfNaN(this.timeLags.get(i)));
      this.perPartition.forEach((row, p) => out.partitionLag[p]!.push(nullIfNaN(row.get(i))));
    }
    return out;
  }
}

export interface LagSeriesSnapshot {
  times: number[];
  totalLag: (number | null)[];
  maxTimeLagMs: (number | null)[];
  /** partitionLag[p][k]: lag of partition p (of the group's first topic order) at times[k]. */
  partitionLag: (number | null)[][];
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
