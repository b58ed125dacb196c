import type { Notice } from '../model/index';

/**
 * What a timeline marks: where a group began a rebalance, where a group
 * processed a key's records out of order, where a narration step begins and
 * where a person's action forked the future.
 */
export type MarkerKind = 'rebalance' | 'violation' | 'step' | 'fork';

export interface Marker {
  readonly at: number;
  readonly kind: MarkerKind;
  readonly label: string;
}

/** Rebalance and violation markers a session keeps; past it, every other violation goes. */
export const MAX_MARKERS = 2000;

/** The model's notices as markers, in time order, bounded. */
export class MarkerLog {
  private list: Marker[] = [];
  private version = 0;

  /** Changes whenever the list does (views re-read it then). */
  get revision(): number {
    return this.version;
  }

  get markers(): readonly Marker[] {
    return this.list;
  }

  add(notices: readonly Notice[], after: number): void {
    let added = false;
    for (const n of notices) {
      if (n.at <= after) continue;
      this.list.push({ at: n.at, kind: n.kind, label: label(n) });
      added = true;
    }
    if (!added) return;
    this.version++;
    if (this.list.length > MAX_MARKERS) this.thin();
  }

  /** Removes the markers after `t` and returns them (an undo can put them back). */
  cut(t: number): Marker[] {
    const i = this.list.findIndex((m) => m.at > t);
    if (i < 0) return [];
    this.version++;
    return this.list.splice(i);
  }

  /** Keeps the first `n` markers (an undo removes what the undone branch added). */
  truncate(n: number): void {
    if (this.list.length <= n) return;
    this.list.length = n;
    this.version++;
  }

  /** Puts back what `cut` removed (the markers must all be after the current last one). */
  restore(tail: readonly Marker[]): void {
    this.list = this.list.concat(tail);
    this.version++;
  }

  clear(): void {
    this.list = [];
    this.version++;
  }

  /** Halves the violations (they are the many); rebalances stay while they fit. */
  private thin(): void {
    let odd = false;
    const kept = this.list.filter((m) => m.kind !== 'violation' || (odd = !odd));
    this.list = kept.length > MAX_MARKERS ? kept.filter((_, i) => i % 2 === 0) : kept;
  }
}

function label(n: Notice): string {
  return n.kind === 'rebalance'
    ? `${n.groupId} rebalance: ${n.detail}`
    : `${n.groupId}: key ${JSON.stringify(n.detail)} out of order`;
}
