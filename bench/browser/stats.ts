/** Frame-interval statistics for the browser benchmark. */

export interface FrameStats {
  /** Number of intervals (frames - 1). */
  readonly intervals: number;
  /** Frames per second over the measured span. */
  readonly fps: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Share (0..1) of intervals longer than `SLOW_FRAME_MS`. */
  readonly slowShare: number;
}

/** A frame interval longer than this counts as a dropped / slow frame. */
export const SLOW_FRAME_MS = 20;

/** Nearest-rank percentile of an ascending array; `q` in (0, 1]. NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Statistics of the intervals between consecutive requestAnimationFrame timestamps (ms). */
export function frameStats(timestamps: readonly number[]): FrameStats {
  const intervals: number[] = [];
  for (let i = 1; i < timestamps.length; i++) intervals.push(timestamps[i]! - timestamps[i - 1]!);
  const sorted = [...intervals].sort((a, b) => a - b);
  const span = timestamps.length > 1 ? timestamps[timestamps.length - 1]! - timestamps[0]! : 0;
  return {
    intervals: intervals.length,
    fps: span > 0 ? (intervals.length / span) * 1000 : Number.NaN,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    maxMs: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    slowShare:
      intervals.length > 0
        ? intervals.filter((ms) => ms > SLOW_FRAME_MS).length / intervals.length
        : Number.NaN,
  };
}
