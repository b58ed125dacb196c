/**
 * kafka-semantics §4 "kafka-lag-exporter": time lag estimated from sampled log end offsets
 * (interpolated between the bracketing points, extrapolated otherwise), flat runs collapsed,
 * 60 points kept; offset lag floored at 0; NaN where the exporter has nothing to say.
 */
import { describe, expect, it } from 'vitest';
import { EXPORTER_POINTS, exporterOffsetLag, LogEndTable } from '../../src/model/lag-estimate';

describe('kafka-lag-exporter estimates', () => {
  it('interpolates when the log end passed the committed offset between two samples', () => {
    const t = new LogEndTable();
    t.add({ offset: 100, at: 0 });
    t.add({ offset: 200, at: 30_000 });
    t.add({ offset: 300, at: 60_000 });
    // Offset 150 was the log end at 15 s: 45 s ago at 60 s.
    expect(t.timeLag(150, 60_000)).toBe(45_000);
    expect(t.timeLag(300, 60_000)).toBe(0);
  });

  it('extrapolates the first → last trend when no two samples bracket it', () => {
    const t = new LogEndTable();
    t.add({ offset: 100, at: 0 });
    t.add({ offset: 200, at: 30_000 });
    // Offset 40 would have been the log end at -18 s.
    expect(t.timeLag(40, 30_000)).toBe(48_000);
  });

  it('says nothing (NaN) with fewer than two samples, and 0 at the newest offset', () => {
    const t = new LogEndTable();
    expect(t.timeLag(5, 0)).toBeNaN();
    t.add({ offset: 10, at: 0 });
    expect(t.timeLag(10, 5_000)).toBe(0);
    expect(t.timeLag(5, 5_000)).toBeNaN();
  });

  it('collapses flat runs to their first and last sample, and keeps 60 points', () => {
    const t = new LogEndTable();
    t.add({ offset: 100, at: 0 });
    t.add({ offset: 100, at: 30_000 });
    t.add({ offset: 100, at: 60_000 });
    t.add({ offset: 100, at: 90_000 });
    expect(t.size).toBe(2);
    t.add({ offset: 200, at: 120_000 });
    // The log end sat at 100 until 90 s: the record at offset 100 came after, so 30 s of lag.
    expect(t.timeLag(100, 120_000)).toBe(30_000);
    for (let i = 0; i < 100; i++) t.add({ offset: 300 + i, at: 150_000 + i * 30_000 });
    expect(t.size).toBe(EXPORTER_POINTS);
  });

  it('offset lag: latest − committed, floored at 0; NaN with no commit', () => {
    expect(exporterOffsetLag(50, 20)).toBe(30);
    expect(exporterOffsetLag(50, 60)).toBe(0);
    expect(exporterOffsetLag(50, null)).toBeNaN();
  });
});
