import { isCopying } from './copy-graph';
import {
  assignPartitions,
  rebalanceProtocol,
  type AssignorMember,
  type AssignorName,
  type RebalanceProtocol,
} from './assignors';
import { CommitSamples } from './commit-samples';
import type { InFlight, Member } from './consumer';
import { TRACE, traceWord, type Kernel } from './kernel';
import type { PartitionLog } from './partition-log';
import { ProcessingHistory } from './processing-history';
import { retarget, startTargets } from './consumer-protocol';
import { pause, RebalanceLog, resume, type PauseClock } from './rebalance-cost';
import type { Topic } from './topic';
import type { TraceHash } from './trace';

/**
 * Group states (kafka-semantics §3, §7): the classic protocol's, plus
 * KIP-848's Reconciling (members converge on the target one by one).
 */
export type GroupState =
  'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Reconciling' | 'Stable';

/** Outcome counters, per group (see docs/model.md for each definition). */
export interface GroupCounters {
  processed: number;
  duplicates: number;
  lost: number;
  skipped: number;
  orderingViolations: number;
  deadLettered: number;
  rebalances: number;
  /** Members the coordinator removed while they were still processing (a slow handler). */
  evictions: number;
  /** Commits refused because the member was no longer in the group (CommitFailedException). */
  failedCommits: number;
}

/** One partition as one group sees it: committed offset, owner, position. */
export class GroupPartition implements PauseClock {
  /** The group's committed offset: the next offset to read; null before any commit. */
  committed: number | null = null;
  /** One past the highest offset this group has processed (null: none yet). */
  processedEnd: number | null = null;
  owner: Member | null = null;
  /** The owner's fetch position (next offset to process). */
  position = 0;
  /** Who processed the latest offsets, and when. */
  readonly history = new ProcessingHistory();
  /** Recent commits as Burrow keeps them. */
  readonly commits = new CommitSamples();
  /** Time unconsumed because of membership (rebalances, a dead owner). */
  pausedMs = 0;
  pausedSince: number | null = null;
  /** The log end offset the last `endAt` found: asked at ever later moments, it only grows. */
  private seenEnd = 0;
  /** One record's timestamp, kept: batched catch-up reads the same boundary record often. */
  private knownOffset = -1;
  private knownTime = 0;

  constructor(
    readonly group: Group,
    readonly topic: Topic,
    readonly log: PartitionLog,
    /** Created after the group existed (added partitions: auto.offset.reset applies). */
    readonly addedLater: boolean,
  ) {}

  /**
   * The log end offset as it was once the record with production sequence `sequence`
   * (Infinity: every record) appended at `time` was in: what a batched consumer saw at that
   * moment, though later records are in the log by now. Asked at ever later moments.
   */
  endAt(time: number, sequence: number): number {
    const log = this.log;
    let end = Math.max(this.seenEnd, log.logStartOffset);
    while (end < log.logEndOffset) {
      const t = this.timestampAt(end);
      if (t > time || (t === time && log.sequenceAt(end) > sequence)) break;
      end++;
    }
    this.seenEnd = end;
    return end;
  }

  /** The log's timestamp at `offset` (which must be in the log); a record never changes. */
  timestampAt(offset: number): number {
    if (offset !== this.knownOffset) {
      this.knownOffset = offset;
      this.knownTime = this.log.timestampAt(offset);
    }
    return this.knownTime;
  }
}

const MAX_REASONS = 4;

/**
 * A consumer group and its coordinator (kafka-semantics §3, §7). How it
 * rebalances follows from its assignor's protocol:
 * - eager: every membership change stops every member, which revokes
 *   everything and rejoins; once all have rejoined and the JoinGroup/SyncGroup
 *   round is over, the leader's assignor hands out partitions;
 * - cooperative: members rejoin keeping their partitions and go on
 *   consuming; the assignment withholds a partition that moves, its owner
 *   revokes it, and a follow-up rebalance hands it over;
 * - consumer (KIP-848): no JoinGroup barrier; the coordinator computes a
 *   target at once and each member reconciles at its own heartbeats
 *   (consumer-protocol.ts).
 */
