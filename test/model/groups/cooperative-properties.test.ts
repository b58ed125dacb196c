/**
 * Ownership properties over random membership changes (fast-check), per
 * protocol (kafka-semantics §3, §7):
 * - in every group, at every instant, a partition has at most one owner;
 * - cooperative: a live member's partition is never handed to another in the
 *   rebalance that revokes it. Revocation happens when an assignment is
 *   delivered (generation g+1) and the hand-over in a later one (≥ g+2), so a
 *   direct owner change A → B between two snapshots, with A still in the
 *   group, must span at least two generations. This holds however coarse the
 *   steps are, even if both rounds end at one instant;
 * - eager: every owner change goes through a new generation;
 * - after the changes stop and sessions run out, the group settles with every
 *   partition owned by a live member.
 *
 * GROUP_RUNS and GROUP_SEED (environment) widen or vary the search.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  DEFAULT_CLUSTER,
  SimulationError,
  type Action,
  type AssignorName,
  type GroupSnapshot,
  type Simulation,
} from '../../../src/model/index';
import { groupConfig, ownershipProblems, theGroup } from './helpers';

const RUNS = {
  numRuns: Number(process.env['GROUP_RUNS'] ?? 60),
  seed: Number(process.env['GROUP_SEED'] ?? 20260915),
};
const TIMEOUT = 120_000;
const STEP_MS = 100;

type Op = 'join' | 'stop' | 'crash';

interface Change {
  readonly gap: number;
  readonly op: Op;
  readonly pick: number;
}

interface Scenario {
  readonly seed: number;
  readonly partitions: number;
  readonly instances: number;
  readonly ratePerSec: number;
  readonly processingMs: number;
  readonly sessionTimeoutMs: number;
  readonly rebalanceMs: number;
  readonly staticMembership: boolean;
  /** Java max.poll.interval.ms short enough that busy members get evicted and rejoin. */
  readonly maxPollIntervalMs: number;
  readonly changes: readonly Change[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  partitions: fc.integer({ min: 1, max: 8 }),
  instances: fc.integer({ min: 1, max: 4 }),
  ratePerSec: fc.integer({ min: 0, max: 80 }),
  processingMs: fc.integer({ min: 1, max: 120 }),
  sessionTimeoutMs: fc.integer({ min: 6000, max: 15_000 }),
  rebalanceMs: fc.constantFrom(0, 300, 1000),
  staticMembership: fc.boolean(),
  maxPollIntervalMs: fc.constantFrom(300_000, 300_000, 400),
  changes: fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 6000 }),
      op: fc.constantFrom<Op>('join', 'join', 'stop', 'crash'),
      pick: fc.nat(),
    }),
    { minLength: 1, maxLength: 10 },
  ),
});

const LIVE = new Set(['processing', 'idle', 'rebalancing']);

/** The action for a change, aimed at a member that can take it (null: none can). */
function actionFor(change: Change, g: GroupSnapshot): Action | null {
  if (change.op === 'join') return { type: 'addConsumer', appId: 'app' };
  // Only running processes stop or crash.
  const candidates = g.members.filter(
    (m) => LIVE.has(m.status) || (change.op === 'crash' && m.status === 'leaving'),
  );
  const target = candidates[change.pick % Math.max(1, candidates.length)];
  if (!target) return null;
  return change.op === 'stop'
    ? { type: 'stopConsumer', memberId: target.memberId }
    : { type: 'crashConsumer', memberId: target.memberId };
}

/** Checks two consecutive snapshots; returns what went wrong. */
type StepCheck = (before: GroupSnapshot, after: GroupSnapshot) => string[];

function directMoves(before: GroupSnapshot, after: GroupSnapshot) {
  const moves: { partition: number; from: string; to: string }[] = [];
  after.partitions.forEach((p, i) => {
    const from = before.partitions[i]?.consumerId ?? null;
    if (from !== null && p.consumerId !== null && from !== p.consumerId)
      moves.push({ partition: p.partition, from, to: p.consumerId });
  });
  return moves;
}

function stillMember(g: GroupSnapshot, memberId: string): boolean {
  return g.members.some((m) => m.memberId === memberId && m.status !== 'evicted');
}

