import { ASSIGNORS, rebalanceProtocol, type AssignorName } from './assignors';
import {
  CLIENT_DEFAULTS,
  LIVENESS_FIELDS,
  readLiveness,
  type ClientFlavour,
  type LivenessSettings,
} from './client-liveness';
import { SimulationError } from './errors';
import { collidingTopic, INTERNAL_TOPICS, topicNameProblem } from './topic-name';
import {
  array,
  at,
  boolean,
  fail,
  identifier,
  integer,
  number,
  object,
  oneOf,
  optional,
  required,
  string,
  type Ctx,
} from './validate';

/** Retention (kafka-semantics §5). Count stands in for retention.bytes. */
export interface RetentionConfig {
  /** Records kept per partition before whole old segments are deleted. */
  readonly maxRecords: number;
  /** retention.ms; null = unlimited. Kafka's default is 604800000 (7 days). */
  readonly maxAgeMs: number | null;
  /** Records per log segment; retention deletes whole segments, oldest first. */
  readonly segmentRecords: number;
}

export interface TopicConfig {
  readonly name: string;
  readonly partitions: number;
  readonly retention: RetentionConfig;
}

/**
 * What a record is about. Every record is an event about one entity (a user,
 * an order). Keyed producers send the entity as the record key; key-less
 * producers send it only in the value, so Kafka cannot keep its events in
 * order — which is what the ordering-violation counter makes visible.
 */
export interface KeySpec {
  readonly mode: 'keyed' | 'none';
  /** Number of distinct entities (keys). */
  readonly count: number;
  /** 'uniform' over the entities, or 'zipf' (weight 1/rank: a hot key). */
  readonly distribution: 'uniform' | 'zipf';
  /** Entity names are `${prefix}${n}`, n from 1 (default prefix "": the guide's String(userId)). */
  readonly prefix: string;
}

/**
 * The producer's partitioner, named after the client that has it
 * (kafka-semantics §1–2). Keyed records: murmur2 (Java-compatible) in all but
 * `kafkajs-legacy`. Key-less records: kafkajs round-robin, Java 2.4–3.2 sticky
 * (KIP-480) or Java 3.3+ uniform sticky (KIP-794).
 */
export const PARTITIONERS = [
  'kafkajs-default',
  'kafkajs-legacy',
  'java-sticky',
  'java-uniform-sticky',
] as const;
export type PartitionerName = (typeof PARTITIONERS)[number];

export interface ProducerConfig {
  readonly id: string;
  readonly topic: string;
  /** Records per simulated second; 0 pauses the producer. */
  readonly ratePerSec: number;
  readonly keys: KeySpec;
  readonly partitioner: PartitionerName;
  /** batch.size in bytes (Java default 16384): when sticky partitioners switch. */
  readonly batchSize: number;
  /** linger.ms: how long a sticky batch stays open. */
  readonly lingerMs: number;
  /** Serialized size of each record, for batch accounting. */
  readonly recordBytes: number;
  /** Share of records that fail processing every time (poison messages). */
  readonly poisonRate: number;
}

/**
 * When the consumer commits (kafka-semantics §4): after processing each
 * record (at-least-once), before processing it (at-most-once), or every
 * `intervalMs` plus on rebalance and on clean close (auto-commit).
 */
export type CommitMode =
  | { readonly mode: 'after-processing' }
  | { readonly mode: 'before-processing' }
  | { readonly mode: 'auto'; readonly intervalMs: number };

/** What a consumer does with a record that keeps failing. */
export type FailurePolicy =
  | { readonly policy: 'retry-forever' }
  | { readonly policy: 'dead-letter'; readonly retries: number; readonly topic: string | null };

/**
 * A consumer application: `instances` identical consumers sharing one
 * groupId. Two apps that share a groupId form one group (kafka-semantics §7).
 */
export interface ConsumerAppConfig extends LivenessSettings {
  readonly id: string;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly instances: number;
  /** partition.assignment.strategy. */
  readonly assignor: AssignorName;
  /** Mean time to process one record. */
  readonly processingMs: number;
  /** Seeded jitter: each record takes processingMs × (1 ± jitter). */
  readonly jitter: number;
  /**
   * kafkajs `partitionsConsumedConcurrently`: how many of its partitions one
   * consumer processes at once (side workers), still one record at a time
   * per partition, so per-partition order holds (kafka-semantics §4).
   */
  readonly partitionsConsumedConcurrently: number;
  readonly commit: CommitMode;
  /** kafkajs fromBeginning / Java auto.offset.reset=earliest (else latest). */
  readonly fromBeginning: boolean;
  readonly onFailure: FailurePolicy;
}

