import { LIVENESS_FIELDS } from './client-liveness';
import type { AssignorName } from './assignors';
import {
  readApp,
  readAppSettings,
  readAssignor,
  readProducer,
  readProducerSettings,
  readTopic,
  type AppSettings,
  type ConsumerAppConfig,
  type ConsumerAppConfigInput,
  type DeepPartial,
  type ProducerConfig,
  type ProducerConfigInput,
  type ProducerSettings,
  type TopicConfig,
  type TopicConfigInput,
} from './config';
import {
  at,
  boolean,
  identifier,
  integer,
  object,
  oneOf,
  optional,
  required,
  string,
  type Ctx,
} from './validate';

/**
 * Every change to a running simulation is one of these plain, serialisable
 * objects: sliders, keyboard shortcuts, scenario timelines, URL restore and
 * the embed API all go through `Simulation.apply`.
 */
export type Action =
  /** kafka-topics --create. */
  | { readonly type: 'createTopic'; readonly topic: TopicConfigInput }
  /** kafka-topics --alter --partitions N (N is the new total; kafka-semantics §5). */
  | { readonly type: 'addPartitions'; readonly topic: string; readonly partitions: number }
  | { readonly type: 'addProducer'; readonly producer: ProducerConfigInput }
  | { readonly type: 'removeProducer'; readonly producerId: string }
  | {
      readonly type: 'updateProducer';
      readonly producerId: string;
      readonly changes: DeepPartial<ProducerSettings>;
    }
  /** One record, as producer.send would send it; an explicit partition wins (kafka-semantics §1). */
  | {
      readonly type: 'produce';
      readonly topic: string;
      readonly key?: string | null;
      readonly value?: string;
      readonly partition?: number;
      readonly poison?: boolean;
    }
  | { readonly type: 'addApp'; readonly app: ConsumerAppConfigInput }
  /** Every instance of the app closes cleanly. */
  | { readonly type: 'removeApp'; readonly appId: string }
  | {
      readonly type: 'updateApp';
      readonly appId: string;
      readonly changes: DeepPartial<AppSettings>;
    }
  /** One more instance of the app joins its group. */
  | { readonly type: 'addConsumer'; readonly appId: string }
  /** consumer.close(): LeaveGroup, so the group rebalances at once (kafka-semantics §7). */
  | { readonly type: 'stopConsumer'; readonly memberId: string }
  /** The process dies: no LeaveGroup; the group notices after session.timeout.ms. */
  | { readonly type: 'crashConsumer'; readonly memberId: string }
  /** kafka-consumer-groups --reset-offsets --to-earliest|--to-latest (group must be inactive). */
  | {
      readonly type: 'resetOffsets';
      readonly groupId: string;
      readonly topic: string;
      readonly to: 'earliest' | 'latest';
    }
  /**
   * Every app of the group restarts its consumers with another
   * partition.assignment.strategy; the group rebalances with it (kafka-semantics §3).
   */
  | { readonly type: 'setAssignor'; readonly groupId: string; readonly assignor: AssignorName };

export type ActionType = Action['type'];

export const ACTION_TYPES: readonly ActionType[] = [
  'createTopic',
  'addPartitions',
  'addProducer',
  'removeProducer',
  'updateProducer',
  'produce',
  'addApp',
  'removeApp',
  'updateApp',
  'addConsumer',
  'stopConsumer',
  'crashConsumer',
  'resetOffsets',
  'setAssignor',
];

/** Actions whose payload `parseAction` replaces by a fully read (defaulted) form. */
type Reparsed =
  'createTopic' | 'addProducer' | 'updateProducer' | 'produce' | 'addApp' | 'updateApp';

/** A validated action: configs read with their defaults, optional fields resolved. */
export type ParsedAction =
  | Exclude<Action, { readonly type: Reparsed }>
  | { readonly type: 'createTopic'; readonly topic: TopicConfig }
  | { readonly type: 'addProducer'; readonly producer: ProducerConfig }
  | {
      readonly type: 'updateProducer';
      readonly producerId: string;
      readonly changes: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: 'produce';
      readonly topic: string;
      readonly key: string | null;
      readonly value: string | undefined;
      readonly partition: number | undefined;
      readonly poison: boolean;
    }
  | { readonly type: 'addApp'; readonly app: ConsumerAppConfig }
  | {
      readonly type: 'updateApp';
      readonly appId: string;
      readonly changes: Readonly<Record<string, unknown>>;
    };

