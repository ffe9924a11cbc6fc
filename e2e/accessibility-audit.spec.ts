import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { luminance } from './support/browser';
import { getProject, site, ui, withGallery } from './support/content';
import { galleryOf } from './support/gallery';
import { clickUntilVisible } from './support/hydration';

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const coCity = getProject('co-city');

async function audit(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  return violations.map(({ id, help, nodes }) => `${id}: ${help} (${nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

async function openGallery(page: Page) {
  await page.goto(coCity.href);
  const gallery = galleryOf(page, coCity);
  await clickUntilVisible(gallery.button, gallery.dialog);
  await gallery.expectAt(1);
  await expect(gallery.photo(1)).toHaveJSProperty('complete', true);
  return gallery;
}

const pages = { home: '/', category: `/${site.categories[0]!.slug}`, project: coCity.href, 'not found': '/non-esiste' };

for (const [name, path] of Object.entries(pages)) {
  test(`the ${name} page passes axe at WCAG 2.2 AA, with one h1 and every landmark`, { tag: '@phone' }, async ({ page }) => {
    await page.goto(path);
    expect(await audit(page)).toEqual([]);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.getByRole('banner')).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: ui.mainNavigation })).toHaveCount(1);
    await expect(page.getByRole('main')).toHaveCount(1);
    await expect(page.getByRole('contentinfo')).toHaveCount(1);
  });
}

test('the open gallery passes axe at WCAG 2.2 AA', { tag: '@phone' }, async ({ page }) => {
  await openGallery(page);
  expect(await audit(page)).toEqual([]);
});

test('a gallery with videos and embeds passes axe at WCAG 2.2 AA on each slide, zoomed photos too', async ({ page }) => {
  const project = withGallery.find((candidate) => candidate.media.some((item) => item.type !== 'image'));
  if (!project) throw new Error('no published gallery with a video or an embed');
  await page.goto(project.href);
  const gallery = galleryOf(page, project);
  await clickUntilVisible(gallery.button, gallery.dialog);
  for (const [index, item] of project.media.entries()) {
    await gallery.expectAt(index + 1);
    if (item.type === 'image') {
      await page.keyboard.press('+');
      await expect(gallery.zoom).toHaveAttribute('aria-pressed', 'true');
    }
    expect(await audit(page), `slide ${index + 1}, a ${item.type}`).toEqual([]);
    if (index + 1 < project.media.length) await gallery.next.click();
  }
});

test('every control reached by Tab shows a focus ring of at least 3:1 contrast, pages and gallery alike', async ({ page }) => {
  for (const path of [pages.home, pages.project]) {
    await page.goto(path);
    const stops = await tabThrough(page);
    expect(stops.length, path).toBeGreaterThan(5);
    expect(stops.filter((stop) => !stop.visible), path).toEqual([]);
  }
  await openGallery(page);
  await page.keyboard.press('ArrowRight');
  const stops = await tabThrough(page);
  expect(stops.map((stop) => stop.name)).toEqual(expect.arrayContaining([ui.close, ui.previousSlide, ui.nextSlide]));
  expect(stops.filter((stop) => !stop.visible)).toEqual([]);
});

test('the gallery announces each slide change to screen readers', async ({ page }) => {
  const gallery = await openGallery(page);
  const announcement = gallery.dialog.locator('[aria-live="polite"]');
  const total = coCity.media.length;
  const says = (position: number) => `Immagine ${position} di ${total}: ${coCity.media[position - 1]!.alt}`;
  await expect(announcement).toHaveAttribute('aria-atomic', 'true');
  await expect(announcement).toHaveText(says(1));
  await gallery.next.click();
  await expect(announcement).toHaveText(says(2));
  await page.keyboard.press('ArrowRight');
  await expect(announcement).toHaveText(says(3));
  await gallery.previous.click();
  await expect(announcement).toHaveText(says(2));
});

test('with reduced motion the gallery changes slides without animating', async ({ page }) => {
  // Swiper animates from JavaScript, so no stylesheet can stop it; it keeps its instance on its element.
  const slideSpeed = async () => {
    const gallery = await openGallery(page);
    return gallery.dialog
      .locator('.swiper')
      .evaluate((swiper) => (swiper as HTMLElement & { swiper: { params: { speed: number } } }).swiper.params.speed);
  };
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await slideSpeed()).toBe(300);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await slideSpeed()).toBe(0);
});

type Stop = { name: string; visible: boolean };

/** Tabs once round the page (or the open dialog), measuring the focus ring of every element reached. */
async function tabThrough(page: Page): Promise<Stop[]> {
  const stops: Stop[] = [];
  await page.evaluate(() => Object.assign(window, { tabStops: new WeakSet() }));
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(focusRing);
    if (focus === 'seen') break;
    if (focus === 'outside') continue;
    const [lighter, darker] = [luminance(focus.ring), luminance(focus.behind)].sort((a, b) => b - a);
    const contrast = (lighter! + 0.05) / (darker! + 0.05);
    stops.push({ name: focus.name, visible: focus.style !== 'none' && focus.width >= 2 && contrast >= 3 });
  }
  return stops;
}

function focusRing() {
  const element = document.activeElement as HTMLElement | null;
  const seen = (window as unknown as { tabStops: WeakSet<Element> }).tabStops;
  // Between the last control and the first, focus passes through the browser's own interface.
  if (!element || element === document.body) return 'outside' as const;
  if (seen.has(element)) return 'seen' as const;
  seen.add(element);
  const style = getComputedStyle(element);
  // The ring is drawn outside the element, over the first opaque background behind it.
  let behind = element.parentElement;
  while (behind && getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') behind = behind.parentElement;
  return {
    name: (element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '').slice(0, 60),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    ring: style.outlineColor,
    behind: behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)',
  };
}
