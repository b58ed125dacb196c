import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/model/index';
import { scenarioArb } from './support/arbitraries';
import { play } from './support/run';

const RUNS = { numRuns: 60, seed: 20261127 };
/** Property runs play many simulations; give them room on a loaded CI machine. */
const TIMEOUT = 120_000;

/** Invariants of a Kafka log and group that must hold at every instant. */
function checkInvariants(previous: Snapshot | null, s: Snapshot): void {
  for (const topic of s.topics) {
    topic.partitions.forEach((p, i) => {
      expect(p.logStartOffset).toBeLessThanOrEqual(p.logEndOffset);
      const before = previous?.topics.find((t) => t.name === topic.name)?.partitions[i];
      if (before) {
        // Offsets only grow.
        expect(p.logEndOffset).toBeGreaterThanOrEqual(before.logEndOffset);
        expect(p.logStartOffset).toBeGreaterThanOrEqual(before.logStartOffset);
      }
    });
  }
  for (const group of s.groups) {
    const owners = new Map<string, string>();
    for (const member of group.members) {
      for (const [topic, partition] of member.assignment) {
        const key = `${topic}-${partition}`;
        // Within a group no partition has two owners.
        expect(owners.get(key), `${key} owned twice in ${group.groupId}`).toBeUndefined();
        owners.set(key, member.memberId);
      }
    }
    for (const row of group.partitions) {
      if (row.currentOffset !== null)
        expect(row.currentOffset).toBeLessThanOrEqual(row.logEndOffset);
      if (row.lag !== null) expect(row.lag).toBeGreaterThanOrEqual(0);
      expect(row.lag === null).toBe(row.currentOffset === null);
      if (row.timeLagMs !== null) expect(row.timeLagMs).toBeGreaterThanOrEqual(0);
    }
  }
}

describe('model invariants over random setups and actions (fast-check)', () => {
  it(
    'offsets only grow, committed ≤ log end, one owner per partition, lag ≥ 0',
    () => {
      fc.assert(
        fc.property(scenarioArb(), (scenario) => {
          let previous: Snapshot | null = null;
          play(scenario, 500, (s) => {
            checkInvariants(previous, s);
            previous = s;
          });
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'keyed records with an unchanged partition count give zero ordering violations',
    () => {
      fc.assert(
        fc.property(scenarioArb({ keyedOnly: true }), (scenario) => {
          const { snapshots } = play(scenario);
          expect(snapshots.at(-1)!.totals.orderingViolations).toBe(0);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'committing after processing loses nothing (at-least-once)',
    () => {
      fc.assert(
        fc.property(scenarioArb({ commit: { mode: 'after-processing' } }), (scenario) => {
          const { snapshots } = play(scenario);
          expect(snapshots.at(-1)!.totals.lost).toBe(0);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'committing before processing duplicates nothing (at-most-once)',
    () => {
      fc.assert(
        fc.property(scenarioArb({ commit: { mode: 'before-processing' } }), (scenario) => {
          const { snapshots } = play(scenario);
          expect(snapshots.at(-1)!.totals.duplicates).toBe(0);
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'the same config, seed and timed actions give the same trace hash',
    () => {
      fc.assert(
        fc.property(scenarioArb(), (scenario) => {
          expect(play(scenario, 700).sim.traceHash()).toBe(play(scenario, 300).sim.traceHash());
        }),
        { ...RUNS, numRuns: 30 },
      );
    },
    TIMEOUT,
  );
});
