// Helpers for driving the built Partition Lab (dist/) in Chromium: opening it with the error
// collector of page.ts, setting its sliders, and reading the DOM contract the views expose
// (the visually hidden stage description, the lag chart, the --describe table, sim-time).
import type { Browser, Page } from 'playwright-core';
import { openCheckedPage, type CheckedPage } from './page';
import type { StaticServer } from './static-server';

export const TOPIC = '[data-testid="topic"][data-topic="user-events"]';
export const PARTITION = '[data-testid="partition"]';
export const SIM_TIME = '[data-testid="sim-time"]';
/** Any alert: the ErrorBoundary's "Something in this view broke" panel or the error banner. */
export const ALERT = '[role="alert"]';

/** Track length of the app's log-scale sliders (src/views/controls/Slider.tsx). */
export const LOG_TRACK_STEPS = 1000;

export interface LabPageOptions {
  /** Query string, e.g. "?preset=heavy". */
  readonly search?: string;
  readonly viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel; default 1. */
  readonly deviceScaleFactor?: number;
  /** Emulated prefers-color-scheme before the app starts (it picks its theme from it). */
  readonly colorScheme?: 'light' | 'dark';
  /** How long to wait for the stage description to list the default topic. */
  readonly readyTimeout?: number;
  /** What to wait for instead of the default topic (scenarios with other topics). */
  readonly readySelector?: string;
  /** A script to run in the page before its own (to observe its start). */
  readonly initScript?: string;
}

/** Opens the lab in a fresh context that records console errors, page errors and requests. */
export async function openLab(
  browser: Browser,
  server: StaticServer,
  options: LabPageOptions = {},
): Promise<CheckedPage> {
  const checked = await openCheckedPage(browser, {
    viewport: options.viewport ?? { width: 1280, height: 720 },
    ...(options.deviceScaleFactor === undefined
      ? {}
      : { deviceScaleFactor: options.deviceScaleFactor }),
    allowedOrigins: [server.origin],
  });
  try {
    if (options.colorScheme !== undefined) {
      await checked.page.emulateMedia({ colorScheme: options.colorScheme });
    }
    if (options.initScript !== undefined) {
      await checked.page.addInitScript({ content: options.initScript });
    }
    await checked.page.goto(`${server.url}${options.search ?? ''}`, { waitUntil: 'load' });
    await checked.page
      .locator(options.readySelector ?? TOPIC)
      .first()
      .waitFor({ state: 'attached', timeout: options.readyTimeout ?? 10_000 });
  } catch (error) {
    const problems = checked.problems();
    await checked.close();
    if (problems.length > 0) {
      throw new Error(`The lab did not start. The page reported:\n  ${problems.join('\n  ')}`, {
        cause: error,
      });
    }
    throw error;
  }
  return checked;
}

/** Sets a linear range input (track value = value) and checks the browser kept it. */
export async function setSlider(page: Page, name: string, value: number): Promise<void> {
  const slider = page.getByRole('slider', { name, exact: true });
  await slider.fill(String(value));
  const kept = await slider.inputValue();
  if (Number(kept) !== value) {
    throw new Error(`Slider "${name}" holds ${kept} after setting it to ${value}.`);
  }
}

/** Where `value` sits on a log-scale slider spanning [min, max] (same formula as the app). */
export function logTrackPosition(value: number, min: number, max: number): number {
  return Math.round((Math.log(value / min) / Math.log(max / min)) * LOG_TRACK_STEPS);
}

/**
 * Sets a log-scale slider to about `value` and returns the value the app now reports
 * (its aria-valuetext, parsed). Fails if that is more than 3 % away from `value`.
 */
