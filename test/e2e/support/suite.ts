// One Chromium and one static server (serving dist/) per test file, and `withLab`: opens the
// lab, runs a test body, saves test-results/screenshots/NAME.png (also on failure) and fails
// on anything the page reported (console/page errors, foreign or failed requests).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { openLab, type LabPageOptions } from './lab';
import type { CheckedPage } from './page';
import { distDir } from './paths';
import { startStaticServer, type StaticServer } from './static-server';

export type WithLab = (
  name: string,
  options: LabPageOptions,
  body: (lab: CheckedPage) => Promise<void>,
) => Promise<void>;

/** Registers beforeAll/afterAll for the browser and server; call inside a describe. */
export function labSuite(): WithLab {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startStaticServer(distDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.close();
    }
  });

  return async (name, options, body) => {
    if (browser === undefined || server === undefined) {
      throw new Error('Chromium or the static server did not start (see beforeAll).');
    }
    const lab = await openLab(browser, server, options);
    try {
      try {
        await body(lab);
      } catch (error) {
        await lab.screenshot(name).catch(() => undefined);
        const problems = lab.problems();
        if (problems.length === 0) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}\nThe page also reported:\n  ${problems.join('\n  ')}`, {
          cause: error,
        });
      }
      await lab.screenshot(name);
      lab.assertClean();
    } finally {
      await lab.close();
    }
  };
}
