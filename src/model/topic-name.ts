/**
 * Topic name legality (kafka-semantics §6, Topic.java): non-empty, not "." or
 * "..", at most 249 characters, only ASCII [a-zA-Z0-9._-].
 */
export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL = /^[a-zA-Z0-9._-]+$/;

/** Returns why the name is invalid, or null when Kafka accepts it. */
export function topicNameProblem(name: string): string | null {
  if (name.length === 0) return 'topic name is empty';
  if (name === '.' || name === '..') return `topic name cannot be "${name}"`;
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `topic name is ${name.length} characters; the limit is ${MAX_TOPIC_NAME_LENGTH}`;
  }
  if (!LEGAL.test(name)) {
    return `topic name "${name}" has a character outside [a-zA-Z0-9._-]`;
  }
  return null;
}

/**
 * Metric names treat "." and "_" alike, so the KRaft controller rejects a
 * topic that collides with an existing one once "." maps to "_"
 * (kafka-semantics §6). Returns the existing topic it collides with, if any.
 */
export function collidingTopic(name: string, existing: Iterable<string>): string | undefined {
  const unified = name.replaceAll('.', '_');
  for (const other of existing) {
    if (other !== name && other.replaceAll('.', '_') === unified) return other;
  }
  return undefined;
}

/** Internal topics a user topic must not be named after (kafka-semantics §6). */
export const INTERNAL_TOPICS = ['__consumer_offsets', '__transaction_state', '__share_group_state'];
