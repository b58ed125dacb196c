import {
  emptyAssignment,
  type Assignment,
  type AssignorMember,
  type TopicPartitionCounts,
} from './types';

/**
 * kafkajs's RoundRobinAssigner, its only assigner (kafka-semantics §3):
 * member ids sorted with JS's default sort (so member-10 < member-2);
 * partitions flattened topic by topic in the leader's subscription order and,
 * within a topic, in metadata order; item i goes to sorted[i % n]. Other
 * members' subscriptions are ignored. Members that get nothing are omitted.
 *
 * This is the raw kafkajs shape; `kafkajsRoundRobinAssign` adapts it.
 */
export function kafkajsRoundRobin(
  memberIds: readonly string[],
  topics: readonly string[],
  partitionMetadata: Readonly<Record<string, readonly number[]>>,
): { memberId: string; assignment: Record<string, number[]> }[] {
  const sorted = [...memberIds].sort();
  // A plain object, as in kafkajs: Object.keys lists integer-like member ids
  // first, in numeric order, and kafkajs returns members in that order.
  const assignment: Record<string, Record<string, number[]>> = {};
  const flat = topics.flatMap((topic) =>
    (partitionMetadata[topic] ?? []).map((partitionId) => ({ topic, partitionId })),
  );
  flat.forEach(({ topic, partitionId }, i) => {
    const assignee = sorted[i % sorted.length]!;
    const own = Object.hasOwn(assignment, assignee)
      ? assignment[assignee]!
      : defineOwn(assignment, assignee, Object.create(null) as Record<string, number[]>);
    (Object.hasOwn(own, topic) ? own[topic]! : defineOwn(own, topic, [])).push(partitionId);
  });
  return Object.keys(assignment).map((memberId) => ({
    memberId,
    assignment: { ...assignment[memberId] },
  }));
}

/** Sets an own property even for names like "__proto__". */
function defineOwn<T>(o: Record<string, T>, key: string, value: T): T {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

/**
 * `assignPartitions` adapter: the leader is the first member given (the
 * group passes its leader first); its subscription order decides the topic
 * order, and partitions are in ascending (metadata) order.
 */
export function kafkajsRoundRobinAssign(
  members: readonly AssignorMember[],
  topics: TopicPartitionCounts,
): Assignment {
  const out = emptyAssignment(members);
  const leader = members[0];
  if (!leader) return out;
  const metadata: Record<string, number[]> = {};
  for (const topic of leader.topics) {
    const n = topics[topic];
    if (n !== undefined) metadata[topic] = Array.from({ length: n }, (_, p) => p);
  }
  const raw = kafkajsRoundRobin(
    members.map((m) => m.id),
    leader.topics,
    metadata,
  );
  for (const { memberId, assignment } of raw) {
    for (const [topic, partitions] of Object.entries(assignment)) {
      for (const p of partitions) out[memberId]!.push([topic, p]);
    }
  }
  return out;
}
