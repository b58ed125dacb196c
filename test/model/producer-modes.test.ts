/**
 * The engine's producer modes, read back through createSimulation → advance →
 * snapshot: key-less partitioning (kafka-semantics §2: kafkajs round-robin,
 * Java KIP-480 sticky, Java KIP-794 uniform sticky), key distributions and
 * poison records (docs/model.md, `producers[].keys` and `poisonRate`).
 */
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type PartitionerName,
  type ProducerConfigInput,
  type Simulation,
  type Snapshot,
} from '../../src/model/index';
import { rngStream } from '../../src/model/rng';
import { seededKafkajsPartitioner } from './support/fidelity-kafkajs';
import { vectors } from './support/fidelity-vectors';
import { group } from './support/sim';

type ProducerSettings = Omit<ProducerConfigInput, 'id' | 'topic'>;

/** One topic 'orders' and one producer 'p' on it, no consumers. */
function produce(
  producer: ProducerSettings,
  { seed = 7, partitions = 3, ms = 1000 }: { seed?: number; partitions?: number; ms?: number } = {},
): Simulation {
  const sim = createSimulation({
    seed,
    topics: [{ name: 'orders', partitions, retention: { maxRecords: 100_000, maxAgeMs: null } }],
    producers: [{ id: 'p', topic: 'orders', ...producer }],
  });
  sim.advance(ms);
  return sim;
}

interface Sent {
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly producerId: string | null;
  readonly key: string | null;
  readonly poison: boolean;
}

/** Every record of `topic` still in the log, in the order it was sent (one producer: its timestamps). */
function sentRecords(s: Snapshot, topic = 'orders'): Sent[] {
  const t = s.topics.find((x) => x.name === topic);
  if (!t) throw new Error(`no topic ${topic}`);
  return t.partitions
    .flatMap((p) => p.records.map((r) => ({ ...r, partition: p.partition })))
    .sort((a, b) => a.timestamp - b.timestamp);
}

/** The partition of each record the producer sent, in send order. */
function partitionSequence(sim: Simulation, producerId = 'p'): number[] {
  return sentRecords(sim.snapshot({ recordsPerPartition: 100_000, monitoring: false }))
    .filter((r) => r.producerId === producerId)
    .map((r) => r.partition);
}

/** Lengths of the maximal runs of equal partitions. */
function runLengths(sequence: readonly number[]): number[] {
  const runs: number[] = [];
  for (let i = 0; i < sequence.length; i++) {
    if (i > 0 && sequence[i] === sequence[i - 1]) runs[runs.length - 1]!++;
    else runs.push(1);
  }
  return runs;
}

/** Indexes where the partition differs from the previous record's. */
function switchPoints(sequence: readonly number[]): number[] {
  const points: number[] = [];
  for (let i = 1; i < sequence.length; i++) if (sequence[i] !== sequence[i - 1]) points.push(i);
  return points;
}

/** The partitions of key-less records: 100-byte records, 200 records/s (one every 5 ms). */
function keyless(
  partitioner: PartitionerName,
  settings: ProducerSettings,
  partitions = 3,
  ms = 2000,
): number[] {
  return partitionSequence(
    produce(
      {
        ratePerSec: 200,
        keys: { mode: 'none', count: 5 },
        partitioner,
        recordBytes: 100,
        ...settings,
      },
      { partitions, ms },
    ),
  );
}

const allLed = (n: number) => Array.from({ length: n }, (_, p) => ({ partitionId: p, leader: 0 }));

