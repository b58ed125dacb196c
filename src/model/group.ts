import { isCopying } from './copy-graph';
import { assignPartitions, type AssignorMember, type AssignorName } from './assignors';
import type { InFlight, Member } from './consumer';
import { TRACE, traceWord, type Kernel } from './kernel';
import type { PartitionLog } from './partition-log';
import { ProcessingHistory } from './processing-history';
import type { Topic } from './topic';

/** Classic group states (kafka-semantics §3, §7). */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

/** Outcome counters, per group (see docs/model.md for each definition). */
export interface GroupCounters {
  processed: number;
  duplicates: number;
  lost: number;
  skipped: number;
  orderingViolations: number;
  deadLettered: number;
  rebalances: number;
}

/** One partition as one group sees it: committed offset, owner, position. */
export class GroupPartition {
  /** The group's committed offset: the next offset to read; null before any commit. */
  committed: number | null = null;
  /** One past the highest offset this group has processed (null: none yet). */
  processedEnd: number | null = null;
  owner: Member | null = null;
  /** The owner's fetch position (next offset to process). */
  position = 0;
  /** Who processed the latest offsets, and when. */
  readonly history = new ProcessingHistory();

  constructor(
    readonly group: Group,
    readonly topic: Topic,
    readonly log: PartitionLog,
    /** Created after the group existed (added partitions: auto.offset.reset applies). */
    readonly addedLater: boolean,
  ) {}
}

const MAX_REASONS = 4;

/**
 * A consumer group with the classic, eager protocol (kafka-semantics §3):
 * any membership change or partition-count change stops every member, which
 * revokes everything and rejoins; once all have rejoined and the JoinGroup/
 * SyncGroup round is over, the leader's assignor hands out partitions and
 * members resume from the committed offsets.
 */