/** Timing of the simulated cluster and of the model's own bookkeeping. */
export interface ClusterConfig {
  /** How long a JoinGroup/SyncGroup round takes once every member has rejoined. */
  readonly rebalanceMs: number;
  /** group.initial.rebalance.delay.ms, applied when an empty group gets its first member. */
  readonly initialRebalanceDelayMs: number;
  /**
   * metadata.max.age.ms: how often producers and group leaders refresh
   * metadata, and so notice added partitions. Kafka's default is 300000; the
   * lab's is shorter so the effect shows within a demo.
   */
  readonly metadataMaxAgeMs: number;
  /** log.retention.check.interval.ms (Kafka: 300000). */
  readonly retentionCheckMs: number;
  /**
   * KIP-848 group.consumer.heartbeat.interval.ms: members reconcile on these
   * beats. Kafka's default is 5000; the lab's is shorter, as its rebalanceMs is.
   */
  readonly consumerHeartbeatIntervalMs: number;
  /** KIP-848 group.consumer.session.timeout.ms: the broker's, not the member's (§7). */
  readonly consumerSessionTimeoutMs: number;
  /** Interval of the lag series. */
  readonly sampleIntervalMs: number;
  /** Samples kept per series. */
  readonly seriesLength: number;
}

export interface SimulationConfig {
  readonly seed: number;
  readonly topics: readonly TopicConfig[];
  readonly producers: readonly ProducerConfig[];
  readonly apps: readonly ConsumerAppConfig[];
  readonly cluster: ClusterConfig;
}

/** Input shapes: everything but names may be left out and gets a default. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;
export type SimulationConfigInput = DeepPartial<SimulationConfig>;
export type TopicConfigInput = DeepPartial<TopicConfig> & { readonly name: string };
export type ProducerConfigInput = DeepPartial<ProducerConfig> & { readonly id: string };
export type ConsumerAppConfigInput = DeepPartial<ConsumerAppConfig> & { readonly id: string };

export const LIMITS = {
  topics: 32,
  partitions: 1024,
  producers: 64,
  apps: 32,
  instances: 256,
  concurrency: 64,
  keys: 100_000,
  ratePerSec: 100_000,
  maxRecords: 1_000_000,
  processingMs: 3_600_000,
  timeoutMs: 3_600_000,
} as const;

export const DEFAULT_TOPIC = 'user-events';

/**
 * Freezes a config and everything in it (plain objects and arrays). The model keeps its
 * configs as given and snapshots hand the same objects to the views, so no one may change
 * one in place: an edit to a snapshot cannot reach the simulation.
 */
export function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

export const DEFAULT_RETENTION: RetentionConfig = {
  maxRecords: 5000,
  maxAgeMs: 604_800_000,
  segmentRecords: 500,
};

export const DEFAULT_CLUSTER: ClusterConfig = {
  rebalanceMs: 1000,
  initialRebalanceDelayMs: 3000,
  metadataMaxAgeMs: 5000,
  retentionCheckMs: 1000,
  consumerHeartbeatIntervalMs: 1000,
  consumerSessionTimeoutMs: 45_000,
  sampleIntervalMs: 500,
  seriesLength: 600,
};

/**
 * The lab's default setup: topic `user-events` with 3 partitions, one keyed
 * producer, one consumer group of one consumer (the one-page guide's example).
 */
export function defaultConfig(): SimulationConfigInput {
  return {
    seed: 1,
    topics: [{ name: DEFAULT_TOPIC, partitions: 3 }],
    producers: [
      { id: 'producer-1', topic: DEFAULT_TOPIC, ratePerSec: 4, keys: { mode: 'keyed', count: 6 } },
    ],
    apps: [{ id: 'notifier', groupId: 'notifier', topics: [DEFAULT_TOPIC], instances: 1 }],
  };
}

const CONFIG_FIELDS = ['seed', 'topics', 'producers', 'apps', 'cluster'];

