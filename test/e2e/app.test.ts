// The BUILT app (dist/, from `vite build`) in headless Chromium, served by a local static
// server. DOM contract the app implements:
//   [data-testid="topic"][data-topic="user-events"]   the default topic, containing
//     [data-testid="partition"][data-partition="0" | "1" | "2"]   one per partition
//   [data-testid="sim-time"]   text that changes while the simulation runs
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { openCheckedPage, type CheckedPage } from './support/page';
import { distDir } from './support/paths';
import { startStaticServer, type StaticServer } from './support/static-server';

const TOPIC = '[data-testid="topic"][data-topic="user-events"]';
const PARTITION = '[data-testid="partition"]';
const SIM_TIME = '[data-testid="sim-time"]';
const VIEWPORT = { width: 1280, height: 720 };

describe('built app in headless Chromium', () => {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let checked: CheckedPage | undefined;

  function current(): CheckedPage {
    if (checked === undefined) throw new Error('The page did not open (see beforeAll).');
    return checked;
  }

  beforeAll(async () => {
    server = await startStaticServer(distDir);
    browser = await launchChromium();
    checked = await openCheckedPage(browser, {
      viewport: VIEWPORT,
      allowedOrigins: [server.origin],
    });
    await checked.page.goto(server.url, { waitUntil: 'load' });
  });

  afterAll(async () => {
    try {
      if (checked !== undefined) {
        await checked.screenshot('app-final').catch(() => undefined);
        await checked.close();
      }
    } finally {
      await browser?.close();
      await server?.close();
    }
  });

  it('shows the default topic "user-events" with partitions 0, 1 and 2', async () => {
    const { page } = current();
    const topic = page.locator(TOPIC);
    await topic.first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await topic.count()).toBe(1);
    const partitions = topic.locator(PARTITION);
    const ids = await partitions.evaluateAll((elements) =>
      elements.map((element) => element.getAttribute('data-partition')),
    );
    expect(ids).toHaveLength(3);
    expect([...ids].sort()).toEqual(['0', '1', '2']);
  });

  it('advances the simulated time (sim-time text changes within 3 s)', async () => {
    const { page } = current();
    const simTime = page.locator(SIM_TIME);
    await simTime.first().waitFor({ state: 'attached', timeout: 10_000 });
    expect(await simTime.count()).toBe(1);
    const before = await simTime.textContent();
    const changed = await page
      .waitForFunction(
        ({ selector, initial }) => document.querySelector(selector)?.textContent !== initial,
        { selector: SIM_TIME, initial: before },
        { timeout: 3_000, polling: 50 },
      )
      .then(
        () => true,
        () => false,
      );
    const after = await simTime.textContent();
    expect(changed, `sim-time stayed "${before}" for 3 s (now "${after}")`).toBe(true);
    expect(after).not.toBe(before);
  });

  it('renders at 1280x720 (screenshot in test-results/screenshots/app-1280x720.png)', async () => {
    const page = current();
    expect(page.page.viewportSize()).toEqual(VIEWPORT);
    const path = await page.screenshot('app-1280x720');
    const png = await readFile(path);
    // PNG signature, then the IHDR chunk: width and height as big-endian 32-bit integers.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual(VIEWPORT);
  });

  it('requested nothing from any origin other than the local server', () => {
    const page = current();
    expect(server?.requests.length ?? 0).toBeGreaterThan(0);
    expect(page.foreignRequests).toEqual([]);
  });

  it('logged no console errors, page errors or failed requests', async () => {
    const page = current();
    // Let the running simulation tick a little more so late errors show up too.
    await page.page.waitForTimeout(500);
    page.assertClean();
  });
});
