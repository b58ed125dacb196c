/**
 * Log retention inside the engine (kafka-semantics §5): whole segments go,
 * oldest first, once their newest record is older than retention.ms or while
 * the log stays at or over its size limit without them (`maxRecords` stands in
 * for retention.bytes);
 * the active one too once its newest record is too old (the log is then empty);
 * checks run every log.retention.check.interval.ms;
 * the log start offset becomes the first remaining segment's base offset. A
 * consumer left below the log start offset is reset per auto.offset.reset
 * (§4, §5 "Out-of-range fetch"; kafkajs fromBeginning).
 */
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type Action,
  type ConsumerAppConfigInput,
  type RetentionConfig,
  type Simulation,
  type Snapshot,
} from '../../src/model/index';
import { group } from './support/sim';

const SEGMENT = 10;

/**
 * One partition, 10 records/s (one every 100 ms, offset o at (o + 1) × 100 ms), retention
 * checked every 10 s. The producer stops at 9.95 s, so the log is offsets 0..98
 * (segments of 10: 0–9, …, 80–89, and the active 90–98) when the first check runs at 10 s.
 * Stopping the producer first keeps records and checks from sharing an instant.
 */
function pausedLog(
  retention: Partial<RetentionConfig>,
  apps: readonly ConsumerAppConfigInput[] = [],
  actions: readonly (readonly [number, Action])[] = [],
  { pauseAt = 9_950, retentionCheckMs = 10_000 } = {},
): Simulation {
  const sim = createSimulation({
    seed: 7,
    topics: [
      {
        name: 'orders',
        partitions: 1,
        retention: { maxRecords: 100_000, maxAgeMs: null, segmentRecords: SEGMENT, ...retention },
      },
    ],
    producers: [{ id: 'p', topic: 'orders', ratePerSec: 10 }],
    apps,
    cluster: { retentionCheckMs },
  });
  for (const [at, action] of actions) {
    sim.advance(at - sim.now);
    sim.apply(action);
  }
  sim.advance(pauseAt - sim.now);
  sim.apply({ type: 'updateProducer', producerId: 'p', changes: { ratePerSec: 0 } });
  return sim;
}

function log(s: Snapshot, topic = 'orders') {
  const t = s.topics.find((x) => x.name === topic);
  if (!t) throw new Error(`no topic ${topic}`);
  return t.partitions[0]!;
}

const look = (sim: Simulation) =>
  log(sim.snapshot({ recordsPerPartition: 100_000, monitoring: false }));

/** Base offset of the active segment (the one holding the newest record). */
const activeBase = (logEnd: number, segment: number) =>
  Math.floor((logEnd - 1) / segment) * segment;

