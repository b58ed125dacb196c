import type { RebalanceProtocol, TopicPartition } from './assignors';
import type { ConsumerAppConfig, ProducerConfig, RetentionConfig } from './config';
import type { App, Member } from './consumer';
import type { EntityTable } from './entities';
import type { Group, GroupCounters, GroupState } from './group';
import type { LogEndTable } from './lag-estimate';
import { groupHealth, partitionHealth, type GroupHealth, type PartitionHealth } from './lag-health';
import type { LagSeries } from './metrics';
import { offsetLag, timeLagMs } from './metrics';
import { FLAG_POISON, type PartitionLog } from './partition-log';
import type { Producer } from './producer';
import { pausedFor, type RebalanceRecord } from './rebalance-cost';
import type { Topic, TopicRole } from './topic';

/**
 * What the views render: a fresh, plain, read-only copy of the model's state
 * at one instant. What it shares with the model (configs, retention, the
 * records it shows) is frozen, so changing a snapshot never changes the model.
 */
export interface Snapshot {
  readonly time: number;
  readonly seed: number;
  readonly topics: readonly TopicSnapshot[];
  readonly producers: readonly ProducerSnapshot[];
  readonly apps: readonly AppSnapshot[];
  readonly groups: readonly GroupSnapshot[];
  readonly totals: TotalsSnapshot;
}

export interface TopicSnapshot {
  readonly name: string;
  readonly role: TopicRole;
  readonly retention: RetentionConfig;
  readonly partitions: readonly PartitionSnapshot[];
}

export interface PartitionSnapshot {
  readonly partition: number;
  readonly logStartOffset: number;
  /** LEO; with one replica also the high watermark (kafka-semantics §4). */
  readonly logEndOffset: number;
  /** The newest records (up to the snapshot's recordsPerPartition), oldest first. */
  readonly records: readonly RecordSnapshot[];
}

export interface RecordSnapshot {
  readonly offset: number;
  /** The record key; null for key-less records. */
  readonly key: string | null;
  /** What the record is about (its key, or for key-less records the id in its value). */
  readonly entity: string | null;
  readonly value: string;
  readonly timestamp: number;
  readonly producerId: string | null;
  readonly poison: boolean;
}

export interface ProducerSnapshot extends ProducerConfig {
  /** Partition count from the producer's last metadata refresh. */
  readonly knownPartitions: number;
  readonly produced: number;
  /** The sticky partitioners' current partition, else null. */
  readonly stickyPartition: number | null;
}

export interface AppSnapshot extends ConsumerAppConfig {
  readonly memberIds: readonly string[];
  /** Records its consumers processed: with a shared groupId, only its share of the stream. */
  readonly processed: number;
}

export type MemberStatusView =
  'processing' | 'idle' | 'rebalancing' | 'leaving' | 'crashed' | 'away' | 'evicted';

export interface MemberSnapshot {
  readonly memberId: string;
  readonly appId: string;
  readonly status: MemberStatusView;
  readonly joinedAt: number;
  readonly crashedAt: number | null;
  /** When a silent member's (crashed, away, evicted static) session expires. */
  readonly sessionExpiresAt: number | null;
  /** Static membership's group.instance.id; null for a dynamic member. */
  readonly instanceId: string | null;
  /** Time it consumed nothing because of rebalances, up to now. */
  readonly pausedMs: number;
  /** KIP-848: the partitions it is reconciling towards (its assignment once converged). */
  readonly target: readonly TopicPartition[];
  readonly assignment: readonly TopicPartition[];
  /** Assigned partitions of topics this member does not subscribe to (kafkajs, shared groupId). */
  readonly ignored: readonly TopicPartition[];
  /** Records in hand: one, or up to partitionsConsumedConcurrently. */
  readonly inFlight: readonly InFlightSnapshot[];
  /**
   * Java: records its last poll() returned that it has not started (its next poll, which
   * rejoins a rebalance and auto-commits, comes after them); null for kafkajs.
   */
  readonly pollRemaining: number | null;
  /** In a classic rebalance: it has sent JoinGroup (a Java member rejoins at its next poll). */
  readonly rejoined: boolean;
  readonly processed: number;
}

