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