export class Group {
  /** How the group rebalances, from its assignor (kept as a field: read per record). */
  protocol: RebalanceProtocol;
  private assignorName: AssignorName;
  readonly members: Member[] = [];
  /** Members the coordinator removed while they still held a record (shown until they rejoin). */
  readonly evicted: Member[] = [];
  state: GroupState = 'Empty';
  generation = 0;
  leader: Member | null = null;
  rebalanceStartedAt: number | null = null;
  rebalanceReasons: string[] = [];
  readonly counters: GroupCounters = {
    processed: 0,
    duplicates: 0,
    lost: 0,
    skipped: 0,
    orderingViolations: 0,
    deadLettered: 0,
    rebalances: 0,
    evictions: 0,
    failedCommits: 0,
  };
  readonly rebalanceLog = new RebalanceLog();
  /** Partitions of every topic the group's apps subscribe to, by topic. */
  readonly partitions = new Map<Topic, GroupPartition[]>();
  /** Partition counts the leader saw at its last metadata refresh. */
  private readonly knownCounts = new Map<Topic, number>();
  /** Per entity: highest production sequence processed (ordering check). */
  private entitySequence = new Float64Array(64).fill(-1);
  /** Per entity: ordering violations seen (which keys lost their order). */
  private entityViolations = new Uint32Array(64);
  private joinNotBefore = 0;
  /**
   * group.initial.rebalance.delay.ms (InitialDelayedJoin): a member joined during the delay, so
   * the coordinator waits another delay, for at most `delayLeft` more (the rebalance timeout).
   */
  private joinedInDelay = false;
  private delayLeft = 0;
  /** Partitions that changed owner, and that paused, in the rebalance in progress. */
  private moved = 0;
  private pausedInRebalance = 0;
  /** Consuming in batches until its next event (Member.catchUp), not a timer per record. */
  batched = false;
  private readonly rebalanceSlot!: number;
  private readonly joinDeadlineSlot!: number;
  private readonly metadataSlot!: number;

  constructor(
    readonly groupId: string,
    readonly index: number,
    assignor: AssignorName,
    private readonly kernel: Kernel,
  ) {
    this.assignorName = assignor;
    this.protocol = rebalanceProtocol(assignor);
    if (isCopying()) return;
    const { scheduler } = kernel;
    this.rebalanceSlot = scheduler.slot<Group>(this, 'onRebalanceTimer', undefined, index);
    this.joinDeadlineSlot = scheduler.slot<Group>(this, 'onJoinDeadline', undefined, index);
    this.metadataSlot = scheduler.slot<Group>(this, 'refreshMetadata', undefined, index);
    scheduler.schedule(this.metadataSlot, kernel.now + kernel.cluster.metadataMaxAgeMs);
  }

  get assignor(): AssignorName {
    return this.assignorName;
  }

  /** Switching the assignor switches the protocol with it. */
  set assignor(name: AssignorName) {
    this.assignorName = name;
    this.protocol = rebalanceProtocol(name);
  }

  /** Starts following a topic's partitions (an app subscribed to it). */
  follow(topic: Topic, addedLater: boolean): GroupPartition[] {
    let list = this.partitions.get(topic);
    if (!list) {
      list = topic.partitions.map((log) => new GroupPartition(this, topic, log, addedLater));
      this.partitions.set(topic, list);
      this.knownCounts.set(topic, topic.partitionCount);
    }
    return list;
  }

  /**
   * New partitions of a followed topic. A classic group's leader notices at its next metadata
   * refresh; a KIP-848 coordinator learns from the metadata image at once and bumps the group
   * epoch (GroupMetadataManager.onNewMetadataImage), members reconciling at their heartbeats.
   */
  partitionsAdded(topic: Topic, logs: readonly PartitionLog[]): GroupPartition[] {
    const list = this.partitions.get(topic);
    if (!list) return [];
    const known = this.knownCounts.get(topic)!;
    const added = logs.map((log) => new GroupPartition(this, topic, log, true));
    list.push(...added);
    if (this.protocol === 'consumer' && this.members.length > 0)
      this.requestRebalance(`${topic.name} partitions ${known} → ${list.length}`, false);
    return added;
  }

