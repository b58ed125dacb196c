/**
 * Bounded memory: "one simulated hour at 2,000 records/s must not grow memory
 * beyond the retention window". bench/memory.ts shows it with
 * process.memoryUsage (after a full GC, too noisy for a unit test); this test
 * counts the simulation's own object graph instead, with `fork(size)`
 * (src/model/copy-graph.ts), which is deterministic:
 *   - `size.bytes`: what a checkpoint copies (everything mutable: groups,
 *     members, maps, the lag exporter's tables, the logs' active chunks, …);
 *   - `size.shared`: the frozen objects it shares instead, with the buffers
 *     they keep alive — mostly the logs' full 128-record chunks and their slabs,
 *     i.e. the records retention keeps (kafka-semantics §5 "Retention").
 *
 * Same setup as the bench: 3 partitions, 2,000 keyed records/s, 3 consumers,
 * default retention (5,000 records a partition, 500-record segments).
 *
 * Why 30 minutes is the first measurement: every bounded structure is full
 * by then. The lag series (600 samples every 500 ms) fills in 5 minutes; the
 * lag exporter's table (EXPORTER_POINTS = 60 points every EXPORTER_POLL_MS =
 * 30 s) fills at exactly 30 minutes. Observed (seed 1): the copied part grows
 * from 111 KB at minute 1 to 119.6 KB at minute 30 and then stays within a
 * few bytes of it to minute 60.
 *
 * Why a peak over a minute of samples, not one sample: retention deletes whole
 * 500-record segments, about every 0.75 s per partition, and a slab of 8
 * chunks is freed only with its last chunk, so the shared part swings between
 * 452 KB and 528 KB within any minute. The peak over 60 one-second samples is
 * steady: 647,656 B over minute 29–30, 648,128 B over minute 59–60 (+0.07%).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSimulation,
  DEFAULT_CLUSTER,
  DEFAULT_RETENTION,
  EXPORTER_POINTS,
  type ByteCount,
  type Simulation,
} from '../../src/model/index';
import { EXPORTER_POLL_MS } from '../../src/model/lag-estimate';

const MINUTE = 60_000;
const RATE_PER_SEC = 2000;
const PARTITIONS = 3;
const TOPIC = 'user-events';
const GROUP = 'notifier';

/** The most records a log holds: retention's maxRecords plus two segments (partition-log.ts `limit`). */
const LOG_LIMIT = DEFAULT_RETENTION.maxRecords + 2 * DEFAULT_RETENTION.segmentRecords;
/** A record's columns: timestamp 8 + sequence 8 + entity 4 + producer 2 + keyed 1 + flags 1. */
const BYTES_PER_RECORD = 24;

/**
 * The copied part may differ by this much between the two halves: observed
 * +8 B (a few numbers' worth of map and array churn). It is well under what a
 * leak of one small object per partition per exporter poll would add in 30
 * minutes (3 × 60 × ~48 B ≈ 8.6 KB).
 */
const COPIED_TOLERANCE_BYTES = 1024;
/** The whole graph's peak may grow this much (observed +0.07%): 2% is about 13 KB. */
const TOTAL_TOLERANCE = 0.02;

interface GraphSize {
  /** Bytes a checkpoint copies. */
  readonly copied: number;
  /** Bytes of the frozen objects and buffers it shares (full log chunks and their slabs). */
  readonly shared: number;
}

function graphSize(sim: Simulation): GraphSize {
  const size: ByteCount = { bytes: 0, shared: new Map<object, number>() };
  sim.fork(size);
  let shared = 0;
  for (const bytes of size.shared!.values()) shared += bytes;
  return { copied: size.bytes, shared };
}

/** The largest of each part, and of their sum, over a window of samples. */
interface Peak {
  readonly copied: number;
  readonly shared: number;
  readonly total: number;
}

function peakOf(samples: readonly GraphSize[]): Peak {
  return {
    copied: Math.max(...samples.map((s) => s.copied)),
    shared: Math.max(...samples.map((s) => s.shared)),
    total: Math.max(...samples.map((s) => s.copied + s.shared)),
  };
}

interface HalfHour {
  /** Peak over the last simulated minute of the half hour, sampled every second. */
  readonly peak: Peak;
  /** Lengths of the group's lag series at the end of the half hour. */
  readonly series: {
    readonly times: number;
    readonly totalLag: number;
    readonly maxTimeLagMs: number;
    readonly partitionLag: readonly number[];
  };
  /** Lag samples the group has taken so far (it keeps counting; the series does not grow). */
  readonly samplesTaken: number;
}

interface HourRun {
  readonly first: HalfHour;
  readonly second: HalfHour;
  /** The largest log end − log start seen on any partition, checked every simulated second. */
  readonly largestLog: number;
  /** Each partition's log start offset at the end of the hour. */
  readonly logStartOffsets: readonly number[];
  readonly produced: number;
  readonly processed: number;
}

