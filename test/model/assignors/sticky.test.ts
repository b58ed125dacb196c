/**
 * kafka-semantics §3 "Sticky / CooperativeSticky": balance first (counts within one where
 * subscriptions allow), then previous owners keep their partitions; the cooperative assignor
 * withholds a partition that changes owner until its old owner has revoked it. Examples from
 * AbstractStickyAssignorTest and the StickyAssignor javadoc (kafka-vectors.json), then
 * properties over random groups.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cooperativeStickyAssign, stickyAssign } from '../../../src/model/assignors/sticky';
import type {
  Assignment,
  AssignorMember,
  TopicPartition,
} from '../../../src/model/assignors/types';
import { vectors } from '../support/fidelity-vectors';

const examples = (vectors.javaAssignorExamples as unknown as { sticky: StickyExample[] }).sticky;

interface StickyExample {
  readonly test: string;
  readonly partitions: Record<string, number>;
  readonly subscriptions?: Record<string, string[]>;
  readonly expected?: Record<string, string[]>;
  readonly before?: Record<string, string[]>;
  readonly afterC1Leaves?: { sticky: Record<string, string[]> };
}

const tp = (name: string): TopicPartition => {
  const i = name.lastIndexOf('-');
  return [name.slice(0, i), Number(name.slice(i + 1))];
};
const names = (a: Assignment) =>
  Object.fromEntries(
    Object.entries(a).map(([id, list]) => [id, list.map(([t, p]) => `${t}-${p}`)]),
  );
const example = (name: string) => examples.find((e) => e.test.includes(name))!;

describe('sticky assignor: Java examples', () => {
  it('a fresh group with two topics deals partitions in turn (testTwoConsumersTwoTopicsSixPartitions)', () => {
    const e = example('testTwoConsumersTwoTopicsSixPartitions');
    const members = Object.entries(e.subscriptions!).map(([id, topics]) => ({ id, topics }));
    expect(names(stickyAssign(members, e.partitions))).toEqual(e.expected);
  });

  it('partitions few can take go to them first (testMultipleConsumersMixedTopicSubscriptions)', () => {
    const e = example('testMultipleConsumersMixedTopicSubscriptions');
    const members = Object.entries(e.subscriptions!).map(([id, topics]) => ({ id, topics }));
    expect(names(stickyAssign(members, e.partitions))).toEqual(e.expected);
  });

  it('a joining consumer takes only what balance needs; the cooperative one waits a round (testAddRemoveConsumerOneTopic)', () => {
    const topics = { topic: 3 };
    const one = stickyAssign([{ id: 'consumer1', topics: ['topic'] }], topics);
    expect(names(one)).toEqual({ consumer1: ['topic-0', 'topic-1', 'topic-2'] });
    const joined = [
      { id: 'consumer1', topics: ['topic'], owned: one['consumer1']!, generation: 1 },
      { id: 'consumer2', topics: ['topic'] },
    ];
    expect(names(stickyAssign(joined, topics))).toEqual({
      consumer1: ['topic-0', 'topic-1'],
      consumer2: ['topic-2'],
    });
    // Cooperative: topic-2 is withheld from consumer2 until consumer1 has revoked it.
    expect(names(cooperativeStickyAssign(joined, topics))).toEqual({
      consumer1: ['topic-0', 'topic-1'],
      consumer2: [],
    });
    const followUp = [
      { id: 'consumer1', topics: ['topic'], owned: [tp('topic-0'), tp('topic-1')], generation: 2 },
      { id: 'consumer2', topics: ['topic'], owned: [], generation: 2 },
    ];
    expect(names(cooperativeStickyAssign(followUp, topics))).toEqual({
      consumer1: ['topic-0', 'topic-1'],
      consumer2: ['topic-2'],
    });
    const left = [{ id: 'consumer2', topics: ['topic'], owned: [tp('topic-2')], generation: 3 }];
    expect(names(stickyAssign(left, topics))).toEqual({
      consumer2: ['topic-0', 'topic-1', 'topic-2'],
    });
  });

  it('when C1 leaves, C0 and C2 keep theirs and share C1’s (StickyAssignor javadoc)', () => {
    const e = example('javadoc example 1');
    const topicsOf = Object.keys(e.partitions);
    const members = ['C0', 'C2'].map((id) => ({
      id,
      topics: topicsOf,
      owned: e.before![id]!.map(tp),
      generation: 1,
    }));
    const got = names(stickyAssign(members, e.partitions));
    for (const [id, expected] of Object.entries(e.afterC1Leaves!.sticky)) {
      expect([...got[id]!].sort(), id).toEqual([...expected].sort());
    }
  });
});

/** Random groups: up to 5 members over up to 3 topics, with random previous ownership. */
const groupArb = fc
  .record({
    topics: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 7 }), {
      minKeys: 1,
    }),
    members: fc.uniqueArray(fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5'), {
      minLength: 1,
      maxLength: 5,
    }),
    same: fc.boolean(),
    seed: fc.nat(),
  })
  .map(({ topics, members, same, seed }) => {
    const names = Object.keys(topics);
    let s = seed;
    const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff);
    const group: AssignorMember[] = members.map((id) => {
      const subs = same ? names : names.filter(() => next() % 3 !== 0);
      const owned: TopicPartition[] = [];
      for (const t of names) {
        for (let p = 0; p < topics[t]!; p++) if (next() % 4 === 0) owned.push([t, p]);
      }
      return { id, topics: subs.length > 0 ? subs : [names[0]!], owned, generation: next() % 3 };
    });
    return { topics, group };
  });