/** Validates an untrusted config and fills in defaults. */
export function normalizeConfig(input: unknown): SimulationConfig {
  const ctx: Ctx = { code: 'INVALID_CONFIG', path: 'config' };
  const o = object(input, ctx, CONFIG_FIELDS);
  const seed = optional(o, 'seed', ctx, 1, (v, c) => integer(v, c, 0, 0xffffffff));
  const topicInputs = optional(o, 'topics', ctx, [], (v, c) => array(v, c, LIMITS.topics));
  const topics: TopicConfig[] = [];
  topicInputs.forEach((t, i) => {
    const topic = readTopic(t, at(at(ctx, 'topics'), i));
    checkNewTopicName(
      topic.name,
      topics.map((x) => x.name),
      at(at(at(ctx, 'topics'), i), 'name'),
    );
    topics.push(topic);
  });
  const topicNames = topics.map((t) => t.name);
  const producers = optional(o, 'producers', ctx, [], (v, c) => array(v, c, LIMITS.producers)).map(
    (p, i) => readProducer(p, at(at(ctx, 'producers'), i), topicNames),
  );
  uniqueIds(producers, at(ctx, 'producers'));
  const apps = optional(o, 'apps', ctx, [], (v, c) => array(v, c, LIMITS.apps)).map((a, i) =>
    readApp(a, at(at(ctx, 'apps'), i), topicNames),
  );
  uniqueIds(apps, at(ctx, 'apps'));
  apps.forEach((app, i) => checkGroupProtocol(app, apps.slice(0, i), at(at(ctx, 'apps'), i)));
  const cluster = optional(o, 'cluster', ctx, DEFAULT_CLUSTER, readCluster);
  return { seed, topics, producers, apps, cluster };
}

export function readTopic(value: unknown, ctx: Ctx): TopicConfig {
  const o = object(value, ctx, ['name', 'partitions', 'retention']);
  const name = required(o, 'name', ctx, (v, c) => string(v, c, 300));
  const problem = topicNameProblem(name);
  if (problem) throw new SimulationError('INVALID_TOPIC_EXCEPTION', at(ctx, 'name').path, problem);
  const partitionsValue = o['partitions'];
  // kafka-semantics §5: at creation the count must be >= 1 (-1 means the broker default, 1).
  const partitions =
    partitionsValue === -1
      ? 1
      : optional(o, 'partitions', ctx, 1, (v, c) => {
          if (typeof v === 'number' && Number.isInteger(v) && v < 1) {
            throw new SimulationError(
              'INVALID_PARTITIONS',
              c.path,
              `number of partitions must be at least 1 (or -1 for the broker default), got ${v}`,
            );
          }
          return integer(v, c, 1, LIMITS.partitions);
        });
  const retention = optional(o, 'retention', ctx, DEFAULT_RETENTION, readRetention);
  return { name, partitions, retention };
}

function readRetention(value: unknown, ctx: Ctx): RetentionConfig {
  const o = object(value, ctx, ['maxRecords', 'maxAgeMs', 'segmentRecords']);
  const maxRecords = optional(o, 'maxRecords', ctx, DEFAULT_RETENTION.maxRecords, (v, c) =>
    integer(v, c, 1, LIMITS.maxRecords),
  );
  const maxAgeMs = optional(o, 'maxAgeMs', ctx, DEFAULT_RETENTION.maxAgeMs, (v, c) =>
    v === null ? null : number(v, c, { min: 1, max: Number.MAX_SAFE_INTEGER }),
  );
  const segmentRecords = optional(
    o,
    'segmentRecords',
    ctx,
    Math.min(DEFAULT_RETENTION.segmentRecords, maxRecords),
    (v, c) => integer(v, c, 1, maxRecords),
  );
  return { maxRecords, maxAgeMs, segmentRecords };
}

/** Kafka's name rules plus the simulator's: unique, no "."/"_" collision, not internal. */
/** Why Kafka would refuse to create `name` next to `existing`, or null (for live form checks). */
export function newTopicNameProblem(name: string, existing: readonly string[]): string | null {
  const illegal = topicNameProblem(name);
  if (illegal !== null) return illegal;
  try {
    checkNewTopicName(name, existing, { code: 'INVALID_TOPIC_EXCEPTION', path: 'topic' });
    return null;
  } catch (e) {
    if (e instanceof SimulationError) return e.detail;
    throw e;
  }
}