export interface InFlightSnapshot {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly attempt: number;
  readonly startedAt: number;
  readonly endsAt: number;
}

/** One row of `kafka-consumer-groups --describe`, plus the model's extras. */
export interface GroupPartitionSnapshot {
  readonly topic: string;
  readonly partition: number;
  /** CURRENT-OFFSET: the committed offset, null ("-") before any commit. */
  readonly currentOffset: number | null;
  readonly logEndOffset: number;
  readonly logStartOffset: number;
  /** LAG = LOG-END-OFFSET − CURRENT-OFFSET; null ("-") with no committed offset. */
  readonly lag: number | null;
  readonly timeLagMs: number | null;
  /** CONSUMER-ID, or null ("-") when unassigned. */
  readonly consumerId: string | null;
  /** The owner's fetch position, when it consumes this partition. */
  readonly position: number | null;
  /** Time unconsumed because of membership (rebalances, a dead owner), up to now. */
  readonly pausedMs: number;
  /** Burrow's status from the recent commits; null before any commit (or without `monitoring`). */
  readonly health: PartitionHealth | null;
  /** kafka-lag-exporter's time lag estimate (ms); null when it has none (NaN). */
  readonly estimatedTimeLagMs: number | null;
}

export interface GroupSnapshot {
  readonly groupId: string;
  readonly state: GroupState;
  readonly generation: number;
  readonly assignor: string;
  readonly protocol: RebalanceProtocol;
  readonly leaderId: string | null;
  readonly appIds: readonly string[];
  readonly rebalance: { readonly startedAt: number; readonly reasons: readonly string[] } | null;
  readonly members: readonly MemberSnapshot[];
  readonly partitions: readonly GroupPartitionSnapshot[];
  /** Sum of known lags; null when no partition has a committed offset. */
  readonly totalLag: number | null;
  readonly maxTimeLagMs: number | null;
  readonly counters: Readonly<GroupCounters>;
  /** Burrow's group status: its worst partition (STOP, STALL, REWIND → ERR); null unless `monitoring`. */
  readonly health: GroupHealth | null;
  /** Recent finished rebalances, oldest first (bounded). */
  readonly rebalances: readonly RebalanceRecord[];
  /** Lag samples taken so far: read the series (`Simulation.lagSeries`) when it changes. */
  readonly samples: number;
}

export interface TotalsSnapshot {
  readonly produced: number;
  readonly processed: number;
  readonly duplicates: number;
  readonly lost: number;
  readonly skipped: number;
  readonly orderingViolations: number;
  readonly deadLettered: number;
}

export interface SnapshotOptions {
  /** Newest records per partition to include (default 24). */
  readonly recordsPerPartition?: number;
  /**
   * Evaluate monitoring's view, Burrow's health and the exporter's estimate
   * (default true); a frame that only draws lanes and lag leaves them null.
   */
  readonly monitoring?: boolean;
}

export interface SnapshotSources {
  readonly now: number;
  readonly seed: number;
  readonly topics: readonly Topic[];
  readonly producers: readonly Producer[];
  /** Producer id by the index records store (removed producers included). */
  readonly producerIds: readonly string[];
  readonly apps: readonly App[];
  readonly groups: readonly Group[];
  readonly series: ReadonlyMap<Group, LagSeries>;
  readonly logEnds: ReadonlyMap<PartitionLog, LogEndTable>;
  readonly entities: EntityTable;
  readonly producedTotal: number;
}

