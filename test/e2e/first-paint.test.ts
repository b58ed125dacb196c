// The stage-first start in the built app (dist/) in headless Chromium: when the first lane is
// drawn (the pl:first-lane mark), the controls and the lag panels are not rendered yet; they
// come right after, and the stage keeps the box it was drawn in. Lab and an embed with panels,
// each also in presentation mode (larger type), at two slide sizes.
import { describe, expect, it } from 'vitest';
import { labSuite } from './support/suite';

/** The panels that wait for the first frame: the lab's controls and lag panels, an embed's. */
const PANELS = '.controls, .lag-chart, .lag-side .tabs, .embed-panel > *';

/**
 * Runs before the page's scripts: what the page holds when it sets the first-lane mark (read
 * inside performance.mark, since an observer would only hear of it later).
 */
const AT_MARK = `(() => {
  window.__atMark = null;
  const mark = performance.mark.bind(performance);
  const box = (selector) => {
    const r = document.querySelector(selector).getBoundingClientRect();
    return [r.x, r.y, r.width, r.height];
  };
  performance.mark = (name, options) => {
    if (name === 'pl:first-lane' && window.__atMark === null) {
      window.__atMark = {
        stage: box('.stage'),
        canvas: box('.stage canvas'),
        panels: document.querySelectorAll('${PANELS}').length,
      };
    }
    return mark(name, options);
  };
})()`;

/** The same, once the panels are in and two more frames have been laid out. */
const AFTER = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const r = document.querySelector('.stage').getBoundingClientRect();
  resolve({ stage: [r.x, r.y, r.width, r.height], canvas: null, panels: document.querySelectorAll('${PANELS}').length });
})))`;

interface Reading {
  /** The stage's box: x, y, width, height. */
  readonly stage: readonly number[];
  /** The canvas's box when the first lane was drawn into it. */
  readonly canvas: readonly number[] | null;
  readonly panels: number;
}

const PAGES = [
  { name: 'lab', search: '', panels: 3 },
  { name: 'lab presenting', search: '?present', panels: 3 },
  {
    name: 'embed',
    search: '?embed&scenario=lag-grows&panels=lanes,lag,bars,table,narration',
    panels: 3,
  },
  {
    name: 'embed presenting',
    search: '?embed&scenario=lag-grows&panels=lanes,lag,bars,table,counters,narration&present=1',
    panels: 4,
  },
] as const;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 576 },
] as const;

describe('stage first, in the built app', () => {
  const withLab = labSuite();

  for (const { name, search, panels } of PAGES) {
    for (const viewport of SIZES) {
      it(`${name} at ${viewport.width}x${viewport.height}: lanes first, panels next, the stage stays put`, async () => {
        await withLab(
          `first-paint-${name.replace(' ', '-')}-${viewport.width}x${viewport.height}`,
          { search, viewport, initScript: AT_MARK, readySelector: '.stage canvas' },
          async ({ page }) => {
            await page.waitForFunction('window.__atMark !== null', undefined, { timeout: 10_000 });
            await page.waitForFunction(
              `document.querySelectorAll('${PANELS}').length >= ${panels}`,
              undefined,
              { timeout: 10_000 },
            );
            const atMark = await page.evaluate<Reading>('window.__atMark');
            const after = await page.evaluate<Reading>(AFTER);
            expect(atMark.panels).toBe(0);
            expect(after.panels).toBeGreaterThanOrEqual(panels);
            // The first lane was drawn at the stage's size, and the stage keeps that box.
            expect(atMark.canvas).toEqual(atMark.stage);
            expect(after.stage).toEqual(atMark.stage);
          },
        );
      });
    }
  }
});
