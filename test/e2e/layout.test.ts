// Layout at slide sizes in the built app (dist/) in headless Chromium, at 1024x576 and 1920x1080
// for the lab, a lesson and embeds, and for every lesson at 1024x576 and at 4K: nothing is cut
// off by its box (text that ends in an ellipsis on purpose aside), the page's regions do not
// overlap or leave the window, no two buttons overlap, and chart labels neither print over each
// other nor past their chart's edge. Screenshots: layout-<size>-<page>.png (look at them).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../src/scenarios/index';
import { labSuite } from './support/suite';

const SIZES = [
  { width: 1024, height: 576 },
  { width: 1920, height: 1080 },
] as const;

const PAGES = [
  { name: 'lab-light', search: '', colorScheme: 'light', ready: '[data-testid="topic"]' },
  {
    name: 'lesson-dark',
    search: '?scenario=adding-partitions-breaks-ordering',
    colorScheme: 'dark',
    ready: '[data-testid="narration"]',
  },
  {
    name: 'embed-all-panels',
    search: '?embed&scenario=lag-grows&panels=lanes,lag,bars,table,counters,narration&present=1',
    colorScheme: 'light',
    ready: '[data-testid="embed"]',
  },
  {
    name: 'embed-six-panels',
    search:
      '?embed&scenario=lag-grows&panels=lanes,lag,bars,table,rebalances,health,counters,narration',
    colorScheme: 'light',
    ready: '[data-testid="embed"]',
  },
  {
    name: 'embed-six-panels-presenting',
    search:
      '?embed&scenario=lag-grows&panels=lanes,lag,bars,table,rebalances,health,counters,narration&present=1',
    colorScheme: 'light',
    ready: '[data-testid="embed"]',
  },
  {
    name: 'embed-lanes',
    search: '?embed&scenario=same-key-same-partition&panels=lanes&theme=dark',
    colorScheme: 'dark',
    ready: '[data-testid="embed"]',
  },
] as const;

/** Runs in the page: what is cut off, what overlaps, what leaves the window. */
const PROBE = `(() => {
  const problems = [];
  const name = (el) =>
    el.tagName.toLowerCase() +
    (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    (el.getAttribute('data-testid') ? '[' + el.getAttribute('data-testid') + ']' : '');
  const visible = (el) => {
    const cs = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return cs.display !== 'none' && cs.visibility !== 'hidden' && box.width > 0 && box.height > 0;
  };
  // What is on screen of an element: its box cut by every scrolling or clipping ancestor
  // (a control scrolled out of its panel is reachable, not hidden under something).
  const shown = (el) => {
    let { left, top, right, bottom } = el.getBoundingClientRect();
    for (let a = el.parentElement; a; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      left = Math.max(left, c.left); top = Math.max(top, c.top);
      right = Math.min(right, c.right); bottom = Math.min(bottom, c.bottom);
    }
    return right - left > 1 && bottom - top > 1 ? { left, top, right, bottom } : null;
  };
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || el.closest('.sr-only')) continue;
    const cs = getComputedStyle(el);
    if (cs.textOverflow === 'ellipsis' || cs.webkitLineClamp !== 'none') continue;
    const cut = ['hidden', 'clip'];
    if (cut.includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 2)
      problems.push('cut off vertically: ' + name(el) + ' needs ' + el.scrollHeight + ' px, has ' + el.clientHeight);
    if (cut.includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 2)
      problems.push('cut off horizontally: ' + name(el) + ' needs ' + el.scrollWidth + ' px, has ' + el.clientWidth);
  }
  const regions = ['.transport', '.scenario-bar', '.controls-wrap', '.workspace', '.timeline',
    '.embed-lanes', '.embed-below', '.embed-caption']
    .map((s) => document.querySelector(s)).filter((el) => el && visible(el));
  const overlap = (a, b) => {
    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return x > 1 && y > 1;
  };
  regions.forEach((a, i) => {
    const box = a.getBoundingClientRect();
    if (box.right > innerWidth + 1 || box.bottom > innerHeight + 1 || box.left < -1 || box.top < -1)
      problems.push('outside the window: ' + name(a));
    regions.slice(i + 1).forEach((b) => {
      if (overlap(box, b.getBoundingClientRect())) problems.push('overlap: ' + name(a) + ' and ' + name(b));
    });
  });
  // Chart labels (SVG text) never print over each other nor past their chart's edge.
  for (const svg of document.querySelectorAll('svg')) {
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() && visible(t));
    const frame = svg.getBoundingClientRect();
    texts.forEach((a, i) => {
      const box = a.getBoundingClientRect();
      if (box.top < frame.top - 1 || box.bottom > frame.bottom + 1 || box.left < frame.left - 1 || box.right > frame.right + 1)
        problems.push('label cut off by ' + name(svg) + ': "' + a.textContent + '"');
      texts.slice(i + 1).forEach((b) => {
        if (overlap(box, b.getBoundingClientRect()))
          problems.push('labels overlap in ' + name(svg) + ': "' + a.textContent + '" / "' + b.textContent + '"');
      });
    });
  }
  const label = (el) => (el.getAttribute('aria-label') || el.textContent || name(el)).trim().slice(0, 40);
  const controls = [...document.querySelectorAll('button, summary, select')]
    .filter(visible)
    .map((el) => ({ el, box: shown(el) }))
    .filter((c) => c.box !== null);
  controls.forEach((a, i) => {
    if (a.box.right > innerWidth + 1 || a.box.bottom > innerHeight + 1)
      problems.push('control outside the window: ' + label(a.el));
    controls.slice(i + 1).forEach((b) => {
      if (overlap(a.box, b.box)) problems.push('controls overlap: ' + label(a.el) + ' / ' + label(b.el));
    });
  });
  return problems;
})()`;

