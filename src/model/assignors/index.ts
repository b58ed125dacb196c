import { SimulationError } from '../errors';
import { kafkajsRoundRobinAssign } from './kafkajs-round-robin';
import { rangeAssign } from './range';
import { roundRobinAssign } from './round-robin';
import { stickyAssign } from './sticky';
import type { Assignment, AssignorMember, TopicPartitionCounts } from './types';

export type { Assignment, AssignorMember, TopicPartition, TopicPartitionCounts } from './types';
export { kafkajsRoundRobin } from './kafkajs-round-robin';
/** Java's sticky assignors. Groups use `sticky` with the eager protocol; the cooperative one is not a group setting yet. */
export { cooperativeStickyAssign, stickyAssign } from './sticky';

/** Assignor protocol names: Java's, plus kafkajs's own (kafka-semantics §3). */
export const ASSIGNORS = ['range', 'roundrobin', 'sticky', 'kafkajs-roundrobin'] as const;
export type AssignorName = (typeof ASSIGNORS)[number];

/** Eager assignors: every rebalance revokes everything (kafka-semantics §3). */
const IMPLEMENTATIONS: Record<
  AssignorName,
  (members: readonly AssignorMember[], topics: TopicPartitionCounts) => Assignment
> = {
  range: rangeAssign,
  roundrobin: roundRobinAssign,
  sticky: stickyAssign,
  'kafkajs-roundrobin': kafkajsRoundRobinAssign,
};

export function isAssignorName(name: unknown): name is AssignorName {
  return typeof name === 'string' && (ASSIGNORS as readonly string[]).includes(name);
}

/**
 * Assigns the topics' partitions to the members with the named strategy.
 * Every member id maps to its `[topic, partition]` list ([] when it gets none).
 */
export function assignPartitions(
  strategy: string,
  members: readonly AssignorMember[],
  topics: TopicPartitionCounts,
): Assignment {
  if (!isAssignorName(strategy)) {
    throw new SimulationError(
      'UNKNOWN_ASSIGNOR',
      'strategy',
      `unknown assignor "${strategy}"; expected one of ${ASSIGNORS.join(', ')}`,
    );
  }
  const ids = new Set<string>();
  members.forEach((m, i) => {
    if (ids.has(m.id)) {
      throw new SimulationError(
        'INVALID_CONFIG',
        `members[${i}].id`,
        `duplicate member id "${m.id}"`,
      );
    }
    ids.add(m.id);
  });
  return IMPLEMENTATIONS[strategy](members, topics);
}
