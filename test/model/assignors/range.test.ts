/**
 * kafka-semantics §3 "Range (Java)": per topic, over the subscribed consumers in
 * Java member order (static by group.instance.id first, then member id),
 * consumer i gets a contiguous block of q + (i < r ? 1 : 0) partitions.
 * Examples from RangeAssignorTest (vectors) and from the semantics text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignPartitions,
  type AssignorMember,
  type TopicPartition,
} from '../../../src/model/assignors';
import {
  expectedOf,
  javaGroupArb,
  javaMemberOrder,
  membersOf,
  sortedAssignment,
  subscribedPartitions,
} from '../support/fidelity-assignors';
import { vectors } from '../support/fidelity-vectors';

const examples = vectors.javaAssignorExamples.range;

/** The test names say which members are static where the labels don't. */
const STATIC_FROM_TEST_NAME: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  testStaticMemberRangeAssignmentPersistent: {
    consumer1: 'instance1',
    consumer2: 'instance2',
    consumer3: 'instance3',
  },
};

function instanceIdsFor(test: string): Readonly<Record<string, string>> {
  const entry = Object.entries(STATIC_FROM_TEST_NAME).find(([name]) => test.includes(name));
  return entry ? entry[1] : {};
}

function range(members: readonly AssignorMember[], topics: Record<string, number>) {
  return assignPartitions('range', members, topics);
}

/** The §3 rule, written out: per topic, contiguous blocks over the sorted subscribers. */
function expectedRange(
  members: readonly AssignorMember[],
  topics: Readonly<Record<string, number>>,
): Record<string, TopicPartition[]> {
  const out: Record<string, TopicPartition[]> = Object.fromEntries(members.map((m) => [m.id, []]));
  for (const [topic, count] of Object.entries(topics)) {
    const consumers = javaMemberOrder(members.filter((m) => m.topics.includes(topic)));
    let next = 0;
    consumers.forEach((m, i) => {
      const size = Math.floor(count / consumers.length) + (i < count % consumers.length ? 1 : 0);
      for (let k = 0; k < size; k++) out[m.id]!.push([topic, next++]);
    });
  }
  return out;
}

describe('§3 Range (Java): RangeAssignorTest examples (vectors)', () => {
  it('has the seven examples', () => {
    expect(examples).toHaveLength(7);
  });

  it.each(examples.map((e) => [e.test, e]))('%s', (test, example) => {
    const members = membersOf(example, instanceIdsFor(test));
    const got = range(members, { ...example.partitions });
    expect(Object.keys(got).sort()).toEqual(members.map((m) => m.id).sort());
    expect(sortedAssignment(got)).toEqual(sortedAssignment(expectedOf(example)));
  });

  it('parses the static labels: consumer-b (instance1) sorts before consumer-a (instance2)', () => {
    const example = examples.find((e) => e.test.includes('testTwoStaticConsumers'))!;
    const members = membersOf(example);
    expect(members).toEqual([
      { id: 'consumer-b', topics: ['topic1', 'topic2'], groupInstanceId: 'instance1' },
      { id: 'consumer-a', topics: ['topic1', 'topic2'], groupInstanceId: 'instance2' },
    ]);
    const got = range(members, { topic1: 3, topic2: 3 });
    expect(got['consumer-b']).toHaveLength(4);
    expect(got['consumer-a']).toHaveLength(2);
  });

  it('static before dynamic, even when the dynamic member id sorts first', () => {
    // testStaticMemberRangeAssignmentPersistent with ids that would sort the other way.
    const members: AssignorMember[] = [
      { id: 'aaa-dynamic', topics: ['topic1', 'topic2'] },
      { id: 'zz-3', topics: ['topic1', 'topic2'], groupInstanceId: 'instance3' },
      { id: 'zz-1', topics: ['topic1', 'topic2'], groupInstanceId: 'instance1' },
      { id: 'zz-2', topics: ['topic1', 'topic2'], groupInstanceId: 'instance2' },
    ];
    expect(sortedAssignment(range(members, { topic1: 5, topic2: 4 }))).toEqual({
      'zz-1': [
        ['topic1', 0],
        ['topic1', 1],
        ['topic2', 0],
      ],
      'zz-2': [
        ['topic1', 2],
        ['topic2', 1],
      ],
      'zz-3': [
        ['topic1', 3],
        ['topic2', 2],
      ],
      'aaa-dynamic': [
        ['topic1', 4],
        ['topic2', 3],
      ],
    });
  });
});