  /**
   * Whether every member's records go the plain way until the group's next event: a Stable
   * classic group (no KIP-848 reconciliation), every member live or crashed and batchable,
   * and keys in one partition each (per-key order is checked record by record across the
   * group's partitions, so those must be replayed in time order, not member by member).
   */
  batchable(): boolean {
    if (this.state !== 'Stable' || this.protocol === 'consumer' || this.evicted.length > 0)
      return false;
    for (const topic of this.partitions.keys()) if (topic.keysMayMove) return false;
    for (const m of this.members) if (!m.batchable()) return false;
    return true;
  }

  enterBatch(): void {
    this.batched = true;
    for (const m of this.members) m.enterBatch();
  }

  /** Catches up to `at` and goes back to a timer per record; the batch's events join `trace`. */
  leaveBatch(at: number, trace: TraceHash): void {
    this.catchUp(at);
    this.batched = false;
    for (const m of this.members) m.leaveBatch(trace);
  }

  /** Replays each member's records until `until` (members' records never interact here). */
  catchUp(until: number): void {
    for (const m of this.members) m.catchUp(until);
    this.kernel.now = until;
  }

  /** Members still heard from (not crashed, not gone waiting out a static session). */
  get liveMembers(): Member[] {
    return this.members.filter((m) => m.status === 'live' || m.status === 'leaving');
  }

  /** Places the initial members of a config as one completed first rebalance at t=0. */
  startStable(members: readonly Member[]): void {
    this.members.push(...members);
    if (members.length === 0) return;
    if (this.protocol === 'consumer') startTargets(this);
    else this.assign();
  }

  join(member: Member): void {
    const away = this.staticPredecessor(member);
    if (away) {
      this.takeOver(away, member);
      return;
    }
    const wasEmpty = this.members.length === 0;
    if (this.state === 'PreparingRebalance' && this.kernel.now < this.joinNotBefore)
      this.joinedInDelay = true;
    this.members.push(member);
    this.trace(TRACE.join, member.serial);
    pause(member, this.kernel.now);
    this.requestRebalance(`${member.id} joined`, wasEmpty);
  }

  /** A static member whose instance id this new member carries, still waiting out its session. */
  private staticPredecessor(member: Member): Member | undefined {
    if (member.instanceId === null) return undefined;
    return this.members.find((m) => m !== member && m.instanceId === member.instanceId);
  }

  /**
   * Static membership (kafka-semantics §7): an instance that comes back
   * within its session timeout takes its predecessor's place and partitions,
   * with no rebalance; it resumes from the committed offsets.
   */
  private takeOver(old: Member, member: Member): void {
    const now = this.kernel.now;
    this.members[this.members.indexOf(old)] = member;
    if (this.leader === old) this.leader = member;
    member.assigned = old.assigned;
    member.owned = old.owned;
    member.target = old.target;
    member.nextTarget = old.nextTarget;
    member.lastAssignment = old.lastAssignment;
    member.lastGeneration = old.lastGeneration;
    member.rejoined = old.rejoined;
    old.assigned = [];
    old.owned = [];
    old.target = [];
    old.nextTarget = [];
    for (const gp of member.assigned) if (gp.owner === old) gp.owner = member;
    this.retire(old);
    this.trace(TRACE.takeOver, member.serial);
    const consuming = this.protocol !== 'eager' || this.state === 'Stable';
    if (consuming) {
      for (const gp of member.owned) {
        this.startPosition(gp, member.config.fromBeginning);
        resume(gp, now);
      }
    }
    if (this.state === 'PreparingRebalance') {
      member.rejoined = false;
      if (!member.busy) this.rejoin(member);
    }
    // A sync round stalled for want of a living leader completes with this one.
    const { scheduler } = this.kernel;
    if (this.state === 'CompletingRebalance' && !scheduler.isScheduled(this.rebalanceSlot)) {
      scheduler.schedule(this.rebalanceSlot, now + this.kernel.cluster.rebalanceMs);
    }
    if (this.protocol === 'consumer') member.heartbeatAt(now);
    member.pump();
  }

  /** LeaveGroup after a clean close (auto-commit commits first). Static members send none. */
  leave(member: Member): void {
    if (member.config.commit.mode === 'auto') member.commitPositions();
    if (member.instanceId !== null) {
      member.goAway();
      this.pausePartitionsOf(member);
      this.trace(TRACE.leave, member.serial);
      return;
    }
    this.remove(member);
    this.trace(TRACE.leave, member.serial);
    this.requestRebalance(`${member.id} left the group`, false);
  }

