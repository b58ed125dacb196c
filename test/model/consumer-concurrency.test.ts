import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/model/index';
import { group, member, setup } from './support/sim';

/** One slow consumer on 6 partitions, fed faster than one record at a time can keep up with. */
function slow(concurrency: number) {
  return setup({
    partitions: 6,
    producers: [{ id: 'p', topic: 'orders', ratePerSec: 40, keys: { mode: 'keyed', count: 24 } }],
    apps: [
      {
        id: 'app',
        topics: ['orders'],
        instances: 1,
        processingMs: 100,
        jitter: 0.2,
        partitionsConsumedConcurrently: concurrency,
      },
    ],
  });
}

describe('partitionsConsumedConcurrently (side workers, kafkajs)', () => {
  it('multiplies one consumer’s capacity, up to its partitions', () => {
    const processed = [1, 3, 6, 12].map((n) => {
      const sim = slow(n);
      sim.advance(60_000);
      return group(sim.snapshot()).counters.processed;
    });
    // 10/s with one at a time; 30/s with three; the 40/s input with six; twelve cannot beat six partitions.
    expect(processed[0]).toBeGreaterThan(550);
    expect(processed[0]).toBeLessThan(650);
    expect(processed[1]).toBeGreaterThan(1700);
    expect(processed[1]).toBeLessThan(1900);
    expect(processed[2]).toBeGreaterThan(2300);
    expect(processed[3]).toBe(processed[2]);
  });

  it('never holds two records of one partition, and keeps per-key order', () => {
    const sim = slow(4);
    for (let t = 0; t < 200; t++) {
      sim.advance(97);
      const m = member(sim.snapshot(), 'app-1');
      expect(m.inFlight.length).toBeLessThanOrEqual(4);
      const partitions = m.inFlight.map((f) => f.partition);
      expect(new Set(partitions).size).toBe(partitions.length);
    }
    const counters = group(sim.snapshot()).counters;
    expect(counters.orderingViolations).toBe(0);
    expect(counters.duplicates).toBe(0);
  });

  it('lowers lag once raised at run time, and shows every record in hand', () => {
    const sim = slow(1);
    sim.advance(20_000);
    const before = group(sim.snapshot()).totalLag!;
    expect(before).toBeGreaterThan(400);
    sim.apply({ type: 'updateApp', appId: 'app', changes: { partitionsConsumedConcurrently: 6 } });
    sim.advance(100);
    expect(member(sim.snapshot(), 'app-1').inFlight.length).toBe(6);
    sim.advance(60_000);
    // One partition with more than 10 records/s still lags: a partition is processed one record at a time.
    expect(group(sim.snapshot()).totalLag!).toBeLessThan(before / 2);
  });

  it('rejects a value below 1 or not an integer, with its path, and changes nothing', () => {
    const sim = slow(2);
    sim.advance(1000);
    const hash = sim.traceHash();
    for (const bad of [0, 1.5, -1, '2']) {
      let error: unknown;
      try {
        sim.apply({
          type: 'updateApp',
          appId: 'app',
          changes: { partitionsConsumedConcurrently: bad as number },
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SimulationError);
      expect((error as SimulationError).path).toBe('action.changes.partitionsConsumedConcurrently');
    }
    expect(sim.traceHash()).toBe(hash);
  });

  it('a rebalance waits for every record in hand before the member rejoins', () => {
    const sim = slow(3);
    sim.advance(5_000);
    sim.apply({ type: 'addConsumer', appId: 'app' });
    const g = group(sim.snapshot());
    expect(g.state).toBe('PreparingRebalance');
    expect(member(sim.snapshot(), 'app-1').inFlight.length).toBeGreaterThan(0);
    sim.advance(5_000);
    const after = sim.snapshot();
    expect(group(after).state).toBe('Stable');
    expect(group(after).counters.duplicates).toBe(0);
    expect(group(after).counters.lost).toBe(0);
  });
});
