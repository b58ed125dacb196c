import { assignPartitions } from './assignors';
import type { Member } from './consumer';
import type { Group } from './group';
import { resume } from './rebalance-cost';

/**
 * KIP-848's consumer rebalance protocol, in outline (kafka-semantics §3,
 * "KIP-848"; early access in Kafka 3.7): a membership change bumps the group
 * epoch and the coordinator's server-side assignor computes every member's
 * target at once. There is no JoinGroup barrier: each member reconciles on
 * its own heartbeats, releasing what it loses first (after the record in
 * hand), and is given a partition it gains only once the previous owner has
 * released it. Partitions that do not move never stop.
 */

/** The config's initial members: the first epoch, reconciled at t=0. */
export function startTargets(group: Group): void {
  group.generation++;
  group.state = 'Reconciling';
  computeTargets(group);
  for (const member of group.members) reconcile(group, member, true);
}

/** A new group epoch: new targets; members learn them at their next heartbeat. */
export function retarget(group: Group): void {
  if (group.members.length === 0) {
    group.emptied();
    return;
  }
  group.state = 'Reconciling';
  computeTargets(group);
  const now = group.now;
  for (const member of group.members) {
    if (member.status !== 'live') continue;
    // A joining member's first heartbeat is its join: it hears its target at once.
    member.heartbeatAt(member.joinedAt === now ? now : member.nextHeartbeat(now));
  }
}

/**
 * The server-side assignor over every member the coordinator knows (a
 * crashed one keeps its partitions until its session expires), given what
 * each owns now.
 */
function computeTargets(group: Group): void {
  const members = group.members;
  const { input, counts } = group.assignorInput(members);
  const assignment = assignPartitions(group.assignor, input, counts);
  for (const m of members) {
    m.nextTarget = (assignment[m.id] ?? []).map(([t, p]) => group.partitionOf(t, p));
  }
}

/**
 * One member's heartbeat (`heard`: the coordinator's answer delivers its
 * latest target) or the end of a record (it releases what it lost now that
 * the record is done): release, acquire, and tell the group once all converge.
 */
export function reconcile(group: Group, member: Member, heard: boolean): void {
  if (member.status !== 'live' || group.protocol !== 'consumer') return;
  const now = group.now;
  if (heard) member.target = member.nextTarget;
  const target = member.target;
  // Released now: what it lost, except a partition whose record is still in hand.
  const lost = member.assigned.filter((gp) => !target.includes(gp) && !member.isProcessing(gp));
  const released = lost.some((gp) => gp.owner === member);
  if (member.config.commit.mode === 'auto') {
    for (const gp of lost) if (gp.owner === member) group.commit(gp, gp.position);
  }
  group.unown(member, lost);
  const kept = member.assigned.filter((gp) => !lost.includes(gp));
  member.assigned = kept;
  // A lost partition with a record in hand stays assigned until that record is done, but no
  // further record of it is taken.
  member.owned = member.owned.filter((gp) => target.includes(gp));
  for (const gp of target) {
    if (gp.owner === null && !member.assigned.includes(gp)) group.hand(gp, member);
  }
  member.lastAssignment = member.assigned.map((gp) => [gp.topic.name, gp.log.partition] as const);
  member.lastGeneration = group.generation;
  if (member.owned.length > 0 || target.length === 0) resume(member, now);
  if (released) {
    // The release is acknowledged at once; each new owner hears of it at its next heartbeat.
    for (const other of group.members) {
      if (other !== member && other.status === 'live' && waitsForFree(other)) {
        other.heartbeatAt(other.nextHeartbeat(now));
      }
    }
  }
  if (!converged(member)) member.heartbeatAt(member.nextHeartbeat(now));
  if (group.state === 'Reconciling' && group.members.every(converged)) group.reconciled();
  member.pump();
}

function waitsForFree(member: Member): boolean {
  return member.target.some((gp) => gp.owner === null && !member.assigned.includes(gp));
}

/** A silent member counts as converged only if it was; the group waits for its session. */
function converged(member: Member): boolean {
  if (member.status === 'leaving') return true;
  const { assigned, target, nextTarget } = member;
  return (
    target === nextTarget &&
    assigned.length === target.length &&
    target.every((gp) => assigned.includes(gp))
  );
}
