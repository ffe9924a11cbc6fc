import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { clickUntilVisible } from './support/hydration';

const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function audit(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  return violations.map(({ id, help, nodes }) => `${id}: ${help} (${nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

async function openGallery(page: Page) {
  await page.goto('/fotografie/co-city');
  const gallery = page.getByRole('dialog', { name: 'Co-city' });
  await clickUntilVisible(page.getByRole('button', { name: 'gallery' }), gallery);
  await expect(gallery.locator('.swiper-slide-active img')).toHaveJSProperty('complete', true);
  return gallery;
}

const pages = { home: '/', category: '/fotografie', project: '/fotografie/co-city', 'not found': '/non-esiste' };

test.describe('accessibility', () => {
  for (const [name, path] of Object.entries(pages)) {
    test(`the ${name} page passes axe at WCAG 2.2 AA, with one h1 and every landmark`, async ({ page }) => {
      await page.goto(path);
      expect(await audit(page)).toEqual([]);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('banner')).toHaveCount(1);
      await expect(page.getByRole('navigation', { name: 'Navigazione principale' })).toHaveCount(1);
      await expect(page.getByRole('main')).toHaveCount(1);
      await expect(page.getByRole('contentinfo')).toHaveCount(1);
    });
  }

  test('the open gallery passes axe at WCAG 2.2 AA', async ({ page }) => {
    await openGallery(page);
    expect(await audit(page)).toEqual([]);
  });

  test('the first Tab shows a skip link that moves focus to the main content', async ({ page }) => {
    await page.goto('/fotografie/co-city');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Vai al contenuto' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });

  test('every control shows a visible focus ring of at least 3:1 contrast', async ({ page }) => {
    for (const path of [pages.home, pages.project]) {
      await page.goto(path);
      const stops = await tabThrough(page);
      expect(stops.length, path).toBeGreaterThan(5);
      expect(stops.filter((stop) => !stop.visible), path).toEqual([]);
    }
    await openGallery(page);
    await page.keyboard.press('ArrowRight');
    const stops = await tabThrough(page);
    expect(stops.map((stop) => stop.name)).toEqual(expect.arrayContaining(['Chiudi', 'Immagine precedente', 'Immagine successiva']));
    expect(stops.filter((stop) => !stop.visible)).toEqual([]);
  });

  test('the gallery announces each slide change to screen readers', async ({ page }) => {
    const gallery = await openGallery(page);
    const announcement = gallery.locator('[aria-live="polite"]');
    await expect(announcement).toHaveAttribute('aria-atomic', 'true');
    await expect(announcement).toHaveText('Immagine 1 di 8: Co-city, immagine 1 di 8');
    await gallery.getByRole('button', { name: 'Immagine successiva' }).click();
    await expect(announcement).toHaveText('Immagine 2 di 8: Co-city, immagine 2 di 8');
    await page.keyboard.press('ArrowRight');
    await expect(announcement).toHaveText('Immagine 3 di 8: Co-city, immagine 3 di 8');
    await gallery.getByRole('button', { name: 'Immagine precedente' }).click();
    await expect(announcement).toHaveText('Immagine 2 di 8: Co-city, immagine 2 di 8');
  });

  test('prefers-reduced-motion turns off slide and hover animations', async ({ page }) => {
    const motion = async () => {
      await page.goto('/fotografie');
      const hover = await page.locator('.card-image').first().evaluate((image) => getComputedStyle(image).transitionDuration);
      const gallery = await openGallery(page);
      // Swiper keeps its instance on its element.
      const slide = await gallery
        .locator('.swiper')
        .evaluate((swiper) => (swiper as HTMLElement & { swiper: { params: { speed: number } } }).swiper.params.speed);
      return { hover, slide };
    };
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await motion()).toEqual({ hover: '0.4s', slide: 300 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await motion()).toEqual({ hover: '1e-05s', slide: 0 });
  });
});

type Stop = { name: string; visible: boolean };

/** Tabs through the page (or the open dialog) once round, measuring the focus ring of every element reached. */
async function tabThrough(page: Page): Promise<Stop[]> {
  const stops: Stop[] = [];
  await page.evaluate(() => Object.assign(window, { tabStops: new WeakSet() }));
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(measureFocus);
    if (stop === 'seen') break;
    if (stop !== 'outside') stops.push(stop);
  }
  return stops;
}

function measureFocus(): Stop | 'outside' | 'seen' {
  const element = document.activeElement as HTMLElement | null;
  const seen = (window as unknown as { tabStops: WeakSet<Element> }).tabStops;
  // Between the last control and the first, focus passes through the browser's own interface.
  if (!element || element === document.body) return 'outside';
  if (seen.has(element)) return 'seen';
  seen.add(element);
  const name = element.getAttribute('aria-label') ?? element.textContent?.trim() ?? '';
  const style = getComputedStyle(element);
  const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
  const luminance = (color: number[]) => {
    const [r = 0, g = 0, b = 0] = color.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  // The ring is drawn outside the element, over the first opaque background behind it.
  let behind = element.parentElement;
  while (behind && rgb(getComputedStyle(behind).backgroundColor)[3] === 0) behind = behind.parentElement;
  const background = rgb(behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)');
  const [lighter, darker] = [luminance(rgb(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
  const contrast = (lighter! + 0.05) / (darker! + 0.05);
  const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && contrast >= 3;
  return { name: name.slice(0, 60), visible };
}
