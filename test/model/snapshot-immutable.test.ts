import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  type Simulation,
  type SimulationConfigInput,
} from '../../src/model/index';

/** Every part a snapshot can carry: keys, DLQ, auto-commit, a rebalance, records shown. */
const CONFIG: SimulationConfigInput = {
  seed: 5,
  topics: [{ name: 'orders', partitions: 3, retention: { maxRecords: 60, segmentRecords: 20 } }],
  producers: [
    {
      id: 'shop',
      topic: 'orders',
      ratePerSec: 40,
      keys: { mode: 'keyed', count: 5 },
      poisonRate: 0.05,
    },
  ],
  apps: [
    {
      id: 'billing',
      topics: ['orders'],
      instances: 2,
      processingMs: 20,
      commit: { mode: 'auto', intervalMs: 500 },
      onFailure: { policy: 'dead-letter', retries: 1, topic: null },
    },
  ],
};

/** A value of another type, so a changed field cannot go unnoticed. */
const JUNK = { junk: true };

/**
 * Scribbles over everything in `value` that can be written: each field of a
 * non-frozen object or array (deepest first), and pushes onto its arrays.
 * Frozen parts refuse every write (strict mode throws); they are counted.
 */
function scribble(value: unknown, seen = new Set<object>()): { written: number; refused: number } {
  const tally = { written: 0, refused: 0 };
  if (typeof value !== 'object' || value === null || seen.has(value)) return tally;
  seen.add(value);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const inner = scribble(record[key], seen);
    tally.written += inner.written;
    tally.refused += inner.refused;
  }
  for (const key of Object.keys(record)) {
    try {
      record[key] = JUNK;
      tally.written++;
    } catch {
      tally.refused++;
    }
  }
  if (Array.isArray(value)) {
    try {
      value.push(JUNK);
    } catch {
      tally.refused++;
    }
  }
  return tally;
}

function run(sim: Simulation, spoil: boolean): { written: number; refused: number } {
  const tally = { written: 0, refused: 0 };
  for (let step = 0; step < 30; step++) {
    sim.advance(400);
    if (step === 10) sim.apply({ type: 'addConsumer', appId: 'billing' });
    if (!spoil) continue;
    for (const part of [
      sim.snapshot({ recordsPerPartition: 8 }),
      sim.config,
      sim.inspect('orders', step % 3, 0),
    ]) {
      const t = scribble(part);
      tally.written += t.written;
      tally.refused += t.refused;
    }
  }
  return tally;
}

describe('snapshots cannot change the simulation', () => {
  it('writing over every writable part of snapshots, the config and inspections leaves the run as it was', () => {
    const clean = createSimulation(CONFIG);
    const spoiled = createSimulation(CONFIG);
    run(clean, false);
    const tally = run(spoiled, true);
    // The scribbling did reach both kinds of parts: fresh copies and frozen shared ones.
    expect(tally.written).toBeGreaterThan(1000);
    expect(tally.refused).toBeGreaterThan(100);
    expect(spoiled.traceHash()).toBe(clean.traceHash());
    expect(JSON.stringify(spoiled.snapshot())).toBe(JSON.stringify(clean.snapshot()));
    expect(spoiled.config).toEqual(clean.config);
    const snapshot = spoiled.snapshot();
    expect(snapshot.groups[0]!.rebalances.length).toBeGreaterThan(0);
    expect(snapshot.totals.deadLettered).toBeGreaterThan(0);
  });

  it('the parts a snapshot shares with the model are frozen: configs, retention, records, rebalances', () => {
    const sim = createSimulation(CONFIG);
    sim.advance(5_000);
    sim.apply({ type: 'addConsumer', appId: 'billing' });
    sim.advance(5_000);
    const s = sim.snapshot();
    expect(Object.isFrozen(s.topics[0]!.retention)).toBe(true);
    expect(Object.isFrozen(s.producers[0]!.keys)).toBe(true);
    expect(Object.isFrozen(s.apps[0]!.commit)).toBe(true);
    expect(Object.isFrozen(s.apps[0]!.onFailure)).toBe(true);
    expect(Object.isFrozen(s.apps[0]!.topics)).toBe(true);
    expect(Object.isFrozen(s.topics[0]!.partitions[0]!.records[0])).toBe(true);
    expect(Object.isFrozen(s.groups[0]!.rebalances[0])).toBe(true);
    expect(() => {
      (s.topics[0]!.retention as { maxRecords: number }).maxRecords = 1;
    }).toThrow(TypeError);
  });
});
