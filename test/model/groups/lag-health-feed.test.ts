/**
 * The monitoring feed in the snapshot (kafka-semantics §4): Burrow's status
 * per partition (`health`, from the last commits) and per group (the worst,
 * STOP/STALL/REWIND as ERR), and kafka-lag-exporter's time lag estimate
 * (`estimatedTimeLagMs`, from log ends sampled every 30 s), set next to the
 * exact lag the simulator knows.
 */
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type GroupHealth,
  type GroupSnapshot,
  type PartitionHealth,
  type Simulation,
  type SimulationConfigInput,
} from '../../../src/model/index';
import { theGroup, TOPIC } from './helpers';

type App = NonNullable<SimulationConfigInput['apps']>[number];

/** One topic, one producer at `ratePerSec`, one consumer with `app`'s settings. */
function feedSim(partitions: number, ratePerSec: number, app: Omit<App, 'id'>): Simulation {
  return createSimulation({
    seed: 9,
    topics: [{ name: TOPIC, partitions }],
    producers: ratePerSec > 0 ? [{ id: 'p', topic: TOPIC, ratePerSec }] : [],
    apps: [{ id: 'app', topics: [TOPIC], instances: 1, jitter: 0, ...app }],
  });
}

/** Burrow's group status is its worst partition, with STOP/STALL/REWIND reported as ERR. */
function worst(healths: readonly (PartitionHealth | null)[]): GroupHealth {
  if (healths.some((h) => h === 'STOP' || h === 'STALL' || h === 'REWIND')) return 'ERR';
  return healths.includes('WARN') ? 'WARN' : 'OK';
}

function healths(g: GroupSnapshot): (PartitionHealth | null)[] {
  return g.partitions.map((p) => p.health);
}