describe('kafkajs key-less round-robin inside the engine (kafka-semantics §2)', () => {
  const roundRobin: PartitionerName[] = ['kafkajs-default', 'kafkajs-legacy'];

  it.each(roundRobin.flatMap((partitioner) => [3, 5, 7].map((n) => [partitioner, n] as const)))(
    '%s: consecutive key-less records go to consecutive partitions p, p+1, … mod %i',
    (partitioner, n) => {
      const sequence = partitionSequence(
        produce(
          { ratePerSec: 200, keys: { mode: 'none', count: 5 }, partitioner },
          { partitions: n },
        ),
      );
      expect(sequence).toHaveLength(200);
      for (let i = 1; i < sequence.length; i++) {
        expect(sequence[i], `record ${i}`).toBe((sequence[i - 1]! + 1) % n);
      }
    },
  );

  it('the counter starts at a seeded random point: seeds differ in the first partition, a seed always gives the same', () => {
    const first = (seed: number) =>
      partitionSequence(
        produce({ ratePerSec: 200, keys: { mode: 'none' } }, { seed, partitions: 5, ms: 20 }),
      )[0]!;
    const firsts = Array.from({ length: 12 }, (_, i) => first(i + 1));
    // kafkajs starts at a random UInt32, not at 0: the start is not always the same partition.
    expect(new Set(firsts).size).toBeGreaterThanOrEqual(3);
    expect(Array.from({ length: 12 }, (_, i) => first(i + 1))).toEqual(firsts);
  });

  // Seeds picked (offline) so that the counter starts just below 2^31 and 2^32.
  it.each([
    [7, null],
    [3_883_311, 2_147_483_636],
    [37_633_994, 4_294_967_152],
  ])(
    'seed %i: the sequence equals real kafkajs 2.2.4 started at the same counter',
    (seed, expectedStart) => {
      const start = rngStream(seed, 'producer:p:round-robin').nextUint32();
      if (expectedStart !== null) {
        // Guards the choice of seed, not a Kafka rule: re-pick the seed if the derivation changed.
        expect(start, 'the round-robin stream derivation changed').toBe(expectedStart);
      }
      const sequence = partitionSequence(
        produce({ ratePerSec: 200, keys: { mode: 'none' } }, { seed, ms: 800 }),
      );
      const kafkajs = seededKafkajsPartitioner('default', () => start);
      const expected = sequence.map(() =>
        kafkajs({ topic: 'orders', partitionMetadata: allLed(3), message: {} }),
      );
      expect(sequence).toHaveLength(160);
      expect(sequence).toEqual(expected);
    },
  );

  it('the counter wraps as in the noKey vectors: toPositive at 2^31 and at 2^32', () => {
    const cases = vectors.noKey.cases.filter(
      (c) => c.seed >= 2_147_483_645 && c.partitionMetadata.length === 3,
    );
    expect(cases.map((c) => c.seed)).toEqual([2_147_483_645, 4_294_967_295]);
    const engines = [3_883_311, 37_633_994].map((seed) => ({
      start: rngStream(seed, 'producer:p:round-robin').nextUint32(),
      sequence: partitionSequence(
        produce({ ratePerSec: 200, keys: { mode: 'none' } }, { seed, ms: 800 }),
      ),
    }));
    for (const c of cases) {
      // The vector's record j uses counter seed + j + 1; the engine's record k uses start + k + 1.
      const engine = engines.find((e) => c.seed - e.start > 0 && c.seed - e.start < 150)!;
      const k = c.seed - engine.start;
      const expected = c.sequence as readonly number[];
      expect(engine.sequence.slice(k, k + expected.length), c.name).toEqual(expected);
    }
  });

  it('each producer keeps its own counter: two key-less producers on one topic each rotate', () => {
    const sim = createSimulation({
      seed: 7,
      topics: [{ name: 'orders', partitions: 4 }],
      producers: [
        { id: 'a', topic: 'orders', ratePerSec: 100, keys: { mode: 'none' } },
        { id: 'b', topic: 'orders', ratePerSec: 70, keys: { mode: 'none' } },
      ],
    });
    sim.advance(2000);
    for (const id of ['a', 'b']) {
      const sequence = partitionSequence(sim, id);
      expect(sequence.length).toBeGreaterThan(100);
      for (let i = 1; i < sequence.length; i++)
        expect(sequence[i]).toBe((sequence[i - 1]! + 1) % 4);
    }
  });
});