  crash(member: Member): void {
    if (!this.members.includes(member)) {
      // Evicted and out of the group: the process dies before it could rejoin.
      member.crash();
      this.retire(member);
      return;
    }
    member.crash();
    this.trace(TRACE.crash, member.serial);
    // Its partitions stay assigned to it, unconsumed, until the session times out.
    this.pausePartitionsOf(member);
    if (this.state === 'PreparingRebalance') this.tryCompleteJoin();
  }

  /** The coordinator stops hearing heartbeats for session.timeout.ms (kafka-semantics §7). */
  expire(member: Member): void {
    const handling = member.status === 'evicted';
    this.remove(member, !handling);
    // A static member evicted mid-record that outlived its session: it rejoins once done.
    if (handling) this.evicted.push(member);
    this.trace(TRACE.expire, member.serial);
    this.requestRebalance(`${member.id} session timed out`, false);
  }

  /**
   * A live member missed its deadline while processing (kafka-semantics §7):
   * Java's poll loop exceeded max.poll.interval.ms (the client leaves the
   * group; a static one sends no LeaveGroup and waits out its session), or a
   * kafkajs handler outlived the session timeout (the coordinator expires it).
   * It finishes its record, its commit fails, and it rejoins.
   */
  evict(member: Member, reason: string): void {
    this.counters.evictions++;
    this.trace(TRACE.evict, member.serial);
    if (member.instanceId !== null && member.config.client === 'java') {
      member.evict(true);
      this.pausePartitionsOf(member);
      if (this.state === 'PreparingRebalance') this.tryCompleteJoin();
      return;
    }
    this.dropHandling(member);
    this.requestRebalance(`${member.id} ${reason}`, false);
  }

  /** Removes a member still in its handler; it is listed as evicted until it rejoins. */
  private dropHandling(member: Member): void {
    this.remove(member, false);
    member.evict(false);
    this.evicted.push(member);
  }

  /** An evicted member finished its record: it is gone for good (it rejoins as a new member). */
  retire(member: Member): void {
    const i = this.evicted.indexOf(member);
    if (i >= 0) this.evicted.splice(i, 1);
    const app = member.app;
    app.members = app.members.filter((m) => m !== member);
    member.release();
  }

  private remove(member: Member, release = true): void {
    const now = this.kernel.now;
    const i = this.members.indexOf(member);
    if (i >= 0) this.members.splice(i, 1);
    this.unown(member, member.assigned);
    member.assigned = [];
    member.owned = [];
    member.target = [];
    member.nextTarget = [];
    resume(member, now);
    if (this.leader === member) this.leader = null;
    if (release) this.retire(member);
  }

  private pausePartitionsOf(member: Member): void {
    pause(member, this.kernel.now);
    for (const gp of member.owned) this.pausePartition(gp);
  }

  /** `member` gives up these partitions (those it still owns): they pause until handed on. */
  unown(member: Member, partitions: readonly GroupPartition[]): void {
    for (const gp of partitions) {
      if (gp.owner === member) {
        gp.owner = null;
        this.pausePartition(gp);
      }
    }
  }

  pausePartition(gp: GroupPartition): void {
    if (pause(gp, this.kernel.now) && this.rebalanceStartedAt !== null) this.pausedInRebalance++;
  }

