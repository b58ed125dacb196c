/** The production build the browser benchmark opens: presence, freshness and gzip size. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface JsSize {
  readonly files: readonly { name: string; rawBytes: number; gzipBytes: number }[];
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

/**
 * Makes sure `distDir/index.html` exists. When it does not, runs `vite build` once (the
 * project's own vite, with this Node) and checks again; throws with a clear hint on failure.
 */
export function ensureBuilt(repoRoot: string, distDir: string): void {
  const index = join(distDir, 'index.html');
  if (existsSync(index)) return;
  const viteBin = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(viteBin)) {
    throw new Error(
      `${index} is missing and vite is not installed. Run npm ci, then npm run build.`,
    );
  }
  console.log(`${index} is missing: running vite build first.\n`);
  const result = spawnSync(process.execPath, [viteBin, 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0 || !existsSync(index)) {
    throw new Error(
      `vite build failed (exit ${String(result.status)}). Run npm run build and fix it.`,
    );
  }
  console.log('');
}

/** Newest modification time (ms) of any file under `dir`; 0 when there is none. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** A warning when src/ or index.html changed after dist/ was built, else null. */
export function staleBuildWarning(repoRoot: string, distDir: string): string | null {
  const builtAt = statSync(join(distDir, 'index.html')).mtimeMs;
  const sourceAt = Math.max(
    newestMtime(join(repoRoot, 'src')),
    newestMtime(join(repoRoot, 'public')),
  );
  const rootIndex = join(repoRoot, 'index.html');
  const changedAt = Math.max(sourceAt, existsSync(rootIndex) ? statSync(rootIndex).mtimeMs : 0);
  if (changedAt <= builtAt) return null;
  return (
    'WARNING: src/ changed after dist/ was built; these figures are for the older build. ' +
    'Run npm run build first to measure the current code.'
  );
}

/** Sizes of dist/assets/*.js, each gzipped with node:zlib at the default level. */
export function jsSize(distDir: string): JsSize {
  const assets = join(distDir, 'assets');
  const names = existsSync(assets)
    ? readdirSync(assets)
        .filter((name) => name.endsWith('.js'))
        .sort()
    : [];
  const files = names.map((name) => {
    const body = readFileSync(join(assets, name));
    return { name, rawBytes: body.length, gzipBytes: gzipSync(body).length };
  });
  return {
    files,
    rawBytes: files.reduce((sum, file) => sum + file.rawBytes, 0),
    gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}
