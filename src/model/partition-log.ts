import type { RetentionConfig } from './config';
import type { GroupPartition } from './group';

/** Record flags. */
export const FLAG_POISON = 1;

/** Bytes per record over all columns (timestamp, sequence, entity, producer, keyed, flags). */
const BYTES_PER_RECORD = 8 + 8 + 4 + 2 + 1 + 1;

/** The columns a consumer needs of the record it takes. */
export interface RecordColumns {
  entity: number;
  keyed: boolean;
  sequence: number;
  poison: boolean;
  value: string | undefined;
}

/**
 * One partition's log (kafka-semantics §4–5): offsets from the log start
 * offset to the log end offset (LEO; with one replica it is also the high
 * watermark). Records live in columns of a ring buffer that grows on demand
 * up to the retention window, so memory stays bounded however long it runs.
 * Retention deletes whole segments, oldest first, never the active one.
 */
export class PartitionLog {
  logStartOffset = 0;
  logEndOffset = 0;
  private capacity = 0;
  private timestamps = new Float64Array(0);
  private sequences = new Float64Array(0);
  private entities = new Int32Array(0);
  private keyed = new Uint8Array(0);
  private producers = new Int16Array(0);
  private flags = new Uint8Array(0);
  /** Each group's view of this partition, woken when a record arrives. */
  readonly readers: GroupPartition[] = [];
  /** Values given explicitly (the `produce` action); others are derived. */
  private readonly values = new Map<number, string>();

  constructor(
    readonly topicIndex: number,
    readonly partition: number,
    readonly retention: RetentionConfig,
    readonly createdAt: number,
  ) {}

  get size(): number {
    return this.logEndOffset - this.logStartOffset;
  }

  /** Appends a record and returns its offset. */
  append(
    timestamp: number,
    sequence: number,
    entity: number,
    keyed: boolean,
    producer: number,
    flags: number,
    value?: string,
  ): number {
    if (this.size === this.capacity) this.makeRoom(timestamp);
    const offset = this.logEndOffset++;
    const i = offset % this.capacity;
    this.timestamps[i] = timestamp;
    this.sequences[i] = sequence;
    this.entities[i] = entity;
    this.keyed[i] = keyed ? 1 : 0;
    this.producers[i] = producer;
    this.flags[i] = flags;
    if (value !== undefined) this.values.set(offset, value);
    return offset;
  }

  /** Column readers; the offset must be in [logStartOffset, logEndOffset). */
  timestampAt(offset: number): number {
    return this.timestamps[offset % this.capacity]!;
  }
  sequenceAt(offset: number): number {
    return this.sequences[offset % this.capacity]!;
  }
  entityAt(offset: number): number {
    return this.entities[offset % this.capacity]!;
  }
  isKeyedAt(offset: number): boolean {
    return this.keyed[offset % this.capacity] === 1;
  }
  producerAt(offset: number): number {
    return this.producers[offset % this.capacity]!;
  }
  flagsAt(offset: number): number {
    return this.flags[offset % this.capacity]!;
  }
  valueAt(offset: number): string | undefined {
    return this.values.size === 0 ? undefined : this.values.get(offset);
  }

  /** Copies one record's columns into `out` (one ring index computed, not six). */
  read(offset: number, out: RecordColumns): void {
    const i = offset % this.capacity;
    out.entity = this.entities[i]!;
    out.keyed = this.keyed[i] === 1;
    out.sequence = this.sequences[i]!;
    out.poison = (this.flags[i]! & FLAG_POISON) !== 0;
    out.value = this.values.size === 0 ? undefined : this.values.get(offset);
  }

  /**
   * Applies retention at `now`: deletes the oldest whole segments while the
   * log holds more than maxRecords, or while the oldest segment's newest
   * record is older than maxAgeMs. Returns how many records were deleted.
   */
  applyRetention(now: number): number {
    const { maxRecords, maxAgeMs, segmentRecords } = this.retention;
    if (this.logEndOffset === 0) return 0;
    const activeBase = Math.floor((this.logEndOffset - 1) / segmentRecords) * segmentRecords;
    let start = this.logStartOffset;
    for (;;) {
      const segmentEnd = (Math.floor(start / segmentRecords) + 1) * segmentRecords;
      if (segmentEnd > activeBase) break;
      const tooMany = this.logEndOffset - start > maxRecords;
      const tooOld = maxAgeMs !== null && this.timestampAt(segmentEnd - 1) < now - maxAgeMs;
      if (!tooMany && !tooOld) break;
      start = segmentEnd;
    }
    const deleted = start - this.logStartOffset;
    if (deleted > 0) {
      if (this.values.size > 0) {
        for (const offset of this.values.keys()) if (offset < start) this.values.delete(offset);
      }
      this.logStartOffset = start;
    }
    return deleted;
  }

  /**
   * Doubles the ring, up to what retention can ever keep. A full ring means
   * the log outgrew its window between two retention checks: retention runs
   * early rather than letting memory grow (a bound Kafka enforces on disk).
   */
  private makeRoom(now: number): void {
    const { maxRecords, segmentRecords } = this.retention;
    const limit = maxRecords + 2 * segmentRecords;
    // Start at 256 and grow fourfold: few reallocations on the way to the retention limit.
    const next = Math.min(Math.max(256, this.capacity * 4), limit);
    if (next <= this.capacity) {
      this.applyRetention(now);
      if (this.size === this.capacity) throw new Error('partition log cannot make room');
      return;
    }
    // One buffer for all six columns (aligned, widest first): one allocation per growth.
    const buffer = new ArrayBuffer(next * BYTES_PER_RECORD);
    let at = 0;
    const view = <T extends Float64Array | Int32Array | Int16Array | Uint8Array>(
      from: T,
      make: (buffer: ArrayBuffer, at: number, n: number) => T,
      bytes: number,
    ): T => {
      const to = make(buffer, at, next);
      at += next * bytes;
      // Copy the live span [logStartOffset, logEndOffset) in at most two contiguous runs.
      copySpan(from, this.capacity, to, next, this.logStartOffset, this.logEndOffset);
      return to;
    };
    this.timestamps = view(this.timestamps, (b, o, n) => new Float64Array(b, o, n), 8);
    this.sequences = view(this.sequences, (b, o, n) => new Float64Array(b, o, n), 8);
    this.entities = view(this.entities, (b, o, n) => new Int32Array(b, o, n), 4);
    this.producers = view(this.producers, (b, o, n) => new Int16Array(b, o, n), 2);
    this.keyed = view(this.keyed, (b, o, n) => new Uint8Array(b, o, n), 1);
    this.flags = view(this.flags, (b, o, n) => new Uint8Array(b, o, n), 1);
    this.capacity = next;
  }
}

/** Copies ring `from` (capacity `fc`) into ring `to` (capacity `tc`) for offsets [start, end), in runs. */
function copySpan<T extends Float64Array | Int32Array | Int16Array | Uint8Array>(
  from: T,
  fc: number,
  to: T,
  tc: number,
  start: number,
  end: number,
): void {
  let o = start;
  while (o < end) {
    const fi = o % fc;
    const ti = o % tc;
    const run = Math.min(end - o, fc - fi, tc - ti);
    to.set(from.subarray(fi, fi + run), ti);
    o += run;
  }
}