export function buildSnapshot(src: SnapshotSources, options: SnapshotOptions = {}): Snapshot {
  const shown = options.recordsPerPartition ?? 24;
  const topics = src.topics.map((topic) => topicSnapshot(topic, shown, src));
  const monitoring = options.monitoring ?? true;
  const groups = src.groups.map((g) => groupSnapshot(g, src, monitoring));
  const sum = (f: (c: GroupCounters) => number) =>
    src.groups.reduce((s, g) => s + f(g.counters), 0);
  return {
    time: src.now,
    seed: src.seed,
    topics,
    producers: src.producers.map((p) => ({
      ...p.config,
      knownPartitions: p.knownPartitions,
      produced: p.produced,
      stickyPartition:
        p.config.partitioner.startsWith('java') && p.stickyPartition >= 0
          ? p.stickyPartition
          : null,
    })),
    apps: src.apps.map((a) => ({
      ...a.config,
      memberIds: a.members.map((m) => m.id),
      processed: a.processed,
    })),
    groups,
    totals: {
      produced: src.producedTotal,
      processed: sum((c) => c.processed),
      duplicates: sum((c) => c.duplicates),
      lost: sum((c) => c.lost),
      skipped: sum((c) => c.skipped),
      orderingViolations: sum((c) => c.orderingViolations),
      deadLettered: sum((c) => c.deadLettered),
    },
  };
}

/** Each log's records in the latest snapshot (a memo: it changes no result). */
const shownRecords = new WeakMap<PartitionLog, readonly RecordSnapshot[]>();

function topicSnapshot(topic: Topic, shown: number, src: SnapshotSources): TopicSnapshot {
  return {
    name: topic.name,
    role: topic.role,
    retention: topic.retention,
    partitions: topic.partitions.map((log) => {
      const records: RecordSnapshot[] = [];
      const from = Math.max(log.logStartOffset, log.logEndOffset - shown);
      // A record never changes once appended: the last snapshot's views of it are reused.
      const last = shownRecords.get(log);
      const first = last?.[0]?.offset ?? 0;
      for (let offset = from; offset < log.logEndOffset; offset++) {
        const known = last?.[offset - first];
        records.push(
          known !== undefined && known.offset === offset
            ? known
            : recordSnapshot(log, offset, src.entities, src.producerIds),
        );
      }
      shownRecords.set(log, records);
      return {
        partition: log.partition,
        logStartOffset: log.logStartOffset,
        logEndOffset: log.logEndOffset,
        records,
      };
    }),
  };
}

/** The value a simulated producer sends: the entity (a JSON string literal) and a sequence number. */
function defaultValue(quotedEntity: string | null, sequence: number): string {
  return quotedEntity === null
    ? `{"seq":${sequence}}`
    : `{"user":${quotedEntity},"seq":${sequence}}`;
}

function groupSnapshot(group: Group, src: SnapshotSources, monitoring: boolean): GroupSnapshot {
  const now = src.now;
  const partitions: GroupPartitionSnapshot[] = [];
  let total = 0;
  let known = false;
  let worst: number | null = null;
  const healths: (PartitionHealth | null)[] = [];
  for (const [topic, list] of group.partitions) {
    for (const gp of list) {
      const lag = offsetLag(gp);
      const timeLag = timeLagMs(gp, now);
      if (lag !== null) {
        total += lag;
        known = true;
      }
      if (timeLag !== null) worst = Math.max(worst ?? 0, timeLag);
      // The owner is this gp's assignee, so it consumes it unless it skips the topic (kafkajs).
      const consuming =
        gp.owner !== null && gp.owner.heard && gp.owner.config.topics.includes(gp.topic.name);
      const leo = gp.log.logEndOffset;
      const health = monitoring ? partitionHealth(gp.commits.list(), leo, now) : null;
      healths.push(health);
      const estimate =
        !monitoring || gp.committed === null
          ? NaN
          : (src.logEnds.get(gp.log)?.timeLag(gp.committed, now) ?? NaN);
      partitions.push({
        topic: topic.name,
        partition: gp.log.partition,
        currentOffset: gp.committed,
        logEndOffset: leo,
        logStartOffset: gp.log.logStartOffset,
        lag,
        timeLagMs: timeLag,
        consumerId: gp.owner?.id ?? null,
        position: consuming ? gp.position : null,
        pausedMs: pausedFor(gp, now),
        health,
        estimatedTimeLagMs: Number.isNaN(estimate) ? null : estimate,
      });
    }
  }
  const appIds = src.apps.filter((a) => a.config.groupId === group.groupId).map((a) => a.config.id);
  return {
    groupId: group.groupId,
    state: group.state,
    generation: group.generation,
    assignor: group.assignor,
    protocol: group.protocol,
    leaderId: group.leader?.id ?? null,
    appIds,
    rebalance:
      group.rebalanceStartedAt === null
        ? null
        : { startedAt: group.rebalanceStartedAt, reasons: [...group.rebalanceReasons] },
    members: [...group.members, ...group.evicted].map((m) => memberSnapshot(m, group, now)),
    partitions,
    totalLag: known ? total : null,
    maxTimeLagMs: worst,
    counters: { ...group.counters },
    health: monitoring ? groupHealth(healths) : null,
    rebalances: [...group.rebalanceLog.records],
    samples: src.series.get(group)!.taken,
  };
}

