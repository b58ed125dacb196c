import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearScale } from '../../src/views/linear-scale';

const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

describe('linearScale tick labels', () => {
  const format = linearScale([0, 1], [0, 100]).tickFormat();

  it('are what Intl.NumberFormat en-US with two decimals writes, for the ticks axes use', () => {
    for (const [d0, d1] of [
      [0, 1],
      [0, 5],
      [0, 37],
      [0, 2.5],
      [0, 1200],
      [0, 250_000],
      [-40, 40],
      [0, 0.03],
    ] as const) {
      for (const t of linearScale([d0, d1], [0, 1]).ticks(10))
        expect(format(t)).toBe(intl.format(t));
    }
  });

  it('agree with Intl on whole numbers and on values with up to two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (hundredths) => {
        const value = hundredths / 100;
        expect(format(value)).toBe(intl.format(value));
      }),
    );
  });
});