describe('Java sticky partitioner, KIP-480 (kafka-semantics §2)', () => {
  /** KIP-480 producer: 100-byte records, 200 records/s (one every 5 ms). */
  const sticky = (settings: ProducerSettings, partitions = 3, ms = 1000) =>
    keyless('java-sticky', settings, partitions, ms);

  it.each([
    [2000, 100, 20],
    [1000, 250, 4],
  ])(
    'sticks until a batch filled batch.size (%i bytes of %i-byte records: %i records), then switches',
    (batchSize, recordBytes, perBatch) => {
      // A linger far longer than the run: batches end by size only.
      const sequence = sticky({ batchSize, recordBytes, lingerMs: 60_000 });
      const runs = runLengths(sequence);
      expect(sequence).toHaveLength(200);
      // Every run is exactly one full batch (the last one may still be filling).
      expect(runs.slice(0, -1)).toEqual(runs.slice(0, -1).map(() => perBatch));
      expect(runs.at(-1)!).toBeLessThanOrEqual(perBatch);
      expect(runs.length).toBeGreaterThanOrEqual(Math.floor(200 / perBatch));
    },
  );

  it.each([
    [22, 5],
    [12, 3],
    [0, 1],
  ])(
    'a batch sent after linger.ms = %i ends the run: records 5 ms apart stick in runs of %i',
    (lingerMs, perBatch) => {
      // batch.size far larger than the run: batches end because they were sent.
      const runs = runLengths(sticky({ batchSize: 1_000_000, lingerMs }));
      expect(runs.slice(0, -1)).toEqual(runs.slice(0, -1).map(() => perBatch));
      expect(runs.at(-1)!).toBeLessThanOrEqual(perBatch);
    },
  );

  it('switches to a random other partition: never the current one, and every other one in turn', () => {
    // linger.ms = 0 at 200 records/s: every record starts a new batch, so every record switches.
    const sequence = sticky({ lingerMs: 0 }, 4, 4000);
    expect(sequence).toHaveLength(800);
    const next = new Map<string, number>();
    for (let i = 1; i < sequence.length; i++) {
      expect(sequence[i]).not.toBe(sequence[i - 1]);
      const step = `${sequence[i - 1]}→${sequence[i]}`;
      next.set(step, (next.get(step) ?? 0) + 1);
    }
    // All 12 moves between 4 partitions happen, each about 1/12 of the time (not a fixed rotation).
    expect(next.size).toBe(12);
    for (const count of next.values()) expect(count).toBeGreaterThan(799 / 12 / 2);
  });

  // A batch is done when the next record does not fit (RecordAccumulator), so a 2050-byte batch
  // holds 20 records of 100 bytes and the 21st starts a new batch on another partition.
  it('a batch never holds more than batch.size: 2050-byte batches take 20 records of 100 bytes', () => {
    const runs = runLengths(sticky({ batchSize: 2050, recordBytes: 100, lingerMs: 60_000 }));
    expect(runs.length).toBeGreaterThan(5);
    expect(runs.slice(0, -1)).toEqual(runs.slice(0, -1).map(() => 20));
  });
});

