/**
 * kafka-semantics §1 (keyed partitioning), §2 (kafkajs key-less round-robin)
 * and §5 (adding partitions remaps keys), checked against the vectors and
 * against the real kafkajs 2.2.4 partitioners.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRoundRobinPartitioner,
  legacyPartitionForKey,
  partitionForHash,
  partitionForKey,
  roundRobinPick,
  type PartitionMetadata,
} from '../../src/model/partitioner';
import { keyArb } from './support/fidelity-keys';
import {
  Partitioners,
  seededKafkajsPartitioner,
  stubbedRandomBytesCalls,
  type KafkajsPartitioner,
} from './support/fidelity-kafkajs';
import { forCount, numericKeys, vectors, type NoKeyCase } from './support/fidelity-vectors';

const { partitionCounts, keyed, noKey } = vectors;

/** N partitions 0..N-1 in order; every third one (1, 4, 7, ...) leaderless. */
function metadataWithLeaderless(n: number): PartitionMetadata[] {
  return Array.from({ length: n }, (_, p) => ({ partitionId: p, leader: p % 3 === 1 ? -1 : 0 }));
}

describe('§1 keyed partition = toPositive(murmur2(utf8(key))) % N: vectors', () => {
  it('covers the partition counts 1, 2, 3, 6, 12, 64', () => {
    expect(partitionCounts).toEqual([1, 2, 3, 6, 12, 64]);
    expect(numericKeys).toHaveLength(10000);
    expect(numericKeys[0]).toBe('0');
    expect(numericKeys[9999]).toBe('9999');
    expect(keyed.stringKeys).toHaveLength(66);
  });

  describe.each(partitionCounts.map((n) => [n]))('N = %i', (n) => {
    it('default: numeric keys "0".."9999"', () => {
      expect(numericKeys.map((k) => partitionForKey(k, n))).toEqual(
        forCount(keyed.default.numeric, n),
      );
    });
    it('default: string keys', () => {
      expect(keyed.stringKeys.map((k) => partitionForKey(k, n))).toEqual(
        forCount(keyed.default.strings, n),
      );
    });
    it('legacy: numeric keys "0".."9999"', () => {
      expect(numericKeys.map((k) => legacyPartitionForKey(k, n))).toEqual(
        forCount(keyed.legacy.numeric, n),
      );
    });
    it('legacy: string keys', () => {
      expect(keyed.stringKeys.map((k) => legacyPartitionForKey(k, n))).toEqual(
        forCount(keyed.legacy.strings, n),
      );
    });
  });

  // kafka-semantics §1 examples, partition for N = 1, 2, 3, 6, 12, 64.
  it.each([
    ['0', [0, 0, 2, 2, 8, 4]],
    ['user-1', [0, 0, 2, 2, 8, 12]],
    ['hello', [0, 1, 0, 3, 9, 61]],
    ['ключ', [0, 0, 2, 2, 8, 48]],
  ])('%j lands on %j (semantics examples)', (key, expected) => {
    expect([1, 2, 3, 6, 12, 64].map((n) => partitionForKey(key, n))).toEqual(expected);
  });

  it('partitionForHash masks with 0x7fffffff rather than taking Math.abs', () => {
    expect(partitionForHash(-1, 10)).toBe(0x7fffffff % 10);
    expect(partitionForHash(-1, 10)).not.toBe(Math.abs(-1) % 10);
    expect(partitionForHash(-0x80000000, 7)).toBe(0);
    expect(partitionForHash(-973932308, 12)).toBe(1173551340 % 12);
  });

  it('an empty key is a key: it hashes like any other (Java 275646681)', () => {
    expect(partitionForKey('', 12)).toBe(275646681 % 12);
    expect(legacyPartitionForKey('', 12)).toBe(275646684 % 12);
  });
});

