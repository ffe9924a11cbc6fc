import { expect, test, type Page } from '@playwright/test';
import { projects, site } from './support/content';

// From a card to its project page the cover moves into place (a view transition), and back again; under
// prefers-reduced-motion nothing moves, and a browser without view transitions navigates as before.
const category = site.categories.find((candidate) => projects.some((project) => project.category === candidate.slug && project.cover));
const project = projects.find((candidate) => candidate.category === category?.slug && candidate.cover);
const coverGroup = `::view-transition-group(cover-${project?.slug})`;

/**
 * Records, from every frame, the view-transition pseudo-elements that animate (React's own zero-length
 * bookkeeping animations aside); and marks the window, which a full page load would clear.
 */
async function recordTransitions(page: Page) {
  await page.addInitScript(() => {
    const seen = new Set<string>();
    Object.assign(window, { transitionsSeen: seen, stayedOnPage: true });
    const record = () => {
      for (const animation of document.getAnimations()) {
        const pseudo = (animation.effect as KeyframeEffect | null)?.pseudoElement;
        const duration = Number(animation.effect?.getComputedTiming().duration ?? 0);
        if (pseudo?.startsWith('::view-transition') && duration > 0) seen.add(pseudo);
      }
      requestAnimationFrame(record);
    };
    requestAnimationFrame(record);
  });
}

const seen = (page: Page) => page.evaluate(() => [...(window as unknown as { transitionsSeen: Set<string> }).transitionsSeen]);
const clearSeen = (page: Page) => page.evaluate(() => (window as unknown as { transitionsSeen: Set<string> }).transitionsSeen.clear());
const stayedOnPage = (page: Page) => page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage === true);

/** Opens the category and waits until its links are hydrated and their pages prefetched. */
async function openCategory(page: Page) {
  await page.goto(`/${category!.slug}`);
  await page.waitForLoadState('networkidle');
}

async function openProject(page: Page) {
  const card = page.getByRole('link', { name: new RegExp(project!.title) }).first();
  await card.click();
  await expect(page).toHaveURL(new RegExp(`${project!.href}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(project!.title);
}

test.beforeAll(() => {
  if (!project) throw new Error('no published project with a cover: nothing to move');
});

test("a card's cover moves into its project page, and back", { tag: '@phone' }, async ({ page }) => {
  await recordTransitions(page);
  await openCategory(page);
  await openProject(page);
  await expect.poll(() => seen(page)).toContain(coverGroup);
  expect(await stayedOnPage(page), 'a client-side navigation').toBe(true);

  await page.waitForLoadState('networkidle');
  await clearSeen(page);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/${category!.slug}$`));
  await expect.poll(() => seen(page)).toContain(coverGroup);
});

test('under prefers-reduced-motion no view transition animates; the navigation still happens', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await recordTransitions(page);
  await openCategory(page);
  await openProject(page);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/${category!.slug}$`));
  await page.waitForTimeout(500);
  expect(await seen(page)).toEqual([]);
  expect(await stayedOnPage(page)).toBe(true);
});

test('a browser without view transitions navigates from card to page as before', async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: removing the API, as in a browser that lacks it.
    delete Document.prototype.startViewTransition;
  });
  await recordTransitions(page);
  await openCategory(page);
  expect(await page.evaluate(() => 'startViewTransition' in document)).toBe(false);
  await openProject(page);
  expect(await stayedOnPage(page), 'a client-side navigation').toBe(true);
  await expect(page.locator('.project-cover img')).toBeVisible();
  expect(await seen(page)).toEqual([]);
});
