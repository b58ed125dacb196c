import { compareJavaMembers, compareStrings } from './java-member-order';
import {
  emptyAssignment,
  type Assignment,
  type AssignorMember,
  type TopicPartition,
  type TopicPartitionCounts,
} from './types';

/**
 * Java's StickyAssignor and CooperativeStickyAssignor (kafka-semantics §3,
 * "Sticky / CooperativeSticky"): balance first (member counts within one
 * where subscriptions allow), then keep each partition with its previous
 * owner. The cooperative one computes the same target but withholds a
 * partition that changes owner while its previous owner is still in the
 * group: the owner revokes it, and a follow-up rebalance hands it over.
 *
 * Each member reports what it `owned` and in which `generation`; when two
 * claim a partition, the higher generation wins (then Java's member order).
 * Each member's partitions are listed by topic, then partition.
 */
export function stickyAssign(
  members: readonly AssignorMember[],
  topics: TopicPartitionCounts,
): Assignment {
  return assign(members, topics).assignment;
}

export function cooperativeStickyAssign(
  members: readonly AssignorMember[],
  topics: TopicPartitionCounts,
): Assignment {
  const { assignment, previousOwner } = assign(members, topics);
  for (const [id, list] of Object.entries(assignment)) {
    assignment[id] = list.filter((tp) => {
      const owner = previousOwner.get(key(tp));
      return owner === undefined || owner === id;
    });
  }
  return assignment;
}

type Key = string;
const key = (tp: TopicPartition): Key => `${tp[1]}\u0000${tp[0]}`;

function comparePartitions(a: TopicPartition, b: TopicPartition): number {
  return compareStrings(a[0], b[0]) || a[1] - b[1];
}

function assign(
  members: readonly AssignorMember[],
  topics: TopicPartitionCounts,
): { assignment: Assignment; previousOwner: Map<Key, string> } {
  const sorted = [...members].sort(compareJavaMembers);
  const exists = (tp: TopicPartition) =>
    Object.hasOwn(topics, tp[0]) && tp[1] >= 0 && tp[1] < topics[tp[0]]!;
  const eligible = (m: AssignorMember, tp: TopicPartition) =>
    exists(tp) && m.topics.includes(tp[0]);

  // Every partition of a subscribed topic, by topic then partition.
  const subscribed = [...new Set(sorted.flatMap((m) => m.topics))].filter((t) =>
    Object.hasOwn(topics, t),
  );
  const all: TopicPartition[] = subscribed
    .sort(compareStrings)
    .flatMap((t) => Array.from({ length: topics[t]! }, (_, p) => [t, p] as const));

  // Claims: the highest generation wins, then Java's member order. A member keeps only
  // what it may still take; but whatever it holds, it consumes until it revokes it.
  const winners = (valid: (m: AssignorMember, tp: TopicPartition) => boolean) => {
    const claims = new Map<Key, { id: string; generation: number }>();
    for (const m of sorted) {
      for (const tp of m.owned ?? []) {
        if (!valid(m, tp)) continue;
        const generation = m.generation ?? -1;
        const held = claims.get(key(tp));
        if (held === undefined || generation > held.generation) {
          claims.set(key(tp), { id: m.id, generation });
        }
      }
    }
    return claims;
  };
  const claims = winners(eligible);
  const previousOwner = new Map<Key, string>();
  for (const [k, c] of winners((_, tp) => exists(tp))) previousOwner.set(k, c.id);

  const held = new Map<string, TopicPartition[]>(sorted.map((m) => [m.id, []]));
  for (const m of sorted) {
    for (const tp of m.owned ?? []) {
      if (claims.get(key(tp))?.id === m.id && !held.get(m.id)!.some((x) => key(x) === key(tp))) {
        held.get(m.id)!.push(tp);
      }
    }
  }

  const sameSubscriptions = sorted.every(
    (m) => [...m.topics].sort().join('\u0000') === [...sorted[0]!.topics].sort().join('\u0000'),
  );
  if (sameSubscriptions && sorted.length > 0) {
    // Constrained: each keeps at most its balanced quota of what it owned.
    const min = Math.floor(all.length / sorted.length);
    let overMin = all.length % sorted.length;
    const byOwned = [...sorted].sort((a, b) => held.get(b.id)!.length - held.get(a.id)!.length);
    for (const m of byOwned) {
      const list = held.get(m.id)!;
      const quota = overMin > 0 && list.length > min ? min + 1 : min;
      if (quota > min) overMin--;
      list.length = Math.min(list.length, quota);
    }
  }

  const taken = new Set<Key>();
  for (const list of held.values()) for (const tp of list) taken.add(key(tp));
  const candidates = (tp: TopicPartition) => sorted.filter((m) => eligible(m, tp));
  const free = all
    .filter((tp) => !taken.has(key(tp)))
    .map((tp) => ({ tp, members: candidates(tp) }))
    .filter((x) => x.members.length > 0)
    // Partitions few members can take go first, so the others stay free for the rest.
    .sort((a, b) => a.members.length - b.members.length || comparePartitions(a.tp, b.tp));
  const count = (m: AssignorMember) => held.get(m.id)!.length;
  for (const { tp, members: can } of free) {
    let best = can[0]!;
    for (const m of can) if (count(m) < count(best)) best = m;
    held.get(best.id)!.push(tp);
  }

  // Balance where subscriptions allow: move from the fullest to the emptiest eligible member,
  // newest acquisitions first (what a member owned before stays with it longest).
  for (let moves = 0; moves < all.length * sorted.length; moves++) {
    let moved = false;
    const bySize = [...sorted].sort((a, b) => count(b) - count(a));
    outer: for (const from of bySize) {
      for (const to of [...bySize].reverse()) {
        if (count(from) - count(to) <= 1) continue;
        const list = held.get(from.id)!;
        for (let i = list.length - 1; i >= 0; i--) {
          if (!eligible(to, list[i]!)) continue;
          held.get(to.id)!.push(list.splice(i, 1)[0]!);
          moved = true;
          break outer;
        }
      }
    }
    if (!moved) break;
  }

  const assignment = emptyAssignment(sorted);
  for (const m of sorted) assignment[m.id] = [...held.get(m.id)!].sort(comparePartitions);
  return { assignment, previousOwner };
}