describe('Java uniform sticky partitioner, KIP-794 (kafka-semantics §2)', () => {
  it.each([
    [2000, 100, 20],
    [1000, 250, 4],
    [16384, 128, 128],
  ])(
    'switches as soon as batch.size bytes went to the partition (%i bytes of %i-byte records: every %i records)',
    (batchSize, recordBytes, perBatch) => {
      // Batches fill (linger far longer), so "its last batch is full" (KAFKA-14156) holds at each switch.
      const sequence = keyless(
        'java-uniform-sticky',
        { batchSize, recordBytes, lingerMs: 60_000 },
        3,
        5000,
      );
      expect(sequence).toHaveLength(1000);
      const points = switchPoints(sequence);
      // The next partition may repeat the current one, so a switch is not always visible; but
      // every visible one falls on a batch.size boundary, and most boundaries show one.
      for (const i of points) expect(i % perBatch, `switch at record ${i}`).toBe(0);
      expect(points.length).toBeGreaterThanOrEqual(Math.floor((1000 / perBatch) * 0.4));
    },
  );

  it('at a low rate, where KIP-480 switches after every sent batch, KIP-794 stays for 2× batch.size', () => {
    // 20 records/s with linger.ms = 5: every batch is sent before the next record.
    const settings: ProducerSettings = { ratePerSec: 20, batchSize: 2000, lingerMs: 5 };
    const kip480 = keyless('java-sticky', settings, 3, 30_000);
    const kip794 = keyless('java-uniform-sticky', settings, 3, 30_000);
    expect(kip480).toHaveLength(600);
    expect(kip794).toHaveLength(600);
    // KIP-480: each record found its batch sent, so each one moved on.
    expect(runLengths(kip480).every((n) => n === 1)).toBe(true);
    // KIP-794: each record opens a batch of its own, never full, so batch.size bytes are not
    // enough (KAFKA-14156): it switches at 2× batch.size, every 40 records, and only then.
    const points = switchPoints(kip794);
    expect(points.length).toBeGreaterThanOrEqual(5);
    for (const i of points) expect(i % 40, `switch at record ${i}`).toBe(0);
  });

  it('may pick the current partition again, where KIP-480 always moves to another one', () => {
    const settings: ProducerSettings = { batchSize: 2000, lingerMs: 60_000 };
    const kip480 = runLengths(keyless('java-sticky', settings, 2));
    const kip794 = runLengths(keyless('java-uniform-sticky', settings, 2));
    // 400 records, a batch every 20: KIP-480 alternates batches, so every run is one batch.
    expect(kip480.slice(0, -1).every((n) => n === 20)).toBe(true);
    // KIP-794 drew the same partition again at some boundaries (a run of 2+ batches) but not all.
    expect(kip794.some((n) => n >= 40)).toBe(true);
    expect(kip794.length).toBeGreaterThan(2);
  });

  // KAFKA-14156: batch.size bytes are not enough while the partition's last batch is not full;
  // at 2×batch.size it switches regardless. With 2050-byte batches of 100-byte records and a long
  // linger.ms, the 21st record opens a batch that never fills, so it switches every 41 records.
  it('KAFKA-14156: does not switch while the partition’s last batch is not full, and does at 2× batch.size', () => {
    const sequence = keyless('java-uniform-sticky', { batchSize: 2050, lingerMs: 60_000 });
    const points = switchPoints(sequence);
    expect(points.length).toBeGreaterThan(2);
    for (const i of points) expect(i % 41, `switch at record ${i}`).toBe(0);
  });
});

/** Pearson's chi-square statistic of `counts` against the probabilities `p`. */
function chiSquare(counts: readonly number[], p: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.reduce((sum, c, i) => sum + (c - total * p[i]!) ** 2 / (total * p[i]!), 0);
}

