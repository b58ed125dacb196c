/**
 * Partition Lab's model: a pure, deterministic simulation of Kafka topics,
 * producers and consumer groups. No DOM, no timers, no wall clock, no
 * random numbers except seeded ones: the same config, seed and timed actions give the same trace
 * in Node and in the browser.
 */
export {
  createSimulation,
  type EngineOptions,
  type PartitionPreview,
  type Simulation,
} from './simulation';
export { ACTION_TYPES, parseAction, type Action, type ActionType } from './actions';
export {
  DEFAULT_CLUSTER,
  DEFAULT_RETENTION,
  DEFAULT_TOPIC,
  LIMITS,
  PARTITIONERS,
  defaultConfig,
  newTopicNameProblem,
  normalizeConfig,
  type ClusterConfig,
  type CommitMode,
  type ConsumerAppConfig,
  type ConsumerAppConfigInput,
  type FailurePolicy,
  type KeySpec,
  type PartitionerName,
  type ProducerConfig,
  type ProducerConfigInput,
  type RetentionConfig,
  type SimulationConfig,
  type SimulationConfigInput,
  type TopicConfig,
  type TopicConfigInput,
} from './config';
export { SimulationError, type SimulationErrorCode } from './errors';
export { murmur2, murmur2String, toPositive, utf8Bytes } from './murmur2';
export {
  createRoundRobinPartitioner,
  legacyMurmur2,
  legacyPartitionForKey,
  partitionForHash,
  partitionForKey,
  roundRobinPick,
  type PartitionMetadata,
} from './partitioner';
export {
  ASSIGNORS,
  rebalanceProtocol,
  type RebalanceProtocol,
  assignPartitions,
  isAssignorName,
  kafkajsRoundRobin,
  type Assignment,
  type AssignorMember,
  type AssignorName,
  type TopicPartition,
  type TopicPartitionCounts,
} from './assignors';
export { collidingTopic, topicNameProblem, MAX_TOPIC_NAME_LENGTH } from './topic-name';
export type { GroupCounters, GroupState } from './group';
export type { Notice, NoticeKind } from './notices';
export {
  BURROW_COMMITS,
  groupHealth,
  partitionHealth,
  type CommitSample,
  type GroupHealth,
  type PartitionHealth,
} from './lag-health';
export { EXPORTER_POINTS, exporterOffsetLag, LogEndTable, type LogEndPoint } from './lag-estimate';
export type { ByteCount } from './copy-graph';
export type { LagSeriesSnapshot } from './metrics';
export type * from './snapshot';
export {
  CLIENTS,
  CLIENT_DEFAULTS,
  type ClientFlavour,
  type LivenessSettings,
} from './client-liveness';
export type { RebalanceRecord } from './rebalance-cost';
