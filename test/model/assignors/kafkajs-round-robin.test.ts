/**
 * kafka-semantics §3 "kafkajs RoundRobinAssigner": members sorted with JS
 * .sort(), partitions flattened in the leader's subscription order and then
 * metadata order (nothing sorted), item i to sorted[i % n], other members'
 * subscriptions ignored, members with nothing omitted. Checked against the
 * vectors and against the real kafkajs 2.2.4 assigner.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignPartitions,
  kafkajsRoundRobin,
  type AssignorMember,
} from '../../../src/model/assignors';
import {
  TOPIC_POOL,
  isObjectPrototypeKey,
  memberIdArb,
  toTopicMap,
  topicCountsArb,
} from '../support/fidelity-assignors';
import { kafkajsRoundRobinOracle } from '../support/fidelity-kafkajs';
import { vectors, type RoundRobinAssignerCase } from '../support/fidelity-vectors';

const { cases } = vectors.roundRobinAssigner;

/** Metadata lists partitions 0..n-1 in order for every topic: assignPartitions can express it. */
function isExpressibleWithCounts(c: RoundRobinAssignerCase): boolean {
  return Object.values(c.input.partitions).every((ids) => ids.every((id, i) => id === i));
}

function byMemberId<T extends { memberId: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

describe('§3 kafkajs RoundRobinAssigner: roundRobinAssigner vectors via kafkajsRoundRobin', () => {
  it('has the ten documented cases', () => {
    expect(cases).toHaveLength(10);
  });

  it.each(cases.map((c) => [c.name, c]))('%s', (_name, c) => {
    const got = kafkajsRoundRobin(c.input.members, c.input.topics, c.input.partitions);
    expect(got).toEqual(c.output);
  });

  it.each(cases.map((c) => [c.name, c]))('%s (the real kafkajs agrees)', async (_name, c) => {
    const oracle = await kafkajsRoundRobinOracle(
      c.input.members,
      c.input.topics,
      c.input.partitions,
    );
    expect(oracle).toEqual(c.output);
  });
});

describe('§3 kafkajs RoundRobinAssigner: vectors via assignPartitions("kafkajs-roundrobin")', () => {
  const expressible = cases.filter(isExpressibleWithCounts);

  it('all but the broker-order case [2,0,1] are expressible with partition counts', () => {
    expect(cases.filter((c) => !isExpressibleWithCounts(c)).map((c) => c.name)).toEqual([
      'partition metadata in broker order [2,0,1]: kafkajs does NOT sort partitions',
    ]);
  });

  it.each(expressible.map((c) => [c.name, c]))('%s', (_name, c) => {
    const { members: ids, topics, partitions } = c.input;
    // The first member is the leader: its subscription order gives the topic order.
    // The others subscribe to something else entirely: kafkajs ignores it.
    const members: AssignorMember[] = ids.map((id, i) =>
      i === 0 ? { id, topics } : { id, topics: ['unrelated'] },
    );
    const counts = Object.fromEntries(
      Object.entries(partitions).map(([t, ids]) => [t, ids.length]),
    );
    const got = assignPartitions('kafkajs-roundrobin', members, counts);
    const expected = Object.fromEntries(ids.map((id) => [id, {}]));
    for (const { memberId, assignment } of c.output) expected[memberId] = assignment;
    expect(Object.keys(got).sort()).toEqual([...ids].sort());
    expect(
      Object.fromEntries(Object.entries(got).map(([id, tps]) => [id, toTopicMap(tps)])),
    ).toEqual(expected);
  });
});

describe('§3 kafkajs RoundRobinAssigner: semantics examples', () => {
  it('spec: topic-A(14)+topic-B(5), members 3,1,4,2', () => {
    const got = kafkajsRoundRobin(
      ['member-3', 'member-1', 'member-4', 'member-2'],
      ['topic-A', 'topic-B'],
      {
        'topic-A': Array.from({ length: 14 }, (_, i) => i),
        'topic-B': [0, 1, 2, 3, 4],
      },
    );
    expect(got).toEqual([
      { memberId: 'member-1', assignment: { 'topic-A': [0, 4, 8, 12], 'topic-B': [2] } },
      { memberId: 'member-2', assignment: { 'topic-A': [1, 5, 9, 13], 'topic-B': [3] } },
      { memberId: 'member-3', assignment: { 'topic-A': [2, 6, 10], 'topic-B': [0, 4] } },
      { memberId: 'member-4', assignment: { 'topic-A': [3, 7, 11], 'topic-B': [1] } },
    ]);
  });

  it('3 partitions / 2 members -> a=[0,2], b=[1]; 7/3 -> c0=[0,3,6], c1=[1,4], c2=[2,5]', () => {
    expect(kafkajsRoundRobin(['b', 'a'], ['t'], { t: [0, 1, 2] })).toEqual([
      { memberId: 'a', assignment: { t: [0, 2] } },
      { memberId: 'b', assignment: { t: [1] } },
    ]);
    expect(
      assignPartitions(
        'kafkajs-roundrobin',
        ['c2', 'c0', 'c1'].map((id) => ({ id, topics: ['t'] })),
        { t: 7 },
      ),
    ).toEqual({
      c0: [
        ['t', 0],
        ['t', 3],
        ['t', 6],
      ],
      c1: [
        ['t', 1],
        ['t', 4],
      ],
      c2: [
        ['t', 2],
        ['t', 5],
      ],
    });
  });

  it('the leader deals its own topics to every member, subscribed or not (§7)', () => {
    const got = assignPartitions(
      'kafkajs-roundrobin',
      [
        { id: 'leader', topics: ['orders'] },
        { id: 'other-app', topics: ['payments'] },
      ],
      { orders: 2, payments: 2 },
    );
    expect(got).toEqual({ leader: [['orders', 0]], 'other-app': [['orders', 1]] });
  });

  it('the leader is the first member: its topic order is used, unsorted', () => {
    const members = (first: string[]): AssignorMember[] => [
      { id: 'B', topics: first },
      { id: 'A', topics: ['t0', 't1'] },
    ];
    const counts = { t0: 3, t1: 3 };
    expect(
      toTopicMap(assignPartitions('kafkajs-roundrobin', members(['t1', 't0']), counts)['A']!),
    ).toEqual({ t1: [0, 2], t0: [1] });
    expect(
      toTopicMap(assignPartitions('kafkajs-roundrobin', members(['t0', 't1']), counts)['A']!),
    ).toEqual({ t0: [0, 2], t1: [1] });
  });

  it('members with nothing are omitted from the raw shape but listed with [] by assignPartitions', () => {
    expect(kafkajsRoundRobin(['m1', 'm2', 'm3'], ['t'], { t: [0] })).toEqual([
      { memberId: 'm1', assignment: { t: [0] } },
    ]);
    expect(
      assignPartitions(
        'kafkajs-roundrobin',
        ['m1', 'm2', 'm3'].map((id) => ({ id, topics: ['t'] })),
        { t: 1 },
      ),
    ).toEqual({ m1: [['t', 0]], m2: [], m3: [] });
  });
});

describe('§3 kafkajs RoundRobinAssigner against the real kafkajs 2.2.4 (oracle)', () => {
  const params = { seed: 42, numRuns: 2000 };

  /** Topic names: legal Kafka names, some integer-like; kafkajs keeps them in objects. */
  const topicNameArb = fc.oneof(
    fc.constantFrom(...TOPIC_POOL),
    fc.stringMatching(/^[a-zA-Z0-9._-]{1,8}$/).filter((s) => !isObjectPrototypeKey(s)),
  );

  /** Metadata: for some topics, partition ids in a random (broker) order. */
  const rawInputArb = fc.record({
    memberIds: fc.uniqueArray(memberIdArb, { minLength: 1, maxLength: 12 }),
    topics: fc.uniqueArray(topicNameArb, { maxLength: 6 }),
    metadata: fc.dictionary(
      topicNameArb,
      fc.integer({ min: 0, max: 20 }).chain((n) =>
        fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
      ),
      { maxKeys: 6 },
    ),
  });

  /** Topics listed by the leader also get metadata most of the time. */
  const inputArb = rawInputArb.chain((input) =>
    fc
      .array(fc.integer({ min: 0, max: 20 }), {
        minLength: input.topics.length,
        maxLength: input.topics.length,
      })
      .chain((counts) =>
        fc
          .array(fc.boolean(), { minLength: input.topics.length, maxLength: input.topics.length })
          .map((known) => {
            const metadata: Record<string, number[]> = { ...input.metadata };
            input.topics.forEach((t, i) => {
              if (known[i] && !Object.hasOwn(metadata, t)) {
                metadata[t] = Array.from({ length: counts[i]! }, (_, p) => counts[i]! - 1 - p);
              }
            });
            return { ...input, metadata };
          }),
      ),
  );

  it('kafkajsRoundRobin gives each member what kafkajs gives it (member order aside)', async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, async ({ memberIds, topics, metadata }) => {
        const oracle = await kafkajsRoundRobinOracle(memberIds, topics, metadata);
        const ours = kafkajsRoundRobin(memberIds, topics, metadata);
        expect(byMemberId(ours)).toEqual(byMemberId(oracle));
      }),
      params,
    );
  });

  it("kafkajsRoundRobin returns exactly kafkajs's array, in kafkajs's member order", async () => {
    await fc.assert(
      fc.asyncProperty(inputArb, async ({ memberIds, topics, metadata }) => {
        const oracle = await kafkajsRoundRobinOracle(memberIds, topics, metadata);
        expect(kafkajsRoundRobin(memberIds, topics, metadata)).toEqual(oracle);
      }),
      params,
    );
  });

  it('member-1..member-12: JS sort order (member-10 < member-2) as in kafkajs', async () => {
    const idsArb = fc.shuffledSubarray(
      Array.from({ length: 12 }, (_, i) => `member-${i + 1}`),
      { minLength: 1 },
    );
    await fc.assert(
      fc.asyncProperty(idsArb, fc.integer({ min: 0, max: 40 }), async (ids, n) => {
        const metadata = { t: Array.from({ length: n }, (_, p) => p) };
        const oracle = await kafkajsRoundRobinOracle(ids, ['t'], metadata);
        expect(kafkajsRoundRobin(ids, ['t'], metadata)).toEqual(oracle);
      }),
      params,
    );
  });

  /** A group: the first member is the leader; everyone subscribes to something. */
  const groupArb = fc.record({
    topics: topicCountsArb,
    members: fc.uniqueArray(memberIdArb, { minLength: 1, maxLength: 12 }).chain((ids) =>
      fc
        .array(fc.shuffledSubarray([...TOPIC_POOL]), {
          minLength: ids.length,
          maxLength: ids.length,
        })
        .map((subs) => ids.map((id, i): AssignorMember => ({ id, topics: subs[i]! }))),
    ),
  });

  it('assignPartitions("kafkajs-roundrobin") gives every member what kafkajs gives it', async () => {
    await fc.assert(
      fc.asyncProperty(groupArb, async ({ members, topics }) => {
        const leader = members[0]!;
        const metadata = Object.fromEntries(
          Object.entries(topics).map(([t, n]) => [t, Array.from({ length: n }, (_, p) => p)]),
        );
        const oracle = await kafkajsRoundRobinOracle(
          members.map((m) => m.id),
          leader.topics,
          metadata,
        );
        const expected: Record<string, Record<string, number[]>> = Object.fromEntries(
          members.map((m) => [m.id, {}]),
        );
        for (const { memberId, assignment } of oracle) expected[memberId] = assignment;
        const got = assignPartitions('kafkajs-roundrobin', members, topics);
        expect(Object.keys(got).sort()).toEqual(members.map((m) => m.id).sort());
        expect(
          Object.fromEntries(Object.entries(got).map(([id, tps]) => [id, toTopicMap(tps)])),
        ).toEqual(expected);
      }),
      params,
    );
  });
});