/** Plays a scenario, stepping every STEP_MS, and returns the problems found. */
function play(assignor: AssignorName, s: Scenario, stepCheck?: StepCheck): string[] {
  const sim: Simulation = createSimulation(
    groupConfig({
      seed: s.seed,
      partitions: s.partitions,
      ratePerSec: s.ratePerSec,
      app: {
        assignor,
        instances: s.instances,
        processingMs: s.processingMs,
        sessionTimeoutMs: s.sessionTimeoutMs,
        staticMembership: s.staticMembership,
        maxPollIntervalMs: s.maxPollIntervalMs,
        maxPollRecords: 5,
      },
      cluster: { rebalanceMs: s.rebalanceMs },
    }),
  );
  const problems: string[] = [];
  let previous = theGroup(sim);
  const check = (label: string) => {
    const g = theGroup(sim);
    for (const p of ownershipProblems(g)) problems.push(`${label}: ${p}`);
    if (stepCheck) for (const p of stepCheck(previous, g)) problems.push(`${label}: ${p}`);
    previous = g;
  };
  const step = (ms: number) => {
    const end = sim.now + ms;
    while (sim.now < end) {
      sim.advance(Math.min(STEP_MS, end - sim.now));
      check(`t=${sim.now}`);
    }
  };
  step(2000);
  for (const change of s.changes) {
    step(change.gap);
    const action = actionFor(change, theGroup(sim));
    if (!action) continue;
    try {
      sim.apply(action);
    } catch (e) {
      if (!(e instanceof SimulationError)) throw e;
      problems.push(`t=${sim.now}: ${action.type} rejected: ${e.message}`);
    }
    check(`t=${sim.now} (after ${action.type})`);
  }
  // Quiet tail: crashed and away members' sessions run out, rebalances finish. KIP-848
  // sessions are the broker's (kafka-semantics §7).
  const session = assignor.startsWith('kip848')
    ? DEFAULT_CLUSTER.consumerSessionTimeoutMs
    : s.sessionTimeoutMs;
  step(session + 20_000);
  const g = theGroup(sim);
  const live = g.members.filter((m) => LIVE.has(m.status));
  // With max.poll.records × processing over max.poll.interval.ms, evictions never stop
  // (kafka-semantics §7): such a group never settles, so only ownership is checked.
  const storm = s.maxPollIntervalMs < 5 * s.processingMs;
  if (storm) return problems;
  if (live.length > 0) {
    if (g.state !== 'Stable') problems.push(`settled in ${g.state}`);
    const liveIds = new Set(live.map((m) => m.memberId));
    for (const p of g.partitions) {
      if (p.consumerId === null || !liveIds.has(p.consumerId))
        problems.push(`settled with partition ${p.partition} owned by ${p.consumerId ?? 'nobody'}`);
    }
  } else if (g.partitions.some((p) => p.consumerId !== null)) {
    problems.push('no live member, yet partitions are owned');
  }
  return problems;
}

/** Cooperative: A → B with A still in the group needs the revoking and the handing round. */
const cooperativeHandover: StepCheck = (before, after) =>
  directMoves(before, after)
    .filter((m) => stillMember(after, m.from) && after.generation < before.generation + 2)
    .map(
      (m) =>
        `partition ${m.partition} went ${m.from} → ${m.to} within generations ` +
        `${before.generation} → ${after.generation} while ${m.from} stayed`,
    );

/** Eager: members revoke everything before the leader assigns, so any move is a new generation. */
const eagerHandover: StepCheck = (before, after) =>
  directMoves(before, after)
    .filter((m) => stillMember(after, m.from) && after.generation <= before.generation)
    .map(
      (m) => `partition ${m.partition} went ${m.from} → ${m.to} in generation ${after.generation}`,
    );

describe('ownership over random joins, leaves and crashes (kafka-semantics §3, §7)', () => {
  it(
    'cooperative-sticky: one owner per partition; revoked partitions change hands a round later',
    () => {
      fc.assert(
        fc.property(scenarioArb, (s) => {
          expect(play('cooperative-sticky', s, cooperativeHandover)).toEqual([]);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'eager (sticky, range): one owner per partition; every move goes through a new generation',
    () => {
      fc.assert(
        fc.property(scenarioArb, fc.constantFrom<AssignorName>('sticky', 'range'), (s, a) => {
          expect(play(a, s, eagerHandover)).toEqual([]);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'KIP-848 (uniform, range): one owner per partition; members converge',
    () => {
      fc.assert(
        fc.property(
          scenarioArb,
          fc.constantFrom<AssignorName>('kip848-uniform', 'kip848-range'),
          (s, a) => {
            expect(play(a, s)).toEqual([]);
          },
        ),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it('the cooperative check catches a direct hand-over (it can fail)', () => {
    // Two synthetic snapshots: partition 0 goes from its owner to the other member in one round.
    const sim = createSimulation(groupConfig({ app: { assignor: 'cooperative-sticky' } }));
    sim.advance(1000);
    const before = theGroup(sim);
    const from = before.partitions[0]!.consumerId!;
    const to = before.members.find((m) => m.memberId !== from)!.memberId;
    const after: GroupSnapshot = {
      ...before,
      generation: before.generation + 1,
      partitions: before.partitions.map((p, i) => (i === 0 ? { ...p, consumerId: to } : p)),
    };
    expect(cooperativeHandover(before, after)).toHaveLength(1);
    expect(eagerHandover(before, after)).toEqual([]);
    expect(cooperativeHandover(before, { ...after, generation: before.generation + 2 })).toEqual(
      [],
    );
    expect(eagerHandover(before, { ...after, generation: before.generation })).toHaveLength(1);
  });
});
