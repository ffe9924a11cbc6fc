import { expect, test, type Page } from '@playwright/test';
import { focusOutline, horizontalOverflow, linkControl } from './support/browser';
import { getProject, projects, site, ui } from './support/content';
import { galleryOf } from './support/gallery';

const everyPage = ['/', ...site.categories.map((category) => `/${category.slug}`), ...projects.map((project) => project.href), '/non-esiste'];

test("no page scrolls sideways, at the device's width or on a 320px-wide screen", { tag: '@phone' }, async ({ page }) => {
  const device = page.viewportSize()!;
  const narrow = { width: 320, height: 640 };
  const expectNoOverflow = async (what: string) => {
    for (const viewport of [device, narrow]) {
      await page.setViewportSize(viewport);
      expect(await horizontalOverflow(page), `${what} overflows sideways at ${viewport.width}px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(device);
  };

  for (const url of everyPage) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoOverflow(url);
  }
  const coCity = getProject('co-city');
  await page.goto(coCity.href);
  const gallery = galleryOf(page, coCity);
  await gallery.button.click();
  await gallery.expectAt(1);
  await expectNoOverflow('the open gallery');
});

test('a keyboard user reaches the skip link, the navigation and the buttons, each with a visible focus outline', async ({ page }) => {
  const project = getProject('co-city');
  await page.goto(project.href);
  const expectFocusVisible = async (name: string, locator: ReturnType<Page['getByRole']>) => {
    await expect(locator, `${name} has focus`).toBeFocused();
    await expect(locator).toBeInViewport();
    const outline = await focusOutline(locator);
    expect(outline.style, `${name} shows an outline`).not.toBe('none');
    expect(outline.width, `${name} shows an outline`).toBeGreaterThanOrEqual(2);
  };

  const skipLink = page.getByRole('link', { name: ui.skipToContent });
  await expect(skipLink).not.toBeInViewport();
  await page.keyboard.press('Tab');
  await expectFocusVisible('the skip link', skipLink);

  await page.keyboard.press('Tab');
  await expectFocusVisible('the site title', page.getByRole('banner').getByRole('link', { name: site.title, exact: true }));
  const nav = page.getByRole('navigation', { name: ui.mainNavigation });
  for (const category of site.categories) {
    await page.keyboard.press('Tab');
    await expectFocusVisible(category.label, nav.getByRole('link', { name: category.label, exact: true }));
  }

  // The skip link jumps past the header: the next Tab lands on the first link of the page's content.
  await page.keyboard.press('Shift+Tab');
  for (let step = 0; step < site.categories.length; step++) await page.keyboard.press('Shift+Tab');
  await expect(skipLink).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const category = site.categories.find((candidate) => candidate.slug === project.category)!;
  await expectFocusVisible('the category link', page.getByRole('article').getByRole('link', { name: category.label, exact: true }));

  // Then the project's links, in their order.
  for (const link of project.links) {
    await page.keyboard.press('Tab');
    await expectFocusVisible(`"${link.name}"`, linkControl(page, link));
  }

  // Back to the gallery button, open the gallery from the keyboard, look around and leave it.
  const gallery = galleryOf(page, project);
  const sliderIndex = project.links.findIndex((link) => link.action === 'slider');
  for (let step = sliderIndex; step < project.links.length - 1; step++) await page.keyboard.press('Shift+Tab');
  await expect(gallery.button).toBeFocused();
  await page.keyboard.press('Enter');
  await gallery.expectAt(1);
  await page.keyboard.press('Tab');
  await expect.poll(() => gallery.dialog.evaluate((dialog) => dialog.contains(document.activeElement)), 'focus stays in the dialog').toBe(true);
  await page.keyboard.press('ArrowRight');
  await gallery.expectAt(2);
  await page.keyboard.press('Escape');
  await expect(gallery.dialog).toHaveCount(0);
  await expectFocusVisible('the gallery button again', gallery.button);
});

test('with reduced motion, nothing on a page animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const url of ['/', getProject('co-city').href]) {
    await page.goto(url);
    const longest = await page.evaluate(() => {
      const seconds = (value: string) => Math.max(...value.split(',').map((part) => parseFloat(part) * (part.trim().endsWith('ms') ? 0.001 : 1)));
      return Math.max(
        ...[...document.querySelectorAll('*')].map((element) => {
          const style = getComputedStyle(element);
          return Math.max(seconds(style.transitionDuration), seconds(style.animationDuration));
        }),
      );
    });
    expect(longest, `the longest transition or animation on ${url}, in seconds`).toBeLessThanOrEqual(0.001);
  }
});