export function checkNewTopicName(name: string, existing: readonly string[], ctx: Ctx): void {
  if (existing.includes(name)) {
    throw new SimulationError(
      'INVALID_TOPIC_EXCEPTION',
      ctx.path,
      `topic "${name}" already exists`,
    );
  }
  const other = collidingTopic(name, existing);
  if (other !== undefined) {
    throw new SimulationError(
      'INVALID_TOPIC_EXCEPTION',
      ctx.path,
      `Topic '${name}' collides with existing topic: ${other} ("." and "_" are the same in metric names)`,
    );
  }
  if (INTERNAL_TOPICS.includes(name)) {
    throw new SimulationError(
      'INVALID_TOPIC_EXCEPTION',
      ctx.path,
      `"${name}" is an internal Kafka topic`,
    );
  }
}

const KEY_FIELDS = ['mode', 'count', 'distribution', 'prefix'];

function readKeys(value: unknown, ctx: Ctx, fallback?: KeySpec): KeySpec {
  const o = object(value, ctx, KEY_FIELDS);
  const base = fallback ?? { mode: 'keyed', count: 6, distribution: 'uniform', prefix: '' };
  return {
    mode: optional(o, 'mode', ctx, base.mode, (v, c) => oneOf(v, c, ['keyed', 'none'] as const)),
    count: optional(o, 'count', ctx, base.count, (v, c) => integer(v, c, 1, LIMITS.keys)),
    distribution: optional(o, 'distribution', ctx, base.distribution, (v, c) =>
      oneOf(v, c, ['uniform', 'zipf'] as const),
    ),
    prefix: optional(o, 'prefix', ctx, base.prefix, (v, c) => string(v, c, 100)),
  };
}

const PRODUCER_FIELDS = [
  'id',
  'topic',
  'ratePerSec',
  'keys',
  'partitioner',
  'batchSize',
  'lingerMs',
  'recordBytes',
  'poisonRate',
];

export function readProducer(value: unknown, ctx: Ctx, topics: readonly string[]): ProducerConfig {
  const o = object(value, ctx, PRODUCER_FIELDS);
  const id = required(o, 'id', ctx, identifier);
  const topic = optional(o, 'topic', ctx, topics[0] ?? DEFAULT_TOPIC, (v, c) => string(v, c, 300));
  if (!topics.includes(topic)) {
    throw new SimulationError(
      'UNKNOWN_TOPIC_OR_PARTITION',
      at(ctx, 'topic').path,
      `no topic "${topic}"; topics are ${topics.map((t) => `"${t}"`).join(', ') || 'none'}`,
    );
  }
  return {
    id,
    topic,
    ...readProducerSettings(o, ctx, PRODUCER_DEFAULTS),
  };
}

export type ProducerSettings = Omit<ProducerConfig, 'id' | 'topic'>;

const PRODUCER_DEFAULTS: ProducerSettings = {
  ratePerSec: 4,
  keys: { mode: 'keyed', count: 6, distribution: 'uniform', prefix: '' },
  partitioner: 'kafkajs-default',
  batchSize: 16384,
  lingerMs: 5,
  recordBytes: 100,
  poisonRate: 0,
};

/** Reads the tunable producer fields over `base` (defaults, or the current config). */
export function readProducerSettings(
  o: Record<string, unknown>,
  ctx: Ctx,
  base: ProducerSettings,
): ProducerSettings {
  return {
    ratePerSec: optional(o, 'ratePerSec', ctx, base.ratePerSec, (v, c) =>
      number(v, c, { min: 0, max: LIMITS.ratePerSec }),
    ),
    keys: optional(o, 'keys', ctx, base.keys, (v, c) => readKeys(v, c, base.keys)),
    partitioner: optional(o, 'partitioner', ctx, base.partitioner, (v, c) =>
      oneOf(v, c, PARTITIONERS),
    ),
    batchSize: optional(o, 'batchSize', ctx, base.batchSize, (v, c) =>
      integer(v, c, 1, 16_777_216),
    ),
    lingerMs: optional(o, 'lingerMs', ctx, base.lingerMs, (v, c) =>
      number(v, c, { min: 0, max: LIMITS.timeoutMs }),
    ),
    recordBytes: optional(o, 'recordBytes', ctx, base.recordBytes, (v, c) =>
      integer(v, c, 1, 1_048_576),
    ),
    poisonRate: optional(o, 'poisonRate', ctx, base.poisonRate, (v, c) =>
      number(v, c, { min: 0, max: 1 }),
    ),
  };
}

