// Built-in scenarios in the built app (dist/) in headless Chromium: each one opens from
// ?scenario=ID, plays at speed without console or page errors, and moves through its narration;
// a bad scenario file is refused with a located message and the running lab is untouched; a
// saved session loads back. Screenshots go to test-results/screenshots/scenario-*.png.
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../src/scenarios/index';
import { alertTexts, readSimTime } from './support/lab';
import { labSuite } from './support/suite';

const NARRATION = '[data-testid="narration"]';

describe('Scenarios in headless Chromium', () => {
  const withLab = labSuite();

  it.each(BUILTIN_SCENARIOS.map((s, i) => ({ ...s, n: i + 1 })))(
    'lesson $n ($id) plays through its narration without errors',
    async (s) => {
      // Scenarios on other topics list their own lanes; wait for the scenario bar instead.
      await withLab(
        `scenario-${String(s.n).padStart(2, '0')}-${s.id}`,
        { search: `?scenario=${s.id}`, readySelector: NARRATION },
        async ({ page }) => {
          const narration = page.getByTestId('narration');
          await expect.poll(() => narration.textContent()).toMatch(/Step 1 of \d+/);
          await expect(
            page.getByRole('combobox', { name: 'Scenario', exact: true }).inputValue(),
          ).resolves.toBe(s.id);
          const steps = Number(/of (\d+)/.exec((await narration.textContent()) ?? '')![1]);
          // Next through every step (the simulation runs to each step's time).
          for (let n = 2; n <= steps; n++) {
            await page.getByRole('button', { name: 'Next →' }).click();
            await expect.poll(() => narration.textContent()).toContain(`Step ${n} of ${steps}`);
          }
          expect(await page.getByRole('button', { name: 'Next →' }).isDisabled()).toBe(true);
          expect((await readSimTime(page)).ms).toBeGreaterThan(0);
          expect(await alertTexts(page)).toEqual([]);
        },
      );
    },
  );

  it('PageUp goes back a step and PageDown forward; auto-advance off pauses at the next step', async () => {
    await withLab(
      'scenario-keys',
      { search: '?scenario=lag-grows', readySelector: NARRATION },
      async ({ page }) => {
        const narration = page.getByTestId('narration');
        await expect.poll(() => narration.textContent()).toMatch(/Step 1 of 5/);
        await page.getByRole('button', { name: 'Pause' }).click();
        await page.keyboard.press('PageDown');
        await page.keyboard.press('PageDown');
        await expect.poll(() => narration.textContent()).toMatch(/Step 3 of 5/);
        await page.keyboard.press('PageUp');
        await expect.poll(() => narration.textContent()).toMatch(/Step 2 of 5/);
        expect((await readSimTime(page)).ms).toBe(10_000);
        await page.getByLabel('Auto-advance').uncheck();
        await page.getByRole('slider', { name: 'Speed', exact: true }).fill('1000');
        await page.getByRole('button', { name: 'Play' }).click();
        await expect
          .poll(() => narration.textContent(), { timeout: 10_000 })
          .toMatch(/Step 3 of 5/);
        // Paused exactly at step 3 (25 s).
        await expect.poll(() => readSimTime(page).then((t) => t.ms)).toBe(25_000);
        await expect(page.getByRole('button', { name: 'Play' }).isVisible()).resolves.toBe(true);
      },
    );
  });

  it('a bad file is refused with its path; the running lab keeps going', async () => {
    await withLab(
      'scenario-bad-file',
      { search: '?scenario=same-key-same-partition', readySelector: NARRATION },
      async ({ page }) => {
        const narration = page.getByTestId('narration');
        await expect.poll(() => narration.textContent()).toMatch(/Step 1 of 5/);
        const bad = {
          schemaVersion: 2,
          id: 'bad',
          title: 'Bad',
          summary: 'Reduces partitions',
          seed: 1,
          config: { topics: [{ name: 'user-events', partitions: 3 }] },
          durationMs: 10_000,
          steps: [],
          timeline: [
            { at: 1000, action: { type: 'addPartitions', topic: 'user-events', partitions: 2 } },
          ],
        };
        await page.getByLabel('Load a scenario file').setInputFiles({
          name: 'bad.json',
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(bad)),
        });
        await expect
          .poll(() => alertTexts(page))
          .toEqual([
            expect.stringMatching(/^bad\.json: timeline\[0\]\.action\.partitions: .*3.*2/),
          ]);
        await expect(
          page.getByRole('combobox', { name: 'Scenario', exact: true }).inputValue(),
        ).resolves.toBe('same-key-same-partition');
        await page.getByLabel('Load a scenario file').setInputFiles({
          name: 'broken.json',
          mimeType: 'application/json',
          buffer: Buffer.from('{ "schemaVersion": 2,\n  "id": }'),
        });
        await expect
          .poll(() => alertTexts(page))
          .toEqual([
            expect.stringMatching(/^broken\.json: file: is not valid JSON \(line 2, column 9\)/),
          ]);
        await expect(narration.textContent()).resolves.toMatch(/Step \d of 5/);
      },
    );
  });

  it('a saved session downloads and loads back', async () => {
    await withLab(
      'scenario-save-load',
      { search: '?scenario=poison-message', readySelector: NARRATION },
      async ({ page }) => {
        const narration = page.getByTestId('narration');
        await expect.poll(() => narration.textContent()).toMatch(/Step 1 of 5/);
        await page.getByRole('button', { name: 'Next →' }).click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Save recording' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('poison-message.json');
        const path = await download.path();
        const { readFile } = await import('node:fs/promises');
        const text = await readFile(path, 'utf8');
        expect(JSON.parse(text)).toMatchObject({ schemaVersion: 2, id: 'poison-message' });
        await page.getByRole('button', { name: 'Reset' }).click();
        await page.getByLabel('Load a scenario file').setInputFiles({
          name: 'poison-message.json',
          mimeType: 'application/json',
          buffer: Buffer.from(text),
        });
        await expect.poll(() => narration.textContent()).toMatch(/Step 1 of 5/);
        expect(await alertTexts(page)).toEqual([]);
      },
    );
  });
});
