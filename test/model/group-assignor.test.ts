/**
 * A group with Java's sticky assignor (kafka-semantics §3, eager protocol): members report the
 * assignment they had when they rejoin, so a joining consumer takes only what balance needs,
 * while range re-deals the blocks.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type AssignorName } from '../../src/model/index';

function owners(assignor: AssignorName): { before: (string | null)[]; after: (string | null)[] } {
  const sim = createSimulation({
    seed: 1,
    topics: [{ name: 'events', partitions: 6 }],
    producers: [{ id: 'p', topic: 'events', ratePerSec: 20 }],
    apps: [{ id: 'app', topics: ['events'], instances: 2, assignor, processingMs: 5 }],
  });
  sim.advance(5_000);
  const read = () => sim.snapshot().groups[0]!.partitions.map((p) => p.consumerId);
  const before = read();
  sim.apply({ type: 'addConsumer', appId: 'app' });
  sim.advance(20_000);
  expect(sim.snapshot().groups[0]!.state).toBe('Stable');
  return { before, after: read() };
}

describe('sticky assignor in a group', () => {
  it('a joining consumer takes two partitions and no one else loses more than it must', () => {
    const sticky = owners('sticky');
    const range = owners('range');
    const moved = (o: { before: (string | null)[]; after: (string | null)[] }) =>
      o.before.filter((owner, p) => owner !== o.after[p]).length;
    expect(new Set(sticky.after).size).toBe(3);
    expect(moved(sticky)).toBe(2);
    expect(moved(range)).toBe(3);
    // Each existing member kept two of the three it had.
    for (const member of new Set(sticky.before)) {
      const kept = sticky.before.filter((o, p) => o === member && sticky.after[p] === member);
      expect(kept).toHaveLength(2);
    }
  });
});

describe('switching a group’s assignor (setAssignor)', () => {
  const config = (assignor: AssignorName, groupId?: string) => ({
    seed: 2,
    topics: [{ name: 'events', partitions: 6 }],
    producers: [{ id: 'p', topic: 'events', ratePerSec: 20 }],
    apps: [
      { id: 'a', topics: ['events'], instances: 2, assignor, processingMs: 5 },
      { id: 'b', groupId: groupId ?? 'b', topics: ['events'], instances: 1, assignor },
    ],
  });

  it('every app of the group switches and the group rebalances with the new strategy', () => {
    const sim = createSimulation(config('range', 'a'));
    sim.advance(5_000);
    const generation = sim.snapshot().groups[0]!.generation;
    sim.apply({ type: 'setAssignor', groupId: 'a', assignor: 'sticky' });
    sim.advance(10_000);
    const group = sim.snapshot().groups[0]!;
    expect(group).toMatchObject({ assignor: 'sticky', state: 'Stable' });
    expect(group.generation).toBeGreaterThan(generation);
    expect(sim.config.apps.map((x) => x.assignor)).toEqual(['sticky', 'sticky']);
    // The same strategy again changes nothing.
    sim.apply({ type: 'setAssignor', groupId: 'a', assignor: 'sticky' });
    sim.advance(10_000);
    expect(sim.snapshot().groups[0]!.generation).toBe(group.generation);
  });

  it('refuses an unknown group or strategy, with where and what', () => {
    const sim = createSimulation(config('range'));
    expect(() => sim.apply({ type: 'setAssignor', groupId: 'nope', assignor: 'sticky' })).toThrow(
      /^action\.groupId: no group "nope"/,
    );
    expect(() =>
      sim.apply({ type: 'setAssignor', groupId: 'a', assignor: 'magic' } as never),
    ).toThrow(
      /^action\.assignor: unknown assignor "magic"; expected one of range, roundrobin, sticky/,
    );
  });

  it('side by side on the same traffic: the sticky group moves fewer partitions than range', () => {
    const sim = createSimulation({
      seed: 3,
      topics: [{ name: 'events', partitions: 6 }],
      producers: [{ id: 'p', topic: 'events', ratePerSec: 20 }],
      apps: [
        { id: 'ranged', topics: ['events'], instances: 2, assignor: 'range' },
        { id: 'sticky', topics: ['events'], instances: 2, assignor: 'sticky' },
      ],
    });
    sim.advance(5_000);
    const owners = () =>
      Object.fromEntries(
        sim.snapshot().groups.map((g) => [g.groupId, g.partitions.map((p) => p.consumerId)]),
      );
    const before = owners();
    sim.apply({ type: 'addConsumer', appId: 'ranged' });
    sim.apply({ type: 'addConsumer', appId: 'sticky' });
    sim.advance(20_000);
    const after = owners();
    const moved = (g: string) => before[g]!.filter((o, p) => o !== after[g]![p]).length;
    expect(moved('sticky')).toBeLessThan(moved('ranged'));
  });
});
