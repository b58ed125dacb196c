/**
 * `npm run bench:browser`: frame rate, main-thread load, bundle size and time to first lane of
 * the BUILT app (dist/) in headless Chromium. Figures are printed; this is not a test and does
 * not fail on a missed target (it exits non-zero only when it cannot measure).
 *
 * Headless Chromium holds requestAnimationFrame at 60 Hz whenever the CPU has room, so each
 * setup is measured twice on fresh pages: once as is (baseline) and once with the CPU slowed
 * CPU_SLOWDOWN times through the DevTools protocol: unthrottled, a page that costs little and
 * one that costs a lot both show 60 fps on a fast machine.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, CDPSession } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../../test/e2e/support/browser';
import { openCheckedPage, type CheckedPage } from '../../test/e2e/support/page';
import { distDir, repoRoot } from '../../test/e2e/support/paths';
import { startStaticServer, type StaticServer } from '../../test/e2e/support/static-server';
import { ensureBuilt, jsSize, staleBuildWarning, type JsSize } from './dist';
import {
  ELEMENT_COUNT,
  FIRST_LANE_MARK,
  FIRST_PARTITION_PROBE,
  LANE_OR_PARTITION_SHOWN,
  PARTITION_SELECTOR,
  READ_FIRST_LANE,
  markOrPartitionSettled,
  rafTimestamps,
  type FirstLaneReading,
} from './page-scripts';
import { SLOW_FRAME_MS, frameStats, median, type FrameStats } from './stats';

/** Whether the page has drawn its first lane (set the mark). */
const FIRST_LANE_MARK_SET = `performance.getEntriesByName(${JSON.stringify(FIRST_LANE_MARK)}).length > 0`;

const SETUPS = ['default', 'heavy', 'extreme'] as const;
type Setup = (typeof SETUPS)[number];

const VIEWPORT = { width: 1280, height: 720 };
const CPU_SLOWDOWN = 6;
const WARM_UP_MS = 1_500;
/** Pause after switching the CPU throttling on, so the switch itself is not measured. */
const SETTLE_MS = 500;
const MEASURE_MS = 5_000;
const FIRST_LANE_LOADS = 5;
/** How long a first-lane load waits for the mark after the first partition element appeared. */
const MARK_GRACE_MS = 500;
const READY_TIMEOUT_MS = 15_000;
/** The frame loop stops waiting for frames this long after it started (a stalled page). */
const FRAME_GIVE_UP_MS = MEASURE_MS * 6;
/** Below this many frame intervals, percentiles are coarse; the table says so. */
const FEW_INTERVALS = 30;

const TARGETS = {
  heavyP95Ms: 16.7,
  heavySlowShare: 0.01,
  heavyBusyShare: 0.5,
  extremeSlowShare: 0.05,
  jsGzipKb: 110,
  firstLaneMs: 250,
} as const;

/** Two public simulators at their heaviest settings, CPU 6x slower (TOOLCHAIN.md). */
const PEERS = { p95Ms: 33, slowShare: '10–23 %', busyShare: 0.85 } as const;

type Readiness = 'lane mark' | 'partition element' | 'neither (timed out)';

interface FrameRun {
  readonly setup: Setup;
  readonly cpuSlowdown: number;
  readonly readiness: Readiness;
  readonly frames: FrameStats;
  /** Share (0..1) of wall time the renderer main thread spent running tasks. */
  readonly busyShare: number;
  /** Share (0..1) of wall time spent running script. */
  readonly scriptShare: number;
  readonly wallSeconds: number;
  readonly elements: number;
}

interface FirstLane {
  readonly setup: Setup;
  readonly loads: number;
  /** startTime of each load's pl:first-lane mark, for the loads that set it. */
  readonly markMs: readonly number[];
  /** When the first partition element entered the DOM, for the loads that showed one. */
  readonly partitionInsertedMs: readonly number[];
  /** First contentful paint (ms after navigation start): when the drawn lane is first on screen. */
  readonly paintMs: readonly number[];
}

