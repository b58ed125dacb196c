import { isCopying } from './copy-graph';
import type { RetentionConfig } from './config';
import type { GroupPartition } from './group';

/** Record flags. */
export const FLAG_POISON = 1;

/** Records per storage chunk (a power of two): the unit checkpoints share. */
const CHUNK = 128;
/**
 * offset & MASK is offset % CHUNK for every offset below 2^53 (ToInt32 keeps the low bits),
 * without a float division on the hot path.
 */
const MASK = CHUNK - 1;
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

/** Chunks one slab holds at most: allocating an ArrayBuffer costs about as much as filling a chunk. */
const SLAB_CHUNKS = 8;
/** A slab is at most this share of what retention keeps (in chunks), so the chunks a slab outlives stay few. */
const SLAB_SHARE = 4;

/**
 * Where a log's chunks get their memory: one ArrayBuffer for several chunks,
 * since allocating a buffer costs microseconds whatever its size. A log
 * starts with a slab of one chunk and doubles up to SLAB_CHUNKS, and to at
 * most a quarter of what its retention keeps: a partition that gets few
 * records holds little, and a slab, freed only once every chunk cut from it
 * is gone, outlives few of them. Checkpoints count a shared chunk's whole
 * slab (copy-graph.ts).
 */
class Slab {
  private buffer: ArrayBuffer | null = null;
  private used = 0;
  private size = 0;

  constructor(private readonly most: number) {}

  /** Memory for one more chunk. */
  take(): { buffer: ArrayBuffer; byteOffset: number } {
    if (this.buffer === null || this.used === this.size) {
      this.size = Math.min(this.most, Math.max(1, this.size * 2));
      this.buffer = new ArrayBuffer(this.size * CHUNK * BYTES_PER_RECORD);
      this.used = 0;
    }
    return { buffer: this.buffer, byteOffset: this.used++ * CHUNK * BYTES_PER_RECORD };
  }
}

/**
 * Each log's slab, kept outside the log so that a checkpoint's copy of a log
 * starts a slab of its own instead of writing into its original's.
 */
const slabs = new WeakMap<PartitionLog, Slab>();

function slabOf(log: PartitionLog): Slab {
  let slab = slabs.get(log);
  if (slab === undefined) {
    const kept = Math.floor(log.limit / CHUNK / SLAB_SHARE);
    slabs.set(log, (slab = new Slab(Math.max(1, Math.min(SLAB_CHUNKS, kept)))));
  }
  return slab;
}

/**
 * 128 consecutive records of one log, in columns. A full chunk never changes
 * again, so it is frozen, and every copy of the simulation (a checkpoint)
 * shares it instead of copying it: checkpoints cost what changed since the
 * last one, not every record retention keeps.
 */
class LogChunk {
  count = 0;
  readonly timestamps!: Float64Array;
  readonly sequences!: Float64Array;
  readonly entities!: Int32Array;
  readonly producers!: Int16Array;
  readonly keyed!: Uint8Array;
  readonly flags!: Uint8Array;

  constructor(slab: Slab) {
    if (isCopying()) return;
    // Six columns in one slice of the slab (aligned, widest first). A checkpoint's
    // copy of the active chunk has six small buffers: it is copied column by column.
    const { buffer, byteOffset: at } = slab.take();
    this.timestamps = new Float64Array(buffer, at, CHUNK);
    this.sequences = new Float64Array(buffer, at + CHUNK * 8, CHUNK);
    this.entities = new Int32Array(buffer, at + CHUNK * 16, CHUNK);
    this.producers = new Int16Array(buffer, at + CHUNK * 20, CHUNK);
    this.keyed = new Uint8Array(buffer, at + CHUNK * 22, CHUNK);
    this.flags = new Uint8Array(buffer, at + CHUNK * 23, CHUNK);
  }
}

/**
 * One partition's log (kafka-semantics §4–5): offsets from the log start
 * offset to the log end offset (LEO; with one replica it is also the high
 * watermark). Records live in columns, in chunks of 128 offsets; retention
 * deletes whole segments, oldest first, never the active one, and the chunks
 * it empties are let go, so memory stays bounded however long it runs.
 */
export class PartitionLog {
  logStartOffset = 0;
  logEndOffset = 0;
  /** Chunks from the one holding the log start offset to the one holding the newest record. */
  private chunks: LogChunk[] = [];
  /** Index (offset / CHUNK) of chunks[0]. */
  private firstChunk = 0;
  /** The last chunk (never deleted: it holds the active segment's newest record). */
  private active: LogChunk | null = null;
  /** Each group's view of this partition, woken when a record arrives. */
  readonly readers: GroupPartition[] = [];
  /** Values given explicitly (the `produce` action); others are derived. */
  private readonly values = new Map<number, string>();
  /** Size past which append runs retention itself (see append): the most a log holds. */
  readonly limit: number;
  /** The newest poison record's offset (-1: none yet): batched consumers stop short of it. */
  lastPoison = -1;

