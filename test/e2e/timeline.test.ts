// The timeline and share links in the built app (dist/) in headless Chromium: drag to a past
// moment, step back, fork the future by acting there, undo and redo the fork, copy the share
// link and open it in a new page: same moment, same tab, same state fingerprint, and the same
// fingerprint as the link decoded and replayed in Node. Bad links say what is wrong and open the
// default lab. Screenshots go to test-results/screenshots/timeline-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeShareLink, Session } from '../../src/session/index';
import { alertTexts, parseClock, setLogSlider, TOPIC } from './support/lab';
import { labSuite } from './support/suite';

const NARRATION = '[data-testid="narration"]';
const TIME = '[data-testid="timeline-time"]';
/** The producer rate slider's range (src/views/controls/ProducerControls.tsx). */
const RATE = { min: 0.5, max: 5000 };

async function moment(page: Page): Promise<{ ms: number; fingerprint: string }> {
  const output = page.locator(TIME);
  return {
    ms: parseClock((await output.textContent()) ?? ''),
    fingerprint: (await output.getAttribute('data-fingerprint')) ?? '',
  };
}

/** Drags the timeline from `from` to `to` (fractions of the track's width). */
async function drag(page: Page, from: number, to: number): Promise<void> {
  const box = (await page.getByTestId('timeline-track').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 4 });
  await page.mouse.move(box.x + box.width * to, y, { steps: 4 });
  await page.mouse.up();
}

/**
 * Where the timeline draws itself (src/views/timeline-track.ts), in CSS pixels from the
 * track's left edge: the thumb's centre (the widest run of its colour in the middle row of the
 * thumb canvas), the colour there, and the right edge of the played bar (its last painted
 * column).
 */
async function trackPicture(
  page: Page,
): Promise<{ thumb: number; rgb: number[]; played: number; sharp: boolean }> {
  return page.evaluate(() => {
    const canvas = (selector: string) => {
      const c = document.querySelector(selector);
      if (!(c instanceof HTMLCanvasElement)) throw new Error(`no canvas ${selector}`);
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const box = c.getBoundingClientRect();
      return { c, data, scale: c.width / box.width, box };
    };
    const track = document.querySelector('.timeline-track')!.getBoundingClientRect();
    const t = canvas('.timeline-thumb');
    const row = Math.floor(t.c.height / 2);
    const opaque: number[] = [];
    for (let x = 0; x < t.c.width; x++) {
      const i = (row * t.c.width + x) * 4;
      if (t.data[i + 3]! === 255) opaque.push(x);
    }
    // The opaque run is ring, thumb, ring: its middle is the thumb's middle.
    const mid = opaque.length > 0 ? (opaque[0]! + opaque.at(-1)!) / 2 : NaN;
    const at = Math.round(mid) * 4 + row * t.c.width * 4;
    const p = canvas('.timeline-played');
    const prow = Math.floor(p.c.height / 2);
    let last = -1;
    for (let x = 0; x < p.c.width; x++) if (p.data[(prow * p.c.width + x) * 4 + 3]! > 0) last = x;
    return {
      thumb: t.box.left + (mid + 0.5) / t.scale - track.left,
      rgb: [t.data[at]!, t.data[at + 1]!, t.data[at + 2]!],
      played: p.box.left + (last + 1) / p.scale - track.left,
      // Both canvases have a device pixel for each of the screen's.
      sharp: [t, p].every((x) => Math.abs(x.c.width - x.box.width * devicePixelRatio) <= 1),
    };
  });
}

/** The colour the screen shows at `x` CSS px from the track's left edge, on its middle line. */
async function screenRgb(page: Page, x: number): Promise<number[]> {
  const box = (await page.getByTestId('timeline-track').boundingBox())!;
  const png = await page.screenshot({
    clip: { x: box.x + x - 1, y: box.y + box.height / 2 - 1, width: 3, height: 3 },
  });
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const c = ctx.getImageData(image.width >> 1, image.height >> 1, 1, 1).data;
    return [c[0]!, c[1]!, c[2]!];
  }, png.toString('base64'));
}