function memberSnapshot(m: Member, group: Group, now: number): MemberSnapshot {
  const status: MemberStatusView =
    m.status !== 'live'
      ? m.status
      : m.busy
        ? 'processing'
        : group.state !== 'Stable' && m.pausedSince !== null
          ? 'rebalancing'
          : 'idle';
  const tp = (gp: (typeof m.assigned)[number]): TopicPartition => [gp.topic.name, gp.log.partition];
  return {
    memberId: m.id,
    appId: m.app.config.id,
    status,
    joinedAt: m.joinedAt,
    crashedAt: m.crashedAt,
    sessionExpiresAt: m.sessionExpiresAt,
    instanceId: m.instanceId,
    pausedMs: pausedFor(m, now),
    target: m.target.map(tp),
    assignment: m.assigned.map(tp),
    ignored:
      m.owned.length === m.assigned.length
        ? []
        : m.assigned.filter((gp) => !m.owned.includes(gp)).map(tp),
    inFlight: m.inFlight.map((f) => ({
      topic: f.gp.topic.name,
      partition: f.gp.log.partition,
      offset: f.offset,
      attempt: f.attempt,
      startedAt: f.startedAt,
      endsAt: f.endsAt,
    })),
    processed: m.processed,
    pollRemaining: m.pollRemaining,
    rejoined: m.rejoined,
  };
}

/** Everything known about one record: `Simulation.inspect`. */
export interface RecordInspection {
  readonly topic: string;
  readonly partition: number;
  readonly record: RecordSnapshot;
  readonly groups: readonly RecordGroupView[];
}

export interface RecordGroupView {
  readonly groupId: string;
  /**
   * `processing` (a member has it in hand), `processed` (remembered who and
   * when), `behind` (below the group's position: processed or skipped earlier,
   * no longer in the recent history), `waiting` (not reached yet).
   */
  readonly status: 'processing' | 'processed' | 'behind' | 'waiting';
  readonly processedBy: readonly { readonly memberId: string; readonly at: number }[];
  /** The group has committed past it. */
  readonly committed: boolean;
}

export function recordSnapshot(
  log: Topic['partitions'][number],
  offset: number,
  entities: EntityTable,
  producerIds: readonly string[],
): RecordSnapshot {
  const entityId = log.entityAt(offset);
  const entity = entityId >= 0 ? entities.names[entityId]! : null;
  const producer = log.producerAt(offset);
  // Frozen: the next snapshots show the same object (topicSnapshot's memo).
  return Object.freeze({
    offset,
    key: log.isKeyedAt(offset) ? entity : null,
    entity,
    value:
      log.valueAt(offset) ??
      defaultValue(entityId >= 0 ? entities.quotedName(entityId) : null, log.sequenceAt(offset)),
    timestamp: log.timestampAt(offset),
    producerId: producer >= 0 ? (producerIds[producer] ?? null) : null,
    poison: (log.flagsAt(offset) & FLAG_POISON) !== 0,
  });
}