/** bench/memory.ts's setup. */
function benchSetup(): Simulation {
  return createSimulation({
    seed: 1,
    topics: [{ name: TOPIC, partitions: PARTITIONS }],
    producers: [
      { id: 'p', topic: TOPIC, ratePerSec: RATE_PER_SEC, keys: { mode: 'keyed', count: 1000 } },
    ],
    apps: [{ id: GROUP, topics: [TOPIC], instances: 3, processingMs: 1 }],
  });
}

function runOneHour(): HourRun {
  const sim = benchSetup();
  let largestLog = 0;
  const checkLogs = (): void => {
    const snapshot = sim.snapshot({ recordsPerPartition: 0, monitoring: false });
    for (const p of snapshot.topics[0]!.partitions) {
      largestLog = Math.max(largestLog, p.logEndOffset - p.logStartOffset);
    }
  };
  const halfHour = (endMinute: number): HalfHour => {
    while (sim.now < (endMinute - 1) * MINUTE) {
      sim.advance(1000);
      checkLogs();
    }
    const samples: GraphSize[] = [];
    while (sim.now < endMinute * MINUTE) {
      sim.advance(1000);
      checkLogs();
      samples.push(graphSize(sim));
    }
    const lag = sim.lagSeries(GROUP);
    return {
      peak: peakOf(samples),
      series: {
        times: lag.times.length,
        totalLag: lag.totalLag.length,
        maxTimeLagMs: lag.maxTimeLagMs.length,
        partitionLag: lag.partitionLag.map((row) => row.length),
      },
      samplesTaken: sim.snapshot({ recordsPerPartition: 0 }).groups[0]!.samples,
    };
  };
  const first = halfHour(30);
  const second = halfHour(60);
  const end = sim.snapshot({ recordsPerPartition: 0, monitoring: false });
  return {
    first,
    second,
    largestLog,
    logStartOffsets: end.topics[0]!.partitions.map((p) => p.logStartOffset),
    produced: end.totals.produced,
    processed: end.totals.processed,
  };
}

describe('bounded memory: one simulated hour at 2,000 records/s (bench/memory.ts setup)', () => {
  let run: HourRun;

  // About 3 s here (the engine runs millions of records a second); the limit is for a busy CI machine.
  beforeAll(() => {
    run = runOneHour();
  }, 60_000);

  it('really runs an hour at 2,000 records/s, and the consumers keep up', () => {
    expect(run.produced).toBe(RATE_PER_SEC * 3600);
    expect(run.processed).toBeGreaterThan(run.produced - 100);
  });

  it('the exporter table and the lag series are full by minute 30 (so the halves compare like with like)', () => {
    expect(EXPORTER_POINTS * EXPORTER_POLL_MS).toBeLessThanOrEqual(30 * MINUTE);
    expect(run.first.series.times).toBe(DEFAULT_CLUSTER.seriesLength);
  });

  it('the part a checkpoint copies does not grow over the second half hour', () => {
    expect(run.second.peak.copied).toBeLessThanOrEqual(
      run.first.peak.copied + COPIED_TOLERANCE_BYTES,
    );
  });

  it('the whole object graph does not grow over the second half hour', () => {
    expect(run.second.peak.total).toBeLessThanOrEqual(run.first.peak.total * (1 + TOTAL_TOLERANCE));
  });

  it('the shared part (the records kept) stays within twice what retention keeps at most', () => {
    // Observed peak 528 KB against 432 KB of record columns for 3 full logs; the rest is
    // chunk headers, the series' frozen chunks and slabs not yet freed.
    const bound = 2 * PARTITIONS * LOG_LIMIT * BYTES_PER_RECORD;
    expect(run.first.peak.shared).toBeLessThanOrEqual(bound);
    expect(run.second.peak.shared).toBeLessThanOrEqual(bound);
  });

  it("no partition's log ever holds more than retention's limit plus two segments", () => {
    expect(run.largestLog).toBeLessThanOrEqual(LOG_LIMIT);
    // Retention really deleted: all but the last few thousand records of each log are gone.
    const deleted = run.logStartOffsets.reduce((sum, start) => sum + start, 0);
    expect(deleted).toBeGreaterThanOrEqual(run.produced - PARTITIONS * LOG_LIMIT);
  });

  it('the lag series stay at their fixed length while the sample count keeps rising', () => {
    const full = DEFAULT_CLUSTER.seriesLength;
    for (const half of [run.first, run.second]) {
      expect(half.series.times).toBe(full);
      expect(half.series.totalLag).toBe(full);
      expect(half.series.maxTimeLagMs).toBe(full);
      expect(half.series.partitionLag).toEqual(Array.from({ length: PARTITIONS }, () => full));
    }
    // One sample every sampleIntervalMs: far more taken than kept.
    expect(run.second.samplesTaken).toBeGreaterThan(run.first.samplesTaken);
    expect(run.second.samplesTaken).toBeGreaterThan(10 * full);
  });
});
