// Makes sure a Chromium for the browser tests exists, and prints which one is used.
// Order: $PARTITION_LAB_CHROMIUM, then /usr/bin/chromium, /usr/bin/chromium-browser,
// /usr/bin/google-chrome. If none exists and we are root with apt-get, installs Debian's
// chromium package. Otherwise exits 1 with instructions. It never skips silently.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  CHROMIUM_CANDIDATES,
  CHROMIUM_ENV,
  CHROMIUM_HINT,
  findChromium,
  isExecutableFile,
} from './chromium-path.mjs';

const APT_GET_PATHS = ['/usr/bin/apt-get', '/bin/apt-get'];
const PREFIX = '[ensure-chromium]';

/** @param {string} message */
function log(message) {
  console.log(`${PREFIX} ${message}`);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @returns {number}
 */
function runInherited(command, args) {
  log(`running: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) {
    log(`could not run ${command}: ${result.error.message}`);
    return 1;
  }
  return result.status ?? 1;
}

/** @param {string} path */
function chromiumVersion(path) {
  const result = spawnSync(path, ['--version'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error || result.status !== 0) return null;
  const lines = result.stdout.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

/**
 * @param {{ env?: Record<string, string | undefined>, candidates?: readonly string[],
 *   isRoot?: boolean, aptGet?: string | null }} [options]
 * @returns {number} exit code
 */
export function ensureChromium(options = {}) {
  const env = options.env ?? process.env;
  const candidates = options.candidates ?? CHROMIUM_CANDIDATES;
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  const aptGet =
    options.aptGet === undefined
      ? (APT_GET_PATHS.find((path) => isExecutableFile(path)) ?? null)
      : options.aptGet;

  /** @type {{ path: string, source: string } | null} */
  let found;
  try {
    found = findChromium({ env, candidates });
  } catch (error) {
    log(`ERROR: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  if (found === null) {
    log(
      `no Chromium found: ${CHROMIUM_ENV} is not set and none of ${candidates.join(', ')} exists.`,
    );
    if (!isRoot || aptGet === null) {
      const why = !isRoot ? 'not running as root' : 'apt-get is not available';
      log(`ERROR: cannot install Chromium automatically (${why}).`);
      log(CHROMIUM_HINT);
      return 1;
    }
    log('installing Debian\'s "chromium" package with apt-get (running as root).');
    if (runInherited(aptGet, ['update']) !== 0) {
      log('ERROR: apt-get update failed.');
      log(CHROMIUM_HINT);
      return 1;
    }
    if (runInherited(aptGet, ['install', '-y', 'chromium']) !== 0) {
      log('ERROR: apt-get install -y chromium failed.');
      log(CHROMIUM_HINT);
      return 1;
    }
    found = findChromium({ env, candidates });
    if (found === null) {
      log(`ERROR: apt-get installed chromium, but none of ${candidates.join(', ')} exists.`);
      log(CHROMIUM_HINT);
      return 1;
    }
    log(`installed ${found.path}`);
  }

  const version = chromiumVersion(found.path);
  if (version === null) {
    log(
      `ERROR: ${found.path} (from ${found.source}) does not run: "${found.path} --version" failed.`,
    );
    log(CHROMIUM_HINT);
    return 1;
  }
  log(`using ${found.path} (${found.source}): ${version}`);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = ensureChromium();
}
