/**
 * Moments worth a marker on a timeline: a group starting a rebalance, a
 * group processing a key's records out of order. The simulation queues them
 * and whoever drives it takes them; the queue is bounded (and notices of one
 * kind and group within `COALESCE_MS` are one), so a run that nobody drains
 * cannot grow.
 */
export type NoticeKind = 'rebalance' | 'violation';

export interface Notice {
  readonly at: number;
  readonly kind: NoticeKind;
  readonly groupId: string;
  /** Why (a rebalance's reason) or what (the key that lost its order). */
  readonly detail: string;
}

export const COALESCE_MS = 100;
export const MAX_QUEUED_NOTICES = 1024;

export class NoticeQueue {
  private queue: Notice[] = [];
  /** Last notice time by kind and group, for coalescing. */
  private readonly last = new Map<string, number>();

  add(at: number, kind: NoticeKind, groupId: string, detail: string): void {
    const id = kind + '\u0000' + groupId;
    const previous = this.last.get(id);
    if (previous !== undefined && at - previous < COALESCE_MS) return;
    if (this.queue.length >= MAX_QUEUED_NOTICES) return;
    this.last.set(id, at);
    this.queue.push({ at, kind, groupId, detail });
  }

  take(): Notice[] {
    const out = this.queue;
    this.queue = [];
    return out;
  }
}
