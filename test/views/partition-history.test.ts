import { describe, expect, it } from 'vitest';
import { createSimulation, partitionForKey } from '../../src/model/index';
import { NEW_LANE_MS, PartitionHistory } from '../../src/views/stage/partition-history';

describe('PartitionHistory (moved keys and new lanes)', () => {
  const sim = () =>
    createSimulation({
      topics: [{ name: 't', partitions: 3 }],
      producers: [{ id: 'p', topic: 't', ratePerSec: 50, keys: { mode: 'keyed', count: 40 } }],
    });

  it('marks exactly the keys whose murmur2 partition changed since the first count', () => {
    const s = sim();
    const history = new PartitionHistory();
    history.update(s.snapshot(), 0);
    expect(history.grown).toBe(false);
    s.apply({ type: 'addPartitions', topic: 't', partitions: 6 });
    s.advance(10_000);
    history.update(s.snapshot({ recordsPerPartition: 100 }), 1000);
    expect(history.grown).toBe(true);
    let moved = 0;
    for (let k = 1; k <= 40; k++) {
      const key = String(k);
      const now = partitionForKey(key, 6);
      const expected = partitionForKey(key, 3) !== now;
      expect(history.keyMoved('t', key, now)).toBe(expected);
      if (expected) moved++;
    }
    // kafka-semantics §5: doubling keeps a key on p or moves it to p + N; some of each.
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(40);
  });

  it('new lanes glow for NEW_LANE_MS of real time, old ones never', () => {
    const s = sim();
    const history = new PartitionHistory();
    history.update(s.snapshot(), 0);
    s.apply({ type: 'addPartitions', topic: 't', partitions: 4 });
    history.update(s.snapshot(), 500);
    expect(history.glow('t', 3, 500)).toBe(1);
    expect(history.glow('t', 3, 500 + NEW_LANE_MS / 2)).toBeCloseTo(0.5);
    expect(history.glow('t', 3, 500 + NEW_LANE_MS)).toBe(0);
    expect(history.glow('t', 0, 500)).toBe(0);
  });
});
