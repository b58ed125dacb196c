import {
  parseAction,
  mergeAppSettings,
  mergeProducerSettings,
  type Action,
  type ParsedAction,
} from './actions';
import {
  checkClientProtocol,
  checkGroupProtocol,
  checkNewTopicName,
  DEFAULT_RETENTION,
  LIMITS,
  frozen,
  normalizeConfig,
  type ConsumerAppConfig,
  type ProducerConfig,
  type SimulationConfig,
} from './config';
import { App, Member } from './consumer';
import { copyGraph, isCopying, type ByteCount } from './copy-graph';
import { EntityTable } from './entities';
import { SimulationError, check } from './errors';
import { Group, type GroupPartition } from './group';
import { TRACE, traceWord, type Kernel } from './kernel';
import { EXPORTER_POLL_MS, LogEndTable } from './lag-estimate';
import { LagSeries, type LagSeriesSnapshot } from './metrics';
import { toPositive } from './murmur2';
import { FLAG_POISON, type PartitionLog } from './partition-log';
import { NoticeQueue, type Notice } from './notices';
import { Producer } from './producer';
import { rngStream } from './rng';
import { Scheduler, SCOPE_ALL, SCOPE_NEUTRAL } from './scheduler';
import {
  buildSnapshot,
  recordSnapshot,
  type RecordGroupView,
  type RecordInspection,
  type Snapshot,
  type SnapshotOptions,
} from './snapshot';
import { Topic } from './topic';
import { TraceHash } from './trace';

/** A running simulation: the one object the store owns. */
export interface Simulation {
  /** Simulated time in ms since the start. */
  readonly now: number;
  /** The current setup: the initial config with every applied action folded in. */
  readonly config: SimulationConfig;
  /** Applies an action, or throws a SimulationError and changes nothing. */
  apply(action: Action): void;
  /** Runs simulated time forward by `ms`. */
  advance(ms: number): void;
  /** Runs simulated time forward to exactly `time` (no rounding of now + ms). */
  advanceTo(time: number): void;
  snapshot(options?: SnapshotOptions): Snapshot;
  /** Fingerprint of everything that happened so far. */
  traceHash(): string;
  /**
   * An independent copy at this instant (a checkpoint): advancing either one
   * never changes the other, and both go on exactly as this one would.
   */
  fork(size?: ByteCount): Simulation;
  /** Simulated time of the next scheduled event (Infinity when none). */
  nextEventAt(): number;
  /** How much has been traced so far: it grows exactly when something happens. */
  traceLength(): number;
  /** Rebalances and ordering violations since the last call (bounded, oldest first). */
  takeNotices(): Notice[];
  /** The group's bounded lag history (re-read when `GroupSnapshot.samples` changes). */
  lagSeries(groupId: string): LagSeriesSnapshot;
  /** One record with who processed it in each group, or null when retention deleted it. */
  inspect(topic: string, partition: number, offset: number): RecordInspection | null;
  /** How many of the topic's keys would map to another partition with `partitions` partitions. */
  previewAddPartitions(topic: string, partitions: number): PartitionPreview;
  /** Keys whose records this group processed out of production order, with counts. */
  orderingViolationsByKey(groupId: string): Record<string, number>;
}

/** What adding partitions would do to the producers' keys (kafka-semantics §5). */
export interface PartitionPreview {
  readonly keys: number;
  readonly moved: number;
  /** The keys that move, in the producers' key order (at most 1,000 listed). */
  readonly movedKeys: readonly string[];
}

const MAX_LISTED_KEYS = 1000;

/** A producer's two timers. */
interface ProducerSlots {
  readonly producer: Producer;
  emit: number;
  metadata: number;
}

/** How the engine runs (not part of the setup: every choice gives the same simulation). */
export interface EngineOptions {
  /**
   * Consumer groups whose records all go the plain way consume in batches between the events
   * that touch them (Member.catchUp) instead of one timer per record. The same simulation
   * either way; tests compare the two. Default true.
   */
  readonly batching?: boolean;
}

export function createSimulation(config: unknown, options: EngineOptions = {}): Simulation {
  return new Engine(frozen(normalizeConfig(config)), options.batching ?? true);
}

