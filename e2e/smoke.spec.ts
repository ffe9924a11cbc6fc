import { expect, test } from '@playwright/test';

test('the seed project page renders its title', async ({ page }) => {
  await page.goto('/fotografie/co-city');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Co-city');
});
