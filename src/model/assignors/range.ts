import { compareJavaMembers, compareStrings } from './java-member-order';
import {
  emptyAssignment,
  type Assignment,
  type AssignorMember,
  type TopicPartitionCounts,
} from './types';

/**
 * Java's RangeAssignor (kafka-semantics §3): per topic, over the members
 * subscribed to it in Java member order, member i gets a contiguous block of
 * q + (i < r ? 1 : 0) partitions, where q = P / C and r = P % C.
 */
export function rangeAssign(
  members: readonly AssignorMember[],
  topics: TopicPartitionCounts,
): Assignment {
  const out = emptyAssignment(members);
  const topicNames = Object.keys(topics).sort(compareStrings);
  for (const topic of topicNames) {
    const partitions = topics[topic]!;
    const consumers = members.filter((m) => m.topics.includes(topic)).sort(compareJavaMembers);
    const c = consumers.length;
    if (c === 0) continue;
    const q = Math.floor(partitions / c);
    const r = partitions % c;
    for (let i = 0; i < c; i++) {
      const start = q * i + Math.min(i, r);
      const length = q + (i < r ? 1 : 0);
      const own = out[consumers[i]!.id]!;
      for (let p = start; p < start + length; p++) own.push([topic, p]);
    }
  }
  return out;
}