/** Problems (console errors, page errors, failed requests) seen, with how often, per label. */
class ProblemLog {
  private readonly seen = new Map<string, number>();

  add(label: string, problems: readonly string[]): void {
    for (const problem of problems) {
      const key = `[${label}] ${problem}`;
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
    }
  }

  lines(): string[] {
    return [...this.seen].map(([text, count]) => (count > 1 ? `${text}  (x${count})` : text));
  }
}

const problemLog = new ProblemLog();

function pageUrl(server: StaticServer, setup: Setup): string {
  return `${server.url}?preset=${setup}`;
}

async function withPage<T>(
  browser: Browser,
  server: StaticServer,
  label: string,
  body: (checked: CheckedPage) => Promise<T>,
): Promise<T> {
  const checked = await openCheckedPage(browser, {
    viewport: VIEWPORT,
    allowedOrigins: [server.origin],
  });
  try {
    return await body(checked);
  } finally {
    problemLog.add(label, checked.problems());
    await checked.close();
  }
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map((metric) => [metric.name, metric.value]));
}

function metricDelta(
  before: Map<string, number>,
  after: Map<string, number>,
  name: string,
): number {
  const start = before.get(name);
  const end = after.get(name);
  if (start === undefined || end === undefined) {
    throw new Error(`Chromium reported no "${name}" metric (Performance domain).`);
  }
  return end - start;
}

function asNumbers(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'number')) {
    throw new Error(`The page returned something other than numbers for ${what}.`);
  }
  return value as number[];
}

async function measureFrames(
  browser: Browser,
  server: StaticServer,
  setup: Setup,
  cpuSlowdown: number,
): Promise<FrameRun> {
  const label = `${setup}, CPU ${cpuSlowdown}x`;
  return withPage(browser, server, label, async ({ page, context }) => {
    const cdp = await context.newCDPSession(page);
    await page.goto(pageUrl(server, setup), { waitUntil: 'load' });
    const shown = await page
      .waitForFunction(LANE_OR_PARTITION_SHOWN, undefined, {
        timeout: READY_TIMEOUT_MS,
        polling: 50,
      })
      .then(
        () => true,
        () => false,
      );
    const marked = await page.evaluate<boolean>(FIRST_LANE_MARK_SET);
    const readiness: Readiness = marked
      ? 'lane mark'
      : shown
        ? 'partition element'
        : 'neither (timed out)';

    await page.waitForTimeout(WARM_UP_MS);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    if (cpuSlowdown !== 1) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
      await page.waitForTimeout(SETTLE_MS);
    } else {
      await page.waitForTimeout(SETTLE_MS); // same timeline as the throttled run
    }

    const before = await metrics(cdp);
    const stamps = asNumbers(
      await withTimeout(
        page.evaluate<unknown>(rafTimestamps(MEASURE_MS, FRAME_GIVE_UP_MS)),
        FRAME_GIVE_UP_MS + 30_000,
        `${label}: the page answered nothing within ${(FRAME_GIVE_UP_MS + 30_000) / 1000} s`,
      ),
      'frame timestamps',
    );
    const after = await metrics(cdp);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const elements = await page.evaluate<number>(ELEMENT_COUNT);
    await cdp.detach();

    const wallSeconds = metricDelta(before, after, 'Timestamp');
    return {
      setup,
      cpuSlowdown,
      readiness,
      frames: frameStats(stamps),
      busyShare: metricDelta(before, after, 'TaskDuration') / wallSeconds,
      scriptShare: metricDelta(before, after, 'ScriptDuration') / wallSeconds,
      wallSeconds,
      elements,
    };
  });
}

function isReading(value: unknown): value is FirstLaneReading {
  if (typeof value !== 'object' || value === null) return false;
  const { markMs, partitionInsertedMs } = value as Record<string, unknown>;
  const ok = (x: unknown): boolean => x === null || typeof x === 'number';
  return ok(markMs) && ok(partitionInsertedMs);
}

