import { isCopying } from './copy-graph';
import { SimulationError } from './errors';
import { frozen, type RetentionConfig } from './config';
import { PartitionLog } from './partition-log';

export type TopicRole = 'topic' | 'dead-letter';

/**
 * A topic: its partitions' logs. Partitions can be added, never removed
 * (kafka-semantics §5).
 */
export class Topic {
  readonly partitions: PartitionLog[] = [];
  /**
   * Records about one key (entity) may sit in more than one partition: partitions were added,
   * a keyed record named its partition, keyed producers hash differently, or a producer sends
   * without a key. Per-key order then spans partitions, and groups consume the topic event by
   * event (see Group.batchable).
   */
  keysMayMove = false;
  /** The key hash of the keyed producers so far ('murmur2' or 'legacy'). */
  keyHash: string | null = null;

  constructor(
    readonly index: number,
    readonly name: string,
    partitionCount: number,
    readonly retention: RetentionConfig,
    readonly role: TopicRole,
    createdAt: number,
  ) {
    if (isCopying()) return;
    frozen(retention);
    for (let p = 0; p < partitionCount; p++)
      this.partitions.push(new PartitionLog(index, p, retention, createdAt));
  }

  get partitionCount(): number {
    return this.partitions.length;
  }

  /**
   * Checks `kafka-topics --alter --partitions N` (kafka-semantics §5): the
   * count must grow; equal or smaller fails with INVALID_PARTITIONS and
   * Kafka's wording.
   */
  checkNewPartitionCount(count: number, path: string, max: number): void {
    const n = this.partitionCount;
    if (count === n) {
      throw new SimulationError('INVALID_PARTITIONS', path, `Topic already has ${n} partition(s).`);
    }
    if (count < n) {
      throw new SimulationError(
        'INVALID_PARTITIONS',
        path,
        `The topic ${this.name} currently has ${n} partition(s); ${count} would not be an increase.`,
      );
    }
    if (count > max) {
      throw new SimulationError(
        'INVALID_PARTITIONS',
        path,
        `at most ${max} partitions, got ${count}`,
      );
    }
  }

  addPartitions(count: number, now: number): PartitionLog[] {
    const added: PartitionLog[] = [];
    for (let p = this.partitionCount; p < count; p++) {
      const log = new PartitionLog(this.index, p, this.retention, now);
      this.partitions.push(log);
      added.push(log);
    }
    return added;
  }
}
