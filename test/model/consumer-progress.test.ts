/**
 * How far a consumer has got, read back through createSimulation → advance →
 * snapshot: the owner's `position` per partition against the committed offset
 * under each commit mode (kafka-semantics §4; docs/model.md, `apps[].commit`
 * and the snapshot's `groups[].partitions[]`), where a new owner starts after a
 * rebalance (§4, §7), and how long each record takes: `processingMs × (1 ±
 * jitter)`, seeded (docs/model.md, `apps[].jitter`).
 */
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type ConsumerAppConfigInput,
  type GroupPartitionSnapshot,
  type GroupSnapshot,
  type Simulation,
  type Snapshot,
} from '../../src/model/index';
import { group } from './support/sim';

type AppSettings = Omit<ConsumerAppConfigInput, 'id' | 'topics'>;

/** Topic 'orders', a keyed producer 'p' on it, and app (and group) 'app'. */
function consumers(
  app: AppSettings,
  {
    seed = 11,
    partitions = 3,
    ratePerSec = 40,
    batching = true,
  }: { seed?: number; partitions?: number; ratePerSec?: number; batching?: boolean } = {},
): Simulation {
  return createSimulation(
    {
      seed,
      topics: [{ name: 'orders', partitions }],
      producers: [{ id: 'p', topic: 'orders', ratePerSec, keys: { mode: 'keyed', count: 12 } }],
      apps: [{ id: 'app', topics: ['orders'], instances: 1, ...app }],
    },
    { batching },
  );
}

function snap(sim: Simulation): Snapshot {
  return sim.snapshot({ recordsPerPartition: 0, monitoring: false });
}

/** Advances in steps of `stepMs` up to `untilMs`, handing each snapshot to `visit`. */
function sample(
  sim: Simulation,
  untilMs: number,
  stepMs: number,
  visit: (s: Snapshot) => void,
): void {
  while (sim.now + stepMs <= untilMs) {
    sim.advance(stepMs);
    visit(snap(sim));
  }
}

const rowKey = (r: GroupPartitionSnapshot) => `${r.topic}/${r.partition}`;

/** The offset the group's members have in hand on that partition, if any. */
function inHand(g: GroupSnapshot, r: GroupPartitionSnapshot): number | null {
  for (const m of g.members) {
    for (const f of m.inFlight) {
      if (f.topic === r.topic && f.partition === r.partition) return f.offset;
    }
  }
  return null;
}

/**
 * Per partition, the position only grows while the same member owns it, and
 * never passes the log end offset. Returns a checker to call on each snapshot.
 */
function progressWatcher(groupId = 'app'): (s: Snapshot) => void {
  const last = new Map<string, { owner: string | null; position: number }>();
  return (s) => {
    for (const r of group(s, groupId).partitions) {
      if (r.position === null) continue;
      expect(r.position, `${rowKey(r)} at ${s.time}`).toBeLessThanOrEqual(r.logEndOffset);
      expect(r.position, `${rowKey(r)} at ${s.time}`).toBeGreaterThanOrEqual(r.logStartOffset);
      const before = last.get(rowKey(r));
      if (before && before.owner === r.consumerId) {
        expect(r.position, `${rowKey(r)} went backwards at ${s.time}`).toBeGreaterThanOrEqual(
          before.position,
        );
      }
      last.set(rowKey(r), { owner: r.consumerId, position: r.position });
    }
  };
}

