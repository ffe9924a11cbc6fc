import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { getProject, originalOf, projects, site } from './support/content';
import { galleryOf } from './support/gallery';
import { clickUntilVisible } from './support/hydration';
import { builtPhoto, parseSrcset } from './support/photos';

const coCity = getProject('co-city');
const originalSize = async (file: string) => (await sharp(originalOf(file)).metadata()).autoOrient;

test.describe('photos built at build time', () => {
  test('browsing pages and the gallery fetches only built photo files, never the image optimizer', async ({ page }) => {
    const images: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'image') images.push(new URL(request.url()).pathname);
    });
    for (const pathname of ['/', `/${site.categories[0]!.slug}`, coCity.href]) {
      await page.goto(pathname);
      await page.waitForLoadState('networkidle');
    }
    const gallery = galleryOf(page, coCity);
    await clickUntilVisible(gallery.button, gallery.dialog);
    await expect(gallery.photo(1)).toHaveJSProperty('complete', true);

    const photos = images.filter((pathname) => !pathname.endsWith('.svg'));
    expect(photos.length).toBeGreaterThan(0);
    expect(images.filter((pathname) => pathname.startsWith('/_next/image'))).toEqual([]);
    expect(photos.filter((pathname) => !pathname.startsWith('/_next/static/photos/'))).toEqual([]);
  });

  test('the runtime image optimizer is off: its URLs answer 404', async ({ request }) => {
    for (const url of [coCity.cover!.file, '/icon.svg', 'https://example.com/x.jpg']) {
      const response = await request.get(`/_next/image?url=${encodeURIComponent(url)}&w=640&q=70`);
      expect(response.status(), url).toBe(404);
    }
  });

  test('every photo offers files named after it, at widths up to its own and never beyond', async ({ page }) => {
    for (const project of projects.filter((candidate) => candidate.cover)) {
      await page.goto(project.href);
      const cover = page.getByRole('figure').getByRole('img');
      const original = await originalSize(project.cover!.file);
      const candidates = parseSrcset((await cover.getAttribute('srcset')) ?? '');
      expect(candidates.length, project.slug).toBeGreaterThan(1);
      for (const { url, width } of candidates) {
        expect(url, project.slug).toMatch(builtPhoto(project.cover!.file));
        expect(Number(builtPhoto(project.cover!.file).exec(url)![1])).toBe(width);
        expect(width, `${url} is no upscale`).toBeLessThanOrEqual(original.width);
      }
      // The largest offered is the photo's own width, or as large as the zoomed gallery needs (2880 px on the long
      // side) when the photo is larger.
      const longSide = Math.max(original.width, original.height);
      expect(Math.max(...candidates.map((candidate) => candidate.width))).toBe(
        Math.min(original.width, Math.round((2880 * original.width) / longSide)),
      );
    }
  });

  test('a built file is a WebP of the width its name says, cached for a year as immutable', async ({ page, request }) => {
    await page.goto(coCity.href);
    const srcset = await page.getByRole('figure').getByRole('img').getAttribute('srcset');
    const original = await originalSize(coCity.cover!.file);
    for (const { url, width } of parseSrcset(srcset ?? '')) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      expect(response.headers()['content-type']).toBe('image/webp');
      expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
      const metadata = await sharp(await response.body()).metadata();
      expect({ width: metadata.width, height: metadata.height }, url).toEqual({
        width,
        height: Math.round((original.height * width) / original.width),
      });
    }
  });

  test("a phone's widths are AVIF too: a <source> for the browsers that take it, the same widths, immutable files", { tag: '@phone' }, async ({ page, request }) => {
    await page.goto(coCity.href);
    const figure = page.getByRole('figure');
    const source = figure.locator('picture > source[type="image/avif"]');
    const webp = parseSrcset((await figure.getByRole('img').getAttribute('srcset')) ?? '');
    const avif = parseSrcset((await source.getAttribute('srcset')) ?? '');
    expect(await source.getAttribute('sizes')).toBe(await figure.getByRole('img').getAttribute('sizes'));
    // The same widths; at 660 and 750 px the files are AVIF, at the others the WebP ones (every AVIF browser takes WebP).
    expect(avif.map(({ width }) => width)).toEqual(webp.map(({ width }) => width));
    for (const { url, width } of avif) {
      const avifWidth = width === 660 || width === 750;
      expect(url).toMatch(builtPhoto(coCity.cover!.file, avifWidth ? 'avif' : 'webp'));
      const response = await request.get(url);
      expect(response.headers()['cache-control'], url).toBe('public, max-age=31536000, immutable');
      expect((await sharp(await response.body()).metadata()).width, url).toBe(width);
      if (avifWidth) expect(response.headers()['content-type'], url).toBe('image/avif');
    }
  });

  test("a page's first photo is preloaded from the top of <head>; pages it prefetches do not make it download theirs", async ({ page }) => {
    // A phone's screen.
    await page.setViewportSize({ width: 412, height: 823 });
    const photos: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/_next/static/photos/')) photos.push(pathname);
    });
    await page.goto(coCity.href);
    const head = page.locator('head > link[rel="preload"][as="image"]');
    await expect(head).toHaveCount(1);
    expect(await head.getAttribute('imagesrcset')).toBe(
      await page.getByRole('figure').locator('picture > source[type="image/avif"]').getAttribute('srcset'),
    );
    expect(await head.getAttribute('fetchpriority')).toBe('high');
    // Before the stylesheet and the scripts, so that the photo is asked for first.
    expect(await page.evaluate(() => document.head.querySelector('link[rel="stylesheet"], script[src], link[rel="preload"][as="image"]')?.getAttribute('as'))).toBe('image');
    await page.waitForLoadState('networkidle');
    // The header links to every category, and Next prefetches them: their first cards are not downloaded. The page's
    // own photos (its cover, and the grid's tiles the browser loads ahead of a scroll) are the only ones fetched.
    const own = coCity.media
      .flatMap((item) => (item.type === 'image' ? item.file : (item.poster ?? [])))
      .flatMap((file) => [builtPhoto(file, 'avif'), builtPhoto(file, 'webp')]);
    expect(photos.length).toBeGreaterThan(0);
    expect(photos.filter((pathname) => !own.some((file) => file.test(pathname)))).toEqual([]);
  });
});
