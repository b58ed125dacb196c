/**
 * Lag health as LinkedIn Burrow evaluates it (kafka-semantics §4, "Burrow"):
 * over a partition's last commits (Burrow keeps 10), each with the lag it had
 * when it was made, the rules below give OK, WARN, STALL, STOP or REWIND;
 * a group is its worst partition, with STOP, STALL and REWIND reported as ERR.
 * Monitoring's view, to set next to the exact lag the simulator knows.
 */
export type PartitionHealth = 'OK' | 'WARN' | 'STALL' | 'STOP' | 'REWIND';
export type GroupHealth = 'OK' | 'WARN' | 'ERR';

/** One recent commit: its offset, when, and HW − offset then (floored at 0). */
export interface CommitSample {
  readonly offset: number;
  readonly at: number;
  readonly lag: number;
}

/** How many of a partition's last commits Burrow evaluates. */
export const BURROW_COMMITS = 10;

/**
 * The partition's status at `now` with log end (high watermark) `highWatermark`,
 * or null when it has no commits (Burrow does not evaluate it).
 */
export function partitionHealth(
  commits: readonly CommitSample[],
  highWatermark: number,
  now: number,
  allowedLag = 0,
): PartitionHealth | null {
  const recent = commits.slice(-BURROW_COMMITS);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (first === undefined || last === undefined) return null;
  // The rules apply only while the partition lags beyond the allowance.
  if (Math.max(0, highWatermark - last.offset) <= allowedLag) return 'OK';
  // 1. STOP: no commit for longer than these commits span, and it never caught up in it.
  if (now - last.at > last.at - first.at && recent.every((c) => c.lag > allowedLag)) return 'STOP';
  // 2. REWIND: a commit went backwards and did not recover.
  const highest = Math.max(...recent.slice(0, -1).map((c) => c.offset));
  if (
    recent.length > 1 &&
    recent.some((c, i) => i > 0 && c.offset < recent[i - 1]!.offset) &&
    last.offset < highest
  ) {
    return 'REWIND';
  }
  // 3. Caught up (within the allowance) in any of these commits: OK.
  if (recent.some((c) => c.lag <= allowedLag)) return 'OK';
  // 4. STALL: every commit is the same offset.
  if (recent.length > 1 && recent.every((c) => c.offset === first.offset)) return 'STALL';
  // 5. WARN: the lag never went down.
  if (recent.length > 1 && recent.every((c, i) => i === 0 || c.lag >= recent[i - 1]!.lag)) {
    return 'WARN';
  }
  return 'OK';
}

/** A group is as healthy as its worst partition; STOP, STALL and REWIND are ERR. */
export function groupHealth(partitions: readonly (PartitionHealth | null)[]): GroupHealth {
  let worst: GroupHealth = 'OK';
  for (const p of partitions) {
    if (p === 'STOP' || p === 'STALL' || p === 'REWIND') return 'ERR';
    if (p === 'WARN') worst = 'WARN';
  }
  return worst;
}
