/** A topic-partition, as `[topic, partition]`. */
export type TopicPartition = readonly [topic: string, partition: number];

/** One group member as an assignor sees it (kafka-semantics §3). */
export interface AssignorMember {
  readonly id: string;
  /** Topics this member subscribes to, in its subscription order. */
  readonly topics: readonly string[];
  /** Static membership (`group.instance.id`); Java sorts these first. */
  readonly groupInstanceId?: string;
  /** Partitions the member owned before this rebalance (sticky assignors). */
  readonly owned?: readonly TopicPartition[];
  /** Generation of `owned` (sticky assignors). */
  readonly generation?: number;
}

/** Partition counts per topic; partitions are 0..n-1. */
export type TopicPartitionCounts = Readonly<Record<string, number>>;

/** Every member id maps to its partitions; members with nothing map to []. */
export type Assignment = Record<string, TopicPartition[]>;

export function emptyAssignment(members: readonly AssignorMember[]): Assignment {
  const out: Assignment = {};
  // defineProperty, so that any member id (even "__proto__") is an own key.
  for (const m of members) {
    Object.defineProperty(out, m.id, {
      value: [],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