describe('Burrow status per partition and group (kafka-semantics §4)', () => {
  it('a partition with no commits is not evaluated (null); commits make it evaluated', () => {
    const sim = feedSim(2, 20, { processingMs: 10 });
    let g = theGroup(sim);
    expect(healths(g)).toEqual([null, null]);
    expect(g.health).toBe('OK');
    sim.advance(10_000);
    g = theGroup(sim);
    for (const p of g.partitions) {
      expect(p.currentOffset).not.toBeNull();
      expect(p.health).not.toBeNull();
    }
    // A consumer keeping up is OK.
    expect(healths(g)).toEqual(['OK', 'OK']);
    expect(g.health).toBe('OK');
  });

  it('a consumer falling behind, committing every second, is WARN: its lag never goes down', () => {
    // 30 records/s in, 20/s out (50 ms each); auto-commit every 1000 ms.
    const sim = feedSim(1, 30, { processingMs: 50, commit: { mode: 'auto', intervalMs: 1000 } });
    sim.advance(20_000);
    const g = theGroup(sim);
    expect(g.partitions[0]!.lag!).toBeGreaterThan(150);
    expect(healths(g)).toEqual(['WARN']);
    expect(g.health).toBe('WARN');
  });

  it('commits after every record (20/s) are one entry per second: a live lagging consumer is WARN, never STOP', () => {
    // Burrow's storage min-distance (1 s): commits faster than that update the newest entry.
    const sim = feedSim(1, 30, { processingMs: 50 });
    for (let t = 5000; t <= 30_000; t += 500) {
      sim.advanceTo(t);
      expect(theGroup(sim).partitions[0]!.health, `t=${t}`).toBe('WARN');
    }
  });

  it('a lagging consumer that crashes stops committing: STOP once the silence outlasts its commits’ span', () => {
    const sim = feedSim(1, 30, { processingMs: 50 });
    sim.advanceTo(30_000);
    expect(theGroup(sim).partitions[0]!.health).toBe('WARN');
    sim.apply({ type: 'crashConsumer', memberId: 'app-1' });
    // The last 10 entries span about 9 s; producers go on, so every entry lags.
    sim.advanceTo(35_000);
    expect(theGroup(sim).partitions[0]!.health).toBe('WARN');
    sim.advanceTo(41_000);
    const g = theGroup(sim);
    expect(g.partitions[0]!.health).toBe('STOP');
    expect(g.health).toBe('ERR');
    // Still within the session timeout: the group has not even noticed the crash.
    expect(g.counters.rebalances).toBe(0);
  });

  it('a consumer stuck on a poison record that keeps auto-committing the same offset is STALL', () => {
    // Two partitions, two workers: partition 1 goes on while partition 0 retries for ever.
    // kafkajs: its loop keeps committing between messages (a Java poll loop stuck in one
    // handler never polls, so it commits nothing and is removed after max.poll.interval.ms).
    const sim = feedSim(2, 10, {
      client: 'kafkajs',
      processingMs: 10,
      partitionsConsumedConcurrently: 2,
      commit: { mode: 'auto', intervalMs: 1000 },
    });
    sim.advanceTo(10_000);
    expect(theGroup(sim).health).toBe('OK');
    sim.apply({ type: 'produce', topic: TOPIC, key: 'x', partition: 0, poison: true });
    const stuckAt = theGroup(sim).partitions[0]!.logEndOffset - 1;
    sim.advanceTo(25_000);
    const g = theGroup(sim);
    // Every commit in the window is the same offset and it lags: STALL, not STOP (it commits).
    expect(g.partitions[0]!.currentOffset).toBe(stuckAt);
    expect(g.partitions[0]!.lag!).toBeGreaterThan(0);
    expect(g.partitions[0]!.health).toBe('STALL');
    expect(g.partitions[1]!.health).toBe('OK');
    expect(g.health).toBe('ERR');
  });

  it('the group status is always the worst partition’s (STOP, STALL, REWIND → ERR)', () => {
    const sim = feedSim(3, 45, {
      processingMs: 60,
      partitionsConsumedConcurrently: 3,
      commit: { mode: 'auto', intervalMs: 1000 },
    });
    const seen = new Set<GroupHealth | null>();
    const check = () => {
      const g = theGroup(sim);
      expect(g.health, `t=${sim.now}`).toBe(worst(healths(g)));
      seen.add(g.health);
    };
    for (let t = 0; t <= 20_000; t += 500) {
      sim.advanceTo(t);
      check();
    }
    sim.apply({ type: 'produce', topic: TOPIC, key: 'x', partition: 1, poison: true });
    for (let t = 20_500; t <= 60_000; t += 500) {
      sim.advanceTo(t);
      check();
    }
    // The run went through more than one status, so the check compared something.
    expect(seen.size).toBeGreaterThan(1);
    expect(seen.has('ERR')).toBe(true);
  });
});