  /** Something changed membership or metadata: the group rebalances by its protocol. */
  requestRebalance(reason: string, firstMember: boolean): void {
    this.rebalanceReasons.push(reason);
    if (this.rebalanceReasons.length > MAX_REASONS) this.rebalanceReasons.shift();
    const now = this.kernel.now;
    const protocol = this.protocol;
    if (protocol === 'consumer') {
      this.beginRebalance(reason);
      this.generation++; // the group epoch
      // The coordinator assigns with the current metadata.
      for (const [topic] of this.partitions) this.knownCounts.set(topic, topic.partitionCount);
      retarget(this);
      return;
    }
    if (this.state !== 'PreparingRebalance') {
      const wasStable = this.state === 'Stable';
      this.beginRebalance(reason);
      this.state = 'PreparingRebalance';
      this.joinNotBefore = firstMember ? now + this.kernel.cluster.initialRebalanceDelayMs : now;
      for (const member of this.members) member.rejoined = false;
      // Rebalance timeout (Java: max.poll.interval.ms; kafkajs: rebalanceTimeout): members
      // that have not rejoined by then are removed.
      let timeout = 0;
      for (const m of this.members) timeout = Math.max(timeout, m.rebalanceTimeoutMs);
      this.kernel.scheduler.schedule(this.joinDeadlineSlot, now + timeout);
      this.joinedInDelay = false;
      this.delayLeft = firstMember
        ? Math.max(timeout - this.kernel.cluster.initialRebalanceDelayMs, 0)
        : 0;
      if (protocol === 'eager' && wasStable) {
        // Stop the world: nothing is fetched until the new assignment. A Java member still
        // working through its last poll() keeps consuming until its next poll() rejoins.
        for (const member of this.liveMembers) {
          if (member.pollUnfinished) {
            member.pauseAtRejoin = true;
            continue;
          }
          pause(member, now);
          for (const gp of member.owned) this.pausePartition(gp);
        }
      }
    }
    // Idle members rejoin at once (a new member's JoinGroup is its rejoin);
    // busy ones finish the record in hand first.
    for (const member of this.members) {
      if (member.status === 'live' && !member.busy && !member.rejoined) this.rejoin(member);
    }
    // Unless everyone has rejoined already (the sync round's timer is then set), wake up when
    // the initial delay is over.
    if (this.state === 'PreparingRebalance') {
      this.kernel.scheduler.schedule(this.rebalanceSlot, Math.max(now, this.joinNotBefore));
    }
  }

  private beginRebalance(reason: string): void {
    if (this.rebalanceStartedAt !== null) return;
    const now = this.kernel.now;
    this.rebalanceStartedAt = now;
    this.moved = 0;
    this.pausedInRebalance = 0;
    this.counters.rebalances++;
    this.kernel.notices.add(now, 'rebalance', this.groupId, reason);
  }

  /** Ends the rebalance in progress: logs what it cost. */
  endRebalance(): void {
    const startedAt = this.rebalanceStartedAt;
    if (startedAt === null) return;
    this.rebalanceLog.add({
      generation: this.generation,
      protocol: this.protocol,
      startedAt,
      endedAt: this.kernel.now,
      reasons: [...this.rebalanceReasons],
      moved: this.moved,
      paused: this.pausedInRebalance,
    });
    this.rebalanceStartedAt = null;
    this.rebalanceReasons = [];
  }

  get now(): number {
    return this.kernel.now;
  }

  /** KIP-848: every member has reached its target; the epoch's reconciliation is over. */
  reconciled(): void {
    this.state = 'Stable';
    this.endRebalance();
    this.trace(TRACE.rebalance, this.generation);
  }

  /** KIP-848: no member left; partitions wait unassigned. */
  emptied(): void {
    this.state = 'Empty';
    this.leader = null;
    for (const list of this.partitions.values()) for (const gp of list) resume(gp, this.kernel.now);
    this.endRebalance();
    this.trace(TRACE.rebalance, this.generation);
  }

  /** The partition a `[topic, partition]` pair names. */
  partitionOf(topicName: string, partition: number): GroupPartition {
    return this.partitions.get(this.kernel.topic(topicName)!)![partition]!;
  }

  /**
   * A member between records during a classic rebalance sends JoinGroup:
   * eager members revoke everything first; cooperative ones keep what they own.
   */
  rejoin(member: Member): void {
    if (this.protocol === 'eager') {
      if (member.pauseAtRejoin) pause(member, this.kernel.now);
      member.pauseAtRejoin = false;
      this.revokeMissing(member, []);
    }
    member.rejoined = true;
    this.tryCompleteJoin();
  }

  /** Timer: the join delay or the sync round is over. */
  onRebalanceTimer(): void {
    if (this.state === 'PreparingRebalance') this.tryCompleteJoin();
    else if (this.state === 'CompletingRebalance') this.assign();
  }

