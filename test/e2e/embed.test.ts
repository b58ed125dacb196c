// The embed view and the deck API in the built app (dist/) in headless Chromium: URL parameters
// pick panels, scenario, step, theme and autoplay; the example deck (dist/examples/deck.html)
// drives two embeds independently through postMessage, and a malformed message changes nothing.
// Screenshots: embed-*.png.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { alertTexts, SIM_TIME } from './support/lab';
import { labSuite } from './support/suite';

const EMBED = '[data-testid="embed"]';

async function embedFrame(page: Page, index: number): Promise<Frame> {
  const handle = await page.locator('iframe').nth(index).elementHandle();
  const frame = await handle!.contentFrame();
  await frame!.locator(EMBED).waitFor();
  return frame!;
}

const caption = (frame: Frame) => frame.getByTestId('narration').textContent();

describe('Embed view and deck API in headless Chromium', () => {
  const withLab = labSuite();

  it('parameters pick panels, scenario, step, theme, speed and autoplay; no chrome', async () => {
    await withLab(
      'embed-parameters',
      {
        search:
          '?embed&scenario=lag-grows&panels=lanes,table,narration&step=3&theme=dark&autoplay=0',
        readySelector: EMBED,
        viewport: { width: 1024, height: 576 },
      },
      async ({ page }) => {
        const embed = page.locator(EMBED);
        expect(await embed.getAttribute('data-panels')).toBe('lanes,table,narration');
        expect(await page.locator('[data-testid="partition"]').count()).toBeGreaterThan(0);
        // The panels come just after the lanes' first frame.
        await page.locator('table[data-testid="describe"]').first().waitFor();
        expect(await page.getByTestId('lag-chart').count()).toBe(0);
        for (const chrome of ['.transport', '.scenario-bar', '.controls-wrap', '.timeline']) {
          expect(await page.locator(chrome).count(), chrome).toBe(0);
        }
        expect(await caption(page.mainFrame())).toMatch(/^3\/5/);
        expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
        expect(await page.locator(SIM_TIME).count()).toBe(0); // no transport clock in an embed
        const before = await page.evaluate(() => document.body.innerText);
        await page.waitForTimeout(600);
        expect(await page.evaluate(() => document.body.innerText)).toBe(before); // autoplay=0
        expect(await alertTexts(page)).toEqual([]);
      },
    );
  });

  it('a bad parameter says what and where, and the rest still apply', async () => {
    await withLab(
      'embed-bad-parameter',
      { search: '?embed&panels=lanes,nope&speed=500', readySelector: EMBED },
      async ({ page }) => {
        await expect
          .poll(() => alertTexts(page))
          .toEqual([
            expect.stringMatching(/^panels: expected .*got "lanes,nope"; speed: expected/),
          ]);
        expect(await page.locator(EMBED).getAttribute('data-panels')).toBe('lanes,lag');
      },
    );
  });

  it('the example deck drives two embeds independently; a malformed message changes nothing', async () => {
    await withLab(
      'embed-deck',
      {
        search: 'examples/deck.html',
        readySelector: 'iframe',
        viewport: { width: 1600, height: 900 },
      },
      async ({ page }) => {
        const a = await embedFrame(page, 0);
        const b = await embedFrame(page, 1);
        const statusA = page.locator('[data-slide="a"] [data-status]');
        const statusB = page.locator('[data-slide="b"] [data-status]');
        await expect.poll(() => statusA.getAttribute('data-step')).toBe('1');
        await expect.poll(() => statusB.getAttribute('data-step')).toBe('1');

        await page.locator('[data-slide="a"] [data-command="nextStep"]').click();
        await page.locator('[data-slide="a"] [data-command="nextStep"]').click();
        await expect.poll(() => caption(a)).toMatch(/^3\/5/);
        await expect.poll(() => statusA.getAttribute('data-step')).toBe('3');
        expect(await caption(b)).toMatch(/^1\/5/);
        expect(await statusB.getAttribute('data-step')).toBe('1');

        await page.locator('[data-slide="b"] [data-command="nextStep"]').click();
        await expect.poll(() => caption(b)).toMatch(/^2\/5/);
        await page.locator('[data-slide="a"] [data-command="previousStep"]').click();
        await expect.poll(() => caption(a)).toMatch(/^2\/5/);
        expect(await caption(b)).toMatch(/^2\/5/);

        // Malformed: unknown command, wrong field type, an action the model refuses.
        const warnings: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'warning') warnings.push(m.text());
        });
        const before = await a.evaluate(() => document.body.innerText);
        await page.evaluate(() => {
          const frame = document.querySelector('iframe')!.contentWindow!;
          frame.postMessage({ partitionLab: 1, type: 'explode' }, '*');
          frame.postMessage({ partitionLab: 1, type: 'goToStep', step: 'three' }, '*');
          frame.postMessage({ partitionLab: 1, type: 'goToStep', step: 99 }, '*');
          frame.postMessage({ partitionLab: 1, type: 'apply', action: { type: 'dropTable' } }, '*');
        });
        await expect.poll(() => warnings.length).toBeGreaterThanOrEqual(4);
        expect(warnings.join('\n')).toMatch(/ignored an action .*dropTable/);
        expect(warnings.join('\n')).toMatch(/ignored a message .*type/);
        expect(warnings.join('\n')).toMatch(/step/);
        expect(await caption(a)).toMatch(/^2\/5/);
        expect(await a.evaluate(() => document.body.innerText)).toBe(before);
      },
    );
  });

  it('the Embed dialog previews the embed live, and its link opens that embed', async () => {
    let link = '';
    await withLab(
      'embed-dialog',
      { search: '?scenario=lag-grows', readySelector: '[data-testid="narration"]' },
      async ({ page }) => {
        await page.getByRole('button', { name: 'Embed…' }).click();
        await page.getByRole('checkbox', { name: '--describe table' }).check();
        await page.getByRole('checkbox', { name: 'Play at once' }).uncheck();
        link = await page.getByTestId('embed-url').inputValue();
        const preview = page.frameLocator('[data-testid="embed-preview"]');
        await expect
          .poll(() => preview.locator(EMBED).getAttribute('data-panels'))
          .toBe('lanes,lag,table,narration');
        await expect.poll(() => preview.locator('table[data-testid="describe"]').count()).toBe(1);
        expect(await page.getByTestId('embed-snippet').inputValue()).toMatch(
          /^<iframe title="Partition Lab: .*aspect-ratio: 16 \/ 9/,
        );
      },
    );
    const query = link.slice(link.indexOf('?'));
    await withLab(
      'embed-from-dialog-link',
      { search: query, readySelector: EMBED },
      async ({ page }) => {
        expect(await page.locator(EMBED).getAttribute('data-panels')).toBe(
          'lanes,lag,table,narration',
        );
        expect(await page.locator('.transport').count()).toBe(0);
      },
    );
  });
});
