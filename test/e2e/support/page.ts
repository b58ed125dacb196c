import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { screenshotDir } from './paths';

export interface CheckedPageOptions {
  /** Viewport size; default 1280x720. */
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel; default 1. */
  deviceScaleFactor?: number;
  /**
   * Origins the page may request (e.g. the static server's). Requests anywhere else are
   * recorded as problems. data:, blob: and about: URLs never leave the machine and are allowed.
   */
  allowedOrigins?: readonly string[];
}

export interface CheckedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** console.error messages (and other 'error' console entries), with their location. */
  readonly consoleErrors: readonly string[];
  /** Uncaught exceptions and unhandled rejections in the page. */
  readonly pageErrors: readonly string[];
  /** Requests to origins not in `allowedOrigins` (only tracked when it is given). */
  readonly foreignRequests: readonly string[];
  /** Requests that failed or answered with an HTTP error status. */
  readonly failedRequests: readonly string[];
  /** Every problem above, one line each; empty when the page is clean. */
  problems(): string[];
  /** Throws, listing every problem, unless the page is clean. */
  assertClean(): void;
  /** Saves a PNG of the viewport to test-results/screenshots/NAME.png and returns the path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

function isSubframeRequest(page: Page, request: Request): boolean {
  try {
    const frame = request.frame();
    return frame.isDetached() || frame !== page.mainFrame();
  } catch {
    return false; // a service worker's request has no frame
  }
}

/** Opens a fresh page (own context) that records every error it shows. */
export async function openCheckedPage(
  browser: Browser,
  options: CheckedPageOptions = {},
): Promise<CheckedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 720 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];
  const failedRequests: string[] = [];
  const allowed = options.allowedOrigins;

  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    const where = url ? ` (${url}:${lineNumber + 1})` : '';
    consoleErrors.push(`${message.text()}${where}`);
  });
  page.on('pageerror', (error) => {
    pageErrors.push(error.stack ?? `${error.name}: ${error.message}`);
  });
  page.on('request', (request) => {
    if (allowed === undefined) return;
    const url = new URL(request.url());
    if (LOCAL_SCHEMES.has(url.protocol)) return;
    if (!allowed.includes(url.origin)) foreignRequests.push(`${request.method()} ${request.url()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // An iframe the page replaced or re-pointed while it loaded (the Embed dialog's preview)
    // cancels its requests: a cancellation, not a failure. The main frame's aborts still count.
    if (reason === 'net::ERR_ABORTED' && isSubframeRequest(page, request)) return;
    failedRequests.push(`${request.method()} ${request.url()}: ${reason}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      failedRequests.push(
        `${response.request().method()} ${response.url()}: HTTP ${response.status()}`,
      );
    }
  });

  function problems(): string[] {
    return [
      ...consoleErrors.map((text) => `console error: ${text}`),
      ...pageErrors.map((text) => `page error: ${text}`),
      ...foreignRequests.map((text) => `request to a foreign origin: ${text}`),
      ...failedRequests.map((text) => `failed request: ${text}`),
    ];
  }

  return {
    page,
    context,
    consoleErrors,
    pageErrors,
    foreignRequests,
    failedRequests,
    problems,
    assertClean() {
      const found = problems();
      if (found.length > 0) {
        throw new Error(`The page reported ${found.length} problem(s):\n  ${found.join('\n  ')}`);
      }
    },
    async screenshot(name: string) {
      await mkdir(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => context.close(),
  };
}