  /** Timer: the rebalance timeout; members that have not rejoined are removed. */
  onJoinDeadline(): void {
    if (this.state !== 'PreparingRebalance') return;
    for (const m of [...this.members]) {
      if (m.rejoined) continue;
      if (m.busy && m.heard) {
        // Still in its handler: removed now; it finishes, fails to commit, and rejoins.
        this.counters.evictions++;
        this.trace(TRACE.evict, m.serial);
        this.dropHandling(m);
      } else this.expire(m);
    }
    this.tryCompleteJoin();
  }

  /** JoinGroup completes once every known member has rejoined or been removed. */
  private tryCompleteJoin(): void {
    const now = this.kernel.now;
    if (this.state !== 'PreparingRebalance' || now < this.joinNotBefore) return;
    if (this.joinedInDelay && this.delayLeft > 0) {
      // Members are still arriving: wait another initial delay (InitialDelayedJoin.onComplete).
      const delay = Math.min(this.kernel.cluster.initialRebalanceDelayMs, this.delayLeft);
      this.delayLeft -= delay;
      this.joinedInDelay = false;
      this.joinNotBefore = now + delay;
      this.kernel.scheduler.schedule(this.rebalanceSlot, this.joinNotBefore);
      return;
    }
    // A member that rejoined and then went silent still counts: the coordinator learns of it only
    // when its session expires.
    for (const m of this.members) if (!m.rejoined) return;
    this.state = 'CompletingRebalance';
    // JoinGroup answers name the leader: the longest-standing member, kept while it is in the
    // group. Its SyncGroup carries the assignment, so a leader that dies now stalls the round.
    if (this.leader === null || !this.members.includes(this.leader)) {
      this.leader = this.members.find((m) => m.heard) ?? this.members[0] ?? null;
    }
    this.kernel.scheduler.cancel(this.joinDeadlineSlot);
    this.kernel.scheduler.schedule(
      this.rebalanceSlot,
      this.kernel.now + this.kernel.cluster.rebalanceMs,
    );
  }

  /** The assignor's input: members leader first, with what each owns now. */
  assignorInput(members: readonly Member[]): {
    input: AssignorMember[];
    counts: Record<string, number>;
  } {
    const counts: Record<string, number> = {};
    for (const [topic, list] of this.partitions) counts[topic.name] = list.length;
    const input: AssignorMember[] = members.map((m) => ({
      id: m.id,
      topics: m.config.topics,
      ...(m.instanceId === null ? {} : { groupInstanceId: m.instanceId }),
      owned: m.lastAssignment,
      generation: m.lastGeneration,
    }));
    return { input, counts };
  }

  /** The leader assigns (with fresh metadata); members take up what they gained. */
  private assign(): void {
    const now = this.kernel.now;
    // Everyone who rejoined gets an assignment, silent or not; the leader must be alive to send
    // it: followers wait for its SyncGroup until its session expires, which starts a new round.
    const members = [...this.members];
    const alive = members.filter((m) => m.heard);
    if (members.length > 0 && alive.length === 0) return;
    if (this.leader !== null && members.includes(this.leader) && !this.leader.heard) return;
    this.generation++;
    for (const [topic] of this.partitions) this.knownCounts.set(topic, topic.partitionCount);
    if (members.length === 0) {
      this.state = 'Empty';
      this.leader = null;
      for (const list of this.partitions.values()) for (const gp of list) resume(gp, now);
      this.endRebalance();
      this.trace(TRACE.rebalance, this.generation);
      return;
    }
    // The leader is the longest-standing member; it goes first for kafkajs's assigner.
    const leader = this.leader && alive.includes(this.leader) ? this.leader : alive[0]!;
    this.leader = leader;
    const ordered = [leader, ...members.filter((m) => m !== leader)];
    const { input, counts } = this.assignorInput(ordered);
    const assignment = assignPartitions(this.assignor, input, counts);
    this.state = 'Stable';
    this.trace(TRACE.rebalance, this.generation);
    let revokedBy: Member | null = null;
    for (const member of ordered) {
      const next = (assignment[member.id] ?? []).map(([t, p]) => this.partitionOf(t, p));
      if (this.revokeMissing(member, next)) revokedBy ??= member;
      member.rejoined = false;
      for (const gp of next) {
        if (!member.assigned.includes(gp)) this.hand(gp, member);
        this.kernel.trace.int(gp.log.partition);
      }
      this.kernel.trace.int(-1);
      member.lastAssignment = assignment[member.id] ?? [];
      member.lastGeneration = this.generation;
    }
    for (const member of ordered) {
      // A member left empty-handed while partitions are withheld for it still waits.
      if (member.heard && (!revokedBy || member.owned.length > 0)) resume(member, now);
    }
    if (!revokedBy) {
      // Partitions nobody subscribes to are unassigned, not paused.
      for (const list of this.partitions.values()) {
        for (const gp of list) if (gp.owner === null) resume(gp, now);
      }
    }
    this.endRebalance();
    // Cooperative: whoever revoked a partition rejoins at once, so a second rebalance hands it over.
    if (revokedBy) this.requestRebalance(`${revokedBy.id} revoked partitions`, false);
    for (const member of ordered) member.pump();
  }

