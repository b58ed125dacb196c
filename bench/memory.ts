/**
 * Bounded memory: one simulated hour at 2,000 records/s. Memory (JS heap
 * plus typed-array buffers, after a full GC) is read at 30 and 60 simulated
 * minutes; the second half must not grow.
 */
import { createSimulation } from '../src/model/index';
import { gc, print, type Figure } from './harness';

function used(): { heap: number; buffers: number } {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

export function runMemoryBench(): Figure[] {
  const before = used();
  const sim = createSimulation({
    seed: 1,
    topics: [{ name: 'user-events', partitions: 3 }],
    producers: [
      { id: 'p', topic: 'user-events', ratePerSec: 2000, keys: { mode: 'keyed', count: 1000 } },
    ],
    apps: [{ id: 'notifier', topics: ['user-events'], instances: 3, processingMs: 1 }],
  });
  const samples: { minute: number; heap: number; buffers: number }[] = [];
  for (let minute = 1; minute <= 60; minute++) {
    sim.advance(60_000);
    if (minute === 30 || minute === 60) samples.push({ minute, ...used() });
    if (minute === 30 || minute === 60) sim.snapshot();
  }
  const [half, end] = samples as [(typeof samples)[0], (typeof samples)[0]];
  const mb = (b: number) => b / 1_048_576;
  const produced = sim.snapshot({ recordsPerPartition: 0 }).totals.produced;
  const figures: Figure[] = [
    { name: 'records produced', value: produced, unit: 'records' },
    { name: 'heap + buffers at start', value: mb(before.heap + before.buffers), unit: 'MiB' },
    { name: 'heap + buffers at 30 min', value: mb(half.heap + half.buffers), unit: 'MiB' },
    { name: 'heap + buffers at 60 min', value: mb(end.heap + end.buffers), unit: 'MiB' },
    {
      name: 'growth over the second half',
      value: mb(end.heap + end.buffers - half.heap - half.buffers),
      unit: 'MiB',
      note: 'target: flat',
    },
  ];
  print(
    'Memory over one simulated hour at 2,000 records/s (3 partitions, retention 5,000 records each)',
    figures,
  );
  return figures;
}
