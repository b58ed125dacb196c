import { describe, expect, it } from 'vitest';
import { createSimulation, type SimulationConfigInput } from '../../src/model/index';
import { Checkpoints } from '../../src/session/checkpoints';

/** 16 partitions with a long retention window: consecutive checkpoints overlap a lot. */
const WIDE: SimulationConfigInput = {
  seed: 3,
  topics: [{ name: 'events', partitions: 16 }],
  producers: [{ id: 'p', topic: 'events', ratePerSec: 800, keys: { mode: 'keyed', count: 50 } }],
  apps: [{ id: 'app', topics: ['events'], instances: 4, processingMs: 1 }],
};
const CURSORS = { script: 0, log: 0 };

describe('Checkpoints', () => {
  it('share full log chunks: a checkpoint soon after another costs what changed, not the window', () => {
    const sim = createSimulation(WIDE);
    const checkpoints = new Checkpoints(0, {
      budgetBytes: Infinity,
      maxCount: 100,
      firstSpacingMs: 1000,
    });
    sim.advanceTo(60_000);
    checkpoints.add(sim, CURSORS);
    // One checkpoint: its chunks are the live simulation's, so it adds little.
    const one = checkpoints.stats.bytes;
    sim.advanceTo(61_000);
    checkpoints.add(sim, CURSORS);
    const two = checkpoints.stats.bytes;
    const window = 16 * 5000 * 24;
    expect(one).toBeLessThan(window / 2);
    // The second shares all but ~800 records' chunks with the first.
    expect(two - one).toBeLessThan(window / 4);
    expect(checkpoints.stats.count).toBe(2);
  });

  it('stay under the byte budget and the count, doubling the spacing; the origin stays', () => {
    const sim = createSimulation(WIDE);
    const budget = 4 * 1024 * 1024;
    const checkpoints = new Checkpoints(0, {
      budgetBytes: budget,
      maxCount: 16,
      firstSpacingMs: 500,
    });
    checkpoints.add(sim, CURSORS);
    for (let t = 500; t <= 600_000; t += 500) {
      sim.advanceTo(t);
      checkpoints.add(sim, CURSORS);
      const { count, bytes } = checkpoints.stats;
      expect(count).toBeLessThanOrEqual(16);
      if (count > 1) expect(bytes).toBeLessThanOrEqual(budget);
    }
    expect(checkpoints.stats.spacingMs).toBeGreaterThan(500);
    expect(checkpoints.latestAtOrBefore(1)!.at).toBe(0);
    expect(checkpoints.latestAtOrBefore(600_000)!.at % checkpoints.stats.spacingMs).toBe(0);
  });

  it('forgetting checkpoints releases what only they held', () => {
    const sim = createSimulation(WIDE);
    const checkpoints = new Checkpoints(0, {
      budgetBytes: Infinity,
      maxCount: 100,
      firstSpacingMs: 1000,
    });
    checkpoints.add(sim, CURSORS);
    const empty = checkpoints.stats.bytes;
    for (let t = 1000; t <= 30_000; t += 1000) {
      sim.advanceTo(t);
      checkpoints.add(sim, CURSORS);
    }
    expect(checkpoints.stats.bytes).toBeGreaterThan(empty);
    checkpoints.dropAfter(0);
    expect(checkpoints.stats).toMatchObject({ count: 1, bytes: empty });
  });

  it('space out so a large setup copies no more than its byte rate per simulated second', () => {
    const sim = createSimulation(WIDE);
    const rate = 16 * 1024;
    const checkpoints = new Checkpoints(0, {
      budgetBytes: Infinity,
      maxCount: 1000,
      firstSpacingMs: 1000,
      copyBytesPerSecond: rate,
    });
    checkpoints.add(sim, CURSORS);
    let copied = 0;
    for (let t = 1000; t <= 60_000; t += 1000) {
      sim.advanceTo(t);
      if (t % checkpoints.spacingMs !== 0) continue;
      const size = { bytes: 0 };
      sim.fork(size);
      copied = size.bytes;
      checkpoints.add(sim, CURSORS);
    }
    // One copy of this setup is several times the rate: the grid is spaced out to match.
    expect(copied).toBeGreaterThan(rate);
    expect(checkpoints.spacingMs).toBeGreaterThan(1000);
    expect((copied * 1000) / checkpoints.spacingMs).toBeLessThanOrEqual(rate);
    // Without the rule the same run keeps a checkpoint a second.
    const dense = new Checkpoints(0, {
      budgetBytes: Infinity,
      maxCount: 1000,
      firstSpacingMs: 1000,
    });
    const again = createSimulation(WIDE);
    for (let t = 1000; t <= 10_000; t += 1000) {
      again.advanceTo(t);
      dense.add(again, CURSORS);
    }
    expect(dense.spacingMs).toBe(1000);
  });
});