describe('key distributions (docs/model.md producers[].keys.distribution)', () => {
  const KEYS = 10;
  /** How many of 10,000 records carry each key "1".."10". */
  const keyCounts = (distribution: 'uniform' | 'zipf'): number[] => {
    const sim = produce(
      { ratePerSec: 1000, keys: { mode: 'keyed', count: KEYS, distribution } },
      { partitions: 1, ms: 10_000 },
    );
    const counts = Array.from({ length: KEYS }, () => 0);
    for (const r of sentRecords(sim.snapshot({ recordsPerPartition: 100_000, monitoring: false })))
      counts[Number(r.key) - 1]!++;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10_000);
    return counts;
  };
  const uniform = Array.from({ length: KEYS }, () => 1 / KEYS);
  const harmonic = Array.from({ length: KEYS }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b);
  /** Zipf with s = 1: key of rank r has weight 1/r. */
  const zipf = Array.from({ length: KEYS }, (_, i) => 1 / (i + 1) / harmonic);
  /** Chi-square with 9 degrees of freedom: P(X > 40) ≈ 7e-6. */
  const CHI2_BOUND = 40;

  it('zipf: key "1" is hot, about 1/H(10) ≈ 34% of the records, and each rank has weight 1/rank', () => {
    const counts = keyCounts('zipf');
    const share = counts.map((c) => c / 10_000);
    expect(share[0]).toBeGreaterThan(0.31);
    expect(share[0]).toBeLessThan(0.37);
    // Twice as often as the second key, ten times as often as the tenth.
    expect(counts[0]! / counts[1]!).toBeGreaterThan(1.75);
    expect(counts[0]! / counts[1]!).toBeLessThan(2.25);
    expect(counts[0]! / counts[9]!).toBeGreaterThan(8);
    expect(counts[0]! / counts[9]!).toBeLessThan(12);
    expect(chiSquare(counts, zipf)).toBeLessThan(CHI2_BOUND);
    expect(chiSquare(counts, uniform)).toBeGreaterThan(100 * CHI2_BOUND);
  });

  it('uniform: every one of 10 keys gets about a tenth of the records', () => {
    const counts = keyCounts('uniform');
    for (const c of counts) {
      expect(c).toBeGreaterThan(850);
      expect(c).toBeLessThan(1150);
    }
    expect(chiSquare(counts, uniform)).toBeLessThan(CHI2_BOUND);
    expect(chiSquare(counts, zipf)).toBeGreaterThan(100 * CHI2_BOUND);
  });
});