describe('retention by time: retention.ms (kafka-semantics §5)', () => {
  it('at the check, deletes the segments whose newest record is older than retention.ms and moves the log start', () => {
    const sim = pausedLog({ maxAgeMs: 4_000 });
    sim.advance(9_999 - sim.now);
    const before = look(sim);
    expect([before.logStartOffset, before.logEndOffset]).toEqual([0, 99]);
    expect(before.records.map((r) => r.timestamp)).toEqual(
      Array.from({ length: 99 }, (_, o) => (o + 1) * 100),
    );
    // Nothing is deleted between checks, however old.
    expect(before.records[0]!.timestamp).toBeLessThan(9_999 - 4_000);

    sim.advance(1); // the check at 10 s
    const after = look(sim);
    // Segment k's newest record (offset 10k + 9) was written at 1000(k + 1) ms. At 10 s,
    // segments 0–4 (newest at ≤ 5 s, older than 4 s) go; segment 5's newest, written at 6 s, is
    // exactly 4 s old, not older, so it stays. The log start is the base of the first one left.
    expect(after.logStartOffset).toBe(50);
    expect(after.logEndOffset).toBe(99);
    expect(after.records[0]!.offset).toBe(50);
    expect(after.records).toHaveLength(49);
    expect(sim.inspect('orders', 0, 49)).toBeNull();
    expect(sim.inspect('orders', 0, 50)!.record.timestamp).toBe(5_100);
  });

  it('deletes the active segment too once its newest record is too old: the log is empty, its start at its end', () => {
    // UnifiedLog.deletableSegments: the last segment is eligible when it is not empty and below
    // the high watermark (always, with one replica); deleteSegments rolls a new one first.
    const sim = pausedLog({ maxAgeMs: 4_000 });
    sim.advance(13_000 - sim.now);
    let p = look(sim);
    // At the 10 s check, segments up to 40–49 (newest at 5 s) were over 4 s old; the active
    // one, 90–98 (newest at 9.9 s), was not.
    expect([p.logStartOffset, p.logEndOffset]).toEqual([50, 99]);
    sim.advance(20_000 - sim.now);
    p = look(sim);
    expect([p.logStartOffset, p.logEndOffset]).toEqual([99, 99]);
    expect(p.records).toHaveLength(0);
    // New records go on from the log end offset.
    sim.apply({ type: 'updateProducer', producerId: 'p', changes: { ratePerSec: 10 } });
    sim.advance(1_000);
    p = look(sim);
    expect(p.logStartOffset).toBe(99);
    expect(p.records.map((r) => r.offset)).toEqual(
      Array.from({ length: p.logEndOffset - 99 }, (_, i) => 99 + i),
    );
    expect(p.logEndOffset).toBeGreaterThan(105);
  });

  it('keeps the active segment while its newest record is younger than retention.ms', () => {
    // 100 records (offsets 0–99), first check at 20 s with retention.ms 15 s: segments up to
    // 40–49 are older; 90–99, full but still active, has records from 9.1–10 s: it stays.
    const sim = pausedLog({ maxAgeMs: 15_000 }, [], [], {
      pauseAt: 10_050,
      retentionCheckMs: 20_000,
    });
    sim.advance(20_000 - sim.now);
    const p = look(sim);
    expect(p.logEndOffset).toBe(100);
    expect(p.logStartOffset).toBeGreaterThan(0);
    expect(p.logStartOffset).toBeLessThanOrEqual(90);
  });

  it('while producing, each check leaves exactly the segments that were not yet too old', () => {
    const retention = { maxRecords: 100_000, maxAgeMs: 3_000, segmentRecords: 5 };
    // 8 records/s (every 125 ms) and a check every 1010 ms: no record is written at a check's instant.
    const config = (maxAgeMs: number | null) => ({
      seed: 7,
      topics: [{ name: 'orders', partitions: 1, retention: { ...retention, maxAgeMs } }],
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 8 }],
      cluster: { retentionCheckMs: 1010 },
    });
    const sim = createSimulation(config(retention.maxAgeMs));
    // The same records with unlimited retention: every timestamp, deleted ones included.
    const twin = createSimulation(config(null));
    let moves = 0;
    let previous = 0;
    for (let check = 1; check <= 24; check++) {
      const t = check * 1010;
      sim.advance(t - sim.now);
      twin.advance(t - twin.now);
      const p = look(sim);
      const all = look(twin).records;
      expect(p.logEndOffset).toBe(all.length);
      const S = retention.segmentRecords;
      const active = activeBase(p.logEndOffset, S);
      // The first segment that is active or whose newest record is not older than 3 s.
      let expected = 0;
      while (expected < active && all[expected + S - 1]!.timestamp < t - retention.maxAgeMs)
        expected += S;
      expect(p.logStartOffset, `check at ${t} ms`).toBe(expected);
      if (p.logStartOffset > previous) moves++;
      previous = p.logStartOffset;
    }
    expect(previous).toBeGreaterThan(100);
    expect(moves).toBeGreaterThan(15);
  });
});

describe('retention by size: maxRecords for retention.bytes (kafka-semantics §5)', () => {
  it('deletes the oldest whole segments while the log is over the limit, and moves the log start', () => {
    // 99 records, limit 79: the two oldest segments (20 records) go, leaving exactly 79. (Not
    // more than maxRecords + 2 segments, so the model's early retention for memory stays out.)
    const sim = pausedLog({ maxRecords: 79 });
    sim.advance(9_999 - sim.now);
    expect(look(sim).logStartOffset).toBe(0);
    sim.advance(1);
    const p = look(sim);
    expect(p.logStartOffset).toBe(20);
    expect(p.logEndOffset - p.logStartOffset).toBe(79);
    expect(p.records[0]!.offset).toBe(20);
    // No age limit: later checks leave it as it is.
    sim.advance(100_000);
    expect(look(sim).logStartOffset).toBe(20);
  });

  it('keeps at least the limit: a segment goes only if the log still holds maxRecords without it', () => {
    // 99 records, limit 85 (UnifiedLog.deleteRetentionSizeBreachedSegments: diff - segment.size
    // >= 0): without 0–9 the log holds 89, still over; without 10–19 it would hold 79, under.
    const sim = pausedLog({ maxRecords: 85 });
    sim.advance(10_000 - sim.now);
    const p = look(sim);
    expect(p.logStartOffset).toBe(10);
    expect(p.logEndOffset - p.logStartOffset).toBe(89);
  });

  it('while producing, whole segments go at each check and the log stays within a segment of the limit', () => {
    const sim = createSimulation({
      seed: 7,
      topics: [
        {
          name: 'orders',
          partitions: 1,
          retention: { maxRecords: 100, maxAgeMs: null, segmentRecords: 30 },
        },
      ],
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 100 }],
      cluster: { retentionCheckMs: 1010 },
    });
    const starts: number[] = [];
    for (let check = 1; check <= 10; check++) {
      sim.advance(check * 1010 - sim.now);
      const p = look(sim);
      expect(p.logStartOffset % 30).toBe(0);
      expect(p.logEndOffset - p.logStartOffset).toBeLessThanOrEqual(100 + 30);
      expect(p.logEndOffset - p.logStartOffset).toBeGreaterThanOrEqual(100);
      expect(p.records).toHaveLength(p.logEndOffset - p.logStartOffset);
      starts.push(p.logStartOffset);
    }
    // 101 records by the first check, ~1000 by the last: the log start moves at every check.
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]!);
  });
});

