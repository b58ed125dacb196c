// The built lab (dist/) driven through its controls and keyboard in headless Chromium. Every
// test opens a fresh page (its own browser context) and fails on console errors, page errors,
// failed requests and requests to any origin but the local server; every test saves a
// screenshot to test-results/screenshots/lab-*.png, also when it fails.
// DOM contract used (besides the accessible names of the controls):
//   [data-testid="topic"][data-topic="user-events"] > [data-testid="partition"][data-partition]
//   [data-testid="group"][data-group] > p (summary) and [data-testid="member"][data-status]
//   [data-testid="sim-time"] (m:ss.d), svg[data-testid="lag-chart"] (aria-label states the
//   latest total lag per group) with path[data-testid="total-lag-<group>"],
//   table[data-testid="describe"][data-group] td[data-testid="lag"].
import { describe, expect, it } from 'vitest';
import {
  alertTexts,
  chartTotalLag,
  describeLagCells,
  partitionIds,
  readGroup,
  readSimTime,
  setLogSlider,
  setSlider,
  simTimeChanges,
  stageCanvasInk,
  totalLagPath,
  visibleTextSizes,
  type SmallText,
} from './support/lab';
import type { CheckedPage } from './support/page';
import { labSuite } from './support/suite';

/** Ranges of the app's log-scale sliders (TransportBar, ProducerControls, GroupControls). */
const SPEED = { min: 0.1, max: 100 };
const RATE = { min: 0.5, max: 5000 };
const PROCESSING = { min: 1, max: 5000 };

const GROUP = 'notifier';
const SMALLEST_FONT_PX = 14;
/** Rounding slack for font sizes computed from rem or transforms. */
const FONT_EPSILON = 0.05;

const range = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i));
const sum = (values: readonly (number | null)[]): number =>
  values.reduce<number>((total, v) => total + (v ?? 0), 0);

