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
  /** Sticky partitioners: current partition and the bytes/time of its batch. */
  stickyPartition = -1;
  private stickyBytes = 0;
  private batchOpenedAt = 0;

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
   * KIP-480 (Java 2.4–3.2): stay on one partition until its batch is full
   * (batch.size) or sent (linger.ms elapsed), then pick a random partition
   * other than the current one. KIP-794 (3.3+, `uniform`): switch once
   * batch.size bytes went to the partition, to a random one that may repeat.
   * Adaptive partitioning is not modelled: one broker, equal queues.
   */
  private sticky(n: number, now: number, uniform: boolean): number {
    const { batchSize, lingerMs, recordBytes } = this.config;
    const current = this.stickyPartition;
    const batchDone = uniform
      ? this.stickyBytes >= batchSize
      : this.stickyBytes >= batchSize || now - this.batchOpenedAt > lingerMs;
    if (current < 0 || current >= n || batchDone) {
      let next: number;
      if (uniform || n === 1 || current < 0 || current >= n) {
        next = this.stickyRng.nextInt(n);
      } else {
        next = this.stickyRng.nextInt(n - 1);
        if (next >= current) next++;
      }
      this.stickyPartition = next;
      this.stickyBytes = 0;
      this.batchOpenedAt = now;
    }
    this.stickyBytes += recordBytes;
    return this.stickyPartition;
  }

  /** Keys for the "how many keys would move" preview. */
  get entityIdList(): Int32Array {
    return this.entityIds;
  }
}