describe('position against the committed offset, per commit mode (kafka-semantics §4)', () => {
  // 40 records/s against one consumer doing ~33/s: it always has a record in hand and a backlog.
  const busy: AppSettings = { processingMs: 30, jitter: 0.3 };

  it('commit after processing: committed ≤ position ≤ committed + 1, the record in hand between them', () => {
    const sim = consumers({ ...busy, commit: { mode: 'after-processing' } });
    const watch = progressWatcher();
    let behindLogEnd = 0;
    sample(sim, 12_000, 8, (s) => {
      watch(s);
      const g = group(s);
      for (const r of g.partitions) {
        expect(r.position, `${rowKey(r)} is consumed`).not.toBeNull();
        const position = r.position!;
        if (position < r.logEndOffset) behindLogEnd++;
        const hand = inHand(g, r);
        // Nothing committed yet: the first record of the partition is not done.
        if (r.currentOffset === null) {
          expect(position, `${rowKey(r)} at ${s.time}`).toBe(0);
          continue;
        }
        const committed = r.currentOffset;
        expect(position, `${rowKey(r)} at ${s.time}`).toBeGreaterThanOrEqual(committed);
        expect(position, `${rowKey(r)} at ${s.time}`).toBeLessThanOrEqual(committed + 1);
        if (hand !== null) {
          // At-least-once: the record in hand is not committed yet.
          expect(hand, `${rowKey(r)} at ${s.time}`).toBe(committed);
          expect(position, `${rowKey(r)} at ${s.time}`).toBeLessThanOrEqual(hand + 1);
        }
      }
    });
    const rows = group(snap(sim)).partitions;
    // It made real progress, and the backlog kept the position below the log end.
    for (const r of rows) expect(r.position!).toBeGreaterThan(100);
    expect(behindLogEnd).toBeGreaterThan(1000);
  });

  it('commit before processing: position ≤ committed ≤ position + 1, the record in hand already committed', () => {
    const sim = consumers({ ...busy, commit: { mode: 'before-processing' } });
    const watch = progressWatcher();
    sample(sim, 12_000, 8, (s) => {
      watch(s);
      const g = group(s);
      for (const r of g.partitions) {
        const position = r.position!;
        const hand = inHand(g, r);
        if (r.currentOffset === null) {
          expect(hand, `${rowKey(r)} at ${s.time}`).toBeNull();
          continue;
        }
        const committed = r.currentOffset;
        expect(committed, `${rowKey(r)} at ${s.time}`).toBeGreaterThanOrEqual(position);
        expect(committed, `${rowKey(r)} at ${s.time}`).toBeLessThanOrEqual(position + 1);
        if (hand !== null) {
          // At-most-once: the commit went out before the record was processed.
          expect(committed, `${rowKey(r)} at ${s.time}`).toBe(hand + 1);
          expect(position, `${rowKey(r)} at ${s.time}`).toBeGreaterThanOrEqual(hand);
        }
      }
    });
    for (const r of group(snap(sim)).partitions) expect(r.position!).toBeGreaterThan(100);
  });

  it('kafkajs auto-commit every 1000 ms: committed is the position at the last tick, so it lags by up to an interval of records', () => {
    const intervalMs = 1000;
    const processingMs = 30;
    const jitter = 0.3;
    const sim = consumers({
      processingMs,
      jitter,
      client: 'kafkajs',
      commit: { mode: 'auto', intervalMs },
    });
    const watch = progressWatcher();
    // At most this many records fit in one interval (one more may be finishing as it starts).
    const perInterval = Math.ceil(intervalMs / (processingMs * (1 - jitter))) + 1;
    let atTick = new Map<string, number>();
    let widest = 0;
    let ticks = 0;
    sample(sim, 15_000, 10, (s) => {
      watch(s);
      const rows = group(s).partitions;
      const tick = s.time % intervalMs === 0;
      for (const r of rows) {
        const position = r.position!;
        if (s.time < intervalMs) {
          // The first auto-commit is due one interval after the consumer started.
          expect(r.currentOffset, `${rowKey(r)} at ${s.time}`).toBeNull();
          continue;
        }
        const committed = r.currentOffset!;
        expect(committed, `${rowKey(r)} at ${s.time}`).not.toBeNull();
        expect(position, `${rowKey(r)} at ${s.time}`).toBeGreaterThanOrEqual(committed);
        expect(position - committed, `${rowKey(r)} at ${s.time}`).toBeLessThanOrEqual(perInterval);
        widest = Math.max(widest, position - committed);
        if (tick) {
          // Right after the timer, committed caught up with the position.
          expect(committed, `${rowKey(r)} at the tick ${s.time}`).toBe(position);
        } else {
          // Between ticks nothing is committed: it stays at the last tick's position.
          expect(committed, `${rowKey(r)} at ${s.time}`).toBe(atTick.get(rowKey(r)));
        }
      }
      if (tick) {
        ticks++;
        atTick = new Map(rows.map((r) => [rowKey(r), r.position!]));
      }
    });
    expect(ticks).toBe(15);
    // Many records went by uncommitted, not just the one in hand (each of the 3 partitions gets
    // about a third of an interval's records).
    expect(widest).toBeGreaterThan(perInterval / 6);
  });

  it('Java auto-commits inside poll(): a tick that finds it busy with a poll’s records commits when that poll is done', () => {
    // 100 records/s against 50 ms a record: a backlog, so each poll returns max.poll.records
    // (20, a second's work).
    const sim = consumers(
      {
        processingMs: 50,
        jitter: 0,
        maxPollRecords: 20,
        commit: { mode: 'auto', intervalMs: 1000 },
      },
      { partitions: 1, ratePerSec: 100 },
    );
    let previous: { committed: number | null; remaining: number } | null = null;
    let deferred = 0;
    let commits = 0;
    sample(sim, 20_000, 5, (s) => {
      const row = group(s).partitions[0]!;
      const remaining = group(s).members[0]!.pollRemaining!;
      if (previous !== null && row.currentOffset !== previous.committed) {
        commits++;
        // Only a new poll commits: the last poll's records were all started by the previous
        // sample, or all but the one it was finishing.
        expect(previous.remaining, `commit at ${s.time}`).toBeLessThanOrEqual(1);
      }
      if (s.time % 1000 === 0 && s.time > 0 && remaining > 1) {
        deferred++;
        // The tick found it busy: nothing committed yet.
        expect(row.currentOffset, `tick at ${s.time}`).toBe(previous?.committed);
      }
      previous = { committed: row.currentOffset, remaining };
    });
    expect(deferred).toBeGreaterThan(10);
    expect(commits).toBeGreaterThan(10);
  });

  it('a consumer with nothing in hand is at the log end of every partition it owns', () => {
    // 5 records/s against a 10 ms consumer: it is idle most of the time.
    const sim = consumers({ processingMs: 10, jitter: 0.5 }, { ratePerSec: 5 });
    const watch = progressWatcher();
    let idle = 0;
    sample(sim, 12_000, 7, (s) => {
      watch(s);
      const g = group(s);
      if (g.members[0]!.inFlight.length > 0) return;
      idle++;
      for (const r of g.partitions)
        expect(r.position, `${rowKey(r)} at ${s.time}`).toBe(r.logEndOffset);
    });
    expect(idle).toBeGreaterThan(1200);
    expect(snap(sim).totals.produced).toBeGreaterThan(50);
  });
});