export class Group {
  readonly members: Member[] = [];
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
  };
  /** Partitions of every topic the group's apps subscribe to, by topic. */
  readonly partitions = new Map<Topic, GroupPartition[]>();
  /** Partition counts the leader saw at its last metadata refresh. */
  private readonly knownCounts = new Map<Topic, number>();
  /** Per entity: highest production sequence processed (ordering check). */
  private entitySequence = new Float64Array(64).fill(-1);
  /** Per entity: ordering violations seen (which keys lost their order). */
  private entityViolations = new Uint32Array(64);
  private joinNotBefore = 0;
  private readonly rebalanceSlot!: number;
  private readonly metadataSlot!: number;

  constructor(
    readonly groupId: string,
    readonly index: number,
    public assignor: AssignorName,
    private readonly kernel: Kernel,
  ) {
    if (isCopying()) return;
    this.rebalanceSlot = kernel.scheduler.slot<Group>(this, 'onRebalanceTimer');
    this.metadataSlot = kernel.scheduler.slot<Group>(this, 'refreshMetadata');
    kernel.scheduler.schedule(this.metadataSlot, kernel.now + kernel.cluster.metadataMaxAgeMs);
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

  /** New partitions of a followed topic; the leader notices at its next metadata refresh. */
  partitionsAdded(topic: Topic, logs: readonly PartitionLog[]): GroupPartition[] {
    const list = this.partitions.get(topic);
    if (!list) return [];
    const added = logs.map((log) => new GroupPartition(this, topic, log, true));
    list.push(...added);
    return added;
  }

  get liveMembers(): Member[] {
    return this.members.filter((m) => m.status !== 'crashed');
  }

  /** Places the initial members of a config as one completed first rebalance at t=0. */
  startStable(members: readonly Member[]): void {
    this.members.push(...members);
    if (members.length > 0) this.assign();
  }

  join(member: Member): void {
    const wasEmpty = this.members.length === 0;
    this.members.push(member);
    this.trace(TRACE.join, member.serial);
    this.requestRebalance(`${member.id} joined`, wasEmpty);
  }

  /** LeaveGroup after a clean close (auto-commit commits first). */
  leave(member: Member): void {
    if (member.config.commit.mode === 'auto') member.commitPositions();
    this.remove(member);
    this.trace(TRACE.leave, member.serial);
    this.requestRebalance(`${member.id} left the group`, false);
  }

  crash(member: Member): void {
    member.crash();
    this.trace(TRACE.crash, member.serial);
    // Its partitions stay assigned to it, unconsumed, until the session times out.
    if (this.state === 'PreparingRebalance') this.tryCompleteJoin();
  }

  /** The coordinator stops hearing heartbeats for session.timeout.ms (kafka-semantics §7). */
  expire(member: Member): void {
    this.remove(member);
    this.trace(TRACE.expire, member.serial);
    this.requestRebalance(`${member.id} session timed out`, false);
  }

  private remove(member: Member): void {
    const i = this.members.indexOf(member);
    if (i >= 0) this.members.splice(i, 1);
    for (const gp of member.assigned) if (gp.owner === member) gp.owner = null;
    member.assigned = [];
    member.owned = [];
    const app = member.app;
    app.members = app.members.filter((m) => m !== member);
    if (this.leader === member) this.leader = null;
    member.release();
  }

  /** Eager rebalance: every live member revokes everything and rejoins. */
  requestRebalance(reason: string, firstMember: boolean): void {
    this.rebalanceReasons.push(reason);
    if (this.rebalanceReasons.length > MAX_REASONS) this.rebalanceReasons.shift();
    const now = this.kernel.now;
    if (this.state !== 'PreparingRebalance') {
      this.state = 'PreparingRebalance';
      this.rebalanceStartedAt = now;
      this.counters.rebalances++;
      this.kernel.notices.add(now, 'rebalance', this.groupId, reason);
      this.joinNotBefore = firstMember ? now + this.kernel.cluster.initialRebalanceDelayMs : now;
      for (const member of this.members) member.rejoined = false;
    }
    // Idle members rejoin at once (a new member's JoinGroup is its rejoin);
    // busy ones finish the record in hand first.
    for (const member of this.members) {
      if (member.status === 'live' && !member.busy && !member.rejoined) this.revoked(member);
    }
    this.kernel.scheduler.schedule(this.rebalanceSlot, Math.max(now, this.joinNotBefore));
  }

  /** A member finished its record during a rebalance: it revokes and rejoins. */
  revoked(member: Member): void {
    if (member.config.commit.mode === 'auto') member.commitPositions();
    for (const gp of member.assigned) if (gp.owner === member) gp.owner = null;
    member.assigned = [];
    member.owned = [];
    member.rejoined = true;
    this.tryCompleteJoin();
  }

  /** Timer: the join delay or the sync round is over. */
  onRebalanceTimer(): void {
    if (this.state === 'PreparingRebalance') this.tryCompleteJoin();
    else if (this.state === 'CompletingRebalance') this.assign();
  }

  /** JoinGroup completes once every known member has rejoined or been expired. */
  private tryCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.kernel.now < this.joinNotBefore) return;
    for (const m of this.members) {
      if (m.status === 'crashed' || !m.rejoined) return;
    }
    this.state = 'CompletingRebalance';
    this.kernel.scheduler.schedule(
      this.rebalanceSlot,
      this.kernel.now + this.kernel.cluster.rebalanceMs,
    );
  }

  /** The leader assigns (with fresh metadata) and members resume from committed offsets. */
  private assign(): void {
    const members = this.members.filter((m) => m.status === 'live');
    this.generation++;
    this.rebalanceStartedAt = null;
    this.rebalanceReasons = [];
    for (const [topic] of this.partitions) this.knownCounts.set(topic, topic.partitionCount);
    if (members.length === 0) {
      this.state = 'Empty';
      this.leader = null;
      this.trace(TRACE.rebalance, this.generation);
      return;
    }
    // The leader is the longest-standing member; it goes first for kafkajs's assigner.
    const leader = this.leader && members.includes(this.leader) ? this.leader : members[0]!;
    this.leader = leader;
    const ordered = [leader, ...members.filter((m) => m !== leader)];
    const counts: Record<string, number> = {};
    for (const [topic, list] of this.partitions) counts[topic.name] = list.length;
    const input: AssignorMember[] = ordered.map((m) => ({
      id: m.id,
      topics: m.config.topics,
      owned: m.lastAssignment,
      generation: m.lastGeneration,
    }));
    const assignment = assignPartitions(this.assignor, input, counts);
    this.state = 'Stable';
    this.trace(TRACE.rebalance, this.generation);
    for (const member of ordered) {
      member.rejoined = false;
      member.assigned = [];
      member.owned = [];
      member.lastAssignment = assignment[member.id] ?? [];
      member.lastGeneration = this.generation;
      for (const [topicName, p] of assignment[member.id] ?? []) {
        const topic = this.kernel.topic(topicName)!;
        const gp = this.partitions.get(topic)![p]!;
        gp.owner = member;
        member.assigned.push(gp);
        // kafkajs's leader may hand out topics this member does not subscribe to; it skips them.
        if (member.config.topics.includes(topicName)) {
          member.owned.push(gp);
          this.initPosition(gp, member.config.fromBeginning);
        }
        this.kernel.trace.int(p);
      }
      this.kernel.trace.int(-1);
    }
    for (const member of ordered) member.pump();
  }

  /**
   * Where a newly assigned partition's consumption starts: the committed
   * offset, or with none (or out of range) auto.offset.reset / fromBeginning
   * (kafka-semantics §4–5). Counts what the jump passes over.
   */
  private initPosition(gp: GroupPartition, fromBeginning: boolean): void {
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
    // With `latest`, records written to a new partition before the group picked it up are skipped.
    if (gp.addedLater && !fromBeginning && gp.processedEnd === null) {
      this.counters.skipped += log.logEndOffset - log.logStartOffset;
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

  commit(gp: GroupPartition, offset: number): void {
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