  /** Drops what `member` holds beyond `next` (cooperative revocation); true if it dropped something. */
  revokeMissing(member: Member, next: readonly GroupPartition[]): boolean {
    const lost = member.assigned.filter((gp) => !next.includes(gp));
    if (lost.length === 0) return false;
    if (member.config.commit.mode === 'auto') member.commitPositions();
    this.unown(member, lost);
    member.assigned = member.assigned.filter((gp) => next.includes(gp));
    member.owned = member.owned.filter((gp) => next.includes(gp));
    return true;
  }

  /** Hands `gp` to `member`, which starts at the committed offset. */
  hand(gp: GroupPartition, member: Member): void {
    const name = gp.topic.name;
    const p = gp.log.partition;
    if (!member.lastAssignment.some(([t, q]) => t === name && q === p)) this.moved++;
    gp.owner = member;
    member.assigned.push(gp);
    // kafkajs's leader may hand out topics this member does not subscribe to; it skips them.
    if (member.config.topics.includes(gp.topic.name)) {
      member.owned.push(gp);
      this.startPosition(gp, member.config.fromBeginning);
    }
    // Handed to a member that has gone silent, it waits for that member's session to expire.
    if (member.heard) resume(gp, this.kernel.now);
    else this.pausePartition(gp);
  }

  /**
   * Where a newly assigned partition's consumption starts: the committed
   * offset, or with none (or out of range) auto.offset.reset / fromBeginning
   * (kafka-semantics §4–5). Counts what the jump passes over.
   */
  startPosition(gp: GroupPartition, fromBeginning: boolean): void {
    const log = gp.log;
    const committed = gp.committed;
    if (committed !== null && committed >= log.logStartOffset && committed <= log.logEndOffset) {
      if (gp.processedEnd !== null && committed > gp.processedEnd) {
        // Committed past records nobody processed: at-most-once loses them.
        this.counters.lost += committed - gp.processedEnd;
      }
      gp.position = committed;
      gp.processedEnd = gp.processedEnd === null ? committed : Math.max(gp.processedEnd, committed);
      return;
    }
    if (committed !== null) {
      this.outOfRange(gp, fromBeginning, committed);
      return;
    }
    gp.position = fromBeginning ? log.logStartOffset : log.logEndOffset;
    // With `latest`, records nobody processed are skipped: those written to a new partition
    // before the group picked it up, or past what an owner processed but never committed.
    if (!fromBeginning) {
      const from = gp.processedEnd ?? (gp.addedLater ? log.logStartOffset : null);
      if (from !== null && log.logEndOffset > from)
        this.counters.skipped += log.logEndOffset - from;
    }
    gp.processedEnd =
      gp.processedEnd === null ? gp.position : Math.max(gp.processedEnd, gp.position);
  }

  /** OFFSET_OUT_OF_RANGE: reset per fromBeginning, counting records never processed. */
  outOfRange(gp: GroupPartition, fromBeginning: boolean, from = gp.position): void {
    const log = gp.log;
    const to = fromBeginning ? log.logStartOffset : log.logEndOffset;
    const done = gp.processedEnd ?? from;
    if (to > done) this.counters.skipped += to - Math.max(done, from);
    gp.position = to;
    gp.processedEnd = Math.max(done, to);
    this.trace(TRACE.reset, to);
  }

