import { isCopying } from './copy-graph';
import { frozen, type KeySpec, type ProducerConfig } from './config';
import type { EntityTable } from './entities';
import { toPositive } from './murmur2';
import { rngStream, type Rng } from './rng';
import type { Topic } from './topic';

/**
 * A producer: emits `ratePerSec` records about its entities and chooses each
 * record's partition as its client would (kafka-semantics §1–2), using the
 * partition count from its last metadata refresh.
 */
export class Producer {
  /** Replaced with setConfig (which keeps intervalMs in step). */
  config!: ProducerConfig;
  /** Interval between two records, in ms; Infinity when paused (read once a record). */
  intervalMs!: number;
  /** Partition count as of the last metadata refresh. */
  knownPartitions!: number;
  produced = 0;
  private entityIds: Int32Array = new Int32Array(0);
  private zipfCumulative: Float64Array | null = null;
  private readonly keyRng!: Rng;
  private readonly poisonRng!: Rng;
  private readonly stickyRng!: Rng;
  /** kafkajs round-robin counter (kafka-semantics §2): starts at a random UInt32. */
  private counter!: number;
  /** Sticky partitioners: the current partition, and (KIP-794) the bytes sent to it since. */
  stickyPartition = -1;
  private stickyBytes = 0;
  /** KIP-794: decided after each record, as Java does: the next one goes elsewhere. */
  private switchDue = false;
  /**
   * Per partition, the last batch still in the accumulator: its bytes (0: none, or sent) and
   * when it opened. Batches of one partition fill one at a time (RecordAccumulator).
   */
  private batchBytes: number[] = [];
  private batchOpenedAt: number[] = [];

  constructor(
    config: ProducerConfig,
    readonly index: number,
    readonly topic: Topic,
    private readonly entities: EntityTable,
    seed: number,
  ) {
    if (isCopying()) return;
    this.setConfig(config);
    this.knownPartitions = topic.partitionCount;
    this.keyRng = rngStream(seed, `producer:${config.id}:keys`);
    this.poisonRng = rngStream(seed, `producer:${config.id}:poison`);
    this.stickyRng = rngStream(seed, `producer:${config.id}:sticky`);
    this.counter = rngStream(seed, `producer:${config.id}:round-robin`).nextUint32();
    this.setKeys(config.keys);
  }

  setKeys(keys: KeySpec): void {
    this.entityIds = new Int32Array(keys.count);
    for (let i = 0; i < keys.count; i++)
      this.entityIds[i] = this.entities.intern(`${keys.prefix}${i + 1}`);
    if (keys.distribution === 'zipf') {
      // Zipf with s = 1: weight 1/rank. Plain division only, so every engine agrees.
      const cumulative = new Float64Array(keys.count);
      let total = 0;
      for (let i = 0; i < keys.count; i++) cumulative[i] = total += 1 / (i + 1);
      this.zipfCumulative = cumulative;
    } else {
      this.zipfCumulative = null;
    }
  }

  setConfig(config: ProducerConfig): void {
    this.config = frozen(config);
    this.intervalMs = config.ratePerSec > 0 ? 1000 / config.ratePerSec : Infinity;
  }

  /** Draws the entity the next record is about. */
  nextEntity(): number {
    const u = this.keyRng.next();
    const cumulative = this.zipfCumulative;
    if (cumulative === null) return this.entityIds[Math.floor(u * this.entityIds.length)]!;
    const target = u * cumulative[cumulative.length - 1]!;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.entityIds[lo]!;
  }

  nextIsPoison(): boolean {
    return this.config.poisonRate > 0 && this.poisonRng.next() < this.config.poisonRate;
  }

  get keyed(): boolean {
    return this.config.keys.mode === 'keyed';
  }

  /** The partition for a record about `entity` sent at `now`. */
  partitionFor(entity: number, now: number): number {
    const n = this.knownPartitions;
    switch (this.config.partitioner) {
      case 'kafkajs-default':
        return this.keyed ? toPositive(this.entities.hash(entity)) % n : this.roundRobin(n);
      case 'kafkajs-legacy':
        return this.keyed ? toPositive(this.entities.legacyHash(entity)) % n : this.roundRobin(n);
      case 'java-sticky':
        return this.keyed ? toPositive(this.entities.hash(entity)) % n : this.sticky(n, now, false);
      case 'java-uniform-sticky':
        return this.keyed ? toPositive(this.entities.hash(entity)) % n : this.sticky(n, now, true);
    }
  }

  /** kafkajs: ++counter, toPositive(counter) % available (all partitions have a leader here). */
  private roundRobin(n: number): number {
    return toPositive(++this.counter) % n;
  }

  /**
   * KIP-480 (Java 2.4–3.2): stay on one partition until a record there needs a
   * new batch (the last one was sent once linger.ms passed, or has no room for
   * it: a batch never holds more than batch.size, unless one record is bigger);
   * that record goes to a random partition other than the current one.
   * KIP-794 (3.3+, `uniform`): switch once batch.size bytes went to the
   * partition and its last batch is full, or at 2× batch.size regardless
   * (KAFKA-14156), to a random partition that may repeat (kafka-semantics §2).
   * Adaptive partitioning is not modelled: one broker, equal queues.
   */
  private sticky(n: number, now: number, uniform: boolean): number {
    const { batchSize, recordBytes } = this.config;
    let p = this.stickyPartition;
    if (p < 0 || p >= n) p = this.switchSticky(n, -1, uniform);
    else if (uniform ? this.switchDue : this.needsNewBatch(p, now)) {
      p = this.switchSticky(n, p, uniform);
    }
    if (this.needsNewBatch(p, now)) {
      this.batchBytes[p] = 0;
      this.batchOpenedAt[p] = now;
    }
    this.batchBytes[p]! += recordBytes;
    if (uniform) {
      this.stickyBytes += recordBytes;
      const lastBatchFull = this.batchBytes[p]! >= batchSize;
      this.switchDue =
        (this.stickyBytes >= batchSize && lastBatchFull) || this.stickyBytes >= 2 * batchSize;
    }
    return p;
  }

  /** Whether the next record on `p` opens a batch: none there, sent (linger.ms passed), or full. */
  private needsNewBatch(p: number, now: number): boolean {
    const held = this.batchBytes[p] ?? 0;
    const { batchSize, lingerMs, recordBytes } = this.config;
    return held === 0 || now - this.batchOpenedAt[p]! > lingerMs || held + recordBytes > batchSize;
  }

  /** A new sticky partition: KIP-480 never the current one, KIP-794 any. */
  private switchSticky(n: number, current: number, uniform: boolean): number {
    let next: number;
    if (uniform || n === 1 || current < 0) {
      next = this.stickyRng.nextInt(n);
    } else {
      next = this.stickyRng.nextInt(n - 1);
      if (next >= current) next++;
    }
    this.stickyPartition = next;
    this.stickyBytes = 0;
    this.switchDue = false;
    return next;
  }

  /** Keys for the "how many keys would move" preview. */
  get entityIdList(): Int32Array {
    return this.entityIds;
  }
}
