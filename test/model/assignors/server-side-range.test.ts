/**
 * kafka-semantics §3 "KIP-848 (`group.protocol=consumer`)": the broker's
 * server-side `range` assignor gives contiguous, co-partitioned ranges. Its
 * two GroupCoordinator RangeAssignorTest examples are the vectors
 * `javaAssignorExamples.serverSideRange_KIP848`:
 *   - t1(3)+t3(2) → A=[t1:0,1; t3:0], B=[t1:2; t3:1];
 *   - C joins A=[0,1], B=[2] → A=[0], B=[1], C=[2].
 * In the model it is the `kip848-range` strategy (src/model/assignors/index.ts),
 * which the coordinator runs over every member when the group epoch changes
 * (computeTargets in src/model/consumer-protocol.ts). Checked twice: the
 * assignor on its own, and a whole simulated group reconciling to the target.
 */
import { describe, expect, it } from 'vitest';
import { assignPartitions, type AssignorMember } from '../../../src/model/assignors';
import { createSimulation, type GroupSnapshot, type Simulation } from '../../../src/model/index';
import {
  compareTopicPartitions,
  parseTopicPartition,
  sortedAssignment,
  toTopicMap,
} from '../support/fidelity-assignors';
import { vectors, type KafkaVectors } from '../support/fidelity-vectors';

/**
 * One server-side range vector. Unlike the client-side examples it has no
 * subscriptions: every member subscribes to every topic in `partitions`. A
 * first assignment lists its `members`; a reassignment lists what each member
 * owned `before` and the `memberAdded` that triggers the new epoch.
 */
interface ServerSideRangeExample {
  readonly test: string;
  readonly partitions: Readonly<Record<string, number>>;
  readonly members?: readonly string[];
  readonly before?: Readonly<Record<string, readonly string[]>>;
  readonly memberAdded?: string;
  readonly expected: Readonly<Record<string, readonly string[]>>;
}

/** The shared vectors type lists only the client-side examples; this file adds its own. */
type WithServerSideRange = KafkaVectors & {
  readonly javaAssignorExamples: {
    readonly serverSideRange_KIP848: readonly ServerSideRangeExample[];
  };
};

const examples = (vectors as WithServerSideRange).javaAssignorExamples.serverSideRange_KIP848;

/** Member labels in the order they joined: the first epoch's members, then the one added. */
function memberLabels(example: ServerSideRangeExample): string[] {
  const initial = example.members ?? Object.keys(example.before ?? {});
  return example.memberAdded === undefined ? [...initial] : [...initial, example.memberAdded];
}

/** Every member subscribes to every topic and brings what it owned before (if anything). */
function membersOf(example: ServerSideRangeExample): AssignorMember[] {
  const topics = Object.keys(example.partitions);
  return memberLabels(example).map((id) => {
    const owned = example.before?.[id];
    return owned === undefined
      ? { id, topics }
      : { id, topics, owned: owned.map(parseTopicPartition), generation: 1 };
  });
}

function labelsToTopicMap(labels: readonly string[]): Record<string, number[]> {
  return toTopicMap(labels.map(parseTopicPartition).sort(compareTopicPartitions));
}

describe('§3 KIP-848 server-side range: GroupCoordinator RangeAssignorTest vectors', () => {
  it('has the two examples, a first assignment and a member joining', () => {
    expect(examples.map((e) => e.test)).toEqual([
      'group-coordinator RangeAssignorTest.testFirstAssignmentTwoMembersTwoTopicsSameSubscriptions',
      'group-coordinator RangeAssignorTest.testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics',
    ]);
  });

  it.each(examples.map((e) => [e.test, e] as const))(
    'kip848-range gives the expected assignment: %s',
    (_test, example) => {
      const members = membersOf(example);
      const got = assignPartitions('kip848-range', members, example.partitions);
      const expected = Object.fromEntries(
        Object.entries(example.expected).map(([id, labels]) => [
          id,
          labels.map(parseTopicPartition),
        ]),
      );
      expect(Object.keys(got).sort()).toEqual(memberLabels(example).sort());
      expect(sortedAssignment(got)).toEqual(sortedAssignment(expected));
    },
  );

  it('the result does not depend on the order the coordinator lists its members in', () => {
    for (const example of examples) {
      const members = membersOf(example);
      const forward = assignPartitions('kip848-range', members, example.partitions);
      const reversed = assignPartitions('kip848-range', [...members].reverse(), example.partitions);
      expect(sortedAssignment(reversed), example.test).toEqual(sortedAssignment(forward));
    }
  });
});

/**
 * The same vectors through a whole simulated group: one app subscribed to
 * every topic of the vector, no producer. Members are `app-1`, `app-2`, … in
 * join order; the vectors' labels A, B, C sort the same way, so label i is
 * member `app-(i+1)`.
 */
describe('§3 KIP-848 server-side range: a simulated group reconciles to the vectors', () => {
  function groupOf(sim: Simulation): GroupSnapshot {
    const g = sim.snapshot({ recordsPerPartition: 0 }).groups[0];
    if (!g) throw new Error('no group');
    return g;
  }

  /** Each vector label's assignment in the simulation, as { topic: [partitions] }. */
  function assignmentsByLabel(
    sim: Simulation,
    labels: readonly string[],
  ): Record<string, Record<string, number[]>> {
    const g = groupOf(sim);
    return Object.fromEntries(
      labels.map((label, i) => {
        const member = g.members.find((m) => m.memberId === `app-${i + 1}`);
        if (!member) throw new Error(`no member app-${i + 1}`);
        const sorted = [...member.assignment].sort(compareTopicPartitions);
        return [label, toTopicMap(sorted)];
      }),
    );
  }

  it.each(examples.map((e) => [e.test, e] as const))('%s', (_test, example) => {
    const topics = Object.keys(example.partitions);
    const initial = example.members ?? Object.keys(example.before ?? {});
    const sim = createSimulation({
      seed: 3,
      topics: topics.map((name) => ({ name, partitions: example.partitions[name]! })),
      producers: [],
      apps: [
        {
          id: 'app',
          topics,
          instances: initial.length,
          processingMs: 1,
          jitter: 0,
          assignor: 'kip848-range',
        },
      ],
    });
    sim.advance(5_000);
    expect(groupOf(sim).state).toBe('Stable');
    if (example.before) {
      expect(assignmentsByLabel(sim, initial)).toEqual(
        Object.fromEntries(initial.map((l) => [l, labelsToTopicMap(example.before![l] ?? [])])),
      );
    }
    if (example.memberAdded !== undefined) {
      sim.apply({ type: 'addConsumer', appId: 'app' });
      sim.advance(10_000);
      expect(groupOf(sim).state).toBe('Stable');
    }
    const labels = memberLabels(example);
    expect(assignmentsByLabel(sim, labels)).toEqual(
      Object.fromEntries(labels.map((l) => [l, labelsToTopicMap(example.expected[l] ?? [])])),
    );
  });
});
