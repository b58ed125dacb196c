/**
 * The simulation copies itself for checkpoints: `sim.fork()` must be a
 * whole, independent copy that goes on exactly as the original would, and
 * the graph copier under it must keep the graph's shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  SimulationError,
  type Action,
  type Simulation,
} from '../../src/model/index';
import { copyGraph, isCopying, type ByteCount } from '../../src/model/copy-graph';
import { scenarioArb, type Scenario, type TimedAction } from './support/arbitraries';
import { setup } from './support/sim';

const RUNS = { numRuns: 30, seed: 20260611 };
const TIMEOUT = 60_000;

/** Everything a simulation shows, as one comparable string. */
function state(sim: Simulation): string {
  return JSON.stringify({
    now: sim.now,
    hash: sim.traceHash(),
    length: sim.traceLength(),
    snapshot: sim.snapshot({ recordsPerPartition: 50 }),
  });
}

function tryApply(sim: Simulation, action: Action): void {
  try {
    sim.apply(action);
  } catch (e) {
    if (!(e instanceof SimulationError)) throw e;
  }
}

/** Plays the actions due in (from, to], then on to `to` (those at `from` were applied already). */
function playBetween(sim: Simulation, timeline: readonly TimedAction[], from: number, to: number) {
  for (const { at, action } of timeline) {
    if (at <= from) continue;
    if (at > to) break;
    sim.advanceTo(at);
    tryApply(sim, action);
  }
  sim.advanceTo(to);
}

function straight(scenario: Scenario, to: number): Simulation {
  const sim = createSimulation(scenario.config);
  playBetween(sim, scenario.timeline, -1, to);
  return sim;
}

/** A scenario with a time in it to fork at. */
const forkedArb = scenarioArb().chain((scenario) =>
  fc.record({
    scenario: fc.constant(scenario),
    forkAt: fc.integer({ min: 0, max: scenario.endMs }),
    forkAgainAt: fc.integer({ min: 0, max: scenario.endMs }),
  }),
);

