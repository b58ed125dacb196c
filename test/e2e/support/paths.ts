import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The repository root (test/e2e/support is three levels below it). */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** The production build that the e2e tests open; `vite build` writes it. */
export const distDir = join(repoRoot, 'dist');
/** The one-file build (`npm run build:single`). */
export const singleFile = join(repoRoot, 'dist-single', 'index.html');

/** Screenshots land in test-results/screenshots/NAME.png (ignored by git). */
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');
