import { expect, test } from '@playwright/test';
import { drafts, projects, site, ui } from './support/content';

const [someProject] = projects;
const otherCategory = site.categories.find((category) => category.slug !== someProject?.category);
if (!someProject || !otherCategory) throw new Error('the content needs a project and a second category');

const unknownPages = [
  { what: 'an unknown category', url: '/non-esiste' },
  { what: 'an unknown project', url: `/${someProject.category}/non-esiste` },
  { what: 'a project under the wrong category', url: `/${otherCategory.slug}/${someProject.slug}` },
  { what: 'a path below a project', url: `${someProject.href}/altro` },
  ...drafts.map((draft) => ({ what: `the draft "${draft.slug}"`, url: draft.href })),
];

test('the content has a draft whose page must stay unpublished', () => {
  expect(drafts.map((draft) => draft.slug)).toContain('mercati-di-porta-palazzo');
});

for (const { what, url } of unknownPages) {
  test(`${what} (${url}) answers 404 with the site's own not-found page`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui.notFoundTitle);
    await expect(page.locator('html')).toHaveAttribute('lang', site.lang);
    await expect(page.getByRole('navigation', { name: ui.mainNavigation })).toBeVisible();

    await page.getByRole('main').getByRole('link', { name: ui.backHome, exact: true }).click();
    await expect(page).toHaveURL('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(site.title);
  });
}
