/**
 * Engine throughput: records simulated per wall-clock second (each record
 * produced, appended, and processed by every group), for three setups, next
 * to a bare loop that only hashes the same keys and appends them to arrays,
 * and to the floor of the model's own duties for each record (floor.ts). All
 * run side by side, round after round (harness.ts, interleaved), and each
 * ratio is the median of the rounds' own ratios.
 */
import { createSimulation, partitionForKey, type SimulationConfigInput } from '../src/model/index';
import { floorBody } from './floor';
import { interleaved, print, type Figure } from './harness';

interface Setup {
  readonly name: string;
  readonly partitions: number;
  readonly keys: number;
  readonly groups: number;
  readonly ratePerSec: number;
  readonly config: SimulationConfigInput;
}

function setup(
  name: string,
  partitions: number,
  keys: number,
  groups: number,
  consumers: number,
  ratePerSec: number,
): Setup {
  return {
    name,
    partitions,
    keys,
    groups,
    ratePerSec,
    config: {
      seed: 1,
      topics: [
        { name: 'events', partitions, retention: { maxRecords: 5000, segmentRecords: 500 } },
      ],
      producers: [{ id: 'p', topic: 'events', ratePerSec, keys: { mode: 'keyed', count: keys } }],
      apps: Array.from({ length: groups }, (_, g) => ({
        id: `g${g}`,
        topics: ['events'],
        instances: consumers,
        processingMs: 1,
        jitter: 0.2,
      })),
      cluster: { sampleIntervalMs: 500 },
    },
  };
}

export const SETUPS: readonly Setup[] = [
  setup('3 partitions, 1 group', 3, 100, 1, 3, 2000),
  setup('64 partitions, 3 groups, 2,000 keys', 64, 2000, 3, 16, 4000),
  setup('256 partitions, 1 group', 256, 2000, 1, 64, 4000),
];

/**
 * One engine run: a minute of simulated time; returns the records produced.
 *
 * A simulation made after the warm-up stays alive meanwhile, as the lab's
 * always does. Otherwise each full GC collects the last run's objects and,
 * with them, the hidden classes V8 made for them; every optimised function
 * that checks those classes is thrown away and compiled again (`node
 * --trace-deopt`: "weak objects"), so the run after a GC took 3 to 7 times
 * as long, which no page that keeps its simulation ever sees.
 */
function engineBody(s: Setup): () => number {
  let alive: unknown = null;
  let runs = 0;
  return () => {
    // Not the first few: V8 settles an object's size only after a few of each kind are made.
    if (++runs === 4) alive = createSimulation(s.config);
    const sim = createSimulation(s.config);
    sim.advance(60_000);
    return sim.snapshot({ recordsPerPartition: 0 }).totals.produced + (alive === sim ? 1 : 0);
  };
}

/** The floor: hash each record's key and append it to its partition's array. */
function bareBody(s: Setup): () => number {
  const keys = Array.from({ length: s.keys }, (_, i) => String(i + 1));
  let x = 12345;
  return () => {
    const arrays: string[][] = Array.from({ length: s.partitions }, () => []);
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      const key = keys[(x >>> 8) % keys.length]!;
      arrays[partitionForKey(key, s.partitions)]!.push(key);
    }
    return n;
  };
}

export function runEngineBench(): Figure[] {
  const figures: Figure[] = [];
  for (const s of SETUPS) {
    const floor = (history: boolean, fingerprint: boolean): (() => number) =>
      floorBody(s.partitions, s.keys, s.groups, s.ratePerSec, { history, fingerprint });
    const m = interleaved({
      bare: bareBody(s),
      engine: engineBody(s),
      metrics: floor(false, false),
      history: floor(true, false),
      all: floor(true, true),
    });
    const [low, high] = m.spread('engine', 'bare');
    figures.push({ name: `${s.name}: engine`, value: m.rate('engine'), unit: 'records/s' });
    figures.push({
      name: `${s.name}: bare hash+append loop`,
      value: m.rate('bare'),
      unit: 'records/s',
    });
    figures.push({
      name: `${s.name}: engine ÷ bare`,
      value: m.ratio('engine', 'bare'),
      unit: '×',
      note: `target ≥ 0.5; rounds ${low.toFixed(2)}–${high.toFixed(2)}`,
    });
    figures.push({
      name: `${s.name}: floor, metrics only ÷ bare`,
      value: m.ratio('metrics', 'bare'),
      unit: '×',
      note: 'no queue, no timers',
    });
    figures.push({
      name: `${s.name}: floor with history ÷ bare`,
      value: m.ratio('history', 'bare'),
      unit: '×',
      note: "+ Inspect's who and when",
    });
    figures.push({
      name: `${s.name}: floor with history and fingerprint ÷ bare`,
      value: m.ratio('all', 'bare'),
      unit: '×',
      note: '+ the trace hash: the least any faithful engine does',
    });
    figures.push({
      name: `${s.name}: engine ÷ that floor`,
      value: m.ratio('engine', 'all'),
      unit: '×',
      note: 'both loops do the same kind of work',
    });
  }
  print('Engine throughput (median of 9 interleaved rounds; same process, same keys)', figures);
  return figures;
}