export async function setLogSlider(
  page: Page,
  name: string,
  value: number,
  range: { readonly min: number; readonly max: number },
): Promise<number> {
  const slider = page.getByRole('slider', { name, exact: true });
  await slider.fill(String(logTrackPosition(value, range.min, range.max)));
  const shown = await slider.getAttribute('aria-valuetext');
  const parsed = Number.parseFloat(shown ?? '');
  if (!Number.isFinite(parsed) || Math.abs(parsed - value) > value * 0.03) {
    throw new Error(`Slider "${name}" shows "${shown}" after setting it to about ${value}.`);
  }
  return parsed;
}

/** Parses the transport clock "m:ss.d" into milliseconds (tenths of a second resolution). */
export function parseClock(text: string): number {
  const match = /^\s*(\d+):(\d{2})\.(\d)\s*$/.exec(text);
  if (match === null) throw new Error(`sim-time reads "${text}", not m:ss.d`);
  const [, minutes, seconds, tenths] = match;
  return Number(minutes) * 60_000 + Number(seconds) * 1000 + Number(tenths) * 100;
}

export async function readSimTime(page: Page): Promise<{ text: string; ms: number }> {
  const text = (await page.locator(SIM_TIME).textContent()) ?? '';
  return { text, ms: parseClock(text) };
}

/** Waits until sim-time reads something other than `initial`; false on timeout. */
export async function simTimeChanges(
  page: Page,
  initial: string,
  timeout: number,
): Promise<boolean> {
  return page
    .waitForFunction(
      ({ selector, before }) => document.querySelector(selector)?.textContent !== before,
      { selector: SIM_TIME, before: initial },
      { timeout, polling: 50 },
    )
    .then(
      () => true,
      () => false,
    );
}

/** The data-partition values listed for the default topic, in DOM order. */
export async function partitionIds(page: Page): Promise<string[]> {
  return page
    .locator(TOPIC)
    .locator(PARTITION)
    .evaluateAll((elements) => elements.map((e) => e.getAttribute('data-partition') ?? ''));
}

export interface MemberView {
  readonly id: string;
  readonly status: string;
  readonly text: string;
}

export interface GroupView {
  /** The group's summary line, e.g. "Group notifier: Stable, generation 2, total lag 0". */
  readonly summary: string;
  readonly members: readonly MemberView[];
}

/** The stage description of group `groupId`, or null when it is not listed. */
export async function readGroup(page: Page, groupId: string): Promise<GroupView | null> {
  return page.evaluate((id) => {
    const section = [...document.querySelectorAll('[data-testid="group"]')].find(
      (e) => e.getAttribute('data-group') === id,
    );
    if (section === undefined) return null;
    return {
      summary: section.querySelector('p')?.textContent ?? '',
      members: [...section.querySelectorAll('[data-testid="member"]')].map((m) => ({
        id: m.getAttribute('data-member') ?? '',
        status: m.getAttribute('data-status') ?? '',
        text: m.textContent ?? '',
      })),
    };
  }, groupId);
}

/** Latest total lag of a group as the lag chart's aria-label states it (null if unknown). */
export async function chartTotalLag(page: Page, groupId: string): Promise<number | null> {
  const label = (await page.getByTestId('lag-chart').getAttribute('aria-label')) ?? '';
  const escaped = groupId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`group ${escaped}: total lag (\\d+)`).exec(label);
  return match === null ? null : Number(match[1]);
}

/** The (x, y) points of an SVG path's d attribute (M/L commands, as d3-shape's line writes). */
export function pathPoints(d: string): { x: number; y: number }[] {
  const numbers = (d.match(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi) ?? []).map(Number);
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    points.push({ x: numbers[i]!, y: numbers[i + 1]! });
  }
  return points;
}

/** Points of the group's total-lag path in the lag chart (SVG y grows downwards). */
export async function totalLagPath(
  page: Page,
  groupId: string,
): Promise<{ x: number; y: number }[]> {
  const d = await page.getByTestId(`total-lag-${groupId}`).getAttribute('d');
  return pathPoints(d ?? '');
}

