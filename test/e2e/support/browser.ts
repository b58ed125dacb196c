import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from '../../../scripts/chromium-path.mjs';

/**
 * Launches the system Chromium headless. Playwright never downloads a browser here: the
 * executable comes from $PARTITION_LAB_CHROMIUM or a standard location, and a missing one is
 * an error that says how to provide it (scripts/ensure-chromium.mjs installs it as root).
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = resolveChromium();
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
}
