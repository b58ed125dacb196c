/**
 * Time lag as kafka-lag-exporter estimates it (kafka-semantics §4): it only
 * samples the log end offset now and then (every 30 s, the last 60 points),
 * and estimates when the log end was at the committed offset by interpolating
 * between the two points around it, or extrapolating the first → last trend
 * when none bracket it. Time lag = now − that moment. Set next to the exact
 * time lag the simulator knows, it shows what monitoring can and cannot see.
 */
export interface LogEndPoint {
  readonly offset: number;
  readonly at: number;
}

export const EXPORTER_POINTS = 60;
/** How often the exporter polls the log end offsets. */
export const EXPORTER_POLL_MS = 30_000;

/** A bounded table of (log end offset, time) points; flat runs keep their first and last point. */
export class LogEndTable {
  private readonly points: LogEndPoint[] = [];

  get size(): number {
    return this.points.length;
  }

  add(point: LogEndPoint): void {
    const p = this.points;
    const n = p.length;
    if (n >= 2 && p[n - 1]!.offset === point.offset && p[n - 2]!.offset === point.offset) {
      p[n - 1] = point; // a flat run: its start stays, its end moves
    } else {
      p.push(point);
    }
    if (p.length > EXPORTER_POINTS) p.shift();
  }

  /**
   * Estimated time lag of `committed` at `now` (ms): 0 when it is the newest
   * point's offset, NaN with fewer than two points.
   */
  timeLag(committed: number, now: number): number {
    const p = this.points;
    const newest = p[p.length - 1];
    if (newest === undefined) return NaN;
    if (committed >= newest.offset) return 0;
    if (p.length < 2) return NaN;
    for (let i = p.length - 1; i > 0; i--) {
      const hi = p[i]!;
      const lo = p[i - 1]!;
      if (lo.offset <= committed && committed <= hi.offset) {
        const at =
          hi.offset === lo.offset
            ? lo.at
            : lo.at + ((committed - lo.offset) * (hi.at - lo.at)) / (hi.offset - lo.offset);
        return Math.max(0, now - at);
      }
    }
    const first = p[0]!;
    if (newest.offset === first.offset) return NaN;
    const at =
      first.at +
      ((committed - first.offset) * (newest.at - first.at)) / (newest.offset - first.offset);
    return Math.max(0, now - at);
  }
}

/** Offset lag as the exporter reports it: latest − committed, floored at 0; NaN with no commit. */
export function exporterOffsetLag(latest: number, committed: number | null): number {
  return committed === null ? NaN : Math.max(0, latest - committed);
}
