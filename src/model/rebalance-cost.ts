import type { RebalanceProtocol } from './assignors';
import { frozen } from './config';

/**
 * What rebalances cost, in the model's own numbers: how long each partition
 * went unconsumed and each member consumed nothing because of membership
 * (a rebalance, or a crashed member's partitions waiting out its session),
 * and a short log of recent rebalances (kafka-semantics §3: eager stops
 * everything; cooperative and KIP-848 pause only what moves).
 */
export interface PauseClock {
  /** Time paused so far, not counting a pause in progress. */
  pausedMs: number;
  /** When the pause in progress began; null when not paused. */
  pausedSince: number | null;
}

export function pause(clock: PauseClock, now: number): boolean {
  if (clock.pausedSince !== null) return false;
  clock.pausedSince = now;
  return true;
}

export function resume(clock: PauseClock, now: number): void {
  if (clock.pausedSince === null) return;
  clock.pausedMs += now - clock.pausedSince;
  clock.pausedSince = null;
}

/** Paused time up to `now`, including a pause in progress. */
export function pausedFor(clock: PauseClock, now: number): number {
  return clock.pausedMs + (clock.pausedSince === null ? 0 : now - clock.pausedSince);
}

/** One finished rebalance (for KIP-848: one epoch's reconciliation). */
export interface RebalanceRecord {
  /** Generation (group epoch) it ended in. */
  readonly generation: number;
  readonly protocol: RebalanceProtocol;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly reasons: readonly string[];
  /** Partitions that changed owner. */
  readonly moved: number;
  /** Partitions that paused during it. */
  readonly paused: number;
}

/** Recent rebalances kept per group: enough for a storm, bounded for an hours-long tab. */
export const REBALANCE_LOG_SIZE = 50;

export class RebalanceLog {
  readonly records: RebalanceRecord[] = [];

  /** Frozen as kept: snapshots list the same records. */
  add(record: RebalanceRecord): void {
    this.records.push(frozen(record));
    if (this.records.length > REBALANCE_LOG_SIZE) this.records.shift();
  }
}