function owners(a: Assignment): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [id, list] of Object.entries(a)) {
    for (const [t, p] of list) m.set(`${t}-${p}`, [...(m.get(`${t}-${p}`) ?? []), id]);
  }
  return m;
}

describe('sticky assignors: properties', () => {
  it('valid: no partition twice, only subscribed topics that exist, every member listed', () => {
    fc.assert(
      fc.property(groupArb, ({ topics, group }) => {
        for (const assign of [stickyAssign, cooperativeStickyAssign]) {
          const a = assign(group, topics);
          expect(Object.keys(a).sort()).toEqual(group.map((m) => m.id).sort());
          for (const [p, ids] of owners(a)) expect(ids, p).toHaveLength(1);
          for (const m of group) {
            for (const [t, p] of a[m.id]!) {
              expect(m.topics).toContain(t);
              expect(p).toBeLessThan(topics[t]!);
            }
          }
        }
      }),
    );
  });

  it('complete and balanced: with the same subscriptions, counts differ by at most one', () => {
    fc.assert(
      fc.property(groupArb, ({ topics, group }) => {
        const same = group.map((m) => ({ ...m, topics: Object.keys(topics) }));
        const a = stickyAssign(same, topics);
        const total = Object.values(topics).reduce((x, y) => x + y, 0);
        const counts = Object.values(a).map((l) => l.length);
        expect(counts.reduce((x, y) => x + y, 0)).toBe(total);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('sticky: run again on its own result, nothing moves', () => {
    fc.assert(
      fc.property(groupArb, ({ topics, group }) => {
        const first = stickyAssign(group, topics);
        const again = group.map((m) => ({ ...m, owned: first[m.id]!, generation: 10 }));
        expect(stickyAssign(again, topics)).toEqual(first);
      }),
    );
  });

  it('sticky: a member keeps what it owned unless balance needs it elsewhere', () => {
    fc.assert(
      fc.property(groupArb, ({ topics, group }) => {
        const same = group.map((m) => ({ ...m, topics: Object.keys(topics), generation: 1 }));
        // Give every partition a unique previous owner: the first member that claims it.
        const seen = new Set<string>();
        const owned = same.map((m) => ({
          ...m,
          owned: (m.owned ?? []).filter(
            ([t, p]) => !seen.has(`${t}-${p}`) && seen.add(`${t}-${p}`),
          ),
        }));
        const a = stickyAssign(owned, topics);
        const total = Object.values(topics).reduce((x, y) => x + y, 0);
        const max = Math.ceil(total / owned.length);
        for (const m of owned) {
          const kept = m.owned.filter(([t, p]) => a[m.id]!.some(([u, q]) => u === t && q === p));
          // It keeps all it owned, or as many as a balanced share allows.
          expect(kept.length).toBeGreaterThanOrEqual(Math.min(m.owned.length, max - 1));
        }
      }),
    );
  });

  it('cooperative: no partition goes to a new owner while its old owner is still in the group', () => {
    fc.assert(
      fc.property(groupArb, ({ topics, group }) => {
        const a = cooperativeStickyAssign(group, topics);
        const sticky = stickyAssign(group, topics);
        const has = (list: readonly TopicPartition[] | undefined, [t, p]: TopicPartition) =>
          (list ?? []).some(([u, q]) => u === t && q === p);
        for (const m of group) {
          for (const x of a[m.id]!) {
            // A partition it did not own was nobody's in this group before.
            if (!has(m.owned, x)) {
              expect(group.filter((o) => o.id !== m.id && has(o.owned, x))).toEqual([]);
            }
            // And the cooperative result only ever withholds from the sticky target.
            expect(sticky[m.id]).toContainEqual(x);
          }
        }
      }),
    );
  });
});
