/**
 * kafka-semantics §3 "RoundRobin (Java)": all subscribed topics sorted by name,
 * partitions ascending, dealt round-robin over the members in Java member order,
 * skipping members not subscribed to the topic; every member is listed.
 * Examples from RoundRobinAssignorTest and the class javadoc (vectors, semantics).
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
  sameSubscriptionGroupArb,
  sortedAssignment,
  subscribedPartitions,
} from '../support/fidelity-assignors';
import { vectors } from '../support/fidelity-vectors';

const examples = vectors.javaAssignorExamples.roundRobin;

function roundRobin(members: readonly AssignorMember[], topics: Record<string, number>) {
  return assignPartitions('roundrobin', members, topics);
}

const tps = (topic: string, ...ps: number[]): TopicPartition[] => ps.map((p) => [topic, p]);

describe('§3 RoundRobin (Java): RoundRobinAssignorTest and javadoc examples (vectors)', () => {
  it('has the three examples', () => {
    expect(examples).toHaveLength(3);
  });

  it.each(examples.map((e) => [e.test, e]))('%s', (_test, example) => {
    const members = membersOf(example);
    const got = roundRobin(members, { ...example.partitions });
    expect(Object.keys(got).sort()).toEqual(members.map((m) => m.id).sort());
    expect(sortedAssignment(got)).toEqual(sortedAssignment(expectedOf(example)));
  });
});

describe('§3 RoundRobin (Java): examples from the semantics text', () => {
  it('t0(3)+t1(3), C0/C1 -> C0=[t0-0,t0-2,t1-1], C1=[t0-1,t1-0,t1-2]', () => {
    const members: AssignorMember[] = [
      { id: 'C1', topics: ['t1', 't0'] },
      { id: 'C0', topics: ['t0', 't1'] },
    ];
    expect(roundRobin(members, { t1: 3, t0: 3 })).toEqual({
      C0: [...tps('t0', 0, 2), ...tps('t1', 1)],
      C1: [...tps('t0', 1), ...tps('t1', 0, 2)],
    });
  });

  it('mixed subscriptions (t0:1, t1:2, t2:3) -> C0=[t0-0], C1=[t1-0], C2=[t1-1,t2-0,t2-1,t2-2]', () => {
    const members: AssignorMember[] = [
      { id: 'C2', topics: ['t2', 't1', 't0'] },
      { id: 'C0', topics: ['t0'] },
      { id: 'C1', topics: ['t1', 't0'] },
    ];
    expect(sortedAssignment(roundRobin(members, { t0: 1, t1: 2, t2: 3 }))).toEqual({
      C0: tps('t0', 0),
      C1: tps('t1', 0),
      C2: [...tps('t1', 1), ...tps('t2', 0, 1, 2)],
    });
  });

  it('StickyAssignor javadoc, after C1 leaves: what round robin would give (C0/C2, t0..t3 x 2)', () => {
    // Only the round-robin half of that javadoc example; the sticky half is not implemented.
    const all = ['t0', 't1', 't2', 't3'];
    const members: AssignorMember[] = [
      { id: 'C0', topics: all },
      { id: 'C2', topics: all },
    ];
    expect(sortedAssignment(roundRobin(members, { t0: 2, t1: 2, t2: 2, t3: 2 }))).toEqual({
      C0: all.map((t): TopicPartition => [t, 0]),
      C2: all.map((t): TopicPartition => [t, 1]),
    });
  });

  it('topics sort by name (String.compareTo), not by subscription or map order', () => {
    const members: AssignorMember[] = [
      { id: 'A', topics: ['topic-2', 'topic-10', 'Topic'] },
      { id: 'B', topics: ['Topic', 'topic-2', 'topic-10'] },
    ];
    // Flattened: Topic-0, topic-10-0, topic-10-1, topic-2-0 -> A, B, A, B.
    expect(roundRobin(members, { 'topic-2': 1, 'topic-10': 2, Topic: 1 })).toEqual({
      A: [...tps('Topic', 0), ...tps('topic-10', 1)],
      B: [...tps('topic-10', 0), ...tps('topic-2', 0)],
    });
  });

  it('static members come first, by group.instance.id', () => {
    const members: AssignorMember[] = [
      { id: 'a-dynamic', topics: ['t'] },
      { id: 'x', topics: ['t'], groupInstanceId: 'i2' },
      { id: 'y', topics: ['t'], groupInstanceId: 'i1' },
    ];
    expect(roundRobin(members, { t: 4 })).toEqual({
      y: tps('t', 0, 3),
      x: tps('t', 1),
      'a-dynamic': tps('t', 2),
    });
  });

  it('every member is listed, even with nothing', () => {
    const members: AssignorMember[] = [
      { id: 'm1', topics: ['t'] },
      { id: 'm2', topics: ['t'] },
      { id: 'm3', topics: ['t'] },
      { id: 'idle', topics: ['other'] },
    ];
    expect(roundRobin(members, { t: 2 })).toEqual({
      m1: tps('t', 0),
      m2: tps('t', 1),
      m3: [],
      idle: [],
    });
  });
});

describe('§3 RoundRobin (Java): properties on random groups', () => {
  const params = { seed: 42, numRuns: 2000 };

  it('lists every member id, and only those', () => {
    fc.assert(
      fc.property(javaGroupArb, ({ members, topics }) => {
        expect(Object.keys(roundRobin(members, topics)).sort()).toEqual(
          members.map((m) => m.id).sort(),
        );
      }),
      params,
    );
  });

  it('gives every partition of every subscribed topic to exactly one subscribed member', () => {
    fc.assert(
      fc.property(javaGroupArb, ({ members, topics }) => {
        const got = roundRobin(members, topics);
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

  it('same subscriptions: the k-th partition (topics by name, partitions ascending) goes to sorted[k % n]', () => {
    fc.assert(
      fc.property(sameSubscriptionGroupArb, ({ members, topics }) => {
        const got = roundRobin(members, topics);
        const sorted = javaMemberOrder(members);
        const flat = subscribedPartitions(members, topics);
        const expected: Record<string, TopicPartition[]> = Object.fromEntries(
          members.map((m) => [m.id, []]),
        );
        flat.forEach((tp, k) => expected[sorted[k % sorted.length]!.id]!.push(tp));
        expect(got).toEqual(expected);
      }),
      params,
    );
  });

  it('same subscriptions: partition counts differ by at most 1', () => {
    fc.assert(
      fc.property(sameSubscriptionGroupArb, ({ members, topics }) => {
        const counts = Object.values(roundRobin(members, topics)).map((a) => a.length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
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
          expect(sortedAssignment(roundRobin(shuffled, topics))).toEqual(
            sortedAssignment(roundRobin(members, topics)),
          );
        },
      ),
      params,
    );
  });
});
