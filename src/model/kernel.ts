import type { ClusterConfig } from './config';
import type { Member } from './consumer';
import type { Scheduler } from './scheduler';
import type { NoticeQueue } from './notices';
import type { Topic } from './topic';
import type { TraceHash } from './trace';

/** What the parts of a simulation share: clock, timers, trace, topics. */
export interface Kernel {
  /** Simulated time; a batched group's catch-up sets it to each event it replays. */
  now: number;
  readonly seed: number;
  readonly cluster: ClusterConfig;
  readonly scheduler: Scheduler;
  /** Where events are hashed; a batched member's own stream while it catches up. */
  trace: TraceHash;
  readonly notices: NoticeQueue;
  topic(name: string): Topic | undefined;
  /** An evicted member's process rejoins its group as a new member. */
  rejoin(member: Member): void;
  /** A key's display name (for notices). */
  entityName(entity: number): string;
  /** Appends a record as a producer with fresh metadata would (DLQ, `produce`). */
  send(
    topic: Topic,
    entity: number,
    keyed: boolean,
    producer: number,
    flags: number,
    value?: string,
  ): void;
}

/** Trace event tags. */
export const TRACE = {
  produce: 1,
  process: 2,
  commit: 3,
  rebalance: 4,
  join: 5,
  leave: 6,
  crash: 7,
  expire: 8,
  retry: 9,
  deadLetter: 10,
  reset: 11,
  action: 12,
  retention: 13,
  evict: 14,
  takeOver: 15,
} as const;

/**
 * Packs a trace tag with small indexes into one word (fewer words per event
 * on the hot path): tag 4 bits, group 8, topic 6, partition 11.
 */
export function traceWord(tag: number, group: number, topic: number, partition: number): number {
  return tag | (group << 4) | (topic << 12) | (partition << 18);
}
