/**
 * kafka-semantics §4 "Burrow": each rule with a crafted commit history (offset, time, lag then),
 * and the group's status as its worst partition's.
 */
import { describe, expect, it } from 'vitest';
import { groupHealth, partitionHealth, type CommitSample } from '../../src/model/lag-health';

/** Commits every 10 s from t=0: [offset, lag] pairs. */
const history = (...points: [number, number][]): CommitSample[] =>
  points.map(([offset, lag], i) => ({ offset, lag, at: i * 10_000 }));

describe('Burrow partition status', () => {
  it('no commits: not evaluated', () => {
    expect(partitionHealth([], 100, 0)).toBeNull();
  });

  it('caught up now (lag within the allowance): OK, whatever the history', () => {
    expect(partitionHealth(history([10, 50], [10, 50]), 10, 20_000)).toBe('OK');
    expect(partitionHealth(history([10, 50], [20, 50]), 25, 20_000, 5)).toBe('OK');
  });

  it('STOP: no commit for longer than the window spans, never caught up in it', () => {
    const h = history([10, 5], [20, 5], [30, 5]); // spans 20 s
    expect(partitionHealth(h, 40, 41_000)).toBe('STOP'); // 21 s since the last commit
    expect(partitionHealth(h, 40, 39_000)).not.toBe('STOP');
    // Caught up once in the window: not STOP (then OK by rule 3).
    expect(partitionHealth(history([10, 0], [20, 5], [30, 5]), 40, 41_000)).toBe('OK');
  });

  it('REWIND: a commit went backwards and did not recover', () => {
    expect(partitionHealth(history([10, 5], [20, 5], [15, 10]), 30, 25_000)).toBe('REWIND');
    // Went back, then past where it was: recovered.
    expect(partitionHealth(history([10, 5], [8, 7], [25, 5]), 30, 25_000)).not.toBe('REWIND');
  });

  it('caught up anywhere in the window: OK', () => {
    expect(partitionHealth(history([10, 0], [10, 5], [10, 9]), 20, 25_000)).toBe('OK');
  });

  it('STALL: every commit is the same offset (while lagging)', () => {
    expect(partitionHealth(history([10, 3], [10, 6], [10, 9]), 20, 25_000)).toBe('STALL');
  });

  it('WARN: the lag never went down', () => {
    expect(partitionHealth(history([10, 3], [12, 4], [14, 4], [16, 6]), 25, 35_000)).toBe('WARN');
  });

  it('otherwise OK: moving, and the lag went down at least once', () => {
    expect(partitionHealth(history([10, 6], [14, 4], [18, 5]), 25, 25_000)).toBe('OK');
  });

  it('only the last 10 commits count', () => {
    const old = history([10, 0]);
    const recent = history(
      ...Array.from({ length: 10 }, (_, i) => [20 + i, 5 + i] as [number, number]),
    ).map((c) => ({ ...c, at: c.at + 10_000 }));
    expect(partitionHealth([...old, ...recent], 60, 105_000)).toBe('WARN');
  });
});

describe('Burrow group status', () => {
  it('is the worst partition, with STOP, STALL and REWIND as ERR', () => {
    expect(groupHealth(['OK', null, 'OK'])).toBe('OK');
    expect(groupHealth(['OK', 'WARN'])).toBe('WARN');
    for (const bad of ['STOP', 'STALL', 'REWIND'] as const)
      expect(groupHealth(['WARN', bad])).toBe('ERR');
  });
});
