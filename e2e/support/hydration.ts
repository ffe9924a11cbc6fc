import { expect, type Locator } from '@playwright/test';

/**
 * Clicks `target` until `outcome` shows. A click that lands before React has hydrated the island does nothing,
 * so a page that never hydrates (a script blocked by the CSP, say) fails here.
 */
export async function clickUntilVisible(target: Locator, outcome: Locator) {
  await expect(async () => {
    if (await outcome.isVisible()) return;
    await target.click({ timeout: 2_000 });
    await expect(outcome).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
