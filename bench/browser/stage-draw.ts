/**
 * `npm run bench:stage`: what the stage costs per frame in headless Chromium, without the
 * frame loop, so the figure does not hide behind 60 Hz: the page in bench/browser/stage-draw
 * plays each setup frame by frame and times the snapshot the stage reads, its drawing calls
 * and the canvas rasterising them. Built from the sources now (like the React floor page),
 * loaded LOADS times; each figure is the median over loads of that load's mean (or p95).
 * Figures only: it fails only when it cannot measure.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launchChromium } from '../../test/e2e/support/browser';
import { distDir, repoRoot } from '../../test/e2e/support/paths';
import { startStaticServer } from '../../test/e2e/support/static-server';
import type { StageDrawFigures } from './stage-draw/main';

const LOADS = 3;
const OUT = join(distDir, '__stage-draw');
/** 60 fps leaves 16.7 ms a frame for everything; the stage's share of it, measured here. */
const FRAME_BUDGET_MS = 1000 / 60;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  await build({
    root: join(repoRoot, 'bench', 'browser', 'stage-draw'),
    base: './',
    configFile: false,
    logLevel: 'silent',
    build: { outDir: OUT, emptyOutDir: true, target: 'es2022' },
  });
  const server = await startStaticServer(OUT);
  const browser = await launchChromium();
  const runs: StageDrawFigures[][] = [];
  try {
    for (let load = 0; load < LOADS; load++) {
      const page = await browser.newPage({ viewport: { width: 1100, height: 500 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await page.waitForFunction('window.stageDrawResult !== undefined', undefined, {
        timeout: 120_000,
        polling: 200,
      });
      if (errors.length > 0) throw new Error(`stage draw page failed: ${errors.join('; ')}`);
      runs.push(await page.evaluate<StageDrawFigures[]>('window.stageDrawResult'));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(OUT, { recursive: true, force: true });
  }
  console.log(
    `\nStage cost per frame in headless Chromium (1000×430 canvas, 1× CPU; load average ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `ms per frame: mean (p95), median over ${LOADS} loads of ${runs[0]![0]!.frames} frames\n`,
  );
  const cols = ['setup', 'snapshot', 'draw calls', 'raster', 'total', 'of 16.7 ms'];
  console.log(cols.map((c, i) => (i === 0 ? c.padEnd(9) : c.padStart(17))).join(''));
  for (let i = 0; i < runs[0]!.length; i++) {
    const setup = runs[0]![i]!.setup;
    const fig = (key: 'snapshot' | 'draw' | 'raster' | 'total') =>
      `${median(runs.map((r) => r[i]![key][0])).toFixed(2)} (${median(runs.map((r) => r[i]![key][1])).toFixed(1)})`;
    const share = median(runs.map((r) => r[i]!.total[0])) / FRAME_BUDGET_MS;
    console.log(
      setup.padEnd(9) +
        [fig('snapshot'), fig('draw'), fig('raster'), fig('total'), `${(share * 100).toFixed(0)} %`]
          .map((c) => c.padStart(17))
          .join(''),
    );
  }
  console.log(
    '\nWith the CPU 6× slower (npm run bench:browser), multiply by about 6: a setup whose total' +
      '\nis over 2.8 ms here cannot keep 60 fps there, whatever else the page does.',
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