const FIELDS: Record<ActionType, readonly string[]> = {
  createTopic: ['topic'],
  addPartitions: ['topic', 'partitions'],
  addProducer: ['producer'],
  removeProducer: ['producerId'],
  updateProducer: ['producerId', 'changes'],
  produce: ['topic', 'key', 'value', 'partition', 'poison'],
  addApp: ['app'],
  removeApp: ['appId'],
  updateApp: ['appId', 'changes'],
  addConsumer: ['appId'],
  stopConsumer: ['memberId'],
  crashConsumer: ['memberId'],
  resetOffsets: ['groupId', 'topic', 'to'],
  setAssignor: ['groupId', 'assignor'],
};

/**
 * Checks an action's shape (types, ranges, unknown fields). Whether the
 * things it names exist is checked against the simulation by `apply`.
 * `topics` are the current topic names, for configs that name a topic.
 */
export function parseAction(
  input: unknown,
  topics: readonly string[],
  path = 'action',
): ParsedAction {
  const ctx: Ctx = { code: 'INVALID_ACTION', path };
  const type = oneOf(
    object(input, ctx, ['type', ...allFields()])['type'],
    at(ctx, 'type'),
    ACTION_TYPES,
  );
  const o = object(input, ctx, ['type', ...FIELDS[type]]);
  const topicName = (c: Ctx) => required(o, 'topic', c, (v, cc) => string(v, cc, 300));
  switch (type) {
    case 'createTopic':
      return { type, topic: required(o, 'topic', ctx, readTopic) };
    case 'addPartitions':
      return {
        type,
        topic: topicName(ctx),
        partitions: required(o, 'partitions', ctx, (v, c) => integer(v, c, -1_000_000, 1_000_000)),
      };
    case 'addProducer':
      return { type, producer: required(o, 'producer', ctx, (v, c) => readProducer(v, c, topics)) };
    case 'removeProducer':
      return { type, producerId: required(o, 'producerId', ctx, identifier) };
    case 'updateProducer':
      return {
        type,
        producerId: required(o, 'producerId', ctx, identifier),
        changes: required(o, 'changes', ctx, (v, c) => object(v, c, PRODUCER_SETTINGS)),
      };
    case 'produce':
      return {
        type,
        topic: topicName(ctx),
        key: optional(o, 'key', ctx, null, (v, c) => (v === null ? null : string(v, c, 1000))),
        value: optional<string | undefined>(o, 'value', ctx, undefined, (v, c) =>
          string(v, c, 10_000),
        ),
        partition: optional<number | undefined>(o, 'partition', ctx, undefined, (v, c) =>
          integer(v, c, 0, 1_000_000),
        ),
        poison: optional(o, 'poison', ctx, false, boolean),
      };
    case 'addApp':
      return { type, app: required(o, 'app', ctx, (v, c) => readApp(v, c, topics)) };
    case 'removeApp':
    case 'addConsumer':
      return { type, appId: required(o, 'appId', ctx, identifier) };
    case 'updateApp':
      return {
        type,
        appId: required(o, 'appId', ctx, identifier),
        changes: required(o, 'changes', ctx, (v, c) => object(v, c, APP_SETTINGS)),
      };
    case 'stopConsumer':
    case 'crashConsumer':
      return { type, memberId: required(o, 'memberId', ctx, (v, c) => string(v, c, 200)) };
    case 'setAssignor':
      return {
        type,
        groupId: required(o, 'groupId', ctx, identifier),
        assignor: required(o, 'assignor', ctx, readAssignor),
      };
    case 'resetOffsets':
      return {
        type,
        groupId: required(o, 'groupId', ctx, identifier),
        topic: topicName(ctx),
        to: required(o, 'to', ctx, (v, c) => oneOf(v, c, ['earliest', 'latest'] as const)),
      };
  }
}

const PRODUCER_SETTINGS = [
  'ratePerSec',
  'keys',
  'partitioner',
  'batchSize',
  'lingerMs',
  'recordBytes',
  'poisonRate',
];
const APP_SETTINGS = [
  'instances',
  'processingMs',
  'jitter',
  'partitionsConsumedConcurrently',
  'commit',
  'onFailure',
  ...LIVENESS_FIELDS,
];

function allFields(): string[] {
  return [...new Set(Object.values(FIELDS).flat())];
}

/** Applies a producer `changes` object over the current settings (validated). */
export function mergeProducerSettings(
  current: ProducerConfig,
  changes: Readonly<Record<string, unknown>>,
  ctx: Ctx,
): ProducerConfig {
  return { ...current, ...readProducerSettings({ ...changes }, ctx, current) };
}

/** Applies an app `changes` object over the current settings (validated). */
export function mergeAppSettings(
  current: ConsumerAppConfig,
  changes: Readonly<Record<string, unknown>>,
  ctx: Ctx,
): ConsumerAppConfig {
  return { ...current, ...readAppSettings({ ...changes }, ctx, current) };
}
