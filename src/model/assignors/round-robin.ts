import { compareJavaMembers, compareStrings } from './java-member-order';
import {
  emptyAssignment,
  type Assignment,
  type AssignorMember,
  type TopicPartitionCounts,
} from './types';

/**
 * Java's RoundRobinAssignor (kafka-semantics §3): all subscribed topics sorted
 * by name, partitions ascending, dealt over the members in Java member order
 * with a circular iterator that skips members not subscribed to the topic.
 * Every member is listed, even with nothing.
 */
export function roundRobinAssign(
  members: readonly AssignorMember[],
  topics: TopicPartitionCounts,
): Assignment {
  const out = emptyAssignment(members);
  const sorted = [...members].sort(compareJavaMembers);
  if (sorted.length === 0) return out;
  const subscribed = new Set(members.flatMap((m) => m.topics));
  const topicNames = Object.keys(topics)
    .filter((t) => subscribed.has(t))
    .sort(compareStrings);
  let cursor = 0;
  for (const topic of topicNames) {
    for (let p = 0; p < topics[topic]!; p++) {
      while (!sorted[cursor % sorted.length]!.topics.includes(topic)) cursor++;
      out[sorted[cursor % sorted.length]!.id]!.push([topic, p]);
      cursor++;
    }
  }
  return out;
}