describe('sim.fork(): an independent copy that goes on exactly as the original', () => {
  it('advancing the original never changes the copy, and advancing the copy never changes the original', () => {
    const sim = setup({ partitions: 4 });
    sim.advance(3000);
    const copy = sim.fork();
    const atFork = state(sim);
    expect(state(copy)).toBe(atFork);

    sim.advance(4000);
    sim.apply({ type: 'addPartitions', topic: 'orders', partitions: 6 });
    sim.apply({ type: 'addConsumer', appId: 'app' });
    sim.advance(2000);
    expect(state(copy)).toBe(atFork);
    const original = state(sim);

    copy.apply({ type: 'updateProducer', producerId: 'p', changes: { ratePerSec: 90 } });
    copy.advance(9000);
    expect(state(sim)).toBe(original);
    expect(copy.traceHash()).not.toBe(sim.traceHash());
  });

  it('a fork advanced N ms has the trace and snapshot of a straight run of the same total time', () => {
    const sim = setup({ partitions: 5 });
    sim.advance(2500);
    const copy = sim.fork();
    copy.advance(7500);
    const direct = setup({ partitions: 5 });
    direct.advance(10_000);
    expect(state(copy)).toBe(state(direct));
    sim.advance(7500);
    expect(state(sim)).toBe(state(direct));
  });

  it('forks of forks go on exactly as the original too', () => {
    const direct = setup({ partitions: 3 });
    direct.advance(12_000);
    let sim = setup({ partitions: 3 });
    for (let i = 0; i < 6; i++) {
      sim.advance(2000);
      sim = sim.fork().fork();
    }
    expect(state(sim)).toBe(state(direct));
  });

  it(
    'over random setups and actions: forking at any moment (and forking the fork) changes nothing',
    () => {
      fc.assert(
        fc.property(forkedArb, ({ scenario, forkAt, forkAgainAt }) => {
          const end = scenario.endMs;
          const first = Math.min(forkAt, forkAgainAt);
          const second = Math.max(forkAt, forkAgainAt);
          const direct = straight(scenario, end);

          const sim = createSimulation(scenario.config);
          playBetween(sim, scenario.timeline, -1, first);
          const copy = sim.fork();
          const atFork = state(copy);
          // The original plays on; the copy does not move.
          playBetween(sim, scenario.timeline, first, end);
          expect(state(copy)).toBe(atFork);
          expect(state(sim)).toBe(state(direct));

          // The copy plays on, forked once more on the way.
          playBetween(copy, scenario.timeline, first, second);
          const copyOfCopy = copy.fork();
          playBetween(copy, scenario.timeline, second, end);
          playBetween(copyOfCopy, scenario.timeline, second, end);
          expect(state(copy)).toBe(state(direct));
          expect(state(copyOfCopy)).toBe(state(direct));
        }),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it('the copy keeps its records while the original’s retention deletes old ones and appends more', () => {
    const busy = () =>
      setup({
        topics: [
          { name: 'orders', partitions: 2, retention: { maxRecords: 300, segmentRecords: 50 } },
        ],
        producers: [
          { id: 'p', topic: 'orders', ratePerSec: 200, keys: { mode: 'keyed', count: 12 } },
        ],
      });
    const sim = busy();
    sim.advance(5000);
    const copy = sim.fork();
    const atFork = JSON.stringify(copy.snapshot({ recordsPerPartition: 1000 }));
    const firstKept = sim.snapshot().topics[0]!.partitions[0]!.logStartOffset;
    expect(firstKept).toBeGreaterThan(0);
    sim.advance(10_000);
    expect(sim.snapshot().topics[0]!.partitions[0]!.logStartOffset).toBeGreaterThan(firstKept);
    expect(JSON.stringify(copy.snapshot({ recordsPerPartition: 1000 }))).toBe(atFork);
    expect(copy.inspect('orders', 0, firstKept)).not.toBeNull();
    expect(sim.inspect('orders', 0, firstKept)).toBeNull();
    copy.advance(10_000);
    expect(state(copy)).toBe(state(sim));
    const direct = busy();
    direct.advance(15_000);
    expect(state(copy)).toBe(state(direct));
  });

  it('fork(size) adds a positive byte estimate to what the count held', () => {
    const sim = setup();
    sim.advance(5000);
    const size: ByteCount = { bytes: 1000 };
    sim.fork(size);
    expect(size.bytes).toBeGreaterThan(1000);
    const once = size.bytes - 1000;
    sim.fork(size);
    expect(size.bytes).toBe(1000 + 2 * once);
  });
});

class Point {
  x = 0;
  y = 0;
  constructor(x?: number, y?: number) {
    if (isCopying()) return;
    if (x === undefined || y === undefined) throw new Error('Point needs x and y');
    this.x = x;
    this.y = y;
  }

  length(): number {
    return Math.hypot(this.x, this.y);
  }
}

interface Node {
  name: string;
  next: Node | null;
  friends: Node[];
}

describe('copyGraph: a deep copy that keeps the graph’s shape', () => {
  it('copies plain objects and arrays deeply', () => {
    const original = { a: 1, b: 'text', c: [1, 2, { d: [true, null, undefined] }], e: { f: 2.5 } };
    const copy = copyGraph(original);
    expect(copy).toEqual(original);
    expect(copy).not.toBe(original);
    expect(copy.c).not.toBe(original.c);
    expect(copy.c[2]).not.toBe(original.c[2]);
    expect(copy.e).not.toBe(original.e);
    (copy.e as { f: number }).f = 3;
    expect(original.e.f).toBe(2.5);
  });

  it('keeps shared references shared (one copy for one original)', () => {
    const shared = { value: 1 };
    const original = { left: shared, right: shared, list: [shared, shared] };
    const copy = copyGraph(original);
    expect(copy.left).not.toBe(shared);
    expect(copy.left).toBe(copy.right);
    expect(copy.list[0]).toBe(copy.left);
    expect(copy.list[1]).toBe(copy.left);
  });

  it('keeps cycles as cycles', () => {
    const a: Node = { name: 'a', next: null, friends: [] };
    const b: Node = { name: 'b', next: a, friends: [a] };
    a.next = b;
    a.friends.push(a, b);
    const copy = copyGraph(a);
    expect(copy).not.toBe(a);
    expect(copy.next!.next).toBe(copy);
    expect(copy.friends[0]).toBe(copy);
    expect(copy.friends[1]).toBe(copy.next);
    expect(copy.next!.friends[0]).toBe(copy);
    expect(copy.next).not.toBe(b);
  });

  it('copies Maps and Sets, keys included, keeping object keys the same copies', () => {
    const key = { id: 'k' };
    const original = {
      key,
      map: new Map<object | string, { n: number }>([
        [key, { n: 1 }],
        ['s', { n: 2 }],
      ]),
      set: new Set<object>([key]),
    };
    const copy = copyGraph(original);
    expect(copy.map).not.toBe(original.map);
    expect(copy.key).not.toBe(key);
    expect(copy.map.get(copy.key)).toEqual({ n: 1 });
    expect(copy.map.get(key)).toBeUndefined();
    expect(copy.map.get('s')).not.toBe(original.map.get('s'));
    expect([...copy.map.keys()]).toEqual([copy.key, 's']);
    expect(copy.set.has(copy.key)).toBe(true);
    expect(copy.set.has(key)).toBe(false);
  });

  it('copies typed arrays (contents, not the same buffer), shared ones once', () => {
    const numbers = new Float64Array([1.5, 2.5, 3.5]);
    const original = { numbers, again: numbers, bytes: new Uint8Array([1, 2, 3]) };
    const copy = copyGraph(original);
    expect(copy.numbers).not.toBe(numbers);
    expect(copy.numbers.buffer).not.toBe(numbers.buffer);
    expect(copy.numbers).toBeInstanceOf(Float64Array);
    expect([...copy.numbers]).toEqual([1.5, 2.5, 3.5]);
    expect(copy.again).toBe(copy.numbers);
    copy.numbers[0] = 99;
    copy.bytes[2] = 7;
    expect(numbers[0]).toBe(1.5);
    expect(original.bytes[2]).toBe(3);
  });

  it('shares frozen objects instead of copying them, and does not count them', () => {
    const frozen = Object.freeze({ name: 'retention', values: Object.freeze([1, 2]) });
    const original = { frozen, other: { frozen } };
    const copy = copyGraph(original);
    expect(copy.frozen).toBe(frozen);
    expect(copy.other.frozen).toBe(frozen);
    expect(copy.other).not.toBe(original.other);
    const size: ByteCount = { bytes: 0 };
    expect(copyGraph(frozen, size)).toBe(frozen);
    expect(size.bytes).toBe(0);
  });

  it('copies class instances into blanks of their own class (the constructor sees isCopying)', () => {
    const p = new Point(3, 4);
    const original = { p, list: [p] };
    expect(isCopying()).toBe(false);
    const copy = copyGraph(original);
    expect(isCopying()).toBe(false);
    expect(copy.p).toBeInstanceOf(Point);
    expect(copy.p).not.toBe(p);
    expect(copy.list[0]).toBe(copy.p);
    expect(copy.p.length()).toBe(5);
    expect(Object.keys(copy.p)).toEqual(Object.keys(p));
    copy.p.x = 0;
    expect(p.x).toBe(3);
  });

  it('throws on a function anywhere in the graph (it would tie the copy to the original)', () => {
    const callback = () => 1;
    expect(() => copyGraph({ nested: { callback } })).toThrow(TypeError);
    expect(() => copyGraph({ nested: { callback } })).toThrow(
      /cannot copy a function \(callback\)/,
    );
    expect(() => copyGraph([1, [() => 2]])).toThrow(/cannot copy a function/);
    expect(() => copyGraph(new Map([['k', () => 3]]))).toThrow(/cannot copy a function/);
  });

  it('throws on built-in objects it cannot copy faithfully', () => {
    expect(() => copyGraph({ when: new Date(0) })).toThrow(/built-in object/);
    expect(() => copyGraph({ view: new DataView(new ArrayBuffer(4)) })).toThrow(/DataView/);
  });

  it('copies objects with a null prototype', () => {
    const bare = Object.create(null) as Record<string, number>;
    bare['a'] = 1;
    const copy = copyGraph({ bare });
    expect(copy.bare).not.toBe(bare);
    expect(Object.getPrototypeOf(copy.bare)).toBeNull();
    expect(copy.bare['a']).toBe(1);
  });

  it('adds a positive size estimate that grows with what it copied', () => {
    const size: ByteCount = { bytes: 5 };
    copyGraph({ a: [1, 2, 3] }, size);
    expect(size.bytes).toBeGreaterThan(5);
    const small: ByteCount = { bytes: 0 };
    const large: ByteCount = { bytes: 0 };
    copyGraph({ a: new Float64Array(10) }, small);
    copyGraph({ a: new Float64Array(10_000) }, large);
    expect(small.bytes).toBeGreaterThan(0);
    // A small copy holds a block no larger than it needs.
    expect(small.bytes).toBeLessThan(1024);
    expect(large.bytes).toBeGreaterThanOrEqual(8 * 10_000);
  });

  it('a measured copy (a checkpoint) packs its typed arrays into blocks, each its own, aligned and independent', () => {
    const kinds = [Int8Array, Float64Array, Int16Array, Uint32Array, Uint8Array, Float32Array];
    const arrays = Array.from({ length: 600 }, (_, i) => {
      const Kind = kinds[i % kinds.length]!;
      const a = new Kind(1 + ((i * 7) % 300));
      for (let j = 0; j < a.length; j++) a[j] = (i + j) % 100;
      return a;
    });
    const size: ByteCount = { bytes: 0 };
    const copy = copyGraph({ arrays }, size);
    const payload = arrays.reduce((n, a) => n + a.byteLength, 0);
    // Everything copied is counted, and the blocks waste less than what they hold.
    expect(size.bytes).toBeGreaterThan(payload);
    expect(size.bytes).toBeLessThan(payload * 2 + 600 * 64 + 8 * 1024);
    const buffers = new Set(copy.arrays.map((a) => a.buffer));
    expect(buffers.size).toBeLessThan(20);
    copy.arrays.forEach((a, i) => {
      const original = arrays[i]!;
      expect(a.constructor).toBe(original.constructor);
      expect(a.byteOffset % original.BYTES_PER_ELEMENT).toBe(0);
      expect(Array.from(a)).toEqual(Array.from(original));
      a.fill(100 + (i % 27)); // neighbours of one kind (6 apart) get different values
    });
    // Filling every copy touched no original and no neighbour's bytes.
    arrays.forEach((a, i) => {
      expect(a.every((v, j) => v === (i + j) % 100)).toBe(true);
      expect(copy.arrays[i]!.every((v) => v === 100 + (i % 27))).toBe(true);
    });
  });

  it('a copy that will run (a restore) gives each typed array a buffer of its own', () => {
    // A shared block would be kept alive, whole, by any one array that outlives the others.
    const arrays = Array.from({ length: 50 }, (_, i) => new Float64Array(1 + i).fill(i));
    const copy = copyGraph({ arrays });
    copy.arrays.forEach((a, i) => {
      expect(a.buffer).not.toBe(arrays[i]!.buffer);
      expect(a.buffer.byteLength).toBe(a.byteLength);
      expect(a[i]).toBe(i);
    });
  });

  it('gives a typed array larger than a block its own buffer', () => {
    const big = new Float64Array(20_000).fill(3);
    const copy = copyGraph({ small: new Uint8Array(4), big }, { bytes: 0 });
    expect(copy.big.buffer.byteLength).toBe(big.byteLength);
    expect(copy.big.buffer).not.toBe(copy.small.buffer);
    expect(copy.big[19_999]).toBe(3);
  });
});
