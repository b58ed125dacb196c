/**
 * Engine throughput: records simulated per wall-clock second (each record
 * produced, appended, and processed by every group), for three setups, next
 * to a bare loop measured in the same run that only hashes the same keys and
 * appends them to arrays, and to the floor of the model's own duties for
 * each record (floor.ts), measured in the same run too.
 */
import { createSimulation, partitionForKey, type SimulationConfigInput } from '../src/model/index';
import { floorRate } from './floor';
import { opsPerSecond, print, type Figure } from './harness';

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

/** Records per second through the whole engine. */
function engineRate(s: Setup): number {
  return opsPerSecond(
    () => {
      const sim = createSimulation(s.config);
      sim.advance(60_000);
      return sim.snapshot({ recordsPerPartition: 0 }).totals.produced;
    },
    3,
    300,
  );
}

/** The floor: hash each record's key and append it to its partition's array. */
function bareRate(s: Setup): number {
  const keys = Array.from({ length: s.keys }, (_, i) => String(i + 1));
  let x = 12345;
  return opsPerSecond(
    () => {
      const arrays: string[][] = Array.from({ length: s.partitions }, () => []);
      const n = 200_000;
      for (let i = 0; i < n; i++) {
        x = (Math.imul(x, 1103515245) + 12345) | 0;
        const key = keys[(x >>> 8) % keys.length]!;
        arrays[partitionForKey(key, s.partitions)]!.push(key);
      }
      return n;
    },
    3,
    300,
  );
}

export function runEngineBench(): Figure[] {
  const figures: Figure[] = [];
  for (const s of SETUPS) {
    const bare = bareRate(s);
    const engine = engineRate(s);
    const floorRates: number[] = [];
    const floor = (history: boolean, fingerprint: boolean): number => {
      const rate = floorRate(s.partitions, s.keys, s.groups, s.ratePerSec, {
        history,
        fingerprint,
      });
      floorRates.push(rate);
      return rate / bare;
    };
    figures.push({ name: `${s.name}: engine`, value: engine, unit: 'records/s' });
    figures.push({ name: `${s.name}: bare hash+append loop`, value: bare, unit: 'records/s' });
    figures.push({
      name: `${s.name}: engine ÷ bare`,
      value: engine / bare,
      unit: '×',
      note: 'target ≥ 0.5',
    });
    figures.push({
      name: `${s.name}: floor, metrics only ÷ bare`,
      value: floor(false, false),
      unit: '×',
      note: 'no queue, no timers',
    });
    figures.push({
      name: `${s.name}: floor with history ÷ bare`,
      value: floor(true, false),
      unit: '×',
      note: "+ Inspect's who and when",
    });
    figures.push({
      name: `${s.name}: floor with history and fingerprint ÷ bare`,
      value: floor(true, true),
      unit: '×',
      note: '+ the trace hash: the least any faithful engine does',
    });
    figures.push({
      name: `${s.name}: engine ÷ that floor`,
      value: engine / floorRates.at(-1)!,
      unit: '×',
      note: 'steadier than ÷ bare: both loops do the same kind of work',
    });
  }
  print('Engine throughput (median of 3 runs; same process, same keys)', figures);
  return figures;
}