async function measureFirstLane(
  browser: Browser,
  server: StaticServer,
  setup: Setup,
): Promise<FirstLane> {
  const markMs: number[] = [];
  const partitionInsertedMs: number[] = [];
  const paintMs: number[] = [];
  for (let load = 0; load < FIRST_LANE_LOADS; load++) {
    await withPage(browser, server, `${setup}, first-lane load`, async ({ page }) => {
      await page.addInitScript({ content: FIRST_PARTITION_PROBE });
      await page.goto(pageUrl(server, setup), { waitUntil: 'load' });
      await page
        .waitForFunction(markOrPartitionSettled(MARK_GRACE_MS), undefined, {
          timeout: READY_TIMEOUT_MS,
          polling: 25,
        })
        .catch(() => undefined);
      const reading = await page.evaluate<unknown>(READ_FIRST_LANE);
      if (!isReading(reading)) throw new Error('The first-lane probe returned nonsense.');
      if (reading.markMs !== null) markMs.push(reading.markMs);
      if (reading.partitionInsertedMs !== null)
        partitionInsertedMs.push(reading.partitionInsertedMs);
      const paint = await firstPaint(page);
      if (paint !== null) paintMs.push(paint);
    });
  }
  return { setup, loads: FIRST_LANE_LOADS, markMs, partitionInsertedMs, paintMs };
}

/**
 * The floor for any page here: a static page with one line of text, served by the same server,
 * its first contentful paint over the same number of fresh loads. The first-lane figure is
 * printed next to it and as a ratio, since this machine's own page start-up is most of it.
 */
const BASELINE_FILE = '__baseline-first-paint.html';

async function measureBaseline(browser: Browser, server: StaticServer): Promise<number[]> {
  const path = join(distDir, BASELINE_FILE);
  writeFileSync(path, '<!doctype html><title>baseline</title><p>Partition Lab</p>');
  const paints: number[] = [];
  try {
    for (let load = 0; load < FIRST_LANE_LOADS; load++) {
      await withPage(browser, server, 'baseline page', async ({ page }) => {
        await page.goto(`${server.url}${BASELINE_FILE}`, { waitUntil: 'load' });
        await page.waitForTimeout(200);
        const fcp = await page.evaluate<number | null>(
          "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null",
        );
        if (fcp !== null) paints.push(fcp);
      });
    }
  } finally {
    rmSync(path, { force: true });
  }
  return paints;
}

/**
 * The stack's floor: a page that is React DOM and one canvas lane drawn in a layout effect
 * (bench/browser/react-floor), built now and loaded like the lab, fresh each time. The lab's
 * first lane cannot come before what React DOM alone takes here; its gzip size is the part of
 * the lab's JS that is React's.
 */
const REACT_FLOOR_DIR = '__react-floor';

interface ReactFloor {
  readonly markMs: number[];
  readonly paintMs: number[];
  readonly gzipBytes: number;
}

