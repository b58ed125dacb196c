import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationConfigInput } from '../../src/model/index';

const CONFIG: SimulationConfigInput = {
  seed: 9,
  topics: [{ name: 'events', partitions: 4, retention: { maxRecords: 40, segmentRecords: 10 } }],
  producers: [{ id: 'p', topic: 'events', ratePerSec: 50, keys: { mode: 'keyed', count: 7 } }],
  apps: [{ id: 'app', topics: ['events'], instances: 2, processingMs: 30 }],
};

describe('snapshot records', () => {
  it('reuses the views of records still shown, and equals a snapshot built from nothing', () => {
    const sim = createSimulation(CONFIG);
    sim.advance(3_000);
    const before = sim.snapshot({ recordsPerPartition: 12 });
    for (let i = 0; i < 40; i++) {
      sim.advance(97);
      const shown = sim.snapshot({ recordsPerPartition: 5 + (i % 9) });
      // A copy of the simulation has no memo: its snapshot is built from the log alone.
      const fresh = sim.fork().snapshot({ recordsPerPartition: 5 + (i % 9) });
      expect(shown.topics).toEqual(fresh.topics);
    }
    const after = sim.snapshot({ recordsPerPartition: 12 });
    const again = sim.snapshot({ recordsPerPartition: 12 });
    expect(again.topics[0]!.partitions[0]!.records[0]).toBe(
      after.topics[0]!.partitions[0]!.records[0],
    );
    // Retention moved on: what it deleted is not shown again.
    const p = after.topics[0]!.partitions[0]!;
    expect(p.records[0]!.offset).toBeGreaterThanOrEqual(p.logStartOffset);
    expect(before.topics[0]!.partitions[0]!.records.length).toBeGreaterThan(0);
  });
});
