import { describe, expect, it } from 'vitest';
import type { LagSeriesSnapshot } from '../../src/model/index';
import { lagCsv } from '../../src/views/exports';

const series = (n: number): LagSeriesSnapshot => ({
  times: [500, 1000],
  totalLag: [3, null],
  maxTimeLagMs: [120, 250],
  partitionLag: Array.from({ length: n }, (_, p) => [p, p + 1]),
});

describe('lag series CSV', () => {
  it('one row per group and sample, a column per partition, blanks for unknown lag', () => {
    const csv = lagCsv({
      panel: { groups: [{ groupId: 'billing' }, { groupId: 'audit' }] },
      lagSeries: (id: string) => series(id === 'billing' ? 3 : 1),
    } as never);
    expect(csv.split('\r\n')).toEqual([
      'group,time_ms,total_lag,max_time_lag_ms,partition_0_lag,partition_1_lag,partition_2_lag',
      'billing,500,3,120,0,1,2',
      'billing,1000,,250,1,2,3',
      'audit,500,3,120,0,,',
      'audit,1000,,250,1,,',
      '',
    ]);
  });

  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    const csv = lagCsv({
      panel: { groups: [{ groupId: 'a,"b"' }, { groupId: '=HYPERLINK("x")' }] },
      lagSeries: () => series(0),
    } as never);
    const rows = csv.split('\r\n');
    expect(rows[1]).toBe('"a,""b""",500,3,120');
    expect(rows[3]).toBe(`"'=HYPERLINK(""x"")",500,3,120`);
  });
});
