import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fittingTicks, linearScale } from '../../src/views/linear-scale';

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

describe('fittingTicks', () => {
  const scale = linearScale([0, 100], [200, 0]);

  it('keeps the ticks asked for where they have room', () => {
    expect(fittingTicks(scale, 200, 21, 5)).toEqual(scale.ticks(5));
  });

  it('asks for fewer where neighbours would come closer than the gap', () => {
    for (const length of [30, 45, 60, 90]) {
      const values = fittingTicks(scale, length, 21, 5);
      expect(values.length).toBeGreaterThanOrEqual(2);
      expect(values.length).toBeLessThan(scale.ticks(5).length);
      expect(length / (values.length - 1)).toBeGreaterThanOrEqual(21);
    }
  });

  it('keeps the last tick alone where not even two fit', () => {
    expect(fittingTicks(scale, 10, 21, 5)).toEqual([100]);
  });
});
