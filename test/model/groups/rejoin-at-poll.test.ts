/**
 * A Java member learns of a rebalance from its heartbeat thread but rejoins
 * only in poll(): its loop first goes through every record the last poll()
 * returned (up to max.poll.records), still consuming its partitions, and the
 * group waits for it (kafka-semantics §7; ConsumerRebalanceListener runs
 * inside poll()). kafkajs rejoins between two records.
 */
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type ClientFlavour,
  type GroupSnapshot,
  type Simulation,
} from '../../../src/model/index';

/** One consumer 100 ms a record, 50 records/s in: a backlog; a second consumer joins at 10 s. */
function backlogged(client: ClientFlavour, maxPollRecords = 30): Simulation {
  const sim = createSimulation({
    seed: 3,
    topics: [{ name: 'orders', partitions: 2 }],
    producers: [{ id: 'p', topic: 'orders', ratePerSec: 50, keys: { mode: 'keyed', count: 8 } }],
    apps: [
      {
        id: 'app',
        topics: ['orders'],
        instances: 1,
        processingMs: 100,
        jitter: 0,
        client,
        maxPollRecords,
      },
    ],
  });
  sim.advance(10_000);
  sim.apply({ type: 'addConsumer', appId: 'app' });
  return sim;
}

const group = (sim: Simulation): GroupSnapshot =>
  sim.snapshot({ recordsPerPartition: 0 }).groups[0]!;

describe('a rebalance waits for a Java member’s poll (kafka-semantics §7)', () => {
  it('the member keeps processing the records of its last poll, then rejoins; the group waits', () => {
    const sim = backlogged('java');
    const start = group(sim);
    expect(start.state).toBe('PreparingRebalance');
    const first = start.members.find((m) => m.memberId === 'app-1')!;
    const left = first.pollRemaining!;
    // 30 records a poll at 100 ms: most of the poll is still to go.
    expect(left).toBeGreaterThan(5);
    expect(first.rejoined).toBe(false);
    const before = start.counters.processed;
    // Halfway through the rest of its poll: still consuming, the group still waiting.
    sim.advance((left * 100) / 2);
    const mid = group(sim);
    expect(mid.state).toBe('PreparingRebalance');
    expect(mid.counters.processed - before).toBeGreaterThanOrEqual(left / 2 - 1);
    expect(mid.members.find((m) => m.memberId === 'app-1')!.status).toBe('processing');
    // Its partitions are not paused while it works through its poll.
    for (const p of mid.partitions) expect(p.pausedMs).toBe(0);
    // After its poll's records (and the record in hand) it rejoins, and the round completes.
    sim.advance((left * 100) / 2 + 100 + 1500);
    const after = group(sim);
    expect(after.state).toBe('Stable');
    const record = after.rebalances.at(-1)!;
    expect(record.endedAt - record.startedAt).toBeGreaterThanOrEqual(left * 100);
    for (const m of after.members) expect(m.assignment).toHaveLength(1);
  });

  it('with max.poll.records 1 it rejoins after the record in hand, as kafkajs does', () => {
    for (const sim of [backlogged('java', 1), backlogged('kafkajs')]) {
      sim.advance(2_000);
      const g = group(sim);
      expect(g.state).toBe('Stable');
      const record = g.rebalances.at(-1)!;
      // The record in hand (≤ 100 ms) and the JoinGroup/SyncGroup round (1 s).
      expect(record.endedAt - record.startedAt).toBeLessThanOrEqual(1_100 + 1);
    }
  });

  it('a tick of auto-commit during the rest of the poll commits at the poll that rejoins', () => {
    const sim = createSimulation({
      seed: 3,
      topics: [{ name: 'orders', partitions: 1 }],
      producers: [{ id: 'p', topic: 'orders', ratePerSec: 50 }],
      apps: [
        {
          id: 'app',
          topics: ['orders'],
          processingMs: 100,
          jitter: 0,
          maxPollRecords: 40,
          commit: { mode: 'auto', intervalMs: 1000 },
        },
      ],
    });
    sim.advance(10_000);
    // Early in a poll of 40 records (4 s of work).
    while (group(sim).members[0]!.pollRemaining! < 30) sim.advance(100);
    const committed = group(sim).partitions[0]!.currentOffset;
    sim.apply({ type: 'addConsumer', appId: 'app' });
    const left = group(sim).members[0]!.pollRemaining!;
    // Ticks pass while it works through its poll: nothing is committed.
    sim.advance(left * 100 - 50);
    expect(group(sim).partitions[0]!.currentOffset).toBe(committed);
    // Its next poll commits (on revoke, eager) everything it processed, then rejoins.
    sim.advance(300);
    const g = group(sim);
    expect(g.partitions[0]!.currentOffset).toBeGreaterThan(committed!);
    expect(g.members.find((m) => m.memberId === 'app-1')!.rejoined).toBe(true);
  });
});