describe('position is null where nobody consumes the partition', () => {
  it('a crashed owner keeps its partitions (consumer id shown) but has no position until the rebalance', () => {
    const sim = consumers(
      {
        instances: 2,
        processingMs: 20,
        jitter: 0.2,
        sessionTimeoutMs: 6000,
        heartbeatIntervalMs: 2000,
      },
      { partitions: 4 },
    );
    sim.advance(3000);
    const before = group(snap(sim)).partitions;
    expect(before.every((r) => r.position !== null)).toBe(true);
    const crashed = before.filter((r) => r.consumerId === 'app-2').map(rowKey);
    expect(crashed).toHaveLength(2);
    sim.apply({ type: 'crashConsumer', memberId: 'app-2' });
    sample(sim, 8900, 50, (s) => {
      for (const r of group(s).partitions) {
        if (crashed.includes(rowKey(r))) {
          expect(r.consumerId, `${rowKey(r)} at ${s.time}`).toBe('app-2');
          expect(r.position, `${rowKey(r)} at ${s.time}`).toBeNull();
        } else expect(r.position, `${rowKey(r)} at ${s.time}`).not.toBeNull();
      }
    });
    sim.advance(10_000);
    const after = group(snap(sim)).partitions;
    expect(after.every((r) => r.consumerId === 'app-1' && r.position !== null)).toBe(true);
  });

  it('eager rebalance: revoked partitions have no owner and no position until the new assignment', () => {
    const sim = consumers({ instances: 2, processingMs: 20, jitter: 0.2 }, { partitions: 4 });
    sim.advance(3000);
    sim.apply({ type: 'stopConsumer', memberId: 'app-2' });
    let unowned = 0;
    sample(sim, 6000, 5, (s) => {
      for (const r of group(s).partitions) {
        if (r.consumerId === null) {
          unowned++;
          expect(r.position, `${rowKey(r)} at ${s.time}`).toBeNull();
        } else expect(r.position, `${rowKey(r)} at ${s.time}`).not.toBeNull();
      }
    });
    expect(unowned).toBeGreaterThan(0);
    expect(group(snap(sim)).state).toBe('Stable');
  });

  it('kafkajs with a shared groupId: partitions dealt to a member that does not subscribe to their topic have no position (§7)', () => {
    const sim = createSimulation({
      seed: 5,
      topics: [
        { name: 'orders', partitions: 4 },
        { name: 'audit', partitions: 2 },
      ],
      producers: [
        { id: 'p', topic: 'orders', ratePerSec: 20 },
        { id: 'q', topic: 'audit', ratePerSec: 20 },
      ],
      apps: [
        {
          id: 'orders-app',
          groupId: 'shared',
          topics: ['orders'],
          client: 'kafkajs',
          assignor: 'kafkajs-roundrobin',
          processingMs: 10,
          jitter: 0,
        },
        {
          id: 'audit-app',
          groupId: 'shared',
          topics: ['audit'],
          client: 'kafkajs',
          assignor: 'kafkajs-roundrobin',
          processingMs: 10,
          jitter: 0,
        },
      ],
    });
    sim.advance(5000);
    const g = group(snap(sim), 'shared');
    const ignored = new Set(
      g.members.flatMap((m) => m.ignored.map(([topic, p]) => `${topic}/${p}`)),
    );
    expect(ignored.size).toBeGreaterThan(0);
    let consumed = 0;
    for (const r of g.partitions) {
      if (r.consumerId === null || ignored.has(rowKey(r))) {
        expect(r.position, rowKey(r)).toBeNull();
        expect(r.currentOffset, rowKey(r)).toBeNull();
      } else {
        consumed++;
        expect(r.position, rowKey(r)).toBeGreaterThan(0);
      }
    }
    expect(consumed).toBeGreaterThan(0);
  });
});