describe('Partition Lab in headless Chromium', () => {
  const withLab = labSuite();

  it('adds partitions: slider to 6, "Add partitions (3 → 6)" lists partitions 0-5 and the canvas draws', async () => {
    await withLab('lab-add-partitions', {}, async ({ page }) => {
      expect(await partitionIds(page)).toEqual(range(3));
      await setSlider(page, 'Partitions', 6);
      await page.getByRole('button', { name: 'Add partitions (3 → 6)' }).click();
      await expect
        .poll(() => partitionIds(page), { timeout: 5_000, message: 'partitions listed' })
        .toEqual(range(6));
      await expect(
        page.getByRole('button', { name: /^Add partitions/ }).textContent(),
      ).resolves.toBe('Add partitions (6 → 6)');
      // Let a few frames draw the new lanes, then check the canvas is not blank.
      await page.waitForTimeout(500);
      const ink = await stageCanvasInk(page);
      expect(ink.width, 'canvas width').toBeGreaterThan(0);
      expect(ink.inkShare, `canvas ink ${JSON.stringify(ink)}`).toBeGreaterThan(0.01);
      expect(ink.colours, `canvas colours ${JSON.stringify(ink)}`).toBeGreaterThan(3);
      expect(await alertTexts(page)).toEqual([]);
    });
  });

  it('lag grows when producers outpace the consumer (chart and --describe LAG over two readings)', async () => {
    await withLab('lab-lag-grows', {}, async ({ page }) => {
      await setLogSlider(page, 'Rate per producer', 200, RATE);
      await setLogSlider(page, 'Processing time in notifier', 500, PROCESSING);
      await setLogSlider(page, 'Speed', 10, SPEED);
      await page.getByRole('tab', { name: '--describe' }).click();
      await page
        .locator(`table[data-testid="describe"][data-group="${GROUP}"]`)
        .waitFor({ state: 'visible', timeout: 5_000 });

      // 200 records/s against 2 records/s of capacity, at 10×: lag builds within a second.
      await expect
        .poll(() => chartTotalLag(page, GROUP), { timeout: 10_000, message: 'chart total lag' })
        .toBeGreaterThan(50);
      const first = {
        chart: await chartTotalLag(page, GROUP),
        describe: sum(await describeLagCells(page, GROUP)),
        points: (await totalLagPath(page, GROUP)).length,
      };
      await page.waitForTimeout(2_000);
      const second = {
        chart: await chartTotalLag(page, GROUP),
        describe: sum(await describeLagCells(page, GROUP)),
        path: await totalLagPath(page, GROUP),
      };

      expect(second.chart, `chart total lag: ${first.chart} then ${second.chart}`).toBeGreaterThan(
        first.chart ?? Infinity,
      );
      expect(
        second.describe,
        `--describe LAG sum: ${first.describe} then ${second.describe}`,
      ).toBeGreaterThan(first.describe);
      expect(first.describe, 'first --describe LAG sum').toBeGreaterThan(0);
      // The total-lag line rises: its latest point is higher (smaller SVG y) than its first,
      // and it gained points between the readings.
      expect(second.path.length, 'total-lag path points').toBeGreaterThan(first.points);
      const start = second.path[0];
      const end = second.path.at(-1);
      expect(start, 'total-lag path has points').toBeDefined();
      expect(end!.y, `total-lag path from y=${start!.y} to y=${end!.y}`).toBeLessThan(start!.y);
    });
  });

  it('5 consumers on 3 partitions: after the rebalance 3 members own partitions, 2 are idle', async () => {
    await withLab('lab-idle-consumers', {}, async ({ page }) => {
      expect(await partitionIds(page)).toEqual(range(3));
      await setSlider(page, 'Consumers in notifier', 5);
      // Speed up with the keyboard: three presses of "+" double 1× to 8×.
      await page.evaluate(() => {
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      });
      for (let i = 0; i < 3; i++) await page.keyboard.press('+');
      await expect(
        page.getByRole('slider', { name: 'Speed', exact: true }).getAttribute('aria-valuetext'),
      ).resolves.toBe('8×');

      let last = await readGroup(page, GROUP);
      await expect
        .poll(
          async () => {
            last = await readGroup(page, GROUP);
            return (
              last !== null &&
              last.summary.includes('Stable') &&
              last.members.length === 5 &&
              last.members.every((m) => m.status === 'processing' || m.status === 'idle')
            );
          },
          { timeout: 20_000, interval: 100, message: 'group settles with 5 members' },
        )
        .toBe(true)
        .catch((error: unknown) => {
          throw new Error(`The group did not settle: ${JSON.stringify(last)}`, { cause: error });
        });

      const group = last!;
      const idle = group.members.filter((m) => m.text.includes('no partitions'));
      const owning = group.members.filter((m) => !m.text.includes('no partitions'));
      const details = JSON.stringify(group.members);
      expect(idle, details).toHaveLength(2);
      expect(owning, details).toHaveLength(3);
      const owned = owning
        .map((m) => /partitions ([\d, ]+)$/.exec(m.text)?.[1] ?? '')
        .flatMap((list) => list.split(',').map((p) => p.trim()))
        .filter((p) => p !== '')
        .sort();
      expect(owned, `partitions owned: ${details}`).toEqual(range(3));
      expect(await alertTexts(page)).toEqual([]);
    });
  });

  it('keyboard: Space pauses and plays, "." steps 0.1 s, "?" opens the shortcuts, Escape closes, "t" toggles the theme', async () => {
    await withLab('lab-keyboard', {}, async (lab) => {
      const { page } = lab;
      const start = await readSimTime(page);
      expect(await simTimeChanges(page, start.text, 3_000), 'sim-time runs at start').toBe(true);

      // Space pauses: the button turns into "Play" and sim-time stops.
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 2_000 });
      const paused = await readSimTime(page);
      expect(await simTimeChanges(page, paused.text, 1_000), 'sim-time while paused').toBe(false);

      // "." advances exactly one step of 100 ms while paused.
      await page.keyboard.press('.');
      expect(await simTimeChanges(page, paused.text, 2_000), 'sim-time after "."').toBe(true);
      const stepped = await readSimTime(page);
      expect(stepped.ms - paused.ms, `"${paused.text}" → "${stepped.text}"`).toBe(100);
      expect(await simTimeChanges(page, stepped.text, 700), 'still paused after "."').toBe(false);

      // Space plays again.
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Pause', exact: true }).waitFor({ timeout: 2_000 });
      expect(await simTimeChanges(page, stepped.text, 3_000), 'sim-time after playing').toBe(true);

      // "?" opens the shortcuts dialog; Escape closes it.
      const dialog = page.locator('dialog.shortcuts');
      const isOpen = () => dialog.evaluate((d) => d instanceof HTMLDialogElement && d.open);
      expect(await isOpen()).toBe(false);
      await page.keyboard.press('?');
      await expect.poll(isOpen, { timeout: 2_000, message: 'dialog open after "?"' }).toBe(true);
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ timeout: 2_000 });
      await lab.screenshot('lab-keyboard-shortcuts-dialog');
      await page.keyboard.press('Escape');
      await expect
        .poll(isOpen, { timeout: 2_000, message: 'dialog open after Escape' })
        .toBe(false);
      // It opens again (the app's state followed the native close).
      await page.keyboard.press('?');
      await expect.poll(isOpen, { timeout: 2_000, message: 'dialog reopens' }).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(isOpen, { timeout: 2_000, message: 'dialog closes again' }).toBe(false);

      // "t" toggles data-theme on <html>, and back.
      const theme = () => page.evaluate(() => document.documentElement.dataset['theme'] ?? '');
      const before = await theme();
      expect(['light', 'dark']).toContain(before);
      const other = before === 'light' ? 'dark' : 'light';
      await page.keyboard.press('t');
      await expect.poll(theme, { timeout: 2_000, message: 'theme after "t"' }).toBe(other);
      await page.keyboard.press('t');
      await expect.poll(theme, { timeout: 2_000, message: 'theme after "t" twice' }).toBe(before);
    });
  });

  it('slider extremes (256 partitions, 0 consumers, 0 producers, 100×) run 3 s without errors', async () => {
    await withLab('lab-extremes', {}, async ({ page }) => {
      await setSlider(page, 'Partitions', 256);
      await page.getByRole('button', { name: 'Add partitions (3 → 256)' }).click();
      await expect
        .poll(async () => (await partitionIds(page)).length, { timeout: 5_000 })
        .toBe(256);
      expect(await partitionIds(page)).toEqual(range(256));

      await setSlider(page, 'Consumers in notifier', 0);
      await setSlider(page, 'Producers', 0);
      await expect(page.getByRole('slider', { name: 'Rate per producer' }).count()).resolves.toBe(
        0,
      );
      await setLogSlider(page, 'Speed', 100, SPEED);

      const before = await readSimTime(page);
      await page.waitForTimeout(3_000);
      const after = await readSimTime(page);
      // 3 s at 100× is 300 s of simulated time; ask for a tenth of it (slow CI frames).
      expect(after.ms - before.ms, `sim-time "${before.text}" → "${after.text}"`).toBeGreaterThan(
        30_000,
      );

      expect(await alertTexts(page), 'alerts (error boundary or error banner)').toEqual([]);
      await expect(page.getByText('Something in this view broke').count()).resolves.toBe(0);
      expect(await partitionIds(page)).toHaveLength(256);
      const group = await readGroup(page, GROUP);
      expect(
        group?.members.filter((m) => m.status === 'processing' || m.status === 'idle'),
        `members of ${GROUP}: ${JSON.stringify(group)}`,
      ).toEqual([]);
      const ink = await stageCanvasInk(page);
      expect(ink.inkShare, `canvas ink ${JSON.stringify(ink)}`).toBeGreaterThan(0.01);
      await expect(page.getByRole('button', { name: /^(Pause|Play)$/ }).isVisible()).resolves.toBe(
        true,
      );
    });
  });

  it.each([
    { preset: 'heavy', partitions: 64 },
    { preset: 'extreme', partitions: 256 },
  ])(
    'preset $preset loads without errors and lists $partitions partitions',
    async ({ preset, partitions }) => {
      await withLab(
        `lab-preset-${preset}`,
        { search: `?preset=${preset}`, readyTimeout: 20_000 },
        async ({ page }) => {
          expect(await partitionIds(page)).toEqual(range(partitions));
          const start = await readSimTime(page);
          expect(await simTimeChanges(page, start.text, 5_000), 'sim-time runs').toBe(true);
          // Run under load for a while so errors from later ticks show up too.
          await page.waitForTimeout(2_000);
          expect(await alertTexts(page), 'alerts').toEqual([]);
          expect(await partitionIds(page)).toHaveLength(partitions);
          const ink = await stageCanvasInk(page);
          expect(ink.inkShare, `canvas ink ${JSON.stringify(ink)}`).toBeGreaterThan(0.01);
        },
      );
    },
  );

  const SMALL = { width: 1024, height: 576 };
  const LARGE = { width: 1920, height: 1080 };

  it.each([
    { theme: 'light', viewport: SMALL },
    { theme: 'dark', viewport: SMALL },
    { theme: 'light', viewport: LARGE },
    { theme: 'dark', viewport: LARGE },
  ] as const)(
    'screenshot: $theme theme at $viewport.width x $viewport.height',
    async ({ theme, viewport }) => {
      const name = `lab-${theme}-${viewport.width}x${viewport.height}`;
      await withLab(name, { viewport, colorScheme: theme }, async ({ page }) => {
        await expect(page.evaluate(() => document.documentElement.dataset['theme'])).resolves.toBe(
          theme,
        );
        // Some records in flight and a lag history before the picture.
        await page.waitForTimeout(1_500);
        expect(page.viewportSize()).toEqual(viewport);
        expect(await alertTexts(page)).toEqual([]);
        const ink = await stageCanvasInk(page);
        expect(ink.inkShare, `canvas ink ${JSON.stringify(ink)}`).toBeGreaterThan(0.01);
      });
    },
  );

  /**
   * Collects the text sizes in three states at 1024x576: the default view (per-partition lag
   * bars), the --describe tab, and the shortcuts dialog open.
   */
  async function textSizesAtSmallViewport(page: CheckedPage['page']) {
    await page.waitForTimeout(1_000);
    const states: [state: string, sizes: SmallText[]][] = [
      ['default view', await visibleTextSizes(page)],
    ];
    await page.getByRole('tab', { name: '--describe' }).click();
    await page.locator('table[data-testid="describe"]').first().waitFor({ state: 'visible' });
    states.push(['--describe tab', await visibleTextSizes(page)]);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'visible' });
    states.push(['shortcuts dialog', await visibleTextSizes(page)]);
    return states;
  }

  it('every visible text at 1024x576 has a computed font-size of at least 14 px', async () => {
    await withLab('lab-font-size-1024x576', { viewport: SMALL }, async ({ page }) => {
      const states = await textSizesAtSmallViewport(page);
      const small = states.flatMap(([state, sizes]) =>
        sizes
          .filter((s) => s.computedPx < SMALLEST_FONT_PX - FONT_EPSILON)
          .map((s) => `${state}: ${s.element} computed ${s.computedPx.toFixed(2)}px`),
      );
      const counted = states.map(([, sizes]) => sizes.length);
      expect(Math.min(...counted), 'text elements found in each state').toBeGreaterThan(20);
      expect(small, 'text below 14 px (computed)').toEqual([]);
    });
  });

  it('every visible text at 1024x576 is drawn at 14 px or more (SVG viewBox scaling included)', async () => {
    await withLab('lab-rendered-font-size-1024x576', { viewport: SMALL }, async ({ page }) => {
      const states = await textSizesAtSmallViewport(page);
      const svgTexts = states.flatMap(([, sizes]) =>
        sizes.filter((s) => s.element.startsWith('<text')),
      );
      expect(svgTexts.length, 'SVG text elements (chart axes) found').toBeGreaterThan(5);
      const small = states.flatMap(([state, sizes]) =>
        sizes
          .filter((s) => s.renderedPx < SMALLEST_FONT_PX - FONT_EPSILON)
          .map(
            (s) =>
              `${state}: ${s.element} drawn at ${s.renderedPx.toFixed(2)}px ` +
              `(computed ${s.computedPx.toFixed(2)}px)`,
          ),
      );
      expect(small, 'text drawn below 14 px').toEqual([]);
    });
  });
});
