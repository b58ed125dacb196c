import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/views/format-count';

describe('formatCount', () => {
  it('formats like toLocaleString("en-US")', () => {
    const values = [0, -0, 1, -1, 999, 1000, -1000, 123456, 1234567, -9876543210, 1.5, -2.25];
    for (const v of [...values, NaN, Infinity, 2 ** 53, Number.MAX_SAFE_INTEGER]) {
      expect(formatCount(v)).toBe(v.toLocaleString('en-US'));
    }
  });

  it('agrees with toLocaleString("en-US") on any safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (v) => formatCount(v) === v.toLocaleString('en-US')),
    );
  });
});