const APP_FIELDS = [
  'id',
  'groupId',
  'topics',
  'instances',
  'assignor',
  'processingMs',
  'jitter',
  'partitionsConsumedConcurrently',
  'commit',
  'fromBeginning',
  'onFailure',
  ...LIVENESS_FIELDS,
];

export type AppSettings = Pick<
  ConsumerAppConfig,
  | 'instances'
  | 'processingMs'
  | 'jitter'
  | 'partitionsConsumedConcurrently'
  | 'commit'
  | 'onFailure'
  | keyof LivenessSettings
>;

const APP_DEFAULTS: AppSettings = {
  instances: 1,
  processingMs: 150,
  jitter: 0.2,
  partitionsConsumedConcurrently: 1,
  commit: { mode: 'after-processing' },
  onFailure: { policy: 'retry-forever' },
  ...CLIENT_DEFAULTS.java,
};

export function readApp(value: unknown, ctx: Ctx, topics: readonly string[]): ConsumerAppConfig {
  const o = object(value, ctx, APP_FIELDS);
  const id = required(o, 'id', ctx, identifier);
  const groupId = optional(o, 'groupId', ctx, id, identifier);
  const subscribed = optional(o, 'topics', ctx, topics.slice(0, 1), (v, c) =>
    array(v, c, LIMITS.topics).map((t, i) => {
      const name = string(t, at(c, i), 300);
      if (!topics.includes(name)) {
        throw new SimulationError(
          'UNKNOWN_TOPIC_OR_PARTITION',
          at(c, i).path,
          `no topic "${name}"`,
        );
      }
      return name;
    }),
  );
  if (subscribed.length === 0) fail(at(ctx, 'topics'), 'subscribe to at least one topic');
  return {
    id,
    groupId,
    topics: subscribed,
    assignor: optional(o, 'assignor', ctx, 'range', readAssignor),
    fromBeginning: optional(o, 'fromBeginning', ctx, false, boolean),
    ...readAppSettings(o, ctx, APP_DEFAULTS),
  };
}

/** A partition.assignment.strategy name (kafka-semantics §3), with Kafka's error for others. */
export function readAssignor(value: unknown, ctx: Ctx): AssignorName {
  if (typeof value === 'string' && !(ASSIGNORS as readonly string[]).includes(value)) {
    throw new SimulationError(
      'UNKNOWN_ASSIGNOR',
      ctx.path,
      `unknown assignor "${value}"; expected one of ${ASSIGNORS.join(', ')}`,
    );
  }
  return oneOf(value, ctx, ASSIGNORS);
}

/** Reads the tunable app fields over `base`. */
export function readAppSettings(
  o: Record<string, unknown>,
  ctx: Ctx,
  base: AppSettings,
): AppSettings {
  return {
    instances: optional(o, 'instances', ctx, base.instances, (v, c) =>
      integer(v, c, 0, LIMITS.instances),
    ),
    processingMs: optional(o, 'processingMs', ctx, base.processingMs, (v, c) =>
      number(v, c, { min: 1, max: LIMITS.processingMs }),
    ),
    jitter: optional(o, 'jitter', ctx, base.jitter, (v, c) => number(v, c, { min: 0, max: 0.9 })),
    partitionsConsumedConcurrently: optional(
      o,
      'partitionsConsumedConcurrently',
      ctx,
      base.partitionsConsumedConcurrently,
      (v, c) => integer(v, c, 1, LIMITS.concurrency),
    ),
    commit: optional(o, 'commit', ctx, base.commit, readCommit),
    onFailure: optional(o, 'onFailure', ctx, base.onFailure, readFailurePolicy),
    ...readLiveness(o, ctx, base),
  };
}

