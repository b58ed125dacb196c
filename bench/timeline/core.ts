/**
 * The timeline benchmark itself, the same code in Node and in Chromium: a
 * 30-minute session at 1,000 records/s (3 partitions, 2 consumer groups),
 * then jumps to random moments of it, each timed as the page does it (a
 * seek plus the snapshot the views draw). Baseline measured in the same run:
 * reaching a moment by re-simulating from the start, which is what a jump
 * would cost without checkpoints.
 */
import { Rng } from '../../src/model/rng';
import type { SimulationConfigInput } from '../../src/model/index';
import { labScenario, Session } from '../../src/session/index';

export const RUN_MS = 30 * 60_000;
export const JUMPS = 300;
const BASELINE_JUMPS = 5;

export const CONFIG: SimulationConfigInput = {
  seed: 7,
  topics: [{ name: 'events', partitions: 3 }],
  producers: [
    { id: 'producer', topic: 'events', ratePerSec: 1000, keys: { mode: 'keyed', count: 100 } },
  ],
  apps: [
    { id: 'billing', topics: ['events'], instances: 3, processingMs: 2 },
    { id: 'analytics', topics: ['events'], instances: 3, processingMs: 2 },
  ],
};

export interface TimelineFigures {
  readonly buildMs: number;
  readonly produced: number;
  readonly checkpoints: number;
  readonly checkpointBytes: number;
  readonly spacingMs: number;
  readonly jumpMs: { readonly p50: number; readonly p95: number; readonly max: number };
  readonly baselineMedianMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** `built` runs once the 30 minutes are played, with the session alive (Node measures its heap). */
export function runTimelineBench(
  now: () => number,
  built?: (session: Session) => void,
  config: SimulationConfigInput = CONFIG,
  runMs = RUN_MS,
  jumps = JUMPS,
): TimelineFigures {
  const session = new Session(labScenario(config));
  let t = now();
  session.advance(runMs);
  const buildMs = now() - t;
  built?.(session);
  const produced = session.sim.snapshot({ recordsPerPartition: 0 }).totals.produced;
  const rng = new Rng(20261127);
  const times: number[] = [];
  for (let i = 0; i < jumps; i++) {
    const target = rng.next() * runMs;
    t = now();
    session.seek(target);
    session.sim.snapshot({ recordsPerPartition: 24 });
    times.push(now() - t);
  }
  times.sort((a, b) => a - b);
  const baseline: number[] = [];
  for (let i = 0; i < BASELINE_JUMPS; i++) {
    const fresh = new Session(labScenario(config), {
      // No checkpoints past the start: the cost of a jump without them.
      checkpoints: { budgetBytes: Infinity, maxCount: 1, firstSpacingMs: runMs * 2 },
    });
    const target = rng.next() * runMs;
    t = now();
    fresh.advance(target);
    fresh.sim.snapshot({ recordsPerPartition: 24 });
    baseline.push(now() - t);
  }
  baseline.sort((a, b) => a - b);
  const stats = session.checkpointStats;
  return {
    buildMs,
    produced,
    checkpoints: stats.count,
    checkpointBytes: stats.bytes,
    spacingMs: stats.spacingMs,
    jumpMs: { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1)! },
    baselineMedianMs: baseline[Math.floor(baseline.length / 2)]!,
  };
}
