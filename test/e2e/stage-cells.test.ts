// Record cells are drawn with the canvas when there are few, and written as pixels in one blit
// when there are many (src/views/stage/cell-layer.ts); the canvas says which in data-cells.
// Either way, in the built app: a cell's colour is its key's colour, and clicking that pixel
// opens the record drawn there, so cells are where the stage's hit-testing says they are.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keyColor } from '../../src/views/colors';
import { labSuite } from './support/suite';

interface Cell {
  readonly x: number;
  readonly y: number;
  readonly hex: string;
}

/**
 * Up to 12 cell interiors: saturated pixels whose neighbourhood (±rx, ±ry device pixels) is
 * one colour, so no text, edge or marker; in CSS pixels of the page.
 */
async function findCells(page: Page, rx: number, ry: number): Promise<Cell[]> {
  return page.evaluate(
    ([rx, ry]) => {
      const canvas = document.querySelector('.stage canvas');
      if (!(canvas instanceof HTMLCanvasElement)) throw new Error('No canvas in .stage');
      const { width, height } = canvas;
      const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
      const at = (x: number, y: number) => {
        const i = (y * width + x) * 4;
        return (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      };
      const box = canvas.getBoundingClientRect();
      const scale = width / box.width;
      const found: { x: number; y: number; hex: string }[] = [];
      for (let y = ry; y < height - ry && found.length < 12; y += 2 * ry + 1) {
        for (let x = rx; x < width - rx && found.length < 12; x += 2 * rx + 1) {
          const c = at(x, y);
          const spread =
            Math.max(c >> 16, (c >> 8) & 0xff, c & 0xff) -
            Math.min(c >> 16, (c >> 8) & 0xff, c & 0xff);
          if (spread < 60 || data[(y * width + x) * 4 + 3]! < 255) continue;
          let uniform = true;
          for (let dy = -ry; dy <= ry && uniform; dy++)
            for (let dx = -rx; dx <= rx && uniform; dx++) uniform = at(x + dx, y + dy) === c;
          if (!uniform) continue;
          const near = found.some(
            (f) =>
              Math.abs((f.x - box.left) * scale - x) < 40 &&
              Math.abs((f.y - box.top) * scale - y) < 8,
          );
          if (near) continue;
          found.push({
            x: box.left + x / scale,
            y: box.top + y / scale,
            hex: `#${c.toString(16).padStart(6, '0')}`,
          });
        }
      }
      return found;
    },
    [rx, ry] as const,
  );
}

/** Clicks each cell and checks the record it opens has that colour's key; returns how many. */
async function checkCells(page: Page, cells: readonly Cell[]): Promise<number> {
  let checked = 0;
  for (const cell of cells) {
    await page.mouse.click(cell.x, cell.y);
    const dialog = page.getByRole('dialog', { name: /^Record at offset/ });
    if (!(await dialog.isVisible())) continue;
    const key = (await dialog.locator('dd').first().textContent()) ?? '';
    expect(keyColor(key, 'light'), `the cell at ${cell.x},${cell.y}`).toBe(cell.hex);
    checked++;
    await page.getByRole('button', { name: 'Close record details' }).click();
  }
  return checked;
}

/**
 * Key-coloured (saturated, opaque) device pixels in the air between the producers' boxes and the
 * lane labels (x 166..196 CSS px from the stage's left at zoom 1), where only flights are drawn.
 */
async function airPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.stage canvas');
    if (!(canvas instanceof HTMLCanvasElement)) throw new Error('No canvas in .stage');
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const x0 = Math.round(166 * scale);
    const w = Math.round(30 * scale);
    const { data } = canvas.getContext('2d')!.getImageData(x0, 0, w, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (a === 255 && Math.max(r, g, b) - Math.min(r, g, b) >= 60) count++;
    }
    return count;
  });
}

async function runThenPause(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await page.waitForTimeout(2_500);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForTimeout(300);
}

describe('stage cells in headless Chromium', () => {
  const withLab = labSuite();

  it('a few cells (the default lab): drawn by the canvas, each in its key colour', async () => {
    await withLab('stage-cells-canvas', {}, async ({ page }) => {
      await runThenPause(page);
      await expect
        .poll(() => page.locator('.stage canvas').getAttribute('data-cells'))
        .toBe('canvas');
      const cells = await findCells(page, 4, 4);
      expect(await checkCells(page, cells)).toBeGreaterThanOrEqual(4);
    });
  });

  it('flights at 64 partitions go into the pixel layer too: key-coloured squares in the air', async () => {
    await withLab('stage-flights-pixels', { search: '?preset=heavy' }, async ({ page }) => {
      await runThenPause(page); // paused, records stay in the air where they were
      await expect
        .poll(() => page.locator('.stage canvas').getAttribute('data-cells'))
        .toBe('pixels');
      expect(await airPixels(page)).toBeGreaterThanOrEqual(36); // one 6×6 flight at least
      // Reduced motion: no flights, and nothing else is drawn there.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.reload({ waitUntil: 'load' });
      await runThenPause(page);
      expect(await airPixels(page)).toBe(0);
    });
  });

  it('many cells (64 partitions): written as pixels, each in its key colour, where clicks find it', async () => {
    await withLab('stage-cells-pixels', { search: '?preset=heavy' }, async ({ page }) => {
      // No flights (reduced motion): only cells are key-coloured squares on the lanes.
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.reload({ waitUntil: 'load' });
      await runThenPause(page);
      await expect
        .poll(() => page.locator('.stage canvas').getAttribute('data-cells'))
        .toBe('pixels');
      const cells = await findCells(page, 4, 1);
      expect(await checkCells(page, cells)).toBeGreaterThanOrEqual(4);
    });
  });
});