describe('§3 Range (Java): examples from the semantics text', () => {
  const both = (id: string): AssignorMember => ({ id, topics: ['t1', 't2'] });

  it('2 partitions, c1/c2 -> c1=[0], c2=[1]', () => {
    const got = range(
      [
        { id: 'c2', topics: ['t'] },
        { id: 'c1', topics: ['t'] },
      ],
      { t: 2 },
    );
    expect(got).toEqual({ c1: [['t', 0]], c2: [['t', 1]] });
  });

  it('1 partition -> c1=[0], c2=[]', () => {
    const got = range(
      [
        { id: 'c1', topics: ['t'] },
        { id: 'c2', topics: ['t'] },
      ],
      { t: 1 },
    );
    expect(got).toEqual({ c1: [['t', 0]], c2: [] });
  });

  it('t1(3)+t2(3) -> c1=[t1-0,t1-1,t2-0,t2-1], c2=[t1-2,t2-2]', () => {
    expect(sortedAssignment(range([both('c1'), both('c2')], { t1: 3, t2: 3 }))).toEqual({
      c1: [
        ['t1', 0],
        ['t1', 1],
        ['t2', 0],
        ['t2', 1],
      ],
      c2: [
        ['t1', 2],
        ['t2', 2],
      ],
    });
  });

  it('t1(3)+t2(2), only c2 on t2 -> c1=[t1-0], c2=[t1-1,t2-0,t2-1], c3=[t1-2]', () => {
    const members: AssignorMember[] = [
      { id: 'c3', topics: ['t1'] },
      { id: 'c2', topics: ['t2', 't1'] },
      { id: 'c1', topics: ['t1'] },
    ];
    expect(sortedAssignment(range(members, { t1: 3, t2: 2 }))).toEqual({
      c1: [['t1', 0]],
      c2: [
        ['t1', 1],
        ['t2', 0],
        ['t2', 1],
      ],
      c3: [['t1', 2]],
    });
  });

  it('7 partitions / 3 consumers -> c0=[0,1,2], c1=[3,4], c2=[5,6]', () => {
    const members = ['c1', 'c2', 'c0'].map((id) => ({ id, topics: ['t'] }));
    expect(sortedAssignment(range(members, { t: 7 }))).toEqual({
      c0: [
        ['t', 0],
        ['t', 1],
        ['t', 2],
      ],
      c1: [
        ['t', 3],
        ['t', 4],
      ],
      c2: [
        ['t', 5],
        ['t', 6],
      ],
    });
  });

  it('members sort by String.compareTo: consumer-10 before consumer-2, "B" before "a"', () => {
    const members = ['consumer-2', 'consumer-10', 'a', 'B'].map((id) => ({ id, topics: ['t'] }));
    const got = range(members, { t: 4 });
    // Code-unit order: "B" (0x42) < "a" (0x61) < "consumer-10" < "consumer-2".
    expect(got).toEqual({
      B: [['t', 0]],
      a: [['t', 1]],
      'consumer-10': [['t', 2]],
      'consumer-2': [['t', 3]],
    });
  });

  it('with many topics the extras pile up on the first consumers', () => {
    const members = [both('c1'), both('c2')];
    const got = range(members, { t1: 3, t2: 3 });
    expect(got['c1']).toHaveLength(4);
    expect(got['c2']).toHaveLength(2);
  });

  it('a member with no subscriptions is listed with []', () => {
    const got = range([{ id: 'idle', topics: [] }, both('c1')], { t1: 1 });
    expect(got['idle']).toEqual([]);
  });
});

describe('§3 Range (Java): properties on random groups', () => {
  const params = { seed: 42, numRuns: 2000 };

  it('matches the rule written out (contiguous blocks over sorted subscribers)', () => {
    fc.assert(
      fc.property(javaGroupArb, ({ members, topics }) => {
        expect(sortedAssignment(range(members, topics))).toEqual(
          sortedAssignment(expectedRange(members, topics)),
        );
      }),
      params,
    );
  });

  it('lists every member id, and only those', () => {
    fc.assert(
      fc.property(javaGroupArb, ({ members, topics }) => {
        expect(Object.keys(range(members, topics)).sort()).toEqual(members.map((m) => m.id).sort());
      }),
      params,
    );
  });

  it('gives every partition of every subscribed topic to exactly one subscribed member', () => {
    fc.assert(
      fc.property(javaGroupArb, ({ members, topics }) => {
        const got = range(members, topics);
        const all = Object.values(got).flat();
        expect(sortedAssignment({ all })['all']).toEqual(subscribedPartitions(members, topics));
        const unsubscribed = members.flatMap((m) =>
          got[m.id]!.filter(([topic]) => !m.topics.includes(topic)).map((tp) => [m.id, ...tp]),
        );
        expect(unsubscribed).toEqual([]);
      }),
      params,
    );
  });

  it('per topic: contiguous blocks in Java member order, first members take the extras', () => {
    fc.assert(
      fc.property(javaGroupArb, ({ members, topics }) => {
        const got = range(members, topics);
        for (const [topic, count] of Object.entries(topics)) {
          const consumers = javaMemberOrder(members.filter((m) => m.topics.includes(topic)));
          if (consumers.length === 0) continue;
          const blocks = consumers.map((m) =>
            got[m.id]!.filter(([t]) => t === topic)
              .map(([, p]) => p)
              .sort((a, b) => a - b),
          );
          // Contiguous, in order: concatenating the blocks gives 0..count-1.
          expect(blocks.flat()).toEqual(Array.from({ length: count }, (_, p) => p));
          // Sizes q+1 for the first r consumers, then q.
          const q = Math.floor(count / consumers.length);
          const r = count % consumers.length;
          expect(blocks.map((b) => b.length)).toEqual(consumers.map((_, i) => q + (i < r ? 1 : 0)));
        }
      }),
      params,
    );
  });

  it('does not depend on the order members are given in', () => {
    fc.assert(
      fc.property(
        javaGroupArb.chain((g) =>
          fc
            .shuffledSubarray(g.members, { minLength: g.members.length })
            .map((shuffled) => ({ ...g, shuffled })),
        ),
        ({ members, shuffled, topics }) => {
          expect(sortedAssignment(range(shuffled, topics))).toEqual(
            sortedAssignment(range(members, topics)),
          );
        },
      ),
      params,
    );
  });
});