describe('a consumer left behind the log start offset is reset (kafka-semantics §4, §5)', () => {
  /** One record a second from 4 s (after the first rebalance): offsets 0–8 done by 10 s, 9 in hand. */
  const slow = (fromBeginning: boolean): ConsumerAppConfigInput => ({
    id: 'slow',
    topics: ['orders'],
    processingMs: 1000,
    jitter: 0,
    fromBeginning,
  });

  it('fromBeginning (auto.offset.reset=earliest): resumes at the new log start offset', () => {
    const sim = pausedLog({ maxAgeMs: 4_000 }, [slow(true)]);
    sim.advance(10_050 - sim.now);
    let s = sim.snapshot({ recordsPerPartition: 0, monitoring: false });
    expect(log(s).logStartOffset).toBe(50);
    // The group's row (kafka-consumer-groups) shows the new log start; the member is still on 9.
    expect(group(s, 'slow').partitions[0]!.logStartOffset).toBe(50);
    expect(group(s, 'slow').members[0]!.inFlight[0]!.offset).toBe(9);
    expect(group(s, 'slow').counters.processed).toBe(9);
    sim.advance(2_000);
    s = sim.snapshot({ recordsPerPartition: 0, monitoring: false });
    const g = group(s, 'slow');
    // After offset 9 its position (10) was below the log start (50): OFFSET_OUT_OF_RANGE, reset to
    // the earliest offset. Offsets 10–49 were deleted unread; 50 is the next one it processed.
    expect(g.counters.skipped).toBe(40);
    expect(g.counters.processed).toBe(11);
    expect(g.members[0]!.inFlight[0]!.offset).toBe(51);
    expect(sim.inspect('orders', 0, 50)!.groups[0]!.processedBy[0]!.memberId).toBe('slow-1');
    expect(g.partitions[0]!.currentOffset).toBe(51);
  });

  it('fromBeginning=false (auto.offset.reset=latest): jumps to the log end', () => {
    const sim = pausedLog({ maxAgeMs: 4_000 }, [slow(false)]);
    sim.advance(12_050 - sim.now);
    const g = group(sim.snapshot({ recordsPerPartition: 0, monitoring: false }), 'slow');
    // Offsets 10–98 were never processed: 40 deleted, 49 passed over by the jump to the end.
    expect(g.counters.skipped).toBe(89);
    expect(g.counters.processed).toBe(10);
    expect(g.partitions[0]!.position).toBe(99);
    expect(g.members[0]!.inFlight).toEqual([]);
  });

  it.each([
    [true, 80],
    [false, 99],
  ])(
    'a group that rejoins with its committed offset deleted starts over per fromBeginning=%s (at %i)',
    (fromBeginning, resumeAt) => {
      const app = { ...slow(fromBeginning), processingMs: 10 };
      // It keeps up, then leaves at 6 s with about offset 59 committed.
      const sim = pausedLog(
        { maxAgeMs: 1_000 },
        [app],
        [[6_000, { type: 'removeApp', appId: 'slow' }]],
      );
      sim.advance(12_000 - sim.now);
      const committed = group(sim.snapshot(), 'slow').partitions[0]!.currentOffset!;
      expect(committed).toBeGreaterThan(50);
      // At 10 s segments 0–7 (newest written at ≤ 8 s) were more than 1 s old.
      expect(look(sim).logStartOffset).toBe(80);
      expect(committed).toBeLessThan(80);
      sim.apply({ type: 'addApp', app });
      sim.advance(10_000);
      const g = group(sim.snapshot(), 'slow');
      // Offsets from the commit to where it resumed were never processed.
      expect(g.counters.skipped).toBe(resumeAt - committed);
      expect(g.counters.processed).toBe(committed + (99 - resumeAt));
      expect(g.partitions[0]!.position).toBe(99);
    },
  );
});
