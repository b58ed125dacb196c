import { SimulationError } from '../errors';
import { kafkajsRoundRobinAssign } from './kafkajs-round-robin';
import { rangeAssign } from './range';
import { roundRobinAssign } from './round-robin';
import { cooperativeStickyAssign, stickyAssign } from './sticky';
import type { Assignment, AssignorMember, TopicPartitionCounts } from './types';

export type { Assignment, AssignorMember, TopicPartition, TopicPartitionCounts } from './types';
export { kafkajsRoundRobin } from './kafkajs-round-robin';
export { cooperativeStickyAssign, stickyAssign } from './sticky';

/**
 * Assignor names (kafka-semantics §3): the classic protocol's Java
 * strategies and kafkajs's own, then KIP-848's server-side assignors
 * (`group.protocol=consumer` with `group.remote.assignor` uniform or range),
 * prefixed so one name says both the protocol and the assignor.
 */
export const ASSIGNORS = [
  'range',
  'roundrobin',
  'sticky',
  'cooperative-sticky',
  'kafkajs-roundrobin',
  'kip848-uniform',
  'kip848-range',
] as const;
export type AssignorName = (typeof ASSIGNORS)[number];

/**
 * How a group with this assignor rebalances (kafka-semantics §3): `eager`
 * revokes everything and stops the world; `cooperative` (classic protocol,
 * KIP-429) keeps what does not move and hands a moved partition over in a
 * second rebalance; `consumer` (KIP-848) has no group-wide barrier: each
 * member reconciles towards a target the coordinator computes.
 */
export type RebalanceProtocol = 'eager' | 'cooperative' | 'consumer';

export function rebalanceProtocol(assignor: AssignorName): RebalanceProtocol {
  if (assignor === 'cooperative-sticky') return 'cooperative';
  if (assignor === 'kip848-uniform' || assignor === 'kip848-range') return 'consumer';
  return 'eager';
}

const IMPLEMENTATIONS: Record<
  AssignorName,
  (members: readonly AssignorMember[], topics: TopicPartitionCounts) => Assignment
> = {
  range: rangeAssign,
  roundrobin: roundRobinAssign,
  sticky: stickyAssign,
  'cooperative-sticky': cooperativeStickyAssign,
  'kafkajs-roundrobin': kafkajsRoundRobinAssign,
  // KIP-848's uniform puts balance before stickiness, as the sticky assignor does; its range
  // gives each member contiguous, co-partitioned ranges, as Java's range does (§3 tests).
  'kip848-uniform': stickyAssign,
  'kip848-range': rangeAssign,
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