describe('kafka-lag-exporter time lag estimate (kafka-semantics §4)', () => {
  /**
   * A backlog of 400 records at t=0 read at 10/s, then 10 records/s more plus a
   * burst of 150 every 20 s: the consumer lags, and the log grows unevenly
   * between the exporter's 30 s samples.
   */
  function laggingRun(): Simulation {
    const sim = feedSim(1, 10, { processingMs: 100, fromBeginning: true });
    for (let i = 0; i < 400; i++)
      sim.apply({ type: 'produce', topic: TOPIC, key: `k${i}`, partition: 0 });
    return sim;
  }

  function burst(sim: Simulation): void {
    for (let i = 0; i < 150; i++)
      sim.apply({ type: 'produce', topic: TOPIC, key: `b${i}`, partition: 0 });
  }

  it('is null until the exporter has two samples (t=0 and t=30 s), while the exact lag is known', () => {
    const sim = laggingRun();
    for (let t = 1000; t < 30_000; t += 1000) {
      sim.advanceTo(t);
      const p = theGroup(sim).partitions[0]!;
      expect(p.currentOffset, `t=${t}`).not.toBeNull();
      expect(p.timeLagMs, `t=${t}`).toBeGreaterThan(0);
      expect(p.estimatedTimeLagMs, `t=${t}`).toBeNull();
    }
    sim.advanceTo(29_999);
    expect(theGroup(sim).partitions[0]!.estimatedTimeLagMs).toBeNull();
    sim.advanceTo(30_000);
    expect(theGroup(sim).partitions[0]!.estimatedTimeLagMs).toBeGreaterThan(0);
  });

  it('then estimates: different from the exact time lag, but of the same order', () => {
    const sim = laggingRun();
    const pairs: { t: number; exact: number; estimate: number }[] = [];
    for (let t = 5000; t <= 240_000; t += 5000) {
      sim.advanceTo(t);
      if (t % 20_000 === 10_000) burst(sim);
      const p = theGroup(sim).partitions[0]!;
      if (t >= 60_000) pairs.push({ t, exact: p.timeLagMs!, estimate: p.estimatedTimeLagMs! });
    }
    for (const { t, exact, estimate } of pairs) {
      expect(exact, `t=${t}`).toBeGreaterThan(10_000);
      expect(estimate / exact, `t=${t}: ${estimate} vs ${exact}`).toBeGreaterThan(0.5);
      expect(estimate / exact, `t=${t}: ${estimate} vs ${exact}`).toBeLessThan(2);
    }
    // Interpolating between 30 s samples misses the bursts: off by seconds at times.
    const maxGap = Math.max(...pairs.map((x) => Math.abs(x.estimate - x.exact)));
    expect(maxGap).toBeGreaterThan(2000);
    // Both grow as the backlog does.
    expect(pairs.at(-1)!.estimate).toBeGreaterThan(pairs[0]!.estimate * 2);
  });

  it('is 0 once the group has committed up to the newest sampled log end', () => {
    const sim = feedSim(1, 0, { processingMs: 10, fromBeginning: true });
    for (let i = 0; i < 50; i++)
      sim.apply({ type: 'produce', topic: TOPIC, key: `k${i}`, partition: 0 });
    sim.advanceTo(90_000);
    const p = theGroup(sim).partitions[0]!;
    expect(p.currentOffset).toBe(50);
    expect(p.estimatedTimeLagMs).toBe(0);
    expect(p.timeLagMs).toBe(0);
  });

  it('with no committed offset every estimate is null, however many samples', () => {
    // The first record is poison and retried for ever: nothing is ever committed.
    const sim = feedSim(1, 5, { processingMs: 10 });
    sim.apply({ type: 'produce', topic: TOPIC, key: 'x', partition: 0, poison: true });
    sim.advanceTo(120_000);
    const p = theGroup(sim).partitions[0]!;
    expect(p.logEndOffset).toBeGreaterThan(500);
    expect(p.currentOffset).toBeNull();
    expect(p.lag).toBeNull();
    expect(p.timeLagMs).toBeNull();
    expect(p.estimatedTimeLagMs).toBeNull();
    expect(p.health).toBeNull();
  });
});

describe('monitoring is evaluated only when asked (frames skip it)', () => {
  it('monitoring: false leaves health and the estimate null and changes nothing else', () => {
    const sim = createSimulation({
      seed: 2,
      topics: [{ name: TOPIC, partitions: 3 }],
      producers: [{ id: 'p', topic: TOPIC, ratePerSec: 40 }],
      apps: [{ id: 'app', topics: [TOPIC], processingMs: 60 }],
    });
    sim.advance(70_000);
    const full = sim.snapshot({ recordsPerPartition: 0 });
    const frame = sim.snapshot({ recordsPerPartition: 0, monitoring: false });
    const g = full.groups[0]!;
    expect(g.health).not.toBeNull();
    expect(g.partitions.some((p) => p.estimatedTimeLagMs !== null)).toBe(true);
    expect(frame.groups[0]!.health).toBeNull();
    expect(frame.groups[0]!.partitions.every((p) => p.health === null)).toBe(true);
    expect(frame.groups[0]!.partitions.every((p) => p.estimatedTimeLagMs === null)).toBe(true);
    const strip = (s: typeof full) =>
      s.groups.map((x) => ({
        ...x,
        health: null,
        partitions: x.partitions.map((p) => ({ ...p, health: null, estimatedTimeLagMs: null })),
      }));
    expect(strip(frame)).toEqual(strip(full));
  });
});
