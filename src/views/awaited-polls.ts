import type { GroupSnapshot, MemberSnapshot } from '../model/index';

const NONE: readonly MemberSnapshot[] = [];

/**
 * Java members a classic rebalance still waits for: they go through the rest of what their last
 * poll() returned and rejoin at the next one (kafka-semantics §7).
 */
export function awaitedPolls(group: GroupSnapshot): readonly MemberSnapshot[] {
  if (group.state !== 'PreparingRebalance') return NONE;
  return group.members.filter((m) => !m.rejoined && (m.pollRemaining ?? 0) > 0);
}
