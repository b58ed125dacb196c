/**
 * kafka-semantics §3 "Assignors and rebalance protocols": the contract shared by
 * every strategy behind assignPartitions — Java's protocol names `range` and
 * `roundrobin` plus kafkajs's own assigner; every member is listed; no
 * partition is given twice or invented; unknown strategies are rejected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../../src/model/errors';
import {
  ASSIGNORS,
  assignPartitions,
  type AssignorMember,
  type TopicPartition,
} from '../../../src/model/assignors';
import {
  compareTopicPartitions,
  javaGroupArb,
  sortedAssignment,
  subscribedPartitions,
} from '../support/fidelity-assignors';

const STRATEGIES = [
  'range',
  'roundrobin',
  'sticky',
  'cooperative-sticky',
  'kafkajs-roundrobin',
  'kip848-uniform',
  'kip848-range',
] as const;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('§3 strategy names', () => {
  it("offers Java's four, kafkajs's round-robin and KIP-848's uniform and range", () => {
    expect([...ASSIGNORS].sort()).toEqual([...STRATEGIES].sort());
  });

  it.each([['bogus'], [''], ['toString'], ['__proto__'], ['RoundRobin ']])(
    'rejects the unknown strategy %j with SimulationError UNKNOWN_ASSIGNOR',
    (name) => {
      const error = thrown(() => assignPartitions(name, [{ id: 'm', topics: ['t'] }], { t: 1 }));
      expect(error).toBeInstanceOf(SimulationError);
      expect((error as SimulationError).code).toBe('UNKNOWN_ASSIGNOR');
    },
  );
});

describe.each(STRATEGIES.map((s) => [s]))(
  '§3 assignPartitions(%j): shared contract',
  (strategy) => {
    const params = { seed: 42, numRuns: 1000 };

    it('an empty group gets an empty assignment', () => {
      expect(assignPartitions(strategy, [], { t: 3 })).toEqual({});
    });

    it('a member with no partitions maps to []', () => {
      const members: AssignorMember[] = [
        { id: 'm1', topics: ['t'] },
        { id: 'm2', topics: ['t'] },
        { id: 'm3', topics: ['t'] },
      ];
      const got = assignPartitions(strategy, members, { t: 1 });
      expect(Object.keys(got).sort()).toEqual(['m1', 'm2', 'm3']);
      expect(Object.values(got).filter((a) => a.length === 0)).toHaveLength(2);
    });

    it('a single member subscribed to everything gets every partition', () => {
      const got = assignPartitions(strategy, [{ id: 'solo', topics: ['b', 'a'] }], { a: 2, b: 3 });
      expect(sortedAssignment(got)).toEqual({
        solo: [
          ['a', 0],
          ['a', 1],
          ['b', 0],
          ['b', 1],
          ['b', 2],
        ],
      });
    });

    it('topics with 0 partitions and topics without metadata give nothing', () => {
      const got = assignPartitions(strategy, [{ id: 'm', topics: ['empty', 'missing'] }], {
        empty: 0,
      });
      expect(got).toEqual({ m: [] });
    });

    it('lists every member id, never gives a partition twice, never invents one', () => {
      fc.assert(
        fc.property(javaGroupArb, ({ members, topics }) => {
          const got = assignPartitions(strategy, members, topics);
          expect(Object.keys(got).sort()).toEqual(members.map((m) => m.id).sort());
          const all = Object.values(got).flat();
          const keys = all.map(([t, p]) => `${t}\u0000${p}`);
          expect(new Set(keys).size).toBe(all.length);
          const invented = all.filter(
            ([t, p]) =>
              !Object.hasOwn(topics, t) || !Number.isInteger(p) || p < 0 || p >= topics[t]!,
          );
          expect(invented).toEqual([]);
        }),
        params,
      );
    });

    it('covers exactly the partitions its rule says are wanted', () => {
      fc.assert(
        fc.property(javaGroupArb, ({ members, topics }) => {
          const got = assignPartitions(strategy, members, topics);
          const all = Object.values(got).flat().sort(compareTopicPartitions);
          // Java: the topics anyone subscribes to. kafkajs: the leader's (first member's) topics.
          const wanted: TopicPartition[] =
            strategy === 'kafkajs-roundrobin'
              ? subscribedPartitions(members.slice(0, 1), topics)
              : subscribedPartitions(members, topics);
          expect(all).toEqual(wanted);
        }),
        params,
      );
    });

    it('is deterministic and does not mutate its input', () => {
      fc.assert(
        fc.property(javaGroupArb, ({ members, topics }) => {
          const before = JSON.stringify({ members, topics });
          const first = assignPartitions(strategy, members, topics);
          expect(JSON.stringify({ members, topics })).toBe(before);
          expect(assignPartitions(strategy, members, topics)).toEqual(first);
        }),
        params,
      );
    });
  },
);
