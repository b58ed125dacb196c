import type { Snapshot } from '../../model/index';
import { partitionForKey } from '../../model/index';
import { laneKey } from './flights';

/** How long a newly added partition's lane glows, in real ms. */
export const NEW_LANE_MS = 1500;

/**
 * Remembers each topic's first partition count and when partitions were
 * added, so the stage can mark records whose key now lands on another
 * partition than it did before (kafka-semantics §5) and make new lanes glow.
 */
export class PartitionHistory {
  private readonly firstCount = new Map<string, number>();
  private readonly addedAt = new Map<string, number>();
  private readonly moved = new Map<string, boolean>();

  update(s: Snapshot, realNow: number): void {
    for (const t of s.topics) {
      const first = this.firstCount.get(t.name);
      if (first === undefined) {
        this.firstCount.set(t.name, t.partitions.length);
        continue;
      }
      for (let p = first; p < t.partitions.length; p++) {
        const key = laneKey(t.name, p);
        if (!this.addedAt.has(key)) this.addedAt.set(key, realNow);
      }
    }
  }

  /** 1 → 0 while a new lane glows. */
  glow(topic: string, partition: number, realNow: number): number {
    const at = this.addedAt.get(laneKey(topic, partition));
    if (at === undefined) return 0;
    return Math.max(0, 1 - (realNow - at) / NEW_LANE_MS);
  }

  /** True when `key` (murmur2) lands on another partition than with the topic's first count. */
  keyMoved(topic: string, key: string, partition: number): boolean {
    const first = this.firstCount.get(topic);
    if (first === undefined) return false;
    const id = `${topic}\u0000${first}\u0000${partition}\u0000${key}`;
    let moved = this.moved.get(id);
    if (moved === undefined) {
      moved = partitionForKey(key, first) !== partition;
      if (this.moved.size > 20_000) this.moved.clear();
      this.moved.set(id, moved);
    }
    return moved;
  }

  get grown(): boolean {
    return this.addedAt.size > 0;
  }

  reset(): void {
    this.firstCount.clear();
    this.addedAt.clear();
    this.moved.clear();
  }
}
