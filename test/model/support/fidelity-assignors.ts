/** Helpers shared by the assignor fidelity tests. */
import fc from 'fast-check';
import type { AssignorMember, TopicPartition } from '../../../src/model/assignors';
import type { JavaAssignorExample } from './fidelity-vectors';

/** "topic1-0" -> ["topic1", 0] (the topic itself may contain "-"). */
export function parseTopicPartition(label: string): TopicPartition {
  const dash = label.lastIndexOf('-');
  const partition = Number(label.slice(dash + 1));
  if (dash <= 0 || !Number.isInteger(partition)) throw new Error(`bad partition label ${label}`);
  return [label.slice(0, dash), partition];
}

/** "consumer-b (instance1)" -> member id consumer-b with group.instance.id instance1. */
export function parseMemberLabel(label: string): { id: string; groupInstanceId?: string } {
  const match = /^(\S+) \((\S+)\)$/.exec(label);
  if (!match) {
    if (/[\s()]/.test(label)) throw new Error(`unexpected member label ${label}`);
    return { id: label };
  }
  return { id: match[1]!, groupInstanceId: match[2]! };
}

/**
 * The members of a Java assignor example. `instanceIds` adds group.instance.id
 * for examples whose test name (not its labels) says which members are static.
 */
export function membersOf(
  example: JavaAssignorExample,
  instanceIds: Readonly<Record<string, string>> = {},
): AssignorMember[] {
  return Object.entries(example.subscriptions).map(([label, topics]) => {
    const { id, groupInstanceId } = parseMemberLabel(label);
    const instance = groupInstanceId ?? instanceIds[id];
    return instance === undefined ? { id, topics } : { id, topics, groupInstanceId: instance };
  });
}

/** The expected assignment of a Java example, keyed by member id. */
export function expectedOf(example: JavaAssignorExample): Record<string, TopicPartition[]> {
  return Object.fromEntries(
    Object.entries(example.expected).map(([label, tps]) => [
      parseMemberLabel(label).id,
      tps.map(parseTopicPartition),
    ]),
  );
}

export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
}

/** A Java assignment is a set of partitions per member: compare it sorted. */
export function sortedAssignment(
  assignment: Readonly<Record<string, readonly TopicPartition[]>>,
): Record<string, TopicPartition[]> {
  return Object.fromEntries(
    Object.entries(assignment).map(([id, tps]) => [id, [...tps].sort(compareTopicPartitions)]),
  );
}

/** [topic, p][] -> { topic: [p, ...] }, keeping the order within each topic. */
export function toTopicMap(tps: readonly TopicPartition[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [topic, p] of tps) (out[topic] ??= []).push(p);
  return out;
}

/** UTF-16 code-unit order, as Java's String.compareTo and JS's default sort. */
function codeUnitCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Java's member order (AbstractPartitionAssignor.MemberInfo#compareTo, §3),
 * written out independently: static members first by group.instance.id, then
 * dynamic members by member id.
 */
export function javaMemberOrder(members: readonly AssignorMember[]): AssignorMember[] {
  const statics = members
    .filter((m) => m.groupInstanceId !== undefined)
    .sort((a, b) => codeUnitCompare(a.groupInstanceId!, b.groupInstanceId!));
  const dynamics = members
    .filter((m) => m.groupInstanceId === undefined)
    .sort((a, b) => codeUnitCompare(a.id, b.id));
  return [...statics, ...dynamics];
}

/**
 * Names that JS objects already carry (`__proto__`, `constructor`, ...). kafkajs
 * keeps its assignment in a plain object, so member ids like these break kafkajs
 * itself; Kafka member ids are `clientId-UUID`, so they never occur.
 */
export function isObjectPrototypeKey(s: string): boolean {
  return s in Object.prototype;
}

/** Member ids: member-1..member-12 (JS sort puts member-10 before member-2) or random. */
export const memberIdArb: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 12 }).map((i) => `member-${i}`),
  fc.integer({ min: 1, max: 12 }).map((i) => `consumer-${i}-${(i * 7919).toString(16)}`),
  fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !isObjectPrototypeKey(s)),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 4 })
    .filter((s) => !isObjectPrototypeKey(s)),
);

/** Topic names (legal Kafka names), with orders where sorting matters. */
export const TOPIC_POOL = [
  'a',
  'b',
  'orders',
  'topic-1',
  'topic-2',
  'topic-10',
  'Topic',
  't_0',
  't.0',
];

/** Partition counts per topic for a random subset of TOPIC_POOL; counts 0..20. */
export const topicCountsArb: fc.Arbitrary<Record<string, number>> = fc
  .uniqueArray(fc.constantFrom(...TOPIC_POOL), { maxLength: TOPIC_POOL.length })
  .chain((names) =>
    fc
      .array(fc.integer({ min: 0, max: 20 }), { minLength: names.length, maxLength: names.length })
      .map((counts) => Object.fromEntries(names.map((n, i) => [n, counts[i]!]))),
  );

/**
 * A random group for the Java assignors: 1..8 members with distinct ids, each
 * subscribed to a random subset of TOPIC_POOL in random order (topics missing
 * from `topics` are subscribed but have no metadata), some of them static with
 * distinct group.instance.ids.
 */
export const javaGroupArb: fc.Arbitrary<{
  members: AssignorMember[];
  topics: Record<string, number>;
}> = fc.record({
  topics: topicCountsArb,
  members: fc.uniqueArray(memberIdArb, { minLength: 1, maxLength: 8 }).chain((ids) => {
    const n = ids.length;
    return fc
      .tuple(
        fc.array(fc.shuffledSubarray(TOPIC_POOL), { minLength: n, maxLength: n }),
        fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: n, maxLength: n }),
      )
      .map(([subscriptions, isStatic, instanceIds]) =>
        ids.map((id, i): AssignorMember =>
          isStatic[i]
            ? { id, topics: subscriptions[i]!, groupInstanceId: instanceIds[i]! }
            : { id, topics: subscriptions[i]! },
        ),
      );
  }),
});

/** Like javaGroupArb, but every member subscribes to the same topics (own orders). */
export const sameSubscriptionGroupArb = javaGroupArb.chain(({ members, topics }) =>
  fc.shuffledSubarray(TOPIC_POOL, { minLength: 1 }).chain((subscription) =>
    fc
      .array(fc.shuffledSubarray(subscription, { minLength: subscription.length }), {
        minLength: members.length,
        maxLength: members.length,
      })
      .map((orders) => ({
        members: members.map((m, i): AssignorMember => ({ ...m, topics: orders[i]! })),
        topics,
        subscription,
      })),
  ),
);

/** Every [topic, p] of the topics some member subscribes to and that have metadata. */
export function subscribedPartitions(
  members: readonly AssignorMember[],
  topics: Readonly<Record<string, number>>,
): TopicPartition[] {
  const subscribed = new Set(members.flatMap((m) => m.topics));
  return Object.entries(topics)
    .filter(([t]) => subscribed.has(t))
    .flatMap(([t, n]) => Array.from({ length: n }, (_, p): TopicPartition => [t, p]))
    .sort(compareTopicPartitions);
}