  /** Commits `offset`; `logEnd` is the log end at that moment (earlier than now when batched). */
  commit(gp: GroupPartition, offset: number, logEnd = gp.log.logEndOffset): void {
    // Burrow sees every commit, repeated offsets too (that is how it spots a stall).
    gp.commits.add(offset, this.kernel.now, logEnd - offset);
    if (gp.committed === offset) return;
    gp.committed = offset;
    const t = this.kernel.trace;
    t.int(traceWord(TRACE.commit, this.index, gp.topic.index, gp.log.partition));
    t.int(offset);
  }

  /** A record was handled (processed, or dead-lettered): duplicates and ordering. */
  processed(member: Member, record: InFlight): void {
    const gp = record.gp;
    const counters = this.counters;
    if (!record.poison) counters.processed++;
    if (gp.owner === member && gp.position === record.offset) gp.position = record.offset + 1;
    if (gp.processedEnd !== null && record.offset < gp.processedEnd) {
      counters.duplicates++;
    } else {
      gp.processedEnd = record.offset + 1;
      const e = record.entity;
      if (e >= 0) {
        if (e >= this.entitySequence.length) this.growEntities(e);
        if (record.sequence < this.entitySequence[e]!) {
          counters.orderingViolations++;
          this.kernel.notices.add(
            this.kernel.now,
            'violation',
            this.groupId,
            this.kernel.entityName(e),
          );
          this.entityViolations[e]!++;
        } else this.entitySequence[e] = record.sequence;
      }
    }
    gp.history.record(record.offset, member.serial, this.kernel.now);
    const t = this.kernel.trace;
    t.int(traceWord(TRACE.process, this.index, gp.topic.index, gp.log.partition));
    t.int(member.serial);
    t.int(record.offset);
    t.float(this.kernel.now);
  }

  deadLetter(member: Member, record: InFlight, topicName: string | null): void {
    const name = topicName ?? `${record.gp.topic.name}.dlq`;
    const topic = this.kernel.topic(name)!;
    this.kernel.send(topic, record.entity, record.keyed, -1, 0, record.value);
    this.counters.deadLettered++;
    this.trace(TRACE.deadLetter, member.serial);
  }

  /** kafka-consumer-groups --reset-offsets: a deliberate new pass over the log. */
  resetOffsets(topic: Topic, to: 'earliest' | 'latest'): void {
    for (const gp of this.partitions.get(topic) ?? []) {
      gp.committed = to === 'earliest' ? gp.log.logStartOffset : gp.log.logEndOffset;
      gp.processedEnd = null;
    }
    for (const gp of this.partitions.get(topic) ?? []) gp.commits.clear();
    this.entitySequence.fill(-1);
    this.trace(TRACE.reset, topic.index);
  }

  /** metadata.max.age.ms: the leader notices added partitions and rebalances. */
  /** Timer: metadata.max.age.ms passed. */
  refreshMetadata(now: number): void {
    const changed: string[] = [];
    for (const [topic, list] of this.partitions) {
      const known = this.knownCounts.get(topic)!;
      if (list.length !== known) changed.push(`${topic.name} partitions ${known} → ${list.length}`);
    }
    if (changed.length > 0 && this.members.length > 0)
      this.requestRebalance(changed.join(', '), false);
    this.kernel.scheduler.schedule(this.metadataSlot, now + this.kernel.cluster.metadataMaxAgeMs);
  }

  private growEntities(e: number): void {
    const size = Math.max(e + 1, this.entitySequence.length * 2);
    const next = new Float64Array(size).fill(-1);
    next.set(this.entitySequence);
    this.entitySequence = next;
    const violations = new Uint32Array(size);
    violations.set(this.entityViolations);
    this.entityViolations = violations;
  }

  /** Entities with at least one ordering violation, and how many. */
  violationsByEntity(): [entity: number, count: number][] {
    const out: [number, number][] = [];
    this.entityViolations.forEach((n, e) => {
      if (n > 0) out.push([e, n]);
    });
    return out;
  }

  private trace(tag: number, value: number): void {
    const t = this.kernel.trace;
    t.int(tag);
    t.int(this.index);
    t.int(value);
    t.float(this.kernel.now);
  }
}