  constructor(
    readonly topicIndex: number,
    readonly partition: number,
    readonly retention: RetentionConfig,
    readonly createdAt: number,
  ) {
    this.limit = isCopying() ? 0 : retention.maxRecords + 2 * retention.segmentRecords;
  }

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
    // The log outgrew its retention between two retention checks: retention runs
    // early rather than letting memory grow (a bound Kafka enforces on disk).
    if (this.size >= this.limit) {
      this.applyRetention(timestamp);
      if (this.size >= this.limit) throw new Error('partition log cannot make room');
    }
    const offset = this.logEndOffset++;
    let chunk = this.active;
    if (chunk === null || chunk.count === CHUNK) {
      if (chunk === null) this.firstChunk = Math.floor(offset / CHUNK);
      chunk = new LogChunk(slabOf(this));
      this.chunks.push(chunk);
      this.active = chunk;
    }
    const i = chunk.count;
    chunk.timestamps[i] = timestamp;
    chunk.sequences[i] = sequence;
    chunk.entities[i] = entity;
    chunk.keyed[i] = keyed ? 1 : 0;
    chunk.producers[i] = producer;
    chunk.flags[i] = flags;
    if (++chunk.count === CHUNK) Object.freeze(chunk);
    if ((flags & FLAG_POISON) !== 0) this.lastPoison = offset;
    if (value !== undefined) this.values.set(offset, value);
    return offset;
  }

  private chunkOf(offset: number): LogChunk {
    return this.chunks[Math.floor(offset / CHUNK) - this.firstChunk]!;
  }

  /** Column readers; the offset must be in [logStartOffset, logEndOffset). */
  timestampAt(offset: number): number {
    return this.chunkOf(offset).timestamps[offset & MASK]!;
  }
  sequenceAt(offset: number): number {
    return this.chunkOf(offset).sequences[offset & MASK]!;
  }
  entityAt(offset: number): number {
    return this.chunkOf(offset).entities[offset & MASK]!;
  }
  isKeyedAt(offset: number): boolean {
    return this.chunkOf(offset).keyed[offset & MASK] === 1;
  }
  producerAt(offset: number): number {
    return this.chunkOf(offset).producers[offset & MASK]!;
  }
  flagsAt(offset: number): number {
    return this.chunkOf(offset).flags[offset & MASK]!;
  }
  valueAt(offset: number): string | undefined {
    return this.values.size === 0 ? undefined : this.values.get(offset);
  }

  /** Copies one record's columns into `out` (one chunk lookup, not five). */
  read(offset: number, out: RecordColumns): void {
    const chunk = this.chunkOf(offset);
    const i = offset & MASK;
    out.entity = chunk.entities[i]!;
    out.keyed = chunk.keyed[i] === 1;
    out.sequence = chunk.sequences[i]!;
    out.poison = (chunk.flags[i]! & FLAG_POISON) !== 0;
    out.value = this.values.size === 0 ? undefined : this.values.get(offset);
  }

  /**
   * Applies retention at `now`: deletes the oldest whole segments while the
   * log would still hold maxRecords without them, or while the oldest
   * segment's newest record is older than maxAgeMs (the active one too: the
   * log is then empty, its start at its end). Returns how many records were
   * deleted.
   */
  applyRetention(now: number): number {
    const { maxRecords, maxAgeMs, segmentRecords } = this.retention;
    if (this.logEndOffset === 0) return 0;
    const activeBase = Math.floor((this.logEndOffset - 1) / segmentRecords) * segmentRecords;
    let start = this.logStartOffset;
    for (;;) {
      const segmentEnd = (Math.floor(start / segmentRecords) + 1) * segmentRecords;
      if (segmentEnd > activeBase) {
        // The active segment goes too once its newest record is too old: Kafka rolls a new,
        // empty one first (UnifiedLog.deletableSegments, deleteSegments). Size retention never
        // takes it: the log would keep nothing.
        if (
          start < this.logEndOffset &&
          maxAgeMs !== null &&
          this.timestampAt(this.logEndOffset - 1) < now - maxAgeMs
        )
          start = this.logEndOffset;
        break;
      }
      // retention.bytes: a segment goes only if the log keeps at least the limit without it
      // (UnifiedLog.deleteRetentionSizeBreachedSegments: diff - segment.size >= 0).
      const tooMany = this.logEndOffset - segmentEnd >= maxRecords;
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
      const first = Math.floor(start / CHUNK);
      if (first > this.firstChunk) {
        this.chunks.splice(0, first - this.firstChunk);
        this.firstChunk = first;
      }
    }
    return deleted;
  }
}