describe('after a rebalance the new owner starts at the committed offset (kafka-semantics §4)', () => {
  /** When the next rebalance ends, found by running a fork (a checkpoint) for up to `withinMs`. */
  function nextRebalanceEnd(sim: Simulation, withinMs: number): number {
    const probe = sim.fork();
    const rounds = group(snap(probe)).rebalances.length;
    probe.advance(withinMs);
    const round = group(snap(probe)).rebalances[rounds];
    expect(round, 'a rebalance ran').toBeDefined();
    expect(round!.endedAt).not.toBeNull();
    return round!.endedAt!;
  }

  /** Brings `sim` to exactly the end of its next rebalance. */
  function toRebalanceEnd(sim: Simulation, withinMs: number): void {
    sim.advanceTo(nextRebalanceEnd(sim, withinMs));
  }

  it('auto-commit, then a crash: the survivor rewinds to the committed offset, behind the dead owner’s position', () => {
    const sim = consumers(
      {
        instances: 2,
        processingMs: 20,
        jitter: 0.2,
        commit: { mode: 'auto', intervalMs: 5000 },
        sessionTimeoutMs: 6000,
        heartbeatIntervalMs: 2000,
      },
      { partitions: 4 },
    );
    sim.advance(7500); // half an interval past the tick at 5000
    const atCrash = group(snap(sim)).partitions;
    const lost = atCrash.filter((r) => r.consumerId === 'app-2');
    expect(lost).toHaveLength(2);
    for (const r of lost) expect(r.position!).toBeGreaterThan(r.currentOffset!);
    sim.apply({ type: 'crashConsumer', memberId: 'app-2' });

    toRebalanceEnd(sim, 12_000);
    const g = group(snap(sim));
    expect(g.state).toBe('Stable');
    for (const r of g.partitions) {
      expect(r.consumerId).toBe('app-1');
      // Consumption resumes at the committed offset (the survivor committed its own on revoke).
      expect(r.position, rowKey(r)).toBe(r.currentOffset);
      const old = lost.find((x) => rowKey(x) === rowKey(r));
      if (old) {
        // The crash committed nothing: the survivor goes back to the last auto-commit.
        expect(r.currentOffset, rowKey(r)).toBe(old.currentOffset);
        expect(r.position!, rowKey(r)).toBeLessThan(old.position!);
      }
    }
    // What the dead owner processed after its last commit is processed again.
    sim.advance(3000);
    expect(group(snap(sim)).counters.duplicates).toBeGreaterThan(0);
  });

  it('commit after processing, then a clean stop: the new owner resumes exactly where the old one stopped', () => {
    const sim = consumers({ instances: 2, processingMs: 20, jitter: 0.2 }, { partitions: 4 });
    sim.advance(6000);
    sim.apply({ type: 'stopConsumer', memberId: 'app-2' });
    toRebalanceEnd(sim, 5000);
    const g = group(snap(sim));
    for (const r of g.partitions) {
      expect(r.consumerId).toBe('app-1');
      expect(r.currentOffset).not.toBeNull();
      expect(r.position, rowKey(r)).toBe(r.currentOffset);
    }
    sim.advance(3000);
    expect(group(snap(sim)).counters.duplicates).toBe(0);
  });

  it.each([
    [false, 'the log end offset (latest)'],
    [true, 'the log start offset (earliest)'],
  ])('no committed offset yet, fromBeginning %s: the new owner starts at %s', (fromBeginning) => {
    const sim = consumers(
      {
        instances: 2,
        processingMs: 20,
        jitter: 0.2,
        fromBeginning,
        // No auto-commit before the crash and the rebalance.
        commit: { mode: 'auto', intervalMs: 60_000 },
        sessionTimeoutMs: 6000,
        heartbeatIntervalMs: 2000,
      },
      { partitions: 4 },
    );
    sim.advance(4000);
    const lost = group(snap(sim))
      .partitions.filter((r) => r.consumerId === 'app-2')
      .map(rowKey);
    sim.apply({ type: 'crashConsumer', memberId: 'app-2' });
    const endedAt = nextRebalanceEnd(sim, 12_000);
    // A record appended at the very instant of the assignment may land after it: bracket the
    // log end between just before and right at that instant.
    sim.advanceTo(endedAt - 1);
    const justBefore = new Map(group(snap(sim)).partitions.map((r) => [rowKey(r), r]));
    sim.advanceTo(endedAt);
    const g = group(snap(sim));
    for (const r of g.partitions) {
      if (!lost.includes(rowKey(r))) continue;
      expect(r.consumerId).toBe('app-1');
      expect(r.currentOffset, rowKey(r)).toBeNull();
      const position = r.position!;
      if (fromBeginning) {
        expect(position, rowKey(r)).toBe(r.logStartOffset);
      } else {
        expect(position, rowKey(r)).toBeGreaterThanOrEqual(justBefore.get(rowKey(r))!.logEndOffset);
        expect(position, rowKey(r)).toBeLessThanOrEqual(r.logEndOffset);
      }
      expect(r.logEndOffset).toBeGreaterThan(50);
    }
  });
});

