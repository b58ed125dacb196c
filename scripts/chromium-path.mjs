// Where the system Chromium is. Shared by scripts/ensure-chromium.mjs and test/e2e/support/.
// Playwright must never download a browser: the tests launch the Chromium found here.
import { accessSync, constants, statSync } from 'node:fs';

/** Environment variable holding an explicit path to a Chromium or Chrome executable. */
export const CHROMIUM_ENV = 'PARTITION_LAB_CHROMIUM';

/** Paths tried, in order, when the environment variable is not set. */
export const CHROMIUM_CANDIDATES = Object.freeze([
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
]);

/** Chromium flags for headless runs on CI machines: containers give no sandbox, no GPU, little /dev/shm. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/** @param {string} path */
export function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How to point the harness at a browser; appended to every "not found" message. */
export const CHROMIUM_HINT =
  `Install Chromium (Debian/Ubuntu, as root: apt-get update && apt-get install -y chromium), ` +
  `or point the tests at an existing Chromium or Chrome with ` +
  `${CHROMIUM_ENV}=/path/to/chromium (for example: ` +
  `${CHROMIUM_ENV}="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test).`;

/**
 * Finds Chromium: the environment variable first (an explicit path that does not work is an
 * error, never silently replaced), then the standard locations.
 *
 * @param {{ env?: Record<string, string | undefined>, candidates?: readonly string[] }} [options]
 * @returns {{ path: string, source: string } | null}
 */
export function findChromium(options = {}) {
  const env = options.env ?? process.env;
  const candidates = options.candidates ?? CHROMIUM_CANDIDATES;
  const explicit = env[CHROMIUM_ENV];
  if (explicit !== undefined && explicit !== '') {
    if (!isExecutableFile(explicit)) {
      throw new Error(
        `${CHROMIUM_ENV} is set to "${explicit}", which is not an executable file. ` +
          `Fix or unset ${CHROMIUM_ENV}.`,
      );
    }
    return { path: explicit, source: `$${CHROMIUM_ENV}` };
  }
  for (const candidate of candidates) {
    if (isExecutableFile(candidate)) return { path: candidate, source: 'standard location' };
  }
  return null;
}

/**
 * The Chromium executable to launch, or an Error that says how to provide one.
 *
 * @param {{ env?: Record<string, string | undefined>, candidates?: readonly string[] }} [options]
 * @returns {string}
 */
export function resolveChromium(options = {}) {
  const found = findChromium(options);
  if (found === null) {
    const candidates = options.candidates ?? CHROMIUM_CANDIDATES;
    throw new Error(
      `No Chromium found (${CHROMIUM_ENV} not set; looked at ${candidates.join(', ')}). ` +
        `Run "node scripts/ensure-chromium.mjs" (installs it with apt-get when run as root). ` +
        CHROMIUM_HINT,
    );
  }
  return found.path;
}
