import { SimulationError } from './errors';
import { at, boolean, fail, integer, number, oneOf, optional, type Ctx } from './validate';

/**
 * Whose liveness rules a consumer follows (kafka-semantics §7). Java
 * heartbeats from a background thread and leaves the group when `poll()`
 * is not called within `max.poll.interval.ms`; kafkajs heartbeats from its
 * fetch/process loop only, so a handler slower than the session timeout gets
 * the member evicted.
 */
export const CLIENTS = ['java', 'kafkajs'] as const;
export type ClientFlavour = (typeof CLIENTS)[number];

export interface LivenessSettings {
  readonly client: ClientFlavour;
  /** session.timeout.ms: how long the coordinator waits without a heartbeat. */
  readonly sessionTimeoutMs: number;
  /** heartbeat.interval.ms (kafkajs heartbeatInterval); lower than the session timeout. */
  readonly heartbeatIntervalMs: number;
  /** Java max.poll.interval.ms; kafkajs has none and ignores it. */
  readonly maxPollIntervalMs: number;
  /** Java max.poll.records: records one poll() returns; kafkajs ignores it. */
  readonly maxPollRecords: number;
  /**
   * kafkajs rebalanceTimeout: how long the coordinator waits for members to
   * rejoin a rebalance. Java uses max.poll.interval.ms instead and ignores it.
   */
  readonly rebalanceTimeoutMs: number;
  /**
   * Static membership: each instance has a group.instance.id. It sends no
   * LeaveGroup on close, so its partitions wait out the session timeout, and
   * an instance that comes back within it gets them back without a rebalance.
   */
  readonly staticMembership: boolean;
}

/** Each client's defaults (kafka-semantics §7). */
export const CLIENT_DEFAULTS: Readonly<Record<ClientFlavour, LivenessSettings>> = {
  java: {
    client: 'java',
    sessionTimeoutMs: 45_000,
    heartbeatIntervalMs: 3000,
    maxPollIntervalMs: 300_000,
    maxPollRecords: 500,
    rebalanceTimeoutMs: 300_000,
    staticMembership: false,
  },
  kafkajs: {
    client: 'kafkajs',
    sessionTimeoutMs: 30_000,
    heartbeatIntervalMs: 3000,
    maxPollIntervalMs: 300_000,
    maxPollRecords: 500,
    rebalanceTimeoutMs: 60_000,
    staticMembership: false,
  },
};

const MAX_MS = 3_600_000;

/** The broker's group.min.session.timeout.ms and group.max.session.timeout.ms defaults (§7). */
export const MIN_SESSION_TIMEOUT_MS = 6000;
export const MAX_SESSION_TIMEOUT_MS = 1_800_000;

/**
 * Reads the liveness fields of an app over `base`. A new client brings its
 * own defaults for what is not given; a heartbeat left out stays at most a
 * third of the session timeout, as both clients advise.
 */
export function readLiveness(
  o: Record<string, unknown>,
  ctx: Ctx,
  base: LivenessSettings,
): LivenessSettings {
  const client = optional(o, 'client', ctx, base.client, (v, c) => oneOf(v, c, CLIENTS));
  const from = client === base.client ? base : CLIENT_DEFAULTS[client];
  const ms = (field: string, fallback: number, min: number): number =>
    optional(o, field, ctx, fallback, (v, c) => number(v, c, { min, max: MAX_MS }));
  const sessionTimeoutMs = ms('sessionTimeoutMs', from.sessionTimeoutMs, 1);
  if (sessionTimeoutMs < MIN_SESSION_TIMEOUT_MS || sessionTimeoutMs > MAX_SESSION_TIMEOUT_MS) {
    // The coordinator refuses the JoinGroup (kafka-semantics §7: broker bounds).
    throw new SimulationError(
      'INVALID_SESSION_TIMEOUT',
      at(ctx, 'sessionTimeoutMs').path,
      `The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms): ${MIN_SESSION_TIMEOUT_MS}–${MAX_SESSION_TIMEOUT_MS} ms, got ${sessionTimeoutMs}`,
    );
  }
  const heartbeatGiven = o['heartbeatIntervalMs'] !== undefined;
  const heartbeatIntervalMs = heartbeatGiven
    ? ms('heartbeatIntervalMs', from.heartbeatIntervalMs, 1)
    : Math.min(from.heartbeatIntervalMs, sessionTimeoutMs / 3);
  if (heartbeatIntervalMs >= sessionTimeoutMs) {
    // Java: "Heartbeat must be set lower than the session timeout"; kafkajs throws the same.
    throw new SimulationError(
      'INVALID_CONFIG',
      at(ctx, heartbeatGiven ? 'heartbeatIntervalMs' : 'sessionTimeoutMs').path,
      `heartbeatIntervalMs (${heartbeatIntervalMs}) must be lower than sessionTimeoutMs (${sessionTimeoutMs})`,
    );
  }
  return {
    client,
    sessionTimeoutMs,
    heartbeatIntervalMs,
    maxPollIntervalMs: ms('maxPollIntervalMs', from.maxPollIntervalMs, 1),
    maxPollRecords: optional(o, 'maxPollRecords', ctx, from.maxPollRecords, (v, c) =>
      integer(v, c, 1, 100_000),
    ),
    rebalanceTimeoutMs: ms('rebalanceTimeoutMs', from.rebalanceTimeoutMs, 1),
    staticMembership: optional(o, 'staticMembership', ctx, from.staticMembership, (v, c) => {
      const on = boolean(v, c);
      // kafkajs has no group.instance.id.
      if (on && client === 'kafkajs')
        fail(c, 'kafkajs has no static membership (group.instance.id)');
      return on;
    }),
  };
}

export const LIVENESS_FIELDS = [
  'client',
  'sessionTimeoutMs',
  'heartbeatIntervalMs',
  'maxPollIntervalMs',
  'maxPollRecords',
  'rebalanceTimeoutMs',
  'staticMembership',
] as const;