class Engine implements Simulation, Kernel {
  now = 0;
  /** The moment the advance under way stops at (a producer sends ahead up to it, not past). */
  private horizon = 0;
  readonly seed!: number;
  readonly cluster!: SimulationConfig['cluster'];
  readonly scheduler = new Scheduler();
  /** The trace hash; a batched member's own stream while it catches up (Member.catchUp). */
  trace = new TraceHash();
  readonly notices = new NoticeQueue();
  private readonly topics: Topic[] = [];
  private readonly producers: Producer[] = [];
  private readonly producerSlots = new Map<Producer, ProducerSlots>();
  private readonly producerIds: string[] = [];
  private readonly apps: App[] = [];
  private appSerial = 0;
  private readonly groups: Group[] = [];
  private readonly series = new Map<Group, LagSeries>();
  /** kafka-lag-exporter's sampled log ends, per partition. */
  private readonly logEnds = new Map<PartitionLog, LogEndTable>();
  private exporterDueAt = 0;
  private readonly entities = new EntityTable();
  private readonly sendCounters = new Map<Topic, number>();
  private sequence = 0;
  private producedTotal = 0;
  /** Member id by serial (the number records and history store). */
  private readonly memberIds: string[] = [];
  private readonly usedMemberIds = new Set<string>();
  private readonly retentionSlot!: number;
  private readonly samplerSlot!: number;

  constructor(
    config: SimulationConfig,
    private readonly batching: boolean,
  ) {
    if (isCopying()) return;
    this.seed = config.seed;
    this.cluster = config.cluster;
    for (const t of config.topics) this.createTopic(t.name, t.partitions, t.retention, 'topic');
    for (const app of config.apps) this.ensureDeadLetterTopic(app, 'config.apps');
    for (const p of config.producers) this.addProducer(p);
    for (const app of config.apps) this.addApp(app, true);
    const { scheduler } = this;
    this.retentionSlot = scheduler.slot<Engine>(this, 'retentionCheck');
    scheduler.schedule(this.retentionSlot, this.cluster.retentionCheckMs);
    this.samplerSlot = scheduler.slot<Engine>(this, 'sampleTimer');
    scheduler.schedule(this.samplerSlot, 0);
    this.rebatch(SCOPE_ALL);
  }

  get config(): SimulationConfig {
    return {
      seed: this.seed,
      topics: this.topics
        .filter((t) => t.role === 'topic')
        .map((t) => ({ name: t.name, partitions: t.partitionCount, retention: t.retention })),
      producers: this.producers.map((p) => p.config),
      apps: this.apps.map((a) => ({ ...a.config, instances: a.running.length })),
      cluster: this.cluster,
    };
  }

  topic(name: string): Topic | undefined {
    return this.topics.find((t) => t.name === name);
  }

  // ---- time ---------------------------------------------------------------