describe('poison records (docs/model.md poisonRate, onFailure)', () => {
  it.each([0.02, 0.1, 0.5])('poisonRate %f: that share of records is poison', (rate) => {
    const records = sentRecords(
      produce({ ratePerSec: 1000, poisonRate: rate }, { ms: 10_000 }).snapshot({
        recordsPerPartition: 100_000,
        monitoring: false,
      }),
    );
    expect(records).toHaveLength(10_000);
    const share = records.filter((r) => r.poison).length / records.length;
    // Four standard deviations of a binomial share.
    expect(Math.abs(share - rate)).toBeLessThan(4 * Math.sqrt((rate * (1 - rate)) / 10_000));
  });

  it('poisonRate 0 sends no poison record and nothing is dead-lettered', () => {
    const sim = createSimulation({
      seed: 7,
      topics: [{ name: 'orders', partitions: 3 }],
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 200, poisonRate: 0 }],
      apps: [
        {
          id: 'app',
          topics: ['orders'],
          processingMs: 1,
          jitter: 0,
          onFailure: { policy: 'dead-letter', retries: 1, topic: null },
        },
      ],
    });
    sim.advance(20_000);
    const s = sim.snapshot({ recordsPerPartition: 100_000, monitoring: false });
    expect(sentRecords(s)).toHaveLength(4000);
    expect(sentRecords(s).some((r) => r.poison)).toBe(false);
    expect(group(s).counters.deadLettered).toBe(0);
  });

  it('dead-letter: each poison record is tried retries + 1 times, then moved; the DLQ grows with them', () => {
    const retries = 3;
    const sim = createSimulation({
      seed: 7,
      topics: [{ name: 'orders', partitions: 2 }],
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 5, poisonRate: 0.2 }],
      apps: [
        {
          id: 'app',
          topics: ['orders'],
          processingMs: 100,
          jitter: 0,
          onFailure: { policy: 'dead-letter', retries, topic: null },
        },
      ],
    });
    let maxAttempt = 0;
    const checks: { deadLettered: number; poisonConsumed: number; dlqEnd: number }[] = [];
    // Every 50 ms: midway through each 100 ms attempt, so every attempt is seen.
    for (let step = 1; step <= 1200; step++) {
      sim.advance(50);
      const s = sim.snapshot({ recordsPerPartition: 1000, monitoring: false });
      for (const m of group(s).members) {
        for (const f of m.inFlight) {
          const record = s.topics[0]!.partitions[f.partition]!.records.find(
            (r) => r.offset === f.offset,
          )!;
          if (record.poison) maxAttempt = Math.max(maxAttempt, f.attempt);
          else expect(f.attempt).toBe(1);
        }
      }
      if (step % 100 === 0) {
        const committed = group(s).partitions.map((p) => p.currentOffset ?? 0);
        checks.push({
          deadLettered: group(s).counters.deadLettered,
          poisonConsumed: s.topics[0]!.partitions.reduce(
            (n, p) =>
              n + p.records.filter((r) => r.poison && r.offset < committed[p.partition]!).length,
            0,
          ),
          dlqEnd: s.topics.find((t) => t.name === 'orders.dlq')!.partitions[0]!.logEndOffset,
        });
      }
    }
    expect(maxAttempt).toBe(retries + 1);
    // The DLQ holds exactly the poison records the group got past, and it keeps growing.
    for (const c of checks) {
      expect(c.deadLettered).toBe(c.poisonConsumed);
      expect(c.dlqEnd).toBe(c.deadLettered);
    }
    expect(checks.at(-1)!.deadLettered).toBeGreaterThan(checks[2]!.deadLettered);
    expect(checks[2]!.deadLettered).toBeGreaterThan(0);
    // The DLQ records carry the keys of the poison records the group got past.
    const s = sim.snapshot({ recordsPerPartition: 1000, monitoring: false });
    const committed = group(s).partitions.map((p) => p.currentOffset ?? 0);
    const poisonKeys = sentRecords(s)
      .filter((r) => r.poison && r.offset < committed[r.partition]!)
      .map((r) => r.key)
      .sort();
    const dlqKeys = sentRecords(s, 'orders.dlq')
      .map((r) => r.key)
      .sort();
    expect(dlqKeys.length).toBeGreaterThan(10);
    expect(dlqKeys).toEqual(poisonKeys);
  });

  it('retry-forever: the partition stalls on its first poison record and its lag keeps growing', () => {
    const stall = (poisonRate: number) => {
      const sim = createSimulation({
        seed: 7,
        topics: [{ name: 'orders', partitions: 1 }],
        producers: [{ id: 'p', topic: 'orders', ratePerSec: 20, poisonRate }],
        apps: [{ id: 'app', topics: ['orders'], processingMs: 5, jitter: 0 }],
      });
      return [10_000, 20_000, 30_000].map((t) => {
        sim.advance(t - sim.now);
        const s = sim.snapshot({ recordsPerPartition: 1000, monitoring: false });
        const row = group(s).partitions[0]!;
        return {
          firstPoison: s.topics[0]!.partitions[0]!.records.find((r) => r.poison)?.offset ?? null,
          committed: row.currentOffset,
          lag: row.lag!,
          attempt: group(s).members[0]!.inFlight[0]?.attempt ?? 0,
          deadLettered: group(s).counters.deadLettered,
        };
      });
    };
    const stalled = stall(0.05);
    expect(stalled[0]!.firstPoison).not.toBeNull();
    for (const x of stalled) {
      expect(x.committed).toBe(stalled[0]!.firstPoison);
      expect(x.deadLettered).toBe(0);
    }
    expect(stalled[1]!.lag).toBeGreaterThan(stalled[0]!.lag + 150);
    expect(stalled[2]!.lag).toBeGreaterThan(stalled[1]!.lag + 150);
    expect(stalled[2]!.attempt).toBeGreaterThan(stalled[1]!.attempt);
    // Without poison the same consumer keeps up.
    for (const x of stall(0)) expect(x.lag).toBeLessThanOrEqual(1);
  });
});