// ---- processing time and its jitter ----------------------------------------------------

interface Durations {
  /** endsAt − startedAt of each record, in the order the records started. */
  readonly list: number[];
  readonly processed: number;
}

/**
 * One consumer on a backlog (100 records/s, more than it can do) for `records`
 * records' worth of time; every record it takes is seen in hand at least once
 * (samples closer than the shortest duration) and timed from the snapshot.
 */
function measure(
  processingMs: number,
  jitter: number,
  {
    seed = 3,
    batching = true,
    records = 1000,
  }: { seed?: number; batching?: boolean; records?: number } = {},
): Durations {
  const sim = consumers(
    { processingMs, jitter },
    { seed, batching, ratePerSec: Math.ceil((2 * 1000) / processingMs) },
  );
  const step = Math.max(1, Math.floor((processingMs * (1 - jitter)) / 2));
  const seen = new Map<string, { startedAt: number; endsAt: number }>();
  sample(sim, records * processingMs, step, (s) => {
    for (const f of group(s).members[0]!.inFlight) {
      const key = `${f.partition}:${f.offset}:${f.attempt}`;
      const known = seen.get(key);
      if (known) expect([known.startedAt, known.endsAt], key).toEqual([f.startedAt, f.endsAt]);
      else seen.set(key, { startedAt: f.startedAt, endsAt: f.endsAt });
    }
  });
  const s = snap(sim);
  const processed = group(s).counters.processed;
  // Every record taken was seen: those done, plus the one in hand now.
  expect(seen.size).toBe(processed + group(s).members[0]!.inFlight.length);
  const timed = [...seen.values()].sort((a, b) => a.startedAt - b.startedAt);
  // The record really ended at its endsAt: with a backlog, the next one starts right then
  // (past the first few, which may wait for the producer).
  for (let i = 10; i < timed.length; i++) {
    expect(timed[i]!.startedAt, `record ${i}`).toBe(timed[i - 1]!.endsAt);
  }
  return { list: timed.map((x) => x.endsAt - x.startedAt), processed };
}

const EPS = 1e-9;