describe('§1 keyed partitioning against kafkajs 2.2.4 Default/LegacyPartitioner (oracle)', () => {
  // N = 64 down to 1: N = 1 first would hide a wrong hash (anything % 1 is 0).
  const counts = Array.from({ length: 64 }, (_, i) => 64 - i);
  const metadataByCount = counts.map((n) => metadataWithLeaderless(n));

  function checkAllCounts(
    kafkajs: KafkajsPartitioner,
    ours: (key: string, n: number) => number,
    key: string,
  ): void {
    const expected = metadataByCount.map((md) =>
      kafkajs({ topic: 'orders', partitionMetadata: md, message: { key } }),
    );
    const got = metadataByCount.map((md) => ours(key, md.length));
    // Index i is N = 64 - i.
    expect(got, `key ${JSON.stringify(key)}`).toEqual(expected);
  }

  it('DefaultPartitioner equals partitionForKey for N = 1..64 (leaderless partitions count)', () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    fc.assert(
      fc.property(keyArb, (key) => checkAllCounts(kafkajs, partitionForKey, key)),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('LegacyPartitioner equals legacyPartitionForKey for N = 1..64', () => {
    const kafkajs = Partitioners.LegacyPartitioner();
    fc.assert(
      fc.property(keyArb, (key) => checkAllCounts(kafkajs, legacyPartitionForKey, key)),
      { seed: 43, numRuns: 2000 },
    );
  });

  it('both agree on the numeric keys "0".."9999" for N = 1..64', () => {
    const def = Partitioners.DefaultPartitioner();
    const leg = Partitioners.LegacyPartitioner();
    for (let i = 0; i < numericKeys.length; i++) {
      const key = numericKeys[i]!;
      checkAllCounts(def, partitionForKey, key);
      checkAllCounts(leg, legacyPartitionForKey, key);
    }
  });

  it('long keys land where kafkajs puts them, even the first time one that long is seen', () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    const keys = [90, 200, 700, 2500, 9000, 40000].map(
      (n, i) => `${'user-'.repeat(Math.ceil(n / 5)).slice(0, n)}${i}`,
    );
    const md = metadataWithLeaderless(12);
    const expected = keys.map((key) =>
      kafkajs({ topic: 'orders', partitionMetadata: md, message: { key } }),
    );
    // Twelve partitions: each wrong hash has an 11-in-12 chance of showing.
    expect(keys.map((key) => partitionForKey(key, 12))).toEqual(expected);
  });

  it('the empty key goes through murmur2 in kafkajs too (only null/undefined are "no key")', () => {
    const kafkajs = Partitioners.DefaultPartitioner();
    for (const md of metadataByCount) {
      expect(kafkajs({ topic: 't', partitionMetadata: md, message: { key: '' } })).toBe(
        partitionForKey('', md.length),
      );
    }
  });
});

describe('§2 kafkajs key-less round-robin: noKey vectors', () => {
  // The vectors' explicitPartition note (message.partition, even 0, is returned
  // as-is) is about the producer's message handling, not about these
  // functions, so it is not tested here.

  function isPerTopic(
    sequence: NoKeyCase['sequence'],
  ): sequence is Readonly<Record<string, readonly number[]>> {
    return !Array.isArray(sequence);
  }

  /** Runs a case, interleaving topics message by message when there are several. */
  function run(
    c: NoKeyCase,
    pick: (topic: string, md: readonly PartitionMetadata[]) => number,
  ): Record<string, number[]> {
    const wanted: Record<string, number> = isPerTopic(c.sequence)
      ? Object.fromEntries(Object.entries(c.sequence).map(([t, s]) => [t, s.length]))
      : { t: c.sequence.length };
    const got: Record<string, number[]> = Object.fromEntries(
      Object.keys(wanted).map((t) => [t, []]),
    );
    const longest = Math.max(...Object.values(wanted));
    for (let i = 0; i < longest; i++) {
      for (const [topic, count] of Object.entries(wanted)) {
        if (i < count) got[topic]!.push(pick(topic, c.partitionMetadata));
      }
    }
    return got;
  }

  function expectedOf(c: NoKeyCase): Record<string, readonly number[]> {
    return isPerTopic(c.sequence) ? { ...c.sequence } : { t: c.sequence };
  }

  it('has the ten documented cases', () => {
    expect(noKey.cases).toHaveLength(10);
  });

  it.each(noKey.cases.map((c) => [c.name, c]))('%s (numeric start)', (_name, c) => {
    const partitioner = createRoundRobinPartitioner(c.seed);
    expect(run(c, (t, md) => partitioner.partition(t, md))).toEqual(expectedOf(c));
  });

  it.each(noKey.cases.map((c) => [c.name, c]))('%s (per-topic start function)', (_name, c) => {
    const seen: string[] = [];
    const partitioner = createRoundRobinPartitioner((topic) => {
      seen.push(topic);
      return c.seed;
    });
    expect(run(c, (t, md) => partitioner.partition(t, md))).toEqual(expectedOf(c));
    // The start is drawn once per topic, as kafkajs seeds one counter per topic.
    expect(seen).toEqual(Object.keys(expectedOf(c)));
  });

  it.each(noKey.cases.map((c) => [c.name, c]))(
    '%s (the stubbed-seed kafkajs oracle reproduces the vector)',
    (name, c) => {
      const kafkajs = seededKafkajsPartitioner(
        name.startsWith('LegacyPartitioner') ? 'legacy' : 'default',
        () => c.seed,
      );
      const got = run(c, (topic, md) =>
        kafkajs({ topic, partitionMetadata: md, message: { key: null } }),
      );
      expect(got).toEqual(expectedOf(c));
    },
  );

  it('the kafkajs oracle really used the stubbed randomBytes', () => {
    const before = stubbedRandomBytesCalls();
    seededKafkajsPartitioner(
      'default',
      () => 5,
    )({
      topic: 'x',
      partitionMetadata: metadataWithLeaderless(3),
      message: {},
    });
    expect(stubbedRandomBytesCalls()).toBe(before + 1);
  });

  // kafka-semantics §2 table: stubbed seeds, 3 partitions.
  const three = [0, 1, 2].map((p) => ({ partitionId: p, leader: 0 }));
  it.each([
    ['seed 0', 0, three, [1, 2, 0, 1, 2, 0, 1, 2, 0, 1]],
    ['seed 2147483645 wraps at 2^31', 2147483645, three, [0, 1, 0, 1, 2]],
    [
      'seed 0, metadata order [1,2,0]',
      0,
      [1, 2, 0].map((p) => ({ partitionId: p, leader: p })),
      [2, 0, 1],
    ],
    [
      'seed 0, partition 1 leaderless',
      0,
      [0, 1, 2].map((p) => ({ partitionId: p, leader: p === 1 ? -1 : 0 })),
      [2, 0, 2, 0],
    ],
  ])('%s (semantics table)', (_name, seed, md, expected) => {
    const partitioner = createRoundRobinPartitioner(seed);
    expect(expected.map(() => partitioner.partition('t', md))).toEqual(expected);
  });

  it('roundRobinPick picks available[toPositive(counter) % available.length] in metadata order', () => {
    const md = [
      { partitionId: 3, leader: 1 },
      { partitionId: 0, leader: -1 },
      { partitionId: 2, leader: 0 },
      { partitionId: 1, leader: 2 },
    ];
    // available, in metadata order: 3, 2, 1
    expect([0, 1, 2, 3, 4, 5].map((c) => roundRobinPick(c, md))).toEqual([3, 2, 1, 3, 2, 1]);
    expect(roundRobinPick(-1, md)).toBe([3, 2, 1][0x7fffffff % 3]);
    expect(roundRobinPick(2 ** 31, md)).toBe(3);
  });

  it('with no leader anywhere, the pick is toPositive(counter) % all, as in kafkajs and §2', () => {
    // kafkajs legacy/partitioner.js: `return toPositive(++counters[topic]) % numPartitions`:
    // a partition number, not an index into the metadata list.
    const md = [1, 2, 0].map((p) => ({ partitionId: p, leader: -1 }));
    const kafkajs = seededKafkajsPartitioner('default', () => 0);
    const expected = [0, 1, 2, 3, 4, 5].map(() =>
      kafkajs({ topic: 't', partitionMetadata: md, message: {} }),
    );
    expect(expected).toEqual([1, 2, 0, 1, 2, 0]);
    const ours = createRoundRobinPartitioner(0);
    expect(expected.map(() => ours.partition('t', md))).toEqual(expected);
  });
});

describe('§2 key-less and keyed messages against kafkajs with stubbed seeds (oracle)', () => {
  /** Metadata in random broker order with random leaders; `mode` forces all/none led. */
  const metadataArb: fc.Arbitrary<PartitionMetadata[]> = fc
    .integer({ min: 1, max: 12 })
    .chain((n) => {
      const ids = Array.from({ length: n }, (_, p) => p);
      return fc.record({
        order: fc.shuffledSubarray(ids, { minLength: n, maxLength: n }),
        leaders: fc.array(fc.integer({ min: -1, max: 4 }), { minLength: n, maxLength: n }),
        mode: fc.constantFrom('mixed', 'all-led', 'none-led'),
      });
    })
    .map(({ order, leaders, mode }) =>
      order.map((partitionId, i) => ({
        partitionId,
        leader: mode === 'all-led' ? 0 : mode === 'none-led' ? -1 : leaders[i]!,
      })),
    );

  /**
   * The same, except that a topic with no leader at all lists its partitions in
   * ascending order. This isolates everything else from the one rule that
   * depends on metadata order there (kafkajs returns toPositive(counter) % N,
   * a partition number, when no partition has a leader).
   */
  const metadataArbSortedWhenLeaderless = metadataArb.map((md) =>
    md.some((p) => p.leader >= 0) ? md : [...md].sort((a, b) => a.partitionId - b.partitionId),
  );

  const seedArb = fc.oneof(
    fc.integer({ min: 0, max: 0xffffffff }),
    fc.constantFrom(0, 1, 0x7ffffff0, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff),
  );

  const scenarioArb = (metadata: fc.Arbitrary<PartitionMetadata[]>) =>
    fc.record({
      topics: fc.uniqueArray(fc.constantFrom<string>('a', 'b', 'c', 'orders'), {
        minLength: 1,
        maxLength: 4,
      }),
      metadata: fc.array(metadata, { minLength: 4, maxLength: 4 }),
      seeds: fc.array(seedArb, { minLength: 4, maxLength: 4 }),
      messages: fc.array(
        fc.record({ topic: fc.nat(3), key: fc.option(keyArb, { freq: 3, nil: null }) }),
        { maxLength: 60 },
      ),
    });

  function compare(
    kind: 'default' | 'legacy',
    seed: number,
    metadata: fc.Arbitrary<PartitionMetadata[]>,
  ): void {
    fc.assert(
      fc.property(scenarioArb(metadata), ({ topics, metadata, seeds, messages }) => {
        const seedFor = (topic: string): number => seeds[topics.indexOf(topic)]!;
        const kafkajs = seededKafkajsPartitioner(kind, seedFor);
        const ours = createRoundRobinPartitioner(seedFor);
        const keyed = kind === 'default' ? partitionForKey : legacyPartitionForKey;
        const expected: number[] = [];
        const got: number[] = [];
        for (const m of messages) {
          const topic = topics[m.topic % topics.length]!;
          const md = metadata[topics.indexOf(topic)]!;
          expected.push(kafkajs({ topic, partitionMetadata: md, message: { key: m.key } }));
          got.push(m.key === null ? ours.partition(topic, md) : keyed(m.key, md.length));
        }
        expect(got).toEqual(expected);
      }),
      { seed, numRuns: 2000 },
    );
  }

  it('DefaultPartitioner: same partition for every message, per-topic counters', () => {
    compare('default', 42, metadataArb);
  });

  it('LegacyPartitioner: same partition for every message, per-topic counters', () => {
    compare('legacy', 43, metadataArb);
  });

  it('DefaultPartitioner, leaderless topics listed in ascending order', () => {
    compare('default', 45, metadataArbSortedWhenLeaderless);
  });

  it('LegacyPartitioner, leaderless topics listed in ascending order', () => {
    compare('legacy', 46, metadataArbSortedWhenLeaderless);
  });

  it('the real (randomly seeded) DefaultPartitioner deals a rotation of the available partitions', () => {
    fc.assert(
      fc.property(metadataArb, (md) => {
        const kafkajs = Partitioners.DefaultPartitioner();
        const sequence = Array.from({ length: 24 }, () =>
          kafkajs({ topic: 't', partitionMetadata: md, message: {} }),
        );
        const available = md.filter((p) => p.leader >= 0).length || md.length;
        // Some start in 0..available-1 of ours reproduces it (a random 32-bit start
        // only matters modulo the count, barring a wrap at 2^31 within 24 messages).
        const matches = Array.from({ length: available }, (_, start) => {
          const ours = createRoundRobinPartitioner(start);
          return sequence.every((p) => ours.partition('t', md) === p);
        });
        expect(matches).toContain(true);
      }),
      { seed: 44, numRuns: 500 },
    );
  });
});

describe('§1/§5 properties of keyed partitioning', () => {
  it('partitionForKey is in [0, N) for any key and N', () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 1, max: 100000 }), (key, n) => {
        const p = partitionForKey(key, n);
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThan(n);
        const q = legacyPartitionForKey(key, n);
        expect(q).toBeGreaterThanOrEqual(0);
        expect(q).toBeLessThan(n);
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('§5 when N doubles, a key on p stays on p or moves to p + N', () => {
    fc.assert(
      fc.property(keyArb, fc.integer({ min: 1, max: 4096 }), (key, n) => {
        const before = partitionForKey(key, n);
        const after = partitionForKey(key, 2 * n);
        expect([before, before + n]).toContain(after);
      }),
      { seed: 42, numRuns: 3000 },
    );
  });

  it('§5 doubling holds for every numeric key and every N in the vectors', () => {
    for (const n of [1, 3, 6]) {
      const before = forCount(keyed.default.numeric, n);
      const after = forCount(keyed.default.numeric, 2 * n);
      const moved = numericKeys.filter(
        (_, i) => after[i] !== before[i] && after[i] !== before[i]! + n,
      );
      expect(moved, `${n} -> ${2 * n}`).toEqual([]);
    }
  });

  // kafka-semantics §5: keys "0".."9999" that keep their partition.
  it.each([
    [3, 6, 4973],
    [6, 12, 5035],
    [2, 3, 3320],
    [3, 12, 2459],
    [12, 64, 664],
  ])('§5 %i -> %i partitions keeps %i of 10,000 keys', (from, to, kept) => {
    const count = numericKeys.filter(
      (k) => partitionForKey(k, from) === partitionForKey(k, to),
    ).length;
    expect(count).toBe(kept);
    // The vectors (from the real kafkajs) agree with the table too.
    const a = forCount(keyed.default.numeric, from);
    const b = forCount(keyed.default.numeric, to);
    expect(a.filter((p, i) => p === b[i]).length).toBe(kept);
  });
});
