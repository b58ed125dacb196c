import { describe, expect, it } from 'vitest';
import { panelGrid } from '../../src/views/embed-grid';

describe('panelGrid', () => {
  it('keeps panels in one row while each gets its minimum width', () => {
    expect(panelGrid(2, 1280, 256, 12)).toEqual({ columns: 2, rows: 1 });
    expect(panelGrid(4, 1280, 256, 12)).toEqual({ columns: 4, rows: 1 });
    // Exactly four fit: 4 × 256 + 3 gaps.
    expect(panelGrid(4, 4 * 256 + 3 * 12, 256, 12)).toEqual({ columns: 4, rows: 1 });
    expect(panelGrid(4, 4 * 256 + 3 * 12 - 1, 256, 12)).toEqual({ columns: 2, rows: 2 });
  });

  it('wraps into balanced rows (3 + 3, not 4 + 2) when they do not fit', () => {
    expect(panelGrid(6, 800, 256, 12)).toEqual({ columns: 3, rows: 2 });
    expect(panelGrid(6, 1024, 256, 12)).toEqual({ columns: 3, rows: 2 });
    expect(panelGrid(5, 1024, 256, 12)).toEqual({ columns: 3, rows: 2 });
    expect(panelGrid(6, 1920, 256, 12)).toEqual({ columns: 6, rows: 1 });
  });

  it('never asks for more columns than panels, nor fewer than one', () => {
    expect(panelGrid(1, 4000, 256, 12)).toEqual({ columns: 1, rows: 1 });
    expect(panelGrid(3, 100, 256, 12)).toEqual({ columns: 1, rows: 3 });
    // Never more than three rows: six panels in a narrow frame go two by two.
    expect(panelGrid(6, 300, 256, 12)).toEqual({ columns: 2, rows: 3 });
    expect(panelGrid(0, 800, 256, 12)).toEqual({ columns: 1, rows: 0 });
  });

  it('every panel is at least the minimum wide whenever three rows can hold them', () => {
    for (let count = 1; count <= 6; count++) {
      for (let width = 100; width <= 2400; width += 37) {
        const { columns, rows } = panelGrid(count, width, 256, 12);
        expect(rows).toBeLessThanOrEqual(3);
        expect(columns * rows).toBeGreaterThanOrEqual(count);
        expect((columns - 1) * rows).toBeLessThan(count); // no empty column
        const fit = Math.floor((width + 12) / (256 + 12));
        if (fit * 3 >= count) {
          expect((width - (columns - 1) * 12) / columns).toBeGreaterThanOrEqual(256);
        }
      }
    }
  });
});
