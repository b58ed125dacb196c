/**
 * Each built-in scenario proves its lesson in the model's numbers, played
 * headless by the same runner `npm run scenario` uses.
 */
import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../../src/model/index';
import { BUILTIN_SCENARIOS, builtinScenario } from '../../src/scenarios/index';
import { runScenario, Session, type Report, type Sample } from '../../src/session/index';

function play(id: string, everyMs = 1000): Report {
  const scenario = builtinScenario(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  return runScenario(scenario, { everyMs });
}

function at(report: Report, ms: number): Sample {
  const s = report.samples.find((x) => x.at === ms);
  if (!s) throw new Error(`no sample at ${ms} ms`);
  return s;
}

function groupAt(report: Report, ms: number, groupId: string) {
  const g = at(report, ms).groups.find((x) => x.groupId === groupId);
  if (!g) throw new Error(`no group ${groupId} at ${ms} ms`);
  return g;
}

/** Records a group processed between two sample times. */
function processedBetween(report: Report, from: number, to: number, groupId: string): number {
  return (
    groupAt(report, to, groupId).counters.processed -
    groupAt(report, from, groupId).counters.processed
  );
}

describe('built-in scenarios', () => {
  it('are twelve, in lesson order, each with narration', () => {
    expect(BUILTIN_SCENARIOS.map((s) => s.id)).toEqual([
      'same-key-same-partition',
      'adding-partitions-breaks-ordering',
      'no-key-round-robin',
      'partitions-cap-consumers',
      'lag-grows',
      'poison-message',
      'reused-group-id',
      'commit-timing',
      'durable-log-replay',
      'when-not-kafka',
      'rebalance-protocols',
      'rebalance-storm',
    ]);
    for (const { id } of BUILTIN_SCENARIOS) {
      const s = builtinScenario(id)!;
      expect(s.steps.length).toBeGreaterThanOrEqual(4);
      expect(s.steps[0]!.at).toBe(0);
    }
  });

  it('play the same way twice (same trace hash)', () => {
    for (const { id } of BUILTIN_SCENARIOS) {
      expect(play(id, 5000).traceHash).toBe(play(id, 3000).traceHash);
    }
  });

  it('1. same key → same partition: zero violations with 1, 2 and 3 consumers', () => {
    const r = play('same-key-same-partition');
    for (const ms of [14_000, 29_000, 60_000])
      expect(groupAt(r, ms, 'notifier').counters.orderingViolations).toBe(0);
    expect(groupAt(r, 60_000, 'notifier').members).toBe(3);
    const run = new Session(builtinScenario('same-key-same-partition')!);
    run.advance(60_000);
    for (const p of run.sim.snapshot({ recordsPerPartition: 200 }).topics[0]!.partitions) {
      expect(p.records.length).toBeGreaterThan(0);
      for (const rec of p.records) expect(partitionForKey(rec.key!, 3)).toBe(p.partition);
    }
  });

  it('2. adding partitions: the model lists the moved keys, and only they lose their order', () => {
    const r = play('adding-partitions-breaks-ordering');
    expect(groupAt(r, 20_000, 'billing').counters.orderingViolations).toBe(0);
    expect(groupAt(r, 20_000, 'billing').lag!).toBeGreaterThan(80);
    expect(r.keyMoves).toHaveLength(1);
    const move = r.keyMoves[0]!;
    expect([move.from, move.to, move.keys]).toEqual([3, 6, 12]);
    const expected = Array.from({ length: 12 }, (_, i) => String(i + 1)).filter(
      (k) => partitionForKey(k, 3) !== partitionForKey(k, 6),
    );
    expect([...move.movedKeys].sort()).toEqual(expected.sort());
    expect(groupAt(r, 75_000, 'billing').counters.orderingViolations).toBeGreaterThan(10);
    const violated = Object.keys(r.violationsByKey['billing']!);
    expect(violated.length).toBeGreaterThan(0);
    for (const key of violated) expect(move.movedKeys).toContain(key);
  });

  it('3. no key: round-robin gives violations, and so does Java’s sticky partitioner', () => {
    const r = play('no-key-round-robin');
    const before = groupAt(r, 30_000, 'profile').counters.orderingViolations;
    expect(before).toBeGreaterThan(10);
    expect(groupAt(r, 60_000, 'profile').counters.orderingViolations).toBeGreaterThan(before);
    expect(Object.keys(r.violationsByKey['profile']!).length).toBe(6);
  });

  it('4. partition count caps parallel consumers: the fourth sits idle, throughput stops rising', () => {
    const r = play('partitions-cap-consumers');
    // Steady windows after each rebalance has settled.
    const one = processedBetween(r, 5_000, 14_000, 'worker');
    const two = processedBetween(r, 20_000, 29_000, 'worker');
    const three = processedBetween(r, 35_000, 44_000, 'worker');
    const four = processedBetween(r, 50_000, 59_000, 'worker');
    expect(two / one).toBeGreaterThan(1.7);
    expect(three / two).toBeGreaterThan(1.3);
    expect(four / three).toBeGreaterThan(0.9);
    expect(four / three).toBeLessThan(1.1);
    const run = new Session(builtinScenario('partitions-cap-consumers')!);
    run.advance(60_000);
    const members = run.sim.snapshot().groups[0]!.members;
    expect(members).toHaveLength(4);
    expect(members.filter((m) => m.assignment.length === 0)).toHaveLength(1);
  });

  it('5. lag grows at produce rate − capacity, then more consumers and side workers bring it down', () => {
    const r = play('lag-grows');
    // 20/s in, 10/s out: +10 records/s.
    const slope = (groupAt(r, 20_000, 'shipping').lag! - groupAt(r, 5_000, 'shipping').lag!) / 15;
    expect(slope).toBeGreaterThan(8.5);
    expect(slope).toBeLessThan(11.5);
    // Two consumers: capacity equals the input, lag stays flat.
    const flat = groupAt(r, 44_000, 'shipping').lag! - groupAt(r, 30_000, 'shipping').lag!;
    expect(Math.abs(flat)).toBeLessThan(20);
    // Side workers: the backlog drains.
    expect(groupAt(r, 90_000, 'shipping').lag!).toBeLessThan(10);
  });

  it('6. poison message: retry-forever stalls one partition, the DLQ lets it recover', () => {
    const scenario = builtinScenario('poison-message')!;
    const run = new Session(scenario);
    run.advance(29_000);
    const stalled = run.sim.snapshot().groups[0]!.partitions;
    const lags = stalled.map((p) => p.lag ?? 0).sort((a, b) => b - a);
    expect(lags[0]!).toBeGreaterThan(40);
    expect(lags[1]!).toBeLessThanOrEqual(2);
    expect(lags[2]!).toBeLessThanOrEqual(2);
    run.advance(31_000);
    const s = run.sim.snapshot();
    expect(s.groups[0]!.counters.deadLettered).toBe(1);
    expect(s.groups[0]!.totalLag!).toBeLessThanOrEqual(3);
    const dlq = s.topics.find((t) => t.name === 'user-events.dlq')!;
    expect(dlq.partitions[0]!.logEndOffset).toBe(1);
  });

  it('7. a reused groupId splits the stream between two apps; distinct groupIds fan out', () => {
    const r = play('reused-group-id');
    const shared = (id: string) => at(r, 38_000).apps[id]! - at(r, 16_000).apps[id]!;
    const produced = at(r, 38_000).produced - at(r, 16_000).produced;
    expect(shared('notifier')).toBeGreaterThan(0);
    expect(shared('analytics')).toBeGreaterThan(0);
    expect(shared('notifier')).toBeLessThan(produced * 0.8);
    expect(shared('notifier') + shared('analytics')).toBeGreaterThan(produced - 5);
    const own = (id: string) => at(r, 70_000).apps[id]! - at(r, 48_000).apps[id]!;
    const later = at(r, 70_000).produced - at(r, 48_000).produced;
    expect(own('notifier')).toBeGreaterThan(later - 5);
    expect(own('analytics')).toBeGreaterThan(later - 5);
  });

  it('8. commit timing: before processing loses, after processing (batched) duplicates', () => {
    const r = play('commit-timing');
    const early = groupAt(r, 60_000, 'at-most-once').counters;
    const late = groupAt(r, 60_000, 'at-least-once').counters;
    expect(early.lost).toBeGreaterThanOrEqual(1);
    expect(early.duplicates).toBe(0);
    // Java auto-commits inside poll(): everything since the last poll's commit comes again.
    expect(late.duplicates).toBeGreaterThan(10);
    expect(late.lost).toBe(0);
    expect(groupAt(r, 22_000, 'at-least-once').counters.duplicates).toBe(0);
  });

  it('9. durable log: latest vs earliest, a deliberate replay, and retention resetting a laggard', () => {
    const r = play('durable-log-replay');
    // The replaying group reads what was already in the log; the other starts at its end.
    expect(groupAt(r, 30_000, 'audit-replay').counters.processed).toBeGreaterThan(
      groupAt(r, 30_000, 'audit-latest').counters.processed + 300,
    );
    // notifier replays from the earliest offset after the reset.
    expect(groupAt(r, 90_000, 'notifier').counters.processed).toBeGreaterThan(
      at(r, 90_000).produced + 500,
    );
    // Retention moved the log start past "reporting": records it never read were skipped.
    expect(groupAt(r, 90_000, 'reporting').counters.skipped).toBeGreaterThan(100);
    const run = new Session(builtinScenario('durable-log-replay')!);
    run.advance(90_000);
    for (const p of run.sim.snapshot().topics[0]!.partitions)
      expect(p.logStartOffset).toBeGreaterThan(0);
  });

  it('10. when you do not need Kafka: a few records a second, no lag; fan-out and replay are the gains', () => {
    const r = play('when-not-kafka');
    const scenario = builtinScenario('when-not-kafka')!;
    expect(scenario.config.producers![0]!.ratePerSec!).toBeLessThan(100);
    for (const s of r.samples.filter((x) => x.at > 0))
      expect(s.groups.find((g) => g.groupId === 'mailer')!.lag!).toBeLessThanOrEqual(2);
    expect(groupAt(r, 60_000, 'backfill').counters.processed).toBeGreaterThan(
      at(r, 60_000).produced - 3,
    );
    expect(scenario.steps.at(-1)!.caption).toMatch(/job queue or Redis Streams/);
  });

  it('11. a consumer joins: eager pauses all 6 partitions, cooperative and KIP-848 only the 2 that move', () => {
    const run = new Session(builtinScenario('rebalance-protocols')!);
    run.advance(20_000);
    const groups = run.sim.snapshot().groups;
    const paused = (id: string) =>
      groups.find((g) => g.groupId === id)!.partitions.filter((p) => p.pausedMs > 0).length;
    const group = (id: string) => groups.find((g) => g.groupId === id)!;
    expect(paused('eager')).toBe(6);
    expect(paused('cooperative')).toBe(2);
    expect(paused('kip848')).toBe(2);
    // Cooperative hands the moved partitions over in a second rebalance; KIP-848 has none.
    expect(group('eager').counters.rebalances).toBe(1);
    expect(group('cooperative').counters.rebalances).toBe(2);
    expect(group('cooperative').rebalances.map((r) => r.moved)).toEqual([0, 2]);
    expect(group('kip848').counters.rebalances).toBe(1);
    expect(group('kip848').rebalances[0]!.moved).toBe(2);
    // Every member of the eager group stopped; in the others only the newcomer waited.
    expect(group('eager').members.every((m) => m.pausedMs > 0)).toBe(true);
    expect(group('cooperative').members.filter((m) => m.pausedMs > 0)).toHaveLength(1);
    expect(group('kip848').members.filter((m) => m.pausedMs > 0)).toHaveLength(1);
  });

  it('12. a handler slower than the session timeout storms the group; a longer timeout calms it', () => {
    const r = play('rebalance-storm', 5000);
    const c = (ms: number) => groupAt(r, ms, 'settlement').counters;
    expect(c(15_000).rebalances).toBe(0);
    // Slow handlers from 15 s: evictions, refused commits, duplicates, rebalance after rebalance.
    expect(c(75_000).evictions).toBeGreaterThanOrEqual(6);
    expect(c(75_000).failedCommits).toBe(c(75_000).evictions);
    expect(c(75_000).rebalances).toBeGreaterThanOrEqual(4);
    expect(c(75_000).duplicates).toBeGreaterThan(0);
    // From 75 s the session timeout (30 s) outlasts every handler: at most the ones in hand go.
    expect(c(120_000).evictions - c(75_000).evictions).toBeLessThanOrEqual(3);
    const run = new Session(builtinScenario('rebalance-storm')!);
    run.advance(75_000);
    const g = run.sim.snapshot().groups[0]!;
    // Partitions sat paused for most of the storm.
    expect(Math.min(...g.partitions.map((p) => p.pausedMs))).toBeGreaterThan(30_000);
  });
});
