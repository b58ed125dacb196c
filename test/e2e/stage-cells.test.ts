// The stage writes record cells as pixels (src/views/stage/cell-layer.ts). This checks the
// pixels in the built app: a cell's colour is its key's colour, and clicking that pixel opens
// the record drawn there, so cells are where the stage's hit-testing says they are.
import { describe, expect, it } from 'vitest';
import { keyColor } from '../../src/views/colors';
import { labSuite } from './support/suite';

interface Cell {
  readonly x: number;
  readonly y: number;
  readonly hex: string;
}

describe('stage cells in headless Chromium', () => {
  const withLab = labSuite();

  it('draws each record in its key colour where a click finds that record', async () => {
    await withLab('stage-cells', {}, async ({ page }) => {
      await page.getByRole('button', { name: 'Pause' }).waitFor();
      await page.waitForTimeout(2_500);
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.waitForTimeout(300);
      // Cell interiors: saturated pixels whose 9×9 neighbourhood is one colour (no text, edge
      // or flight dot), in CSS pixels of the page.
      const cells = await page.evaluate((): Cell[] => {
        const canvas = document.querySelector('.stage canvas');
        if (!(canvas instanceof HTMLCanvasElement)) throw new Error('No canvas in .stage');
        const ctx = canvas.getContext('2d')!;
        const { width, height } = canvas;
        const data = ctx.getImageData(0, 0, width, height).data;
        const at = (x: number, y: number) => {
          const i = (y * width + x) * 4;
          return (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
        };
        const box = canvas.getBoundingClientRect();
        const scale = width / box.width;
        const found: Cell[] = [];
        for (let y = 4; y < height - 4 && found.length < 12; y += 7) {
          for (let x = 4; x < width - 4 && found.length < 12; x += 7) {
            const c = at(x, y);
            const r = c >> 16;
            const g = (c >> 8) & 0xff;
            const b = c & 0xff;
            if (Math.max(r, g, b) - Math.min(r, g, b) < 60 || data[(y * width + x) * 4 + 3]! < 255)
              continue;
            let uniform = true;
            for (let dy = -4; dy <= 4 && uniform; dy++)
              for (let dx = -4; dx <= 4 && uniform; dx++) uniform = at(x + dx, y + dy) === c;
            if (!uniform) continue;
            if (found.some((f) => Math.abs(f.x * scale - x) < 40 && Math.abs(f.y * scale - y) < 20))
              continue;
            found.push({
              x: box.left + x / scale,
              y: box.top + y / scale,
              hex: `#${c.toString(16).padStart(6, '0')}`,
            });
          }
        }
        return found;
      });
      expect(cells.length).toBeGreaterThan(0);
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
      expect(checked).toBeGreaterThanOrEqual(4);
    });
  });
});
