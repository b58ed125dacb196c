// Consumer groups in depth in the built app (dist/) in headless Chromium: the
// rebalance-protocols lesson shows eager pausing every partition and cooperative
// and KIP-848 only the moved ones, the storm lesson counts evictions, and the Lag
// health tab sets Burrow and the exporter beside the exact lag.
// Screenshots go to test-results/screenshots/groups-*.png.
import { describe, expect, it } from 'vitest';
import { labSuite } from './support/suite';

const NARRATION = '[data-testid="narration"]';

/** Partitions a group's Rebalances section lists as paused. */
const PAUSED = (groupId: string) =>
  `[data-testid="rebalance-cost"][data-group="${groupId}"] [data-testid="partition-pauses"]`;

describe('Consumer groups in headless Chromium', () => {
  const withLab = labSuite();

  it('eager pauses all six partitions; cooperative and KIP-848 pause only the two that move', async () => {
    await withLab(
      'groups-protocols',
      { search: '?scenario=rebalance-protocols', readySelector: NARRATION },
      async ({ page }) => {
        await page.getByRole('button', { name: 'Pause' }).click();
        // Step 4 (17 s): every group has rebalanced for its third consumer.
        for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
        await expect.poll(() => page.getByTestId('narration').textContent()).toMatch(/Step 4 of 5/);
        await page.getByRole('tab', { name: 'Groups' }).click();
        const paused = async (groupId: string) =>
          ((await page.locator(PAUSED(groupId)).textContent()) ?? '').match(/orders-\d/g) ?? [];
        await expect.poll(() => paused('eager')).toHaveLength(6);
        expect(await paused('cooperative')).toHaveLength(2);
        expect(await paused('kip848')).toHaveLength(2);
        // One band for eager and KIP-848 each, two for cooperative's two rounds.
        await expect(page.locator('[data-testid="rebalance-band"]').count()).resolves.toBe(4);
      },
    );
  });

  it('the storm lesson counts evictions and failed commits; Lag health shows Burrow and the estimate', async () => {
    await withLab(
      'groups-storm',
      { search: '?scenario=rebalance-storm', readySelector: NARRATION },
      async ({ page }) => {
        await page.getByRole('button', { name: 'Pause' }).click();
        for (let i = 0; i < 3; i++) await page.keyboard.press('PageDown');
        await expect.poll(() => page.getByTestId('narration').textContent()).toMatch(/Step 4 of 4/);
        await page.getByRole('tab', { name: 'Groups' }).click();
        const evictions = Number(await page.getByTestId('evictions').textContent());
        expect(evictions).toBeGreaterThanOrEqual(5);
        expect(Number(await page.getByTestId('rebalances').textContent())).toBeGreaterThanOrEqual(
          4,
        );
        await expect
          .poll(() => page.getByTestId('group-health').textContent())
          .toMatch(/Burrow: (OK|WARN|ERR)/);
        const estimate = page.locator('[data-testid="lag-health"] tbody tr td:nth-child(5)');
        expect((await estimate.allTextContents()).some((t) => /^\d+\.\d s$/.test(t))).toBe(true);
      },
    );
  });
});
