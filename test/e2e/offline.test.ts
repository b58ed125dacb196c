// The one-file build (npm run build:single) opened from file:// in headless Chromium with the
// network off: it plays a built-in scenario through its narration, and the page requests
// nothing but its own file (no CDN, fonts or analytics). Screenshot: offline-file.png.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { alertTexts, readSimTime } from './support/lab';
import { screenshotDir, singleFile } from './support/paths';

describe('One-file build from file://', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('plays a scenario offline and requests nothing but itself', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.setOffline(true);
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const url = `${pathToFileURL(singleFile).href}?scenario=lag-grows`;
    try {
      await page.goto(url, { waitUntil: 'load' });
      const narration = page.getByTestId('narration');
      await expect.poll(() => narration.textContent()).toMatch(/Step 1 of 5/);
      await page.getByRole('button', { name: 'Next →' }).click();
      await expect.poll(() => narration.textContent()).toMatch(/Step 2 of 5/);
      const first = await readSimTime(page);
      await expect.poll(async () => (await readSimTime(page)).ms).toBeGreaterThan(first.ms);
      expect(await page.locator('[data-testid="partition"]').count()).toBeGreaterThan(0);
      expect(await alertTexts(page)).toEqual([]);
      await mkdir(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, 'offline-file.png') });
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
    const others = requests.filter((r) => !r.startsWith('data:') && !r.startsWith('blob:'));
    expect(others).toEqual([url]);
  });
});
