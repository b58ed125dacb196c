/**
 * Determinism of the group machinery: the same config and timed actions give
 * the same trace and snapshot, for every protocol and client (kafka-semantics
 * §3, §7), and a fork (checkpoint) taken mid-rebalance goes on exactly as the
 * original would have.
 */
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type Action,
  type AssignorName,
  type ClientFlavour,
  type Simulation,
  type SimulationConfigInput,
} from '../../../src/model/index';
import { groupConfig, theGroup } from './helpers';

interface Case {
  readonly name: string;
  readonly client: ClientFlavour;
  readonly assignor: AssignorName;
  readonly staticMembership?: boolean;
}

const CASES: readonly Case[] = [
  { name: 'java eager (range)', client: 'java', assignor: 'range' },
  {
    name: 'java eager (sticky), static',
    client: 'java',
    assignor: 'sticky',
    staticMembership: true,
  },
  { name: 'java cooperative-sticky', client: 'java', assignor: 'cooperative-sticky' },
  { name: 'java KIP-848 uniform', client: 'java', assignor: 'kip848-uniform' },
  { name: 'java KIP-848 range', client: 'java', assignor: 'kip848-range' },
  { name: 'kafkajs round robin', client: 'kafkajs', assignor: 'kafkajs-roundrobin' },
];

function config(c: Case, seed = 11): SimulationConfigInput {
  return groupConfig({
    seed,
    app: {
      client: c.client,
      assignor: c.assignor,
      staticMembership: c.staticMembership ?? false,
      instances: 3,
      processingMs: 25,
      jitter: 0.3,
      sessionTimeoutMs: 10_000,
    },
  });
}

/** Membership churn: joins, a clean stop, a crash, a slower handler, another join. */
const TIMELINE: readonly { at: number; action: Action }[] = [
  { at: 3000, action: { type: 'addConsumer', appId: 'app' } },
  { at: 6500, action: { type: 'stopConsumer', memberId: 'app-2' } },
  { at: 9000, action: { type: 'crashConsumer', memberId: 'app-1' } },
  { at: 9000, action: { type: 'updateApp', appId: 'app', changes: { processingMs: 40 } } },
  { at: 14_000, action: { type: 'addConsumer', appId: 'app' } },
];

/** Plays TIMELINE up to `until`, advancing in steps of `step` ms between actions. */
function playTo(sim: Simulation, until: number, step: number, from = 0): void {
  for (const { at, action } of TIMELINE) {
    if (at < from || at > until) continue;
    while (sim.now + step < at) sim.advance(step);
    sim.advanceTo(at);
    sim.apply(action);
  }
  while (sim.now + step < until) sim.advance(step);
  sim.advanceTo(until);
}

describe('same config and actions, same run (determinism)', () => {
  it.each(CASES)('$name: same trace and snapshot, however time is stepped', (c) => {
    const a = createSimulation(config(c));
    const b = createSimulation(config(c));
    playTo(a, 40_000, 40_000);
    playTo(b, 40_000, 137);
    expect(b.traceHash()).toBe(a.traceHash());
    expect(b.traceLength()).toBe(a.traceLength());
    expect(b.snapshot()).toEqual(a.snapshot());
    // The run did go through the group machinery it is meant to exercise.
    const g = theGroup(a);
    expect(g.counters.rebalances).toBeGreaterThanOrEqual(2);
    expect(g.counters.processed).toBeGreaterThan(100);
  });

  it.each(CASES)('$name: another seed gives another trace', (c) => {
    const a = createSimulation(config(c, 11));
    const b = createSimulation(config(c, 12));
    playTo(a, 20_000, 1000);
    playTo(b, 20_000, 1000);
    expect(b.traceHash()).not.toBe(a.traceHash());
  });
});

describe('a fork taken mid-rebalance goes on as the original (determinism)', () => {
  it.each(CASES)('$name', (c) => {
    const plain = createSimulation(config(c));
    playTo(plain, 40_000, 250);

    const original = createSimulation(config(c));
    playTo(original, 3000, 250); // the first join: a rebalance begins
    original.advance(20);
    const state = theGroup(original).state;
    expect(state, 'forked mid-rebalance').not.toBe('Stable');
    const before = original.traceHash();
    const fork = original.fork();

    // The fork is independent: running it does not move the original.
    playTo(fork, 40_000, 250, 3001);
    expect(original.traceHash()).toBe(before);
    expect(original.now).toBe(3020);

    playTo(original, 40_000, 250, 3001);
    expect(fork.traceHash()).toBe(plain.traceHash());
    expect(original.traceHash()).toBe(plain.traceHash());
    expect(fork.snapshot()).toEqual(plain.snapshot());
  });

  it('a fork between the two cooperative rounds hands the same partitions over', () => {
    const c: Case = { name: 'coop', client: 'java', assignor: 'cooperative-sticky' };
    const sim = createSimulation(config(c));
    playTo(sim, 3000, 250);
    // Step to the first round's end: generation 2 logged, the follow-up under way.
    for (let i = 0; i < 5000 && theGroup(sim).rebalances.length === 0; i++) sim.advance(1);
    const mid = theGroup(sim);
    expect(mid.rebalances).toHaveLength(1);
    expect(mid.rebalances[0]!.moved).toBe(0);
    expect(mid.state).not.toBe('Stable');
    const fork = sim.fork();
    sim.advance(5000);
    fork.advance(5000);
    expect(fork.traceHash()).toBe(sim.traceHash());
    expect(theGroup(fork)).toEqual(theGroup(sim));
    expect(theGroup(sim).rebalances[1]!.moved).toBeGreaterThan(0);
  });
});
