import { expect, test } from '@playwright/test';
import { projectsIn, site, ui } from './support/content';

for (const category of site.categories) {
  test(`/${category.slug} lists its projects in listing order, each card leading to its project`, async ({ page }) => {
    const expected = projectsIn(category.slug);
    await page.goto(`/${category.slug}`);

    await expect(page).toHaveTitle(`${category.label} — ${site.title}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.label);
    if (category.description) await expect(page.getByRole('main').getByText(category.description, { exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: ui.mainNavigation }).getByRole('link', { name: category.label, exact: true })).toBeVisible();

    const cards = page.getByRole('main').getByRole('listitem');
    await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(expected.map((project) => project.title));
    await expect(cards).toHaveCount(expected.length);
    for (const [index, project] of expected.entries()) {
      const card = cards.nth(index);
      await expect(card.getByRole('link')).toHaveAttribute('href', project.href);
      if (project.year) await expect(card.getByText(project.year, { exact: true })).toBeVisible();
      if (project.cover) await expect(card.getByRole('img')).toHaveAttribute('alt', project.cover.alt);
    }

    // A visitor picks the last card and lands on that project.
    const last = expected.at(-1);
    if (!last) throw new Error(`category ${category.slug} has no published project`);
    await cards.last().getByRole('link').click();
    await expect(page).toHaveURL(last.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(last.title);
  });
}