async function problems(page: Page): Promise<string[]> {
  return (await page.evaluate(PROBE)) as string[];
}

describe('Layout at slide sizes in headless Chromium', () => {
  const withLab = labSuite();

  it.each(SIZES)(
    'at $width x $height nothing overlaps, leaves the window or is cut off',
    async (size) => {
      for (const p of PAGES) {
        await withLab(
          `layout-${size.width}x${size.height}-${p.name}`,
          { search: p.search, viewport: size, colorScheme: p.colorScheme, readySelector: p.ready },
          async ({ page }) => {
            await page.waitForTimeout(1200); // a few records in the lanes and points in the charts
            expect(await problems(page), p.name).toEqual([]);
          },
        );
      }
    },
  );

  const LESSON_SIZES = [
    { width: 1024, height: 576, colorScheme: 'light' },
    { width: 3840, height: 2160, colorScheme: 'dark' },
  ] as const;
  it.each(
    LESSON_SIZES.flatMap((size) => BUILTIN_SCENARIOS.map((lesson) => ({ ...size, id: lesson.id }))),
  )('lesson $id at $width x $height: the same checks, charts included', async (p) => {
    const size = { width: p.width, height: p.height };
    await withLab(
      `layout-${p.width}x${p.height}-lesson-${p.id}`,
      {
        search: `?scenario=${p.id}`,
        viewport: size,
        colorScheme: p.colorScheme,
        readySelector: '[data-testid="narration"]',
      },
      async ({ page }) => {
        await page.waitForTimeout(2500); // lag points on both axes
        expect(await problems(page), p.id).toEqual([]);
      },
    );
  });

  it('an embed fills a 4:3 frame (800 x 600 and 1024 x 768) the same way', async () => {
    for (const size of [
      { width: 800, height: 600 },
      { width: 1024, height: 768 },
    ]) {
      for (const p of PAGES.filter((x) => x.name.startsWith('embed'))) {
        await withLab(
          `layout-${size.width}x${size.height}-${p.name}`,
          { search: p.search, viewport: size, colorScheme: p.colorScheme, readySelector: p.ready },
          async ({ page }) => {
            await page.waitForTimeout(1200);
            expect(await problems(page), p.name).toEqual([]);
            const box = (await page.getByTestId('embed').boundingBox())!;
            expect(box).toMatchObject({ x: 0, y: 0, width: size.width, height: size.height });
            // Panels that do not fit side by side wrap into rows: each stays readable.
            const panels = await page.evaluate(() => {
              const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
              return [...document.querySelectorAll('.embed-panel')].map((el) => {
                const r = el.getBoundingClientRect();
                return { rem: r.width / rem, height: r.height };
              });
            });
            for (const panel of panels) {
              expect(panel.rem, p.name).toBeGreaterThanOrEqual(14 - 0.01);
              expect(panel.height, p.name).toBeGreaterThanOrEqual(90);
            }
            // In a short panel the lag chart's caption gives way: the plot keeps half the room.
            const plot = await page.evaluate(() => {
              const chart = document.querySelector('.embed-panel .lag-chart');
              const area = chart?.querySelector('.plot');
              if (!chart || !area) return null;
              return area.getBoundingClientRect().height / chart.getBoundingClientRect().height;
            });
            if (p.search.includes('lag,')) expect(plot, p.name).not.toBeNull();
            if (plot !== null) expect(plot, p.name).toBeGreaterThanOrEqual(0.5);
          },
        );
      }
    }
  });
});