function readCommit(value: unknown, ctx: Ctx): CommitMode {
  const o = object(value, ctx, ['mode', 'intervalMs']);
  const mode = required(o, 'mode', ctx, (v, c) =>
    oneOf(v, c, ['after-processing', 'before-processing', 'auto'] as const),
  );
  if (mode === 'auto') {
    // Java's auto.commit.interval.ms defaults to 5000 (kafka-semantics §4).
    const intervalMs = optional(o, 'intervalMs', ctx, 5000, (v, c) =>
      number(v, c, { min: 1, max: LIMITS.timeoutMs }),
    );
    return { mode, intervalMs };
  }
  if (o['intervalMs'] !== undefined) fail(at(ctx, 'intervalMs'), `only applies to mode "auto"`);
  return { mode };
}

function readFailurePolicy(value: unknown, ctx: Ctx): FailurePolicy {
  const o = object(value, ctx, ['policy', 'retries', 'topic']);
  const policy = required(o, 'policy', ctx, (v, c) =>
    oneOf(v, c, ['retry-forever', 'dead-letter'] as const),
  );
  if (policy === 'retry-forever') {
    if (o['retries'] !== undefined)
      fail(at(ctx, 'retries'), 'only applies to policy "dead-letter"');
    return { policy };
  }
  const retries = optional(o, 'retries', ctx, 3, (v, c) => integer(v, c, 0, 100));
  const topic = optional<string | null>(o, 'topic', ctx, null, (v, c) => {
    if (v === null) return null;
    const name = string(v, c, 300);
    const problem = topicNameProblem(name);
    if (problem) throw new SimulationError('INVALID_TOPIC_EXCEPTION', c.path, problem);
    return name;
  });
  return { policy, retries, topic };
}

function readCluster(value: unknown, ctx: Ctx): ClusterConfig {
  const o = object(value, ctx, Object.keys(DEFAULT_CLUSTER));
  const ms = (key: keyof ClusterConfig, min: number) =>
    optional(o, key, ctx, DEFAULT_CLUSTER[key], (v, c) =>
      number(v, c, { min, max: LIMITS.timeoutMs }),
    );
  return {
    rebalanceMs: ms('rebalanceMs', 0),
    initialRebalanceDelayMs: ms('initialRebalanceDelayMs', 0),
    metadataMaxAgeMs: ms('metadataMaxAgeMs', 1),
    retentionCheckMs: ms('retentionCheckMs', 1),
    consumerHeartbeatIntervalMs: ms('consumerHeartbeatIntervalMs', 1),
    consumerSessionTimeoutMs: ms('consumerSessionTimeoutMs', 1),
    sampleIntervalMs: ms('sampleIntervalMs', 10),
    seriesLength: optional(o, 'seriesLength', ctx, DEFAULT_CLUSTER.seriesLength, (v, c) =>
      integer(v, c, 2, 10_000),
    ),
  };
}

function uniqueIds(items: readonly { id: string }[], ctx: Ctx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) fail(at(at(ctx, i), 'id'), `duplicate id "${item.id}"`);
    seen.add(item.id);
  });
}

/**
 * Members of one group must agree on a protocol (kafka-semantics §3): apps
 * that share a groupId with different assignors get INCONSISTENT_GROUP_PROTOCOL.
 */
export function checkGroupProtocol(
  app: ConsumerAppConfig,
  others: readonly ConsumerAppConfig[],
  ctx: Ctx,
): void {
  checkClientProtocol(app.client, app.assignor, ctx);
  const peer = others.find((o) => o.groupId === app.groupId && o.assignor !== app.assignor);
  if (peer) {
    throw new SimulationError(
      'INCONSISTENT_GROUP_PROTOCOL',
      at(ctx, 'assignor').path,
      `group "${app.groupId}" already uses "${peer.assignor}" (app "${peer.id}"); "${app.assignor}" has no protocol in common`,
    );
  }
}

/** kafkajs speaks only the classic protocol's eager rebalancing (kafka-semantics §3). */
export function checkClientProtocol(client: ClientFlavour, assignor: AssignorName, ctx: Ctx): void {
  if (client === 'kafkajs' && rebalanceProtocol(assignor) !== 'eager') {
    throw new SimulationError(
      'INCONSISTENT_GROUP_PROTOCOL',
      at(ctx, 'assignor').path,
      `kafkajs rebalances eagerly only; "${assignor}" needs a Java client`,
    );
  }
}