  advance(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new SimulationError(
        'INVALID_ACTION',
        'advance.ms',
        `expected a finite number ≥ 0, got ${String(ms)}`,
      );
    }
    this.advanceTo(this.now + ms);
  }

  advanceTo(target: number): void {
    if (typeof target !== 'number' || !Number.isFinite(target) || target < this.now) {
      throw new SimulationError(
        'INVALID_ACTION',
        'advanceTo.time',
        `expected a finite time ≥ now (${this.now}), got ${String(target)}`,
      );
    }
    const { scheduler } = this;
    this.horizon = target;
    for (let next = scheduler.nextTime(); next <= target; next = scheduler.nextTime()) {
      const scope = scheduler.nextScope();
      // A timer that touches a batched group: the group catches up to it and runs on timers.
      if (scope !== SCOPE_NEUTRAL) this.unbatch(next, scope);
      this.now = next;
      scheduler.runNext();
      if (scope !== SCOPE_NEUTRAL) this.rebatch(scope);
    }
    this.now = target;
    for (const group of this.groups) if (group.batched) group.catchUp(target);
  }

  /** The groups in `scope` catch up to `time` and stop batching. */
  private unbatch(time: number, scope: number): void {
    for (const group of this.groups) {
      if (group.batched && (scope === SCOPE_ALL || group.index === scope))
        group.leaveBatch(time, this.trace);
    }
  }

  /** The groups in `scope` that can batch until their next event do. */
  private rebatch(scope: number): void {
    if (!this.batching) return;
    for (const group of this.groups) {
      if (group.batched || (scope !== SCOPE_ALL && group.index !== scope)) continue;
      if (group.batchable()) group.enterBatch();
    }
  }

  traceHash(): string {
    const trace = this.trace.clone();
    for (const m of this.batchedMembers()) trace.absorb(m.batchTrace.clone());
    return trace.digest();
  }

  /** Members of batched groups, whose records end and whose events are hashed off the timers. */
  private batchedMembers(): Member[] {
    const out: Member[] = [];
    for (const group of this.groups) if (group.batched) out.push(...group.members);
    return out;
  }

  fork(size?: ByteCount): Simulation {
    return copyGraph<Engine>(this, size);
  }

  nextEventAt(): number {
    let next = this.scheduler.nextTime();
    for (const m of this.batchedMembers()) next = Math.min(next, m.nextFinishAt);
    return next;
  }

  traceLength(): number {
    let length = this.trace.length;
    for (const m of this.batchedMembers()) length += m.batchTrace.length;
    return length;
  }

  takeNotices(): Notice[] {
    return this.notices.take();
  }

  entityName(entity: number): string {
    return this.entities.names[entity] ?? '';
  }

  snapshot(options?: SnapshotOptions): Snapshot {
    return buildSnapshot(
      {
        now: this.now,
        seed: this.seed,
        topics: this.topics,
        producers: this.producers,
        producerIds: this.producerIds,
        apps: this.apps,
        groups: this.groups,
        series: this.series,
        logEnds: this.logEnds,
        entities: this.entities,
        producedTotal: this.producedTotal,
      },
      options,
    );
  }

  // ---- records --------------------------------------------------------------

  /** Appends to a partition and wakes idle consumers of it. */
  private append(
    topic: Topic,
    partition: number,
    entity: number,
    keyed: boolean,
    producer: number,
    flags: number,
    value?: string,
  ): void {
    const log = topic.partitions[partition]!;
    const readers = log.readers;
    // A poison record, or retention run early (the log is full), is no plain record for a
    // batched reader: it catches up to now and takes this record on its timers.
    if ((flags & FLAG_POISON) !== 0 || log.size >= log.limit) {
      for (let i = 0; i < readers.length; i++) {
        const group = readers[i]!.group;
        if (group.batched) group.leaveBatch(this.now, this.trace);
      }
    }
    const offset = log.append(this.now, this.sequence++, entity, keyed, producer, flags, value);
    this.producedTotal++;
    const t = this.trace;
    t.int(traceWord(TRACE.produce, 0, topic.index, partition));
    t.int(offset);
    t.int(entity);
    for (let i = 0; i < readers.length; i++) {
      const gp = readers[i]!;
      const owner = gp.owner;
      // A batched group's member takes it as it catches up.
      if (owner !== null && !gp.group.batched && owner.canTake) owner.pump();
    }
  }

  /** A one-off send with fresh metadata: murmur2 for keys, round-robin without. */
  send(
    topic: Topic,
    entity: number,
    keyed: boolean,
    producer: number,
    flags: number,
    value?: string,
  ): void {
    this.append(
      topic,
      this.partitionForSend(topic, entity, keyed),
      entity,
      keyed,
      producer,
      flags,
      value,
    );
  }

  private partitionForSend(topic: Topic, entity: number, keyed: boolean): number {
    const n = topic.partitionCount;
    if (keyed) return toPositive(this.entities.hash(entity)) % n;
    const counter =
      (this.sendCounters.get(topic) ?? rngStream(this.seed, `send:${topic.name}`).nextUint32()) + 1;
    this.sendCounters.set(topic, counter);
    return toPositive(counter) % n;
  }

  /** Timer: log retention check (log.retention.check.interval.ms). */
  retentionCheck(now: number): void {
    this.applyRetention(now);
    this.scheduler.schedule(this.retentionSlot, now + this.cluster.retentionCheckMs);
  }

  /** Timer: the lag sampler. */
  sampleTimer(now: number): void {
    this.sample(now);
    this.scheduler.schedule(this.samplerSlot, now + this.cluster.sampleIntervalMs);
  }

  /** Timer: a producer's metadata.max.age.ms passed; it learns the partition count. */
  producerMetadata(now: number, producer: Producer): void {
    producer.knownPartitions = producer.topic.partitionCount;
    this.scheduler.schedule(
      this.producerSlots.get(producer)!.metadata,
      now + this.cluster.metadataMaxAgeMs,
    );
  }

  /**
   * Timer: a producer's next record is due. While its next one is due before every other
   * timer (and within the advance), it is sent here too, as the timer would have sent it,
   * without a trip through the queue: the same records at the same moments, in the same order.
   */
  emit(now: number, slots: ProducerSlots): void {
    const producer = slots.producer;
    const topic = producer.topic;
    const { scheduler } = this;
    for (;;) {
      const entity = producer.nextEntity();
      const partition = producer.partitionFor(entity, now);
      const flags = producer.nextIsPoison() ? FLAG_POISON : 0;
      producer.produced++;
      this.append(topic, partition, entity, producer.keyed, producer.index, flags);
      const next = now + producer.intervalMs;
      // A tie goes to the other timer: it was scheduled first.
      if (next > this.horizon || next >= scheduler.nextAfterRunning()) {
        scheduler.schedule(slots.emit, next);
        return;
      }
      this.now = now = next;
    }
  }

  private applyRetention(now: number): void {
    for (const topic of this.topics) {
      for (const log of topic.partitions) {
        const deleted = log.applyRetention(now);
        if (deleted > 0) {
          this.trace.int(TRACE.retention);
          this.trace.int(log.logStartOffset);
        }
      }
    }
  }

  private sample(now: number): void {
    if (now >= this.exporterDueAt) {
      // kafka-lag-exporter's poll: one (log end, time) point per partition (kafka-semantics §4).
      for (const topic of this.topics) {
        for (const log of topic.partitions) {
          let table = this.logEnds.get(log);
          if (!table) this.logEnds.set(log, (table = new LogEndTable()));
          table.add({ offset: log.logEndOffset, at: now });
        }
      }
      // On its own 30 s beat, whatever the lag sampler's interval.
      while (this.exporterDueAt <= now) this.exporterDueAt += EXPORTER_POLL_MS;
    }
    for (const group of this.groups) {
      const all: GroupPartition[] = [];
      for (const list of group.partitions.values()) all.push(...list);
      this.series.get(group)!.sample(now, all);
    }
  }

  // ---- building ---------------------------------------------------------------

  private createTopic(
    name: string,
    partitions: number,
    retention: Topic['retention'],
    role: Topic['role'],
  ): Topic {
    const topic = new Topic(this.topics.length, name, partitions, retention, role, this.now);
    this.topics.push(topic);
    return topic;
  }

  /** Dead-letter topics are created with the app that needs them (1 partition). */
  private ensureDeadLetterTopic(app: ConsumerAppConfig, path: string): void {
    if (app.onFailure.policy !== 'dead-letter') return;
    for (const source of app.topics) {
      const name = app.onFailure.topic ?? `${source}.dlq`;
      if (this.topic(name)) continue;
      checkNewTopicName(
        name,
        this.topics.map((t) => t.name),
        { code: 'INVALID_TOPIC_EXCEPTION', path: `${path}.onFailure.topic` },
      );
      this.createTopic(name, 1, DEFAULT_RETENTION, 'dead-letter');
    }
  }

  private addProducer(config: ProducerConfig): void {
    const topic = this.topic(config.topic)!;
    const index = this.producerIds.length;
    this.producerIds.push(config.id);
    const producer = new Producer(config, index, topic, this.entities, this.seed);
    this.producers.push(producer);
    this.noteKeyHash(producer);
    const { scheduler } = this;
    // The emit timer carries the slots, so each record finds its next timer without a lookup.
    const slots: ProducerSlots = { producer, emit: -1, metadata: -1 };
    slots.emit = scheduler.slot<Engine, ProducerSlots>(this, 'emit', slots, SCOPE_NEUTRAL);
    slots.metadata = scheduler.slot<Engine, Producer>(
      this,
      'producerMetadata',
      producer,
      SCOPE_NEUTRAL,
    );
    this.producerSlots.set(producer, slots);
    if (producer.intervalMs !== Infinity)
      scheduler.schedule(slots.emit, this.now + producer.intervalMs);
    scheduler.schedule(slots.metadata, this.now + this.cluster.metadataMaxAgeMs);
  }

  /**
   * Records about one entity land in several partitions when a producer sends them without a
   * key, or when keyed producers hash keys differently.
   */
  private noteKeyHash(producer: Producer): void {
    const topic = producer.topic;
    if (!producer.keyed) {
      topic.keysMayMove = true;
      return;
    }
    const hash = producer.config.partitioner === 'kafkajs-legacy' ? 'legacy' : 'murmur2';
    if (topic.keyHash !== null && topic.keyHash !== hash) topic.keysMayMove = true;
    topic.keyHash = hash;
  }

  private addApp(config: ConsumerAppConfig, initial: boolean): void {
    let group = this.groups.find((g) => g.groupId === config.groupId);
    if (!group) {
      group = new Group(config.groupId, this.groups.length, config.assignor, this);
      this.groups.push(group);
      this.series.set(group, new LagSeries(this.cluster.seriesLength));
    }
    for (const name of config.topics) {
      const topic = this.topic(name)!;
      const known = group.partitions.has(topic);
      const list = group.follow(topic, false);
      if (!known) for (const gp of list) this.addReader(gp);
    }
    const app = new App(config, this.appSerial++);
    this.apps.push(app);
    const members: Member[] = [];
    for (let i = 0; i < config.instances; i++) members.push(this.newMember(app, group));
    if (initial && group.state === 'Empty' && group.generation === 0) {
      group.startStable(members);
    } else {
      for (const m of members) group.join(m);
    }
  }

  private newMember(app: App, group: Group, instanceId?: string | null): Member {
    // Member ids are never reused, even by a later app with the same id.
    let id = app.nextMemberId();
    while (this.usedMemberIds.has(id)) id = app.nextMemberId();
    const member = new Member(
      id,
      this.memberIds.length,
      app,
      group,
      this.now,
      instanceId !== undefined
        ? instanceId
        : app.config.staticMembership
          ? this.instanceIdFor(app, group)
          : null,
      this,
    );
    this.memberIds.push(member.id);
    this.usedMemberIds.add(member.id);
    app.members.push(member);
    return member;
  }

  /**
   * A static instance's group.instance.id: that of one of the app's instances
   * the group still waits for (it comes back and takes over), else the lowest
   * unused `${appId}-instance-${n}`.
   */
  private instanceIdFor(app: App, group: Group): string {
    // Ids of running processes (an evicted one still runs, and keeps its id when it rejoins).
    const ids = new Set<string>();
    for (const m of app.members) {
      if (m.instanceId !== null && (m.heard || m.status === 'evicted')) ids.add(m.instanceId);
    }
    const waiting = group.members.find(
      (m) => m.app === app && m.instanceId !== null && !m.heard && !ids.has(m.instanceId),
    );
    if (waiting) return waiting.instanceId!;
    for (const m of group.members) if (m.instanceId !== null) ids.add(m.instanceId);
    let n = 1;
    while (ids.has(`${app.config.id}-instance-${n}`)) n++;
    return `${app.config.id}-instance-${n}`;
  }

  rejoin(member: Member): void {
    // The same process, so the same group.instance.id if it has one.
    member.group.join(this.newMember(member.app, member.group, member.instanceId));
  }

  private addReader(gp: GroupPartition): void {
    gp.log.readers.push(gp);
  }

  // ---- actions -------------------------------------------------------------------

  apply(input: Action): void {
    const action = parseAction(
      input,
      this.topics.map((t) => t.name),
    );
    this.unbatch(this.now, SCOPE_ALL);
    try {
      this.execute(action);
    } finally {
      this.rebatch(SCOPE_ALL);
    }
    this.trace.int(TRACE.action);
    this.trace.text(action.type);
    this.trace.float(this.now);
  }

  /** Every check comes before the first change, so a rejected action changes nothing. */
  private execute(a: ParsedAction): void {
    switch (a.type) {
      case 'createTopic': {
        check(
          this.topics.length < LIMITS.topics,
          'INVALID_ACTION',
          'action',
          `at most ${LIMITS.topics} topics`,
        );
        checkNewTopicName(
          a.topic.name,
          this.topics.map((t) => t.name),
          { code: 'INVALID_TOPIC_EXCEPTION', path: 'action.topic.name' },
        );
        this.createTopic(a.topic.name, a.topic.partitions, a.topic.retention, 'topic');
        return;
      }
      case 'addPartitions': {
        const topic = this.requireTopic(a.topic, 'action.topic');
        topic.checkNewPartitionCount(a.partitions, 'action.partitions', LIMITS.partitions);
        const logs = topic.addPartitions(a.partitions, this.now);
        topic.keysMayMove = true; // keys hash to new partitions (kafka-semantics §5)
        for (const group of this.groups)
          for (const gp of group.partitionsAdded(topic, logs)) this.addReader(gp);
        return;
      }
      case 'addProducer': {
        this.checkNewId(
          'producer',
          a.producer.id,
          this.producers.map((p) => p.config.id),
          LIMITS.producers,
        );
        check(
          this.producerIds.length < 32_000,
          'INVALID_ACTION',
          'action',
          'too many producers over this run',
        );
        this.addProducer(a.producer);
        return;
      }
      case 'removeProducer': {
        const producer = this.requireProducer(a.producerId);
        const slots = this.producerSlots.get(producer)!;
        this.scheduler.release(slots.emit);
        this.scheduler.release(slots.metadata);
        this.producerSlots.delete(producer);
        this.producers.splice(this.producers.indexOf(producer), 1);
        return;
      }
      case 'updateProducer': {
        const producer = this.requireProducer(a.producerId);
        const next = mergeProducerSettings(producer.config, a.changes, {
          code: 'INVALID_ACTION',
          path: 'action.changes',
        });
        const before = producer.config;
        producer.setConfig(next);
        this.noteKeyHash(producer);
        if (JSON.stringify(before.keys) !== JSON.stringify(next.keys)) producer.setKeys(next.keys);
        if (before.ratePerSec !== next.ratePerSec) {
          const slot = this.producerSlots.get(producer)!.emit;
          if (producer.intervalMs === Infinity) this.scheduler.cancel(slot);
          else this.scheduler.schedule(slot, this.now + producer.intervalMs);
        }
        return;
      }
      case 'produce': {
        const topic = this.requireTopic(a.topic, 'action.topic');
        if (a.partition !== undefined && a.partition >= topic.partitionCount) {
          throw new SimulationError(
            'UNKNOWN_TOPIC_OR_PARTITION',
            'action.partition',
            `Invalid partition given with record: ${a.partition} is not in the range [0...${topic.partitionCount}).`,
          );
        }
        const entity = a.key === null ? -1 : this.entities.intern(a.key);
        const keyed = a.key !== null;
        const flags = a.poison ? FLAG_POISON : 0;
        const partition = a.partition ?? this.partitionForSend(topic, entity, keyed);
        if (keyed && a.partition !== undefined) topic.keysMayMove = true;
        this.append(topic, partition, entity, keyed, -1, flags, a.value);
        return;
      }
      case 'addApp': {
        this.checkNewId(
          'app',
          a.app.id,
          this.apps.map((x) => x.config.id),
          LIMITS.apps,
        );
        checkGroupProtocol(
          a.app,
          this.apps.map((x) => x.config),
          { code: 'INVALID_ACTION', path: 'action.app' },
        );
        this.ensureDeadLetterTopic(a.app, 'action.app');
        this.addApp(a.app, false);
        return;
      }
      case 'removeApp': {
        const app = this.requireApp(a.appId);
        this.apps.splice(this.apps.indexOf(app), 1);
        for (const m of app.running) m.stop();
        return;
      }
      case 'updateApp': {
        const app = this.requireApp(a.appId);
        const next = mergeAppSettings(app.config, a.changes, {
          code: 'INVALID_ACTION',
          path: 'action.changes',
        });
        this.ensureDeadLetterTopic(next, 'action.changes');
        checkClientProtocol(next.client, next.assignor, {
          code: 'INVALID_ACTION',
          path: 'action.changes',
        });
        const before = app.config;
        app.config = next;
        if (JSON.stringify(before.commit) !== JSON.stringify(next.commit)) {
          for (const m of app.members) if (m.status !== 'crashed') m.scheduleAutoCommit();
        }
        if (a.changes['instances'] !== undefined) this.scale(app, next.instances);
        return;
      }
      case 'addConsumer': {
        const app = this.requireApp(a.appId);
        check(
          app.running.length < LIMITS.instances,
          'INVALID_ACTION',
          'action.appId',
          `at most ${LIMITS.instances} instances per app`,
        );
        this.scale(app, app.running.length + 1);
        return;
      }
      case 'stopConsumer': {
        const member = this.requireMember(a.memberId);
        check(
          member.status === 'live',
          'UNKNOWN_MEMBER_ID',
          'action.memberId',
          `"${a.memberId}" is ${member.status}, not running`,
        );
        member.stop();
        return;
      }
      case 'crashConsumer': {
        const member = this.requireMember(a.memberId);
        check(
          member.status !== 'crashed' && member.status !== 'away',
          'UNKNOWN_MEMBER_ID',
          'action.memberId',
          member.status === 'away'
            ? `"${a.memberId}" has already closed (static, waiting out its session)`
            : `"${a.memberId}" has already crashed`,
        );
        member.group.crash(member);
        return;
      }
      case 'resetOffsets': {
        const group = this.requireGroup(a.groupId);
        const topic = this.requireTopic(a.topic, 'action.topic');
        check(
          group.partitions.has(topic),
          'UNKNOWN_TOPIC_OR_PARTITION',
          'action.topic',
          `group "${a.groupId}" does not consume "${a.topic}"`,
        );
        check(
          group.members.length === 0,
          'NON_EMPTY_GROUP',
          'action.groupId',
          `Assignments can only be reset if the group '${a.groupId}' is inactive, but the current state is ${group.state}.`,
        );
        group.resetOffsets(topic, a.to);
        return;
      }
      case 'setAssignor': {
        const group = this.requireGroup(a.groupId);
        if (group.assignor === a.assignor) return;
        for (const app of this.apps) {
          if (app.config.groupId === a.groupId)
            checkClientProtocol(app.config.client, a.assignor, {
              code: 'INVALID_ACTION',
              path: 'action',
            });
        }
        // All the group's apps switch together, so their protocols stay in common.
        group.assignor = a.assignor;
        for (const app of this.apps) {
          if (app.config.groupId === a.groupId)
            app.config = { ...app.config, assignor: a.assignor };
        }
        if (group.liveMembers.length > 0) {
          group.requestRebalance(`the assignor changed to ${a.assignor}`, false);
        }
        return;
      }
    }
  }

  /** A new producer or app needs an unused id and room under the limit. */
  private checkNewId(
    kind: 'producer' | 'app',
    id: string,
    taken: readonly string[],
    limit: number,
  ): void {
    check(
      !taken.includes(id),
      'INVALID_ACTION',
      `action.${kind}.id`,
      `a ${kind} "${id}" already exists`,
    );
    check(taken.length < limit, 'INVALID_ACTION', 'action', `at most ${limit} ${kind}s`);
  }

  /** Adds instances that join, or closes the newest running ones. */
  private scale(app: App, instances: number): void {
    const group = this.groups.find((g) => g.groupId === app.config.groupId)!;
    const running = app.running;
    for (let i = running.length; i < instances; i++) group.join(this.newMember(app, group));
    for (let i = running.length - 1; i >= instances; i--) running[i]!.stop();
  }

  private requireTopic(name: string, path: string): Topic {
    const topic = this.topic(name);
    if (!topic) throw new SimulationError('UNKNOWN_TOPIC_OR_PARTITION', path, `no topic "${name}"`);
    return topic;
  }

  private requireProducer(id: string): Producer {
    return requireById('UNKNOWN_PRODUCER', 'action.producerId', 'producer', id, this.producers);
  }

  private requireGroup(groupId: string): Group {
    const group = this.groups.find((g) => g.groupId === groupId);
    if (!group)
      throw new SimulationError('UNKNOWN_GROUP', 'action.groupId', `no group "${groupId}"`);
    return group;
  }

  private requireApp(id: string): App {
    return requireById('UNKNOWN_APP', 'action.appId', 'app', id, this.apps);
  }

  private requireMember(id: string): Member {
    for (const app of this.apps) {
      const member = app.members.find((m) => m.id === id);
      if (member) return member;
    }
    throw new SimulationError(
      'UNKNOWN_MEMBER_ID',
      'action.memberId',
      `no consumer "${id}" in any group`,
    );
  }

  lagSeries(groupId: string): LagSeriesSnapshot {
    const group = this.groups.find((g) => g.groupId === groupId);
    if (!group) throw new SimulationError('UNKNOWN_GROUP', 'groupId', `no group "${groupId}"`);
    return this.series.get(group)!.read();
  }

  inspect(topicName: string, partition: number, offset: number): RecordInspection | null {
    const topic = this.requireTopic(topicName, 'topic');
    const log = topic.partitions[partition];
    if (!log) {
      throw new SimulationError(
        'UNKNOWN_TOPIC_OR_PARTITION',
        'partition',
        `no partition ${partition} in "${topicName}"`,
      );
    }
    if (!Number.isInteger(offset) || offset < log.logStartOffset || offset >= log.logEndOffset)
      return null;
    const groups: RecordGroupView[] = [];
    for (const group of this.groups) {
      const gp = group.partitions.get(topic)?.[partition];
      if (!gp) continue;
      const inHand = group.members.some((m) => m.isProcessing(gp, offset));
      const processedBy = gp.history
        .find(offset)
        .map(({ member, at }) => ({ memberId: this.memberIds[member] ?? '?', at }));
      const passed = gp.processedEnd !== null && offset < gp.processedEnd;
      groups.push({
        groupId: group.groupId,
        status: inHand
          ? 'processing'
          : processedBy.length > 0
            ? 'processed'
            : passed
              ? 'behind'
              : 'waiting',
        processedBy,
        committed: gp.committed !== null && offset < gp.committed,
      });
    }
    return {
      topic: topicName,
      partition,
      record: recordSnapshot(log, offset, this.entities, this.producerIds),
      groups,
    };
  }

  previewAddPartitions(topicName: string, partitions: number): PartitionPreview {
    const topic = this.requireTopic(topicName, 'topic');
    topic.checkNewPartitionCount(partitions, 'partitions', LIMITS.partitions);
    const seen = new Set<number>();
    let moved = 0;
    const movedKeys: string[] = [];
    for (const p of this.producers) {
      if (p.config.topic !== topicName || !p.keyed) continue;
      const legacy = p.config.partitioner === 'kafkajs-legacy';
      for (const e of p.entityIdList) {
        if (seen.has(e)) continue;
        seen.add(e);
        const hash = toPositive(legacy ? this.entities.legacyHash(e) : this.entities.hash(e));
        if (hash % topic.partitionCount !== hash % partitions) {
          moved++;
          if (movedKeys.length < MAX_LISTED_KEYS) movedKeys.push(this.entities.names[e]!);
        }
      }
    }
    return { keys: seen.size, moved, movedKeys };
  }

  orderingViolationsByKey(groupId: string): Record<string, number> {
    const group = this.groups.find((g) => g.groupId === groupId);
    if (!group) throw new SimulationError('UNKNOWN_GROUP', 'groupId', `no group "${groupId}"`);
    const out: Record<string, number> = {};
    for (const [e, n] of group.violationsByEntity()) out[this.entities.names[e]!] = n;
    return out;
  }
}

/** Finds a producer or app by id, or says which ids exist. */
function requireById<T extends { readonly config: { readonly id: string } }>(
  code: 'UNKNOWN_PRODUCER' | 'UNKNOWN_APP',
  path: string,
  kind: string,
  id: string,
  items: readonly T[],
): T {
  const found = items.find((x) => x.config.id === id);
  if (found) return found;
  const ids = items.map((x) => `"${x.config.id}"`).join(', ') || 'none';
  throw new SimulationError(code, path, `no ${kind} "${id}"; ${kind}s are ${ids}`);
}
