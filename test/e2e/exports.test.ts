// Exports in the built app (dist/) in headless Chromium: the view as PNG and SVG and the lag
// series as CSV download, are non-empty and well-formed. Screenshot: exports.png; the files
// themselves are kept in test-results/exports/.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/paths';
import { labSuite } from './support/suite';

/** Where the exported files are kept to look at (test-results/exports/). */
const KEPT = join(repoRoot, 'test-results', 'exports');

async function exported(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.locator('.export summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: item }).click(),
  ]);
  const bytes = await readFile(await download.path());
  await mkdir(KEPT, { recursive: true });
  await writeFile(join(KEPT, download.suggestedFilename()), bytes);
  return { name: download.suggestedFilename(), bytes };
}

describe('Exports in headless Chromium', () => {
  const withLab = labSuite();

  it('PNG, SVG and CSV download, non-empty and well-formed', async () => {
    await withLab(
      'exports',
      { search: '?scenario=lag-grows', readySelector: '[data-testid="narration"]' },
      async ({ page }) => {
        await page.getByRole('button', { name: 'Next →' }).click();
        await page.getByRole('button', { name: 'Pause' }).click();

        const png = await exported(page, 'Picture (PNG)');
        expect(png.name).toMatch(/^lag-grows-\d+s\.png$/);
        expect(png.bytes.subarray(0, 8)).toEqual(
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        );
        const width = png.bytes.readUInt32BE(16);
        const height = png.bytes.readUInt32BE(20);
        expect(width).toBeGreaterThan(500);
        expect(height).toBeGreaterThan(300);
        expect(png.bytes.length).toBeGreaterThan(10_000);

        const svg = await exported(page, 'Picture (SVG)');
        expect(svg.name).toMatch(/\.svg$/);
        const text = svg.bytes.toString('utf8');
        const check = await page.evaluate((source) => {
          const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
          return {
            error: doc.querySelector('parsererror')?.textContent ?? null,
            root: doc.documentElement.nodeName,
            images: doc.querySelectorAll('image').length,
            paths: doc.querySelectorAll('path').length,
            styled: [...doc.querySelectorAll('path')].some((p) =>
              /stroke:\s*rgb/.test(p.getAttribute('style') ?? ''),
            ),
          };
        }, text);
        expect(check).toMatchObject({ error: null, root: 'svg', images: 1, styled: true });
        // The page's own background, not a transparent one that a handout would lose.
        const background = await page.evaluate(
          () => getComputedStyle(document.documentElement).backgroundColor,
        );
        expect(text).toContain(`fill="${background}"`);
        expect(background).not.toMatch(/rgba\(0, 0, 0, 0\)/);
        expect(check.paths).toBeGreaterThan(2);

        const csv = await exported(page, 'Lag series (CSV)');
        expect(csv.name).toMatch(/-lag\.csv$/);
        const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n');
        expect(lines[0]).toMatch(/^group,time_ms,total_lag,max_time_lag_ms,partition_0_lag/);
        expect(lines.length).toBeGreaterThan(5);
        const columns = lines[0]!.split(',').length;
        for (const line of lines.slice(1)) {
          const cells = line.split(',');
          expect(cells).toHaveLength(columns);
          expect(cells[0]).toBe('shipping');
          expect(Number.isFinite(Number(cells[1]))).toBe(true);
        }
      },
    );
  });
});
