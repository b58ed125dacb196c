import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyGraph } from '../../src/model/copy-graph';
import { SampleRing } from '../../src/model/sample-ring';

describe('SampleRing', () => {
  it('reads back what was written, slot by slot, like a plain array', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.nat(), fc.double({ noNaN: true })), { maxLength: 800 }),
        (capacity, writes) => {
          const ring = new SampleRing(capacity, NaN);
          const plain = new Array<number>(capacity).fill(NaN);
          for (const [slot, value] of writes) {
            ring.set(slot % capacity, value);
            plain[slot % capacity] = value;
          }
          for (let i = 0; i < capacity; i++) expect(ring.get(i)).toBe(plain[i]);
        },
      ),
    );
  });

  it('copies share the full chunks and copy the rest; neither sees the other’s later writes', () => {
    const ring = new SampleRing(600);
    for (let i = 0; i < 150; i++) ring.set(i, i);
    const size = { bytes: 0, shared: new Map<object, number>() };
    const copy = copyGraph(ring, size);
    // Slots 0–127 are two full chunks, shared; the chunk being written and the blank ones are
    // not copied whole per slot: the copy costs about one chunk (and the blank chunk is shared).
    expect(size.shared.size).toBeGreaterThanOrEqual(3);
    expect(size.bytes).toBeLessThan(64 * 8 * 2);
    // The ring comes round: both write into their own copies of a shared chunk.
    ring.set(3, -1);
    copy.set(3, -2);
    ring.set(140, -3);
    expect([ring.get(3), copy.get(3), ring.get(140), copy.get(140)]).toEqual([-1, -2, -3, 140]);
    expect(ring.get(4)).toBe(4);
    expect(copy.get(4)).toBe(4);
    // A third copy made before those writes would still read the originals.
    const before = new SampleRing(600);
    for (let i = 0; i < 64; i++) before.set(i, i);
    const snapshot = copyGraph(before);
    before.set(10, 99);
    expect(snapshot.get(10)).toBe(10);
  });
});