/** The LAG cells of the --describe table for `groupId` (null for "-"), in row order. */
export async function describeLagCells(page: Page, groupId: string): Promise<(number | null)[]> {
  const cells = await page
    .locator(`table[data-testid="describe"][data-group="${groupId}"] td[data-testid="lag"]`)
    .allTextContents();
  return cells.map((text) => {
    const value = Number(text.trim());
    return text.trim() === '-' || !Number.isFinite(value) ? null : value;
  });
}

/** Texts of every [role=alert] on the page (error boundary panels and the error banner). */
export async function alertTexts(page: Page): Promise<string[]> {
  return page.locator(ALERT).allTextContents();
}

export interface CanvasInk {
  readonly width: number;
  readonly height: number;
  /** Share of sampled pixels that differ clearly from the most common colour. */
  readonly inkShare: number;
  /** Number of distinct (quantised) colours among the samples. */
  readonly colours: number;
}

/** Samples the stage canvas: a blank or cleared canvas has (almost) no ink and one colour. */
export async function stageCanvasInk(page: Page): Promise<CanvasInk> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.stage canvas');
    if (!(canvas instanceof HTMLCanvasElement)) throw new Error('No canvas in .stage');
    const ctx = canvas.getContext('2d');
    if (ctx === null) throw new Error('The stage canvas has no 2d context');
    const { width, height } = canvas;
    if (width === 0 || height === 0) return { width, height, inkShare: 0, colours: 0 };
    const data = ctx.getImageData(0, 0, width, height).data;
    const counts = new Map<number, number>();
    const samples: number[] = [];
    for (let y = 0; y < height; y += 3) {
      for (let x = 0; x < width; x += 3) {
        const i = (y * width + x) * 4;
        // Quantise to 4 bits per channel so anti-aliasing does not count as new colours.
        const key =
          ((data[i]! >> 4) << 12) |
          ((data[i + 1]! >> 4) << 8) |
          ((data[i + 2]! >> 4) << 4) |
          (data[i + 3]! >> 4);
        samples.push(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    let background = 0;
    let most = -1;
    for (const [key, n] of counts) {
      if (n > most) {
        most = n;
        background = key;
      }
    }
    const ink = samples.filter((key) => key !== background).length;
    return { width, height, inkShare: ink / samples.length, colours: counts.size };
  });
}

export interface SmallText {
  /** A short description of the element: tag, classes, a snippet of its text. */
  readonly element: string;
  /** The computed CSS font-size, px. */
  readonly computedPx: number;
  /**
   * The size the text is drawn at on screen, px: the computed size times the scale of the
   * element's screen transform (an SVG viewBox scaled to its box scales its text too).
   */
  readonly renderedPx: number;
}

/**
 * Every visible element outside .sr-only that has text of its own (a non-blank text node
 * child), with its computed and on-screen font size. Callers filter for the small ones.
 */
export async function visibleTextSizes(page: Page): Promise<SmallText[]> {
  return page.evaluate(() => {
    const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE', 'DESC', 'HEAD']);
    const found: { element: string; computedPx: number; renderedPx: number }[] = [];
    for (const element of document.querySelectorAll('body *')) {
      if (skipped.has(element.tagName.toUpperCase())) continue;
      if (element.closest('.sr-only') !== null) continue;
      const ownText = [...element.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (ownText === '') continue;
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const computedPx = Number.parseFloat(getComputedStyle(element).fontSize);
      let renderedPx = computedPx;
      if (element instanceof SVGGraphicsElement) {
        const m = element.getScreenCTM();
        if (m !== null) renderedPx = computedPx * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      }
      const classAttr = (element.getAttribute('class') ?? '').trim();
      const classes = classAttr === '' ? '' : `.${classAttr.split(/\s+/).join('.')}`;
      found.push({
        element: `<${element.tagName.toLowerCase()}${classes}> "${ownText.slice(0, 40)}"`,
        computedPx,
        renderedPx,
      });
    }
    return found;
  });
}
