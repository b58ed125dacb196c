import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../src/model/index';
import { copyGraph } from '../../src/model/copy-graph';
import { PartitionLog, type RecordColumns } from '../../src/model/partition-log';

const retention = { maxRecords: 1000, maxAgeMs: null, segmentRecords: 100 };

function fill(log: PartitionLog, from: number, n: number): void {
  for (let i = 0; i < n; i++) {
    const t = from + i;
    log.append(t, t, t % 7, t % 2 === 0, t % 3, t % 5 === 0 ? 1 : 0);
  }
}

function columns(log: PartitionLog, offset: number): RecordColumns & { t: number; p: number } {
  const out: RecordColumns = { entity: 0, keyed: false, sequence: 0, poison: false, value: '' };
  log.read(offset, out);
  return { ...out, t: log.timestampAt(offset), p: log.producerAt(offset) };
}

describe('PartitionLog storage', () => {
  it.each([256, 300])(
    'an expired active segment empties the log (%i records); appends then go on from its end',
    (n) => {
      const log = new PartitionLog(0, 0, { ...retention, maxAgeMs: 1000 }, 0);
      fill(log, 0, n);
      expect(log.applyRetention(n + 2000)).toBe(n);
      expect([log.logStartOffset, log.logEndOffset]).toEqual([n, n]);
      fill(log, n + 2000, 200);
      expect(log.logEndOffset).toBe(n + 200);
      for (let o = n; o < n + 200; o++) expect(columns(log, o).t).toBe(o + 2000);
    },
  );

  it('reads back every record appended, across chunk boundaries and after retention', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 5 }),
        (n, checks) => {
          const log = new PartitionLog(0, 0, retention, 0);
          for (let k = 0; k <= checks; k++) {
            fill(log, log.logEndOffset, Math.ceil(n / (checks + 1)));
            log.applyRetention(log.logEndOffset);
          }
          expect(log.size).toBeLessThanOrEqual(retention.maxRecords + retention.segmentRecords);
          expect(log.logStartOffset % retention.segmentRecords).toBe(0);
          for (let o = log.logStartOffset; o < log.logEndOffset; o++) {
            expect(columns(log, o)).toMatchObject({
              t: o,
              entity: o % 7,
              keyed: o % 2 === 0,
              sequence: o,
              poison: o % 5 === 0,
              p: o % 3,
            });
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a full chunk is frozen and shared by copies; the active chunk is copied', () => {
    const log = new PartitionLog(0, 0, retention, 0);
    fill(log, 0, 300);
    const size = { bytes: 0, shared: new Map<object, number>() };
    const copy = copyGraph(log, size);
    // 300 records: two full chunks of 128 shared, the third (44 records) copied.
    const shared = [...size.shared.keys()];
    const chunks = shared.filter((o) => !(o instanceof ArrayBuffer));
    expect(chunks).toHaveLength(2);
    for (const chunk of chunks) expect(Object.isFrozen(chunk)).toBe(true);
    // What they keep alive is counted whole: their slabs, a chunk's and then two chunks'
    // memory (this retention keeps 1,200 records: slabs of at most 2 chunks of 128 × 24 bytes).
    const buffers = shared.filter((o) => o instanceof ArrayBuffer);
    expect(buffers.map((b) => size.shared.get(b))).toEqual([128 * 24, 2 * 128 * 24]);
    fill(copy, 300, 50);
    fill(log, 300, 10);
    expect(copy.logEndOffset).toBe(350);
    expect(log.logEndOffset).toBe(310);
    expect(columns(log, 305).t).toBe(305);
    expect(columns(copy, 349).t).toBe(349);
  });

  it('a copy and its original append into memory of their own (no slab is shared)', () => {
    const log = new PartitionLog(0, 0, retention, 0);
    fill(log, 0, 300);
    const copy = copyGraph(log);
    // Both grow by several chunks, interleaved, with different timestamps.
    for (let i = 0; i < 700; i++) {
      log.append(10_000 + i, 0, 0, true, 0, 0);
      copy.append(20_000 + i, 0, 0, true, 0, 0);
    }
    for (let offset = 300; offset < 1000; offset++) {
      expect(log.timestampAt(offset)).toBe(10_000 + offset - 300);
      expect(copy.timestampAt(offset)).toBe(20_000 + offset - 300);
    }
    for (let offset = 0; offset < 300; offset++) expect(copy.timestampAt(offset)).toBe(offset);
  });

  it('a copy keeps the records its original has since deleted by retention', () => {
    const log = new PartitionLog(0, 0, retention, 0);
    fill(log, 0, 900);
    const checkpoint = copyGraph(log);
    fill(log, 900, 2000);
    log.applyRetention(3000);
    expect(log.logStartOffset).toBeGreaterThan(900);
    expect(columns(checkpoint, 0).t).toBe(0);
    expect(columns(checkpoint, 899).t).toBe(899);
  });

  it('runs retention early when the log outgrows its window between checks (memory stays bounded)', () => {
    const log = new PartitionLog(0, 0, DEFAULT_RETENTION, 0);
    const limit = DEFAULT_RETENTION.maxRecords + 2 * DEFAULT_RETENTION.segmentRecords;
    fill(log, 0, limit * 3);
    expect(log.size).toBeLessThanOrEqual(limit);
    expect(columns(log, log.logEndOffset - 1).t).toBe(limit * 3 - 1);
  });
});
