import { expect, test } from '@playwright/test';
import { drafts, projectsIn, site, ui } from './support/content';

test('the home page introduces the site and shows every category with its projects in listing order', async ({ page }) => {
  await page.goto('/');

  await expect(page).toHaveTitle(site.title);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title);
  await expect(page.getByRole('main').getByText(site.description, { exact: true })).toBeVisible();

  // One section per category, in site.yml order, each named by its label and linking to its listing.
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(site.categories.map((category) => category.label));
  for (const category of site.categories) {
    const section = page.getByRole('region', { name: category.label, exact: true });
    await expect(section.getByRole('link', { name: category.label, exact: true })).toHaveAttribute('href', `/${category.slug}`);
    if (category.description) await expect(section.getByText(category.description, { exact: true })).toBeVisible();

    const expected = projectsIn(category.slug);
    const cards = section.getByRole('listitem');
    await expect(section.getByRole('heading', { level: 3 })).toHaveText(expected.map((project) => project.title));
    await expect(cards).toHaveCount(expected.length);
    for (const [index, project] of expected.entries()) {
      const card = cards.nth(index);
      await expect(card.getByRole('link')).toHaveAttribute('href', project.href);
      if (project.year) await expect(card.getByText(project.year, { exact: true })).toBeVisible();
      const { cover } = project;
      if (cover) {
        const image = card.getByRole('img');
        await expect(image).toHaveAttribute('alt', cover.alt);
        await image.scrollIntoViewIfNeeded();
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      } else {
        await expect(card.getByRole('img')).toHaveCount(0);
      }
    }
  }

  for (const draft of drafts) {
    await expect(page.getByRole('heading', { name: draft.title })).toHaveCount(0);
  }
});

test('every page shares the header, the category navigation, the footer and the site language', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', site.lang);
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');

  const nav = page.getByRole('navigation', { name: ui.mainNavigation });
  await expect(nav.getByRole('link')).toHaveText(site.categories.map((category) => category.label));

  // Through the navigation to each listing and home again by the site title.
  for (const category of site.categories) {
    await nav.getByRole('link', { name: category.label, exact: true }).click();
    await expect(page).toHaveURL(`/${category.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.label);
    await expect(page.locator('html')).toHaveAttribute('lang', site.lang);
    await expect(page.getByRole('contentinfo')).toContainText(site.author ?? site.title);
    if (site.email) {
      await expect(page.getByRole('contentinfo').getByRole('link', { name: site.email })).toHaveAttribute('href', `mailto:${site.email}`);
    }
  }
  await page.getByRole('banner').getByRole('link', { name: site.title, exact: true }).click();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title);
});
