/**
 * `npm run bench:timeline`: jump time on a 30-minute run at 1,000 records/s (3 partitions,
 * 2 groups) in Node and in headless Chromium, checkpoint memory, and the share-link length of
 * each built-in scenario. Figures are printed; not a test.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../../test/e2e/support/browser';
import { repoRoot } from '../../test/e2e/support/paths';
import { PRESETS } from '../../src/presets';
import { gc, print } from '../harness';
import { JUMPS, RUN_MS, runTimelineBench, type TimelineFigures } from './core';
import { EXAMPLE_BASE, linkLengths } from './links';

const TARGET_P95_MS = 50;
const MB = 1024 * 1024;

function figures(where: string, f: TimelineFigures, heapMb?: number): void {
  print(`${where}: ${RUN_MS / 60_000}-minute run, ${f.produced.toLocaleString('en-US')} records`, [
    { name: 'build the run (play 30 min)', value: f.buildMs, unit: 'ms' },
    {
      name: `jump p50 (${JUMPS} random moments)`,
      value: f.jumpMs.p50,
      unit: 'ms',
    },
    {
      name: 'jump p95',
      value: f.jumpMs.p95,
      unit: 'ms',
      note: `target ≤ ${TARGET_P95_MS} ms: ${f.jumpMs.p95 <= TARGET_P95_MS ? 'met' : 'MISSED'}`,
    },
    { name: 'jump max', value: f.jumpMs.max, unit: 'ms' },
    {
      name: 'baseline: re-simulate from 0 (median)',
      value: f.baselineMedianMs,
      unit: 'ms',
      note: `${(f.baselineMedianMs / f.jumpMs.p50).toFixed(0)}× the p50 jump`,
    },
    { name: 'checkpoints kept', value: f.checkpoints, unit: '' },
    { name: 'checkpoint grid spacing', value: f.spacingMs / 1000, unit: 's simulated' },
    { name: 'checkpoint memory (estimated)', value: f.checkpointBytes / MB, unit: 'MB' },
    ...(heapMb === undefined
      ? []
      : [
          {
            name: 'whole session memory, measured',
            value: heapMb,
            unit: 'MB',
            note: 'checkpoints + live simulation: JS heap + array buffers, gc before and after',
          },
        ]),
  ]);
}

async function inChromium(): Promise<TimelineFigures> {
  const bundle = await build({
    entryPoints: [join(repoRoot, 'bench/timeline/core.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'TimelineBench',
    write: false,
    target: 'es2022',
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    return await page.evaluate(() => {
      const api = (globalThis as unknown as { TimelineBench: typeof import('./core') })
        .TimelineBench;
      return api.runTimelineBench(() => performance.now());
    });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  console.log(`Partition Lab timeline benchmark — Node ${process.version}, ${process.arch}`);
  // Typed arrays (the logs' columns) live outside the JS heap: count both.
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  gc();
  const before = used();
  let heapMb = 0;
  const node = runTimelineBench(
    () => performance.now(),
    () => {
      gc();
      heapMb = (used() - before) / MB;
    },
  );
  figures('Node', node, heapMb);
  figures('Headless Chromium', await inChromium());
  // Context, not the target: the lab's load presets, where a checkpoint holds a wide
  // retention window (64 or 256 partitions × 5,000 records).
  for (const name of ['heavy', 'extreme'] as const) {
    const wide = runTimelineBench(() => performance.now(), undefined, PRESETS[name](), 600_000, 60);
    const m = wide.jumpMs;
    console.log(
      `\n?preset=${name}, 10-minute run (Node): jump p50 ${m.p50.toFixed(0)} ms, p95 ${m.p95.toFixed(0)} ms; ` +
        `${wide.checkpoints} checkpoints ${wide.spacingMs / 1000} s apart, ${(wide.checkpointBytes / MB).toFixed(1)} MB; ` +
        `re-simulating from 0: ${wide.baselineMedianMs.toFixed(0)} ms`,
    );
  }
  const links = await linkLengths();
  print(
    `Share-link length per built-in scenario, played to its end (URL = ${EXAMPLE_BASE}#…)`,
    links.map((l) => ({
      name: l.id,
      value: l.url,
      unit: 'characters',
      note: `fragment ${l.fragment}`,
    })),
  );
}

await main();