async function measureReactFloor(browser: Browser, server: StaticServer): Promise<ReactFloor> {
  const outDir = join(distDir, REACT_FLOOR_DIR);
  await build({
    root: join(repoRoot, 'bench', 'browser', 'react-floor'),
    base: './',
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  const markMs: number[] = [];
  const paintMs: number[] = [];
  try {
    const { gzipBytes } = jsSize(outDir);
    for (let load = 0; load < FIRST_LANE_LOADS; load++) {
      await withPage(browser, server, 'React floor page', async ({ page }) => {
        await page.goto(`${server.url}${REACT_FLOOR_DIR}/index.html`, { waitUntil: 'load' });
        await page.waitForFunction(FIRST_LANE_MARK_SET, null, { timeout: READY_TIMEOUT_MS });
        const { markMs: mark } = await page.evaluate<FirstLaneReading>(READ_FIRST_LANE);
        if (mark !== null) markMs.push(mark);
        const paint = await firstPaint(page);
        if (paint !== null) paintMs.push(paint);
      });
    }
    return { markMs, paintMs, gzipBytes };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * The page's first contentful paint (ms after navigation start), or null: a lane drawn into the
 * canvas is on screen from the first paint after it, which is this one for a lane drawn at start.
 */
async function firstPaint(page: CheckedPage['page']): Promise<number | null> {
  const entry = "performance.getEntriesByName('first-contentful-paint')[0]";
  return page
    .waitForFunction(`${entry} !== undefined`, undefined, {
      timeout: READY_TIMEOUT_MS,
      polling: 25,
    })
    .then(() => page.evaluate<number>(`${entry}.startTime`))
    .catch(() => null);
}

/**
 * Floors measured the same way, same run: a page doing nothing but a requestAnimationFrame
 * loop, and one that only repaints a stage-sized canvas (1000×430, one fillRect) every frame.
 * Any design that redraws its stage every frame starts from the second one.
 */
const FLOORS: readonly { readonly name: string; readonly file: string; readonly html: string }[] = [
  {
    name: 'floor: empty rAF loop',
    file: '__floor-raf.html',
    html: '<!doctype html><p>floor</p>',
  },
  {
    name: 'floor: 1000×430 canvas repainted per frame',
    file: '__floor-canvas.html',
    html:
      '<!doctype html><canvas id="c" width="1000" height="430"></canvas><script>' +
      'const x=document.getElementById("c").getContext("2d",{alpha:false});let i=0;' +
      'const f=()=>{x.fillStyle=i++%2?"#fff":"#eee";x.fillRect(0,0,1000,430);requestAnimationFrame(f)};f()' +
      '</script>',
  },
];

interface FloorRun {
  readonly name: string;
  readonly cpuSlowdown: number;
  readonly frames: FrameStats;
  readonly busyShare: number;
}

async function measureFloors(browser: Browser, server: StaticServer): Promise<FloorRun[]> {
  const runs: FloorRun[] = [];
  for (const floor of FLOORS) {
    const path = join(distDir, floor.file);
    writeFileSync(path, floor.html);
    try {
      await withPage(browser, server, floor.name, async ({ page, context }) => {
        const cdp = await context.newCDPSession(page);
        await page.goto(`${server.url}${floor.file}`, { waitUntil: 'load' });
        await page.waitForTimeout(WARM_UP_MS);
        await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
        await page.waitForTimeout(SETTLE_MS);
        const before = await metrics(cdp);
        const stamps = asNumbers(
          await page.evaluate<unknown>(rafTimestamps(MEASURE_MS, FRAME_GIVE_UP_MS)),
          'frame timestamps',
        );
        const after = await metrics(cdp);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
        await cdp.detach();
        runs.push({
          name: floor.name,
          cpuSlowdown: CPU_SLOWDOWN,
          frames: frameStats(stamps),
          busyShare:
            metricDelta(before, after, 'TaskDuration') / metricDelta(before, after, 'Timestamp'),
        });
      });
    } finally {
      rmSync(path, { force: true });
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Printing

const pct = (share: number): string =>
  Number.isNaN(share) ? 'n/a' : `${(share * 100).toFixed(1)} %`;
const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(1));
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    '  ' +
    cells
      .map((cell, column) =>
        column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  const rule = '  ' + widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...rows.map(line)];
}

function frameTable(runs: readonly FrameRun[]): string[] {
  const rows = runs.map((run) => [
    run.setup,
    run.cpuSlowdown === 1 ? '1x (baseline)' : `${run.cpuSlowdown}x slower`,
    run.wallSeconds.toFixed(2),
    `${run.frames.intervals}${run.frames.intervals < FEW_INTERVALS ? '*' : ''}`,
    run.frames.fps.toFixed(1),
    ms(run.frames.p50Ms),
    ms(run.frames.p95Ms),
    ms(run.frames.maxMs),
    pct(run.frames.slowShare),
    pct(run.busyShare),
    pct(run.scriptShare),
    String(run.elements),
  ]);
  rows.push([
    'peers',
    `${CPU_SLOWDOWN}x slower`,
    '',
    '',
    '',
    '',
    ms(PEERS.p95Ms),
    '',
    PEERS.slowShare,
    pct(PEERS.busyShare),
    '',
    '',
  ]);
  const lines = table(
    [
      'setup',
      'CPU',
      'wall s',
      'intervals',
      'fps',
      'p50 ms',
      'p95 ms',
      'max ms',
      `>${SLOW_FRAME_MS} ms`,
      'busy',
      'script',
      'elements',
    ],
    rows,
  );
  if (runs.some((run) => run.frames.intervals < FEW_INTERVALS)) {
    lines.push(
      `  * fewer than ${FEW_INTERVALS} frame intervals: p50/p95 rest on few frames (coarse).`,
    );
  }
  return lines;
}

/** "met" / "MISSED"; values compared at the precision they are printed with. */
function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

function firstLaneMedian(lane: FirstLane): { value: number; method: string } | null {
  if (lane.markMs.length > 0) {
    const partial = lane.markMs.length < lane.loads ? `, only ${lane.markMs.length} marked` : '';
    return { value: median(lane.markMs), method: `${FIRST_LANE_MARK} mark${partial}` };
  }
  if (lane.partitionInsertedMs.length > 0) {
    return {
      value: median(lane.partitionInsertedMs),
      method: `fallback: first ${PARTITION_SELECTOR} inserted into the DOM`,
    };
  }
  return null;
}

function firstLaneLines(lanes: readonly FirstLane[]): string[] {
  const lines: string[] = [];
  for (const lane of lanes) {
    const found = firstLaneMedian(lane);
    const head = `  ${lane.setup.padEnd(8)}`;
    if (lane.markMs.length === 0) lines.push(`${head}first lane: not marked`);
    if (found === null) {
      lines.push(`${head}no ${PARTITION_SELECTOR} seen either within ${READY_TIMEOUT_MS} ms`);
      continue;
    }
    lines.push(
      `${head}${ms(found.value)} ms median of ${lane.loads} loads (${found.method})` +
        `  target ≤ ${TARGETS.firstLaneMs} ms: ${verdict(found.value <= TARGETS.firstLaneMs)}`,
    );
  }
  return lines;
}

function targetLines(
  runs: readonly FrameRun[],
  size: JsSize,
  lanes: readonly FirstLane[],
): string[] {
  const throttled = (setup: Setup): FrameRun | undefined =>
    runs.find((run) => run.setup === setup && run.cpuSlowdown === CPU_SLOWDOWN);
  const rows: string[][] = [];
  const heavy = throttled('heavy');
  if (heavy !== undefined) {
    const p95 = Number(heavy.frames.p95Ms.toFixed(1));
    rows.push([
      'heavy',
      `p95 ≤ ${TARGETS.heavyP95Ms} ms`,
      `${ms(heavy.frames.p95Ms)} ms`,
      verdict(p95 <= TARGETS.heavyP95Ms),
    ]);
    rows.push([
      'heavy',
      `frames over ${SLOW_FRAME_MS} ms < ${pct(TARGETS.heavySlowShare)}`,
      pct(heavy.frames.slowShare),
      verdict(heavy.frames.slowShare < TARGETS.heavySlowShare),
    ]);
    rows.push([
      'heavy',
      `main thread busy ≤ ${pct(TARGETS.heavyBusyShare)}`,
      pct(heavy.busyShare),
      verdict(heavy.busyShare <= TARGETS.heavyBusyShare),
    ]);
  }
  const extreme = throttled('extreme');
  if (extreme !== undefined) {
    rows.push([
      'extreme',
      `frames over ${SLOW_FRAME_MS} ms < ${pct(TARGETS.extremeSlowShare)}`,
      pct(extreme.frames.slowShare),
      verdict(extreme.frames.slowShare < TARGETS.extremeSlowShare),
    ]);
  }
  const gzipKb = Number(kb(size.gzipBytes));
  rows.push([
    'build',
    `JS gzip ≤ ${TARGETS.jsGzipKb} KB`,
    `${kb(size.gzipBytes)} KB`,
    verdict(gzipKb <= TARGETS.jsGzipKb),
  ]);
  for (const lane of lanes) {
    const found = firstLaneMedian(lane);
    rows.push([
      lane.setup,
      `first lane ≤ ${TARGETS.firstLaneMs} ms`,
      found === null ? 'not seen' : `${ms(found.value)} ms`,
      found === null
        ? 'MISSED'
        : verdict(found.value <= TARGETS.firstLaneMs) +
          (lane.markMs.length === 0 ? ' (fallback, not marked)' : ''),
    ]);
  }
  return table(['setup', 'target', 'measured', 'verdict'], rows);
}

// ---------------------------------------------------------------------------------------------
// Main

let browser: Browser | undefined;
let server: StaticServer | undefined;
/** Set on SIGINT/SIGTERM: the errors that closing the browser causes are then not reported. */
let interrupted = false;

async function shutdown(): Promise<void> {
  const openBrowser = browser;
  const openServer = server;
  browser = undefined;
  server = undefined;
  try {
    await openBrowser?.close();
  } finally {
    await openServer?.close();
  }
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: closing the browser and the server.`);
    shutdown().then(
      () => process.exit(code),
      () => process.exit(code),
    );
  });
}

async function main(): Promise<void> {
  ensureBuilt(repoRoot, distDir);
  const stale = staleBuildWarning(repoRoot, distDir);
  const size = jsSize(distDir);
  if (size.files.length === 0) throw new Error(`No dist/assets/*.js found. Run npm run build.`);

  server = await startStaticServer(distDir);
  browser = await launchChromium();

  console.log(
    `Partition Lab browser benchmark — Chromium ${browser.version()} headless, ` +
      `${VIEWPORT.width}x${VIEWPORT.height}, Node ${process.version}`,
  );
  const cores = availableParallelism();
  const load = loadavg()[0]!;
  console.log(
    `Machine: ${cores} CPU(s), load average ${load.toFixed(1)} (1 min) at start` +
      (load > cores * 0.75
        ? ' — other work is running; it slows these figures, so compare runs made on a quiet machine.'
        : '.'),
  );
  if (stale !== null) console.log(stale);
  console.log(
    `Each run: fresh page at ?preset=NAME, wait for the first lane, ${WARM_UP_MS / 1000} s ` +
      `warm-up, CPU slowdown set (or not), ${SETTLE_MS / 1000} s settle, then ${MEASURE_MS / 1000} s ` +
      `of requestAnimationFrame intervals; busy = TaskDuration / wall time over those ` +
      `${MEASURE_MS / 1000} s, script = ScriptDuration / wall time.`,
  );

  const runs: FrameRun[] = [];
  for (const setup of SETUPS) {
    for (const cpuSlowdown of [1, CPU_SLOWDOWN]) {
      process.stdout.write(`  measuring ${setup}, CPU ${cpuSlowdown}x ...`);
      const run = await measureFrames(browser, server, setup, cpuSlowdown);
      runs.push(run);
      process.stdout.write(
        ` ${run.frames.intervals} intervals in ${run.wallSeconds.toFixed(2)} s` +
          (run.readiness === 'lane mark' ? '' : ` (started after: ${run.readiness})`) +
          '\n',
      );
    }
  }

  process.stdout.write(
    `  floors (empty rAF loop; canvas repainted per frame), CPU ${CPU_SLOWDOWN}x ...`,
  );
  const floors = await measureFloors(browser, server);
  process.stdout.write(' done\n');
  process.stdout.write(`  baseline: a one-line static page, ${FIRST_LANE_LOADS} fresh loads ...`);
  const baseline = await measureBaseline(browser, server);
  process.stdout.write(' done\n');
  process.stdout.write(
    `  React floor: React DOM and one canvas lane, ${FIRST_LANE_LOADS} fresh loads ...`,
  );
  const reactFloor = await measureReactFloor(browser, server);
  process.stdout.write(' done\n');
  const lanes: FirstLane[] = [];
  for (const setup of SETUPS) {
    process.stdout.write(`  first lane, ${setup}: ${FIRST_LANE_LOADS} fresh loads ...`);
    lanes.push(await measureFirstLane(browser, server, setup));
    process.stdout.write(' done\n');
  }

  console.log(
    `\nFrame rate and main thread (each row: rAF frames until the first one ` +
      `≥ ${MEASURE_MS / 1000} s after the start; wall s = the span measured)`,
  );
  for (const line of frameTable(runs)) console.log(line);
  for (const f of floors) {
    console.log(
      `  ${f.name} (CPU ${f.cpuSlowdown}x slower): p95 ${ms(f.frames.p95Ms)} ms, ` +
        `${pct(f.frames.slowShare)} of frames over ${SLOW_FRAME_MS} ms, ${pct(f.busyShare)} busy`,
    );
  }

  console.log(`\nBuilt JS (dist/assets/*.js, gzip default level, 1 KB = 1024 bytes)`);
  for (const file of size.files) {
    console.log(`  ${file.name}  ${kb(file.rawBytes)} KB raw, ${kb(file.gzipBytes)} KB gzip`);
  }
  console.log(
    `  total  ${kb(size.rawBytes)} KB raw, ${kb(size.gzipBytes)} KB gzip` +
      `  target ≤ ${TARGETS.jsGzipKb} KB: ${verdict(Number(kb(size.gzipBytes)) <= TARGETS.jsGzipKb)}`,
  );

  console.log(`\nTime from navigation start to first lane (CPU 1x)`);
  for (const line of firstLaneLines(lanes)) console.log(line);
  const floor = median(baseline);
  console.log(
    `  baseline: a one-line static page's first contentful paint, same server and browser: ` +
      `${ms(floor)} ms median of ${baseline.length} loads`,
  );
  for (const lane of lanes) {
    const found = firstLaneMedian(lane);
    if (found)
      console.log(
        `  ${lane.setup.padEnd(8)} first lane ÷ baseline: ${(found.value / floor).toFixed(2)} ×`,
      );
  }
  for (const lane of lanes) {
    if (lane.paintMs.length > 0)
      console.log(
        `  ${lane.setup.padEnd(8)} first paint (the drawn lane on screen): ` +
          `${ms(median(lane.paintMs))} ms median of ${lane.paintMs.length} loads`,
      );
  }
  if (reactFloor.markMs.length > 0) {
    const react = median(reactFloor.markMs);
    console.log(
      `  React floor: React DOM alone drawing one lane: ${ms(react)} ms median of ` +
        `${reactFloor.markMs.length} loads (its JS: ${kb(reactFloor.gzipBytes)} KB gzip)` +
        (reactFloor.paintMs.length > 0 ? `, first paint ${ms(median(reactFloor.paintMs))} ms` : ''),
    );
    for (const lane of lanes) {
      const found = firstLaneMedian(lane);
      if (found)
        console.log(
          `  ${lane.setup.padEnd(8)} first lane ÷ React floor: ${(found.value / react).toFixed(2)} ×`,
        );
    }
  }

  console.log(
    `\nTargets (from the issue; frame targets judged on the CPU ${CPU_SLOWDOWN}x slower runs)`,
  );
  for (const line of targetLines(runs, size, lanes)) console.log(line);
  console.log(
    `  peers (two public simulators, heaviest settings, CPU ${CPU_SLOWDOWN}x slower): ` +
      `p95 ${PEERS.p95Ms} ms, ${PEERS.slowShare} of frames over ${SLOW_FRAME_MS} ms, ` +
      `${pct(PEERS.busyShare)} busy`,
  );

  const problems = problemLog.lines();
  console.log(
    `\nConsole errors, page errors and failed requests: ${problems.length === 0 ? 'none' : problems.length}`,
  );
  for (const problem of problems) console.log(`  ${problem.replace(/\n/g, '\n    ')}`);
}

try {
  await main();
} catch (error: unknown) {
  if (!interrupted) {
    console.error(
      `\nbench:browser failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  }
} finally {
  await shutdown();
}