describe('Timeline and share links in headless Chromium', () => {
  const withLab = labSuite();

  it('drag back, step back, fork, undo, share: the link opens on the same view and state', async () => {
    let url = '';
    let shared = { ms: 0, fingerprint: '' };
    await withLab(
      'timeline-fork-and-share',
      { search: '?scenario=adding-partitions-breaks-ordering', readySelector: NARRATION },
      async ({ page }) => {
        const narration = page.getByTestId('narration');
        // Play to step 3 (27 s: after the partitions were added at 20 s), then look back.
        await page.getByRole('button', { name: 'Next →' }).click();
        await page.getByRole('button', { name: 'Next →' }).click();
        await expect.poll(() => narration.textContent()).toContain('Step 3 of 5');
        await page.getByRole('button', { name: 'Pause' }).click();
        const end = (await moment(page)).ms;
        expect(end).toBeGreaterThanOrEqual(27_000);
        // A rebalance marker for the partitions added at 20 s, and step markers.
        expect(
          await page.locator('.timeline-marker[data-kind="rebalance"]').count(),
        ).toBeGreaterThan(0);
        expect(await page.locator('.timeline-marker[data-kind="step"]').count()).toBeGreaterThan(0);

        // Drag to about a quarter of the track (the track spans 30 s): the past, before 20 s.
        await drag(page, 0.5, 0.25);
        await expect.poll(async () => (await moment(page)).ms).toBeLessThan(10_000);
        const dragged = await moment(page);
        expect(dragged.ms).toBeGreaterThan(5_000);
        expect(await page.locator('[data-testid="partition"]').count()).toBeGreaterThan(0);
        await expect.poll(() => narration.textContent()).toContain('Step 1 of 5');

        // One tick back: exactly 100 ms; one event back: earlier still.
        await page.getByRole('button', { name: 'One tick back' }).click();
        await expect.poll(async () => (await moment(page)).ms).toBe(dragged.ms - 100);
        const beforeEvent = await moment(page);
        await page.getByRole('button', { name: 'One event back' }).click();
        await expect
          .poll(async () => (await moment(page)).fingerprint)
          .not.toBe(beforeEvent.fingerprint);
        expect((await moment(page)).ms).toBeLessThanOrEqual(beforeEvent.ms);

        // Act in the past: double the producer's rate. The future forks; its end is now this moment.
        const forkAt = await moment(page);
        await setLogSlider(page, 'Rate per producer', 40, RATE);
        const undo = page.getByRole('button', { name: 'Undo fork' });
        await expect.poll(() => undo.isEnabled()).toBe(true);
        expect(await page.locator('.timeline-marker[data-kind="fork"]').count()).toBe(1);
        await expect
          .poll(async () => (await moment(page)).fingerprint)
          .not.toBe(forkAt.fingerprint);
        expect(
          await page.locator(TIME).evaluate((e) => e.nextElementSibling?.textContent),
        ).toContain((await page.locator(TIME).textContent())!.trim());

        // Undo puts the old future back (its end again), at the fork's moment.
        await undo.click();
        await expect.poll(async () => (await moment(page)).fingerprint).toBe(forkAt.fingerprint);
        expect(await page.locator('.timeline-marker[data-kind="fork"]').count()).toBe(0);
        await expect
          .poll(() => page.locator(TIME).evaluate((e) => e.nextElementSibling?.textContent))
          .toContain('0:27');

        // Fork again, play a little on the new branch, open the --describe tab, share.
        await setLogSlider(page, 'Rate per producer', 60, RATE);
        await page.getByRole('button', { name: 'One tick forward' }).click();
        await page.getByRole('button', { name: 'One tick forward' }).click();
        await page.getByRole('tab', { name: '--describe' }).click();
        shared = await moment(page);
        await page.getByRole('button', { name: 'Share link' }).click();
        url = await page.getByTestId('share-url').inputValue();
        expect(url).toMatch(/#share=1\.[A-Za-z0-9_-]+$/);
        expect(url.length).toBeLessThan(2000);
        expect(await page.getByTestId('share-fingerprint').textContent()).toBe(shared.fingerprint);
        expect(await alertTexts(page)).toEqual([]);
      },
    );

    const fragment = url.slice(url.indexOf('#'));
    await withLab(
      'timeline-opened-link',
      { search: fragment, readySelector: NARRATION },
      async ({ page }) => {
        await expect
          .poll(async () => (await moment(page)).fingerprint, { timeout: 10_000 })
          .toBe(shared.fingerprint);
        expect((await moment(page)).ms).toBe(shared.ms);
        expect(
          await page.getByRole('tab', { name: '--describe' }).getAttribute('aria-selected'),
        ).toBe('true');
        expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
        expect(await page.locator('.timeline-marker[data-kind="fork"]').count()).toBe(0);
        expect(await alertTexts(page)).toEqual([]);
      },
    );

    // The same link replayed in Node gives the fingerprint the browser showed.
    const link = await decodeShareLink(fragment);
    const session = new Session(link.scenario, { log: link.log });
    session.goTo(link.end);
    session.seek(link.at);
    expect(session.sim.traceHash()).toBe(shared.fingerprint);
  });

  it.each([1, 2])(
    'draws the thumb at the moment shown and the played bar to the end, in the theme colours (%d device px per px)',
    async (scale) => {
      await withLab(
        `timeline-track-picture-${scale}x`,
        { colorScheme: 'light', deviceScaleFactor: scale },
        async ({ page }) => {
          await expect
            .poll(async () => (await moment(page)).ms, { timeout: 10_000 })
            .toBeGreaterThanOrEqual(1500);
          await page.getByRole('button', { name: 'Pause' }).click();
          const track = page.getByTestId('timeline-track');
          const width = (await track.boundingBox())!.width;
          // Live: the thumb sits where the played bar ends.
          let live = await trackPicture(page);
          expect(live.played).toBeGreaterThan(width * 0.05);
          expect(Math.abs(live.thumb - live.played)).toBeLessThanOrEqual(2);
          expect(live.rgb).toEqual([0x1d, 0x1f, 0x23]); // light theme --fg
          expect(live.sharp).toBe(true);
          // And it is what the screen shows there (not hidden or covered).
          expect(await screenRgb(page, live.thumb)).toEqual([0x1d, 0x1f, 0x23]);
          if (scale === 1) {
            // The window moves to a screen of twice the density: same CSS size, redrawn sharp.
            const cdp = await page.context().newCDPSession(page);
            await cdp.send('Emulation.setDeviceMetricsOverride', {
              width: 1280,
              height: 720,
              deviceScaleFactor: 2,
              mobile: false,
            });
            expect(await page.evaluate(() => devicePixelRatio)).toBe(2);
            // (The next update at the latest: a step.)
            await page.getByRole('button', { name: 'Step', exact: true }).click();
            await expect.poll(async () => (await trackPicture(page)).sharp).toBe(true);
            const dense = await trackPicture(page);
            expect(Math.abs(dense.thumb - dense.played)).toBeLessThanOrEqual(2);
            live = dense;
            await cdp.send('Emulation.clearDeviceMetricsOverride');
          }
          // Dragged back: the thumb follows the pointer, the played bar still ends at the end.
          await drag(page, live.played / width, live.played / width / 2);
          await expect
            .poll(async () => Math.abs((await trackPicture(page)).thumb - live.played / 2))
            .toBeLessThanOrEqual(3);
          expect(Math.abs((await trackPicture(page)).played - live.played)).toBeLessThanOrEqual(1);
          // A narrower window: both are drawn again, in the same proportions of the track.
          await page.setViewportSize({ width: 1024, height: 720 });
          await expect.poll(async () => (await track.boundingBox())!.width).toBeLessThan(width);
          const narrow = (await track.boundingBox())!.width;
          await expect
            .poll(async () => {
              const p = await trackPicture(page);
              return Math.max(
                Math.abs(p.thumb - ((live.played / 2) * narrow) / width),
                Math.abs(p.played - (live.played * narrow) / width),
              );
            })
            .toBeLessThanOrEqual(3);
          // The theme switch repaints it in the dark theme's --fg.
          await page.getByRole('button', { name: 'Dark' }).click();
          await expect.poll(async () => (await trackPicture(page)).rgb).toEqual([0xec, 0xef, 0xf4]);
        },
      );
    },
  );

  it('a damaged, truncated or future link says what is wrong and opens the default lab', async () => {
    const cases: [string, RegExp][] = [
      ['#share=1.AAAA', /damaged or cut short/],
      ['#share=1.%%%', /not base64url/],
      ['#share=9.AAAA', /newer Partition Lab/],
      ['#share=nonsense', /expected "#share=<format>\.<data>"/],
    ];
    for (const [i, [fragment, message]] of cases.entries()) {
      await withLab(`timeline-bad-link-${i + 1}`, { search: fragment }, async ({ page }) => {
        await expect.poll(() => alertTexts(page)).toEqual([expect.stringMatching(message)]);
        expect(await page.locator(TOPIC).count()).toBe(1);
        expect(await page.locator('script[src^="data:"], img[src^="javascript:"]').count()).toBe(0);
      });
    }
  });
});