describe('processing time: each record takes processingMs × (1 ± jitter), seeded (docs/model.md apps[].jitter)', () => {
  it.each([20, 150])('jitter 0: every record takes exactly %i ms', (processingMs) => {
    const { list, processed } = measure(processingMs, 0, { records: 400 });
    expect(list.length).toBeGreaterThan(390);
    for (const d of list) expect(Math.abs(d - processingMs)).toBeLessThan(EPS);
    // With a backlog the whole time, throughput is one record per processingMs.
    expect(processed).toBeGreaterThanOrEqual(398);
    expect(processed).toBeLessThanOrEqual(400);
  });

  it.each([
    [20, 0.5],
    [150, 0.2],
    [100, 0.9],
  ])(
    'processingMs %i, jitter %f: durations fill both halves of the range evenly, mean near processingMs',
    (processingMs, jitter) => {
      const { list, processed } = measure(processingMs, jitter);
      const n = list.length;
      expect(n).toBeGreaterThan(900);
      const low = processingMs * (1 - jitter);
      const high = processingMs * (1 + jitter);
      const span = high - low;
      // Every duration lies within the range.
      for (const d of list) {
        expect(d).toBeGreaterThanOrEqual(low - EPS);
        expect(d).toBeLessThanOrEqual(high + EPS);
      }
      // Both ends of the range are reached (uniform draws: the extremes of 1000 land near them).
      expect(Math.min(...list)).toBeLessThan(low + span * 0.02);
      expect(Math.max(...list)).toBeGreaterThan(high - span * 0.02);
      // Half of them are shorter than processingMs, and each quarter of the range holds about a
      // quarter (1000 uniform draws: the standard error of a share is under 0.016).
      const below = list.filter((d) => d < processingMs).length / n;
      expect(below).toBeGreaterThan(0.44);
      expect(below).toBeLessThan(0.56);
      for (let q = 0; q < 4; q++) {
        const share =
          list.filter((d) => d >= low + (span * q) / 4 && d < low + (span * (q + 1)) / 4).length /
          n;
        expect(share, `quarter ${q + 1}`).toBeGreaterThan(0.19);
        expect(share, `quarter ${q + 1}`).toBeLessThan(0.31);
      }
      // The mean is processingMs (standard error span/√(12n): about 0.9% of the span here).
      const mean = list.reduce((a, b) => a + b, 0) / n;
      expect(Math.abs(mean - processingMs)).toBeLessThan(span * 0.04);
      // Throughput agrees: back to back, the run's 1000 × processingMs held about 1000 records
      // (within four standard errors of a sum of 1000 draws: jitter / √(3 × 1000) each).
      const tolerance = 4 * (jitter / Math.sqrt(3 * 1000));
      expect(processed).toBeGreaterThan(1000 * (1 - tolerance));
      expect(processed).toBeLessThan(1000 * (1 + tolerance));
      // No two records in a row take the same time: each draws afresh.
      let repeats = 0;
      for (let i = 1; i < n; i++) if (list[i] === list[i - 1]) repeats++;
      expect(repeats).toBe(0);
    },
  );

  it('the same seed gives the same durations; another seed gives others', () => {
    const a = measure(20, 0.5, { seed: 3, records: 300 }).list;
    const again = measure(20, 0.5, { seed: 3, records: 300 }).list;
    const other = measure(20, 0.5, { seed: 4, records: 300 }).list;
    expect(again).toEqual(a);
    const shared = Math.min(a.length, other.length);
    let same = 0;
    for (let i = 0; i < shared; i++) if (a[i] === other[i]) same++;
    expect(same).toBe(0);
  });

  it('batched consumption and one timer per record give the same durations', () => {
    const batched = measure(20, 0.5, { records: 300 }).list;
    const timers = measure(20, 0.5, { records: 300, batching: false }).list;
    expect(timers).toEqual(batched);
  });

  it('each consumer of an app draws its own durations', () => {
    const sim = consumers({ instances: 2, processingMs: 20, jitter: 0.5 }, { ratePerSec: 200 });
    const seen = new Map<string, Map<number, number>>();
    sample(sim, 4000, 5, (s) => {
      for (const m of group(s).members) {
        const mine = seen.get(m.memberId) ?? new Map<number, number>();
        seen.set(m.memberId, mine);
        for (const f of m.inFlight) mine.set(f.startedAt, f.endsAt - f.startedAt);
      }
    });
    const [one, two] = [...seen.values()].map((m) => [...m.values()]);
    expect(one!.length).toBeGreaterThan(100);
    expect(two!.length).toBeGreaterThan(100);
    expect(one!.slice(0, 100)).not.toEqual(two!.slice(0, 100));
    for (const d of [...one!, ...two!]) {
      expect(d).toBeGreaterThanOrEqual(10 - EPS);
      expect(d).toBeLessThanOrEqual(30 + EPS);
    }
  });
});
