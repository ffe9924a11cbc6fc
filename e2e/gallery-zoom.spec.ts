import { expect, test, type CDPSession, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { getProject, originalOf, type Photo, type Project } from './support/content';
import { galleryOf, type Gallery } from './support/gallery';
import { builtPhoto } from './support/photos';

const coCity = getProject('co-city');
const zoomedTo = (percent: number) => `Ingrandita al ${percent}%`;
const zoomReset = 'Ingrandimento annullato';

type Box = { x: number; y: number; width: number; height: number };
const boxOf = async (locator: Locator): Promise<Box> => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  return box;
};
const centreOf = (box: Box) => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Opens the gallery at its first photo and returns it with the photo's fitted box. */
async function openAtFirstPhoto(page: Page, project: Project = coCity) {
  await page.goto(project.href);
  const gallery = galleryOf(page, project);
  await gallery.button.click();
  await gallery.expectAt(1);
  const photo = gallery.photo(1);
  await expect(photo).toHaveJSProperty('complete', true);
  return { gallery, photo, fitted: await boxOf(photo) };
}

/** The drawn photo (its box includes the zoom transform) is `ratio` times as wide as fitted, give or take. */
async function expectScale(photo: Locator, fitted: Box, ratio: number) {
  await expect.poll(async () => Math.round(((await boxOf(photo)).width / fitted.width) * 100) / 100).toBeCloseTo(ratio, 1);
}

/** Zoom settles (transition, announcement) before the next gesture, as a person's would. */
async function expectZoomed(gallery: Gallery, photo: Locator, fitted: Box, percent: number) {
  await expectScale(photo, fitted, percent / 100);
  await expect(gallery.status).toHaveText(zoomedTo(percent));
  await expect(gallery.zoom).toHaveAttribute('aria-pressed', 'true');
}

const rounded = (box: Box) => Object.fromEntries(Object.entries(box).map(([key, value]) => [key, Math.round(value)]));

async function expectFitted(gallery: Gallery, photo: Locator, fitted: Box) {
  await expect.poll(async () => rounded(await boxOf(photo))).toEqual(rounded(fitted));
  await expect(gallery.zoom).toHaveAttribute('aria-pressed', 'false');
}

/**
 * From right to left across three quarters of the slide (clear of the arrow buttons on its sides): a drag that changes
 * photo when it is fitted. It rests a moment at its end: on a busy machine the slider may not have followed the last
 * moves yet.
 */
async function dragAcross(gallery: Gallery) {
  const slide = await boxOf(gallery.slides.first());
  const y = slide.y + slide.height / 2;
  return { y, from: slide.x + slide.width * 0.8, to: slide.x + slide.width * 0.05 };
}

async function mouseDrag(page: Page, gallery: Gallery) {
  const { y, from, to } = await dragAcross(gallery);
  await page.mouse.move(from, y);
  await page.mouse.down();
  await page.mouse.move(to, y, { steps: 10 });
  await page.mouse.move(to, y);
  await page.mouse.up();
}

test.describe('zoom with a mouse and a keyboard', () => {
  test('a double-click zooms in on that point; dragging then pans without changing photo; a double-click zooms out and dragging changes photo again', async ({
    page,
  }) => {
    const { gallery, photo, fitted } = await openAtFirstPhoto(page);
    await expect(gallery.zoom).toHaveAttribute('aria-pressed', 'false');
    await expect(gallery.status).toHaveText('');

    // The point double-clicked, on the left of the photo, comes to the middle of the screen.
    const middle = centreOf(fitted);
    await page.mouse.dblclick(fitted.x + fitted.width * 0.3, middle.y);
    await expectZoomed(gallery, photo, fitted, 300);
    const zoomed = await boxOf(photo);
    expect(Math.abs(zoomed.x + zoomed.width * 0.3 - middle.x)).toBeLessThan(2);
    expect(Math.abs(zoomed.y + zoomed.height * 0.5 - middle.y)).toBeLessThan(2);

    // A drag as long as one that changes photo when fitted: now it only pans.
    await mouseDrag(page, gallery);
    await expect.poll(async () => (await boxOf(photo)).x).toBeLessThan(zoomed.x - fitted.width * 0.3);
    await expect(gallery.position).toHaveText(`1 / ${coCity.media.length}`);
    await expect(page).toHaveURL(`${coCity.href}#gallery-1`);
    expect((await boxOf(photo)).width).toBeCloseTo(zoomed.width, 0);

    await page.mouse.dblclick(middle.x, middle.y);
    await expectFitted(gallery, photo, fitted);
    await expect(gallery.status).toHaveText(zoomReset);

    await mouseDrag(page, gallery);
    await gallery.expectAt(2);
    await expect(page).toHaveURL(`${coCity.href}#gallery-2`);
  });

  test('the wheel with Ctrl (what a trackpad pinch sends) zooms in and out; the wheel alone does not', async ({ page }) => {
    const { gallery, photo, fitted } = await openAtFirstPhoto(page);
    const middle = centreOf(fitted);
    await page.mouse.move(middle.x, middle.y);

    await page.mouse.wheel(0, -200);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await boxOf(photo)).toEqual(fitted);

    // How far one notch zooms depends on the wheel's delta, which browsers scale by the screen's density.
    const zoomedBy = async () => {
      await expect(gallery.status).toHaveText(/^Ingrandita al \d+%$/);
      const percent = Number(/\d+/.exec((await gallery.status.textContent())!)![0]);
      await expectScale(photo, fitted, percent / 100);
      return percent;
    };
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    const once = await zoomedBy();
    expect(once).toBeGreaterThan(110);
    await expect(gallery.zoom).toHaveAttribute('aria-pressed', 'true');
    // The browser did not zoom the page instead.
    expect(await page.evaluate(() => window.visualViewport?.scale ?? 1)).toBe(1);

    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    await expect(gallery.status).not.toHaveText(zoomedTo(once));
    expect(await zoomedBy()).toBeGreaterThan(once);

    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 1000);
    await page.keyboard.up('Control');
    await expectFitted(gallery, photo, fitted);
    await expect(gallery.status).toHaveText(zoomReset);
  });

  test('+ and - zoom step by step, 0 resets, and the zoom button toggles; the zoom is gone on the next photo', async ({
    page,
  }) => {
    const { gallery, photo, fitted } = await openAtFirstPhoto(page);

    await page.keyboard.press('+');
    await expectZoomed(gallery, photo, fitted, 150);
    await page.keyboard.press('+');
    await expectZoomed(gallery, photo, fitted, 225);
    await page.keyboard.press('+');
    await expectZoomed(gallery, photo, fitted, 300);
    await page.keyboard.press('-');
    await expectZoomed(gallery, photo, fitted, 200);
    await page.keyboard.press('0');
    await expectFitted(gallery, photo, fitted);
    await expect(gallery.status).toHaveText(zoomReset);

    await gallery.zoom.click();
    await expectZoomed(gallery, photo, fitted, 300);
    await gallery.zoom.click();
    await expectFitted(gallery, photo, fitted);

    // Zoomed, then on to the next photo and back: both are fitted, and the change is announced, not the zoom.
    await page.keyboard.press('+');
    await expectZoomed(gallery, photo, fitted, 150);
    await page.keyboard.press('ArrowRight');
    await gallery.expectAt(2);
    await expect(gallery.status).toHaveText('');
    await expect(gallery.zoom).toHaveAttribute('aria-pressed', 'false');
    await expect(gallery.announcement).toHaveText(new RegExp(`^Immagine 2 di ${coCity.media.length}: `));
    await page.keyboard.press('ArrowLeft');
    await gallery.expectAt(1);
    await expectFitted(gallery, photo, fitted);
  });

  test('zooming is instant when the visitor prefers reduced motion, and eased otherwise', async ({ page }) => {
    const durations = (photo: Locator) =>
      photo.evaluate((img) => [getComputedStyle(img).transitionDuration, getComputedStyle(img.parentElement!).transitionDuration]);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const { gallery, photo, fitted } = await openAtFirstPhoto(page);
    await page.keyboard.press('+');
    await expectZoomed(gallery, photo, fitted, 150);
    expect(await durations(photo)).toEqual(['0s', '0s']);

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.keyboard.press('+');
    await expectZoomed(gallery, photo, fitted, 225);
    expect((await durations(photo)).map((duration) => parseFloat(duration))).toEqual([0.3, 0.3]);
  });

  test('closing the gallery resets the zoom', async ({ page }) => {
    const { gallery, photo, fitted } = await openAtFirstPhoto(page);
    await page.keyboard.press('+');
    await expectZoomed(gallery, photo, fitted, 150);
    await page.keyboard.press('Escape');
    await expect(gallery.dialog).toHaveCount(0);

    await gallery.button.click();
    await gallery.expectAt(1);
    await expectFitted(gallery, photo, fitted);
    await expect(gallery.status).toHaveText('');
  });
});

test.describe('a sharp zoom, fetched only when needed', () => {
  /** The width in the name of a file built of `photo` (`co-city6.<hash>.1920.webp` → 1920). */
  const widthOf = (photo: Photo, url: string) => Number(builtPhoto(photo.file).exec(new URL(url, 'http://localhost').pathname)?.[1]);

  /** Every width the page fetched of one photo's built files, in order. */
  function recordWidths(page: Page, photo: Photo) {
    const widths: number[] = [];
    page.on('request', (request) => {
      const width = widthOf(photo, request.url());
      if (width) widths.push(width);
    });
    return widths;
  }

  // A landscape photo wider than the widest variant, and a portrait one narrower: the zoom stops at its own width.
  for (const subject of [coCity, getProject('manifesti-festival-jazz')]) {
    test(`${subject.href}: opening fetches the fitted variant; zooming fetches one wider, never wider than the source`, { tag: '@phone' }, async ({
      page,
    }) => {
      const first = subject.media[0];
      if (first?.type !== 'image') throw new Error(`${subject.slug} does not open on a photo`);
      const source = await sharp(originalOf(first.file)).metadata();
      await page.goto(subject.href);
      await page.waitForLoadState('networkidle');
      // From here on: what the gallery costs, apart from the page's own cover.
      const widths = recordWidths(page, first);
      const gallery = galleryOf(page, subject);
      await gallery.button.click();
      await gallery.expectAt(1);
      const photo = gallery.photo(1);
      await expect(photo).toHaveJSProperty('complete', true);
      const fitted = await boxOf(photo);
      await page.waitForLoadState('networkidle');
      // At most once (the page may have fetched the same variant for its cover), and only as wide as needed.
      const dpr = await page.evaluate(() => window.devicePixelRatio);
      expect(widths.length, 'one request on opening').toBeLessThanOrEqual(1);
      const before = await photo.evaluate((img: HTMLImageElement) => img.currentSrc);
      const fittedWidth = widthOf(first, before);
      expect(fittedWidth).toBeGreaterThanOrEqual(Math.min(fitted.width * dpr, source.width!) - 1);
      expect(fittedWidth).toBeLessThan(fitted.width * dpr * 2);

      // No candidate claims more pixels than the source has.
      const candidates = (await photo.getAttribute('srcset'))!.split(', ').map((candidate) => {
        const [url, descriptor] = candidate.split(' ');
        return { w: widthOf(first, url!), claimed: parseInt(descriptor!, 10) };
      });
      expect(Math.max(...candidates.map(({ claimed }) => claimed))).toBeLessThanOrEqual(source.width!);
      // The most a 300% zoom needs on this screen: the first candidate that wide, or the widest.
      const needed = fitted.width * 3 * dpr;
      const ceiling = (candidates.find(({ claimed }) => claimed >= needed) ?? candidates.at(-1)!).w;

      await page.keyboard.press('+');
      await page.keyboard.press('+');
      await page.keyboard.press('+');
      await expectZoomed(gallery, photo, fitted, 300);
      await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.currentSrc)).not.toBe(before);
      await expect(photo).toHaveJSProperty('complete', true);
      expect(Math.max(...widths), 'a wider variant on zoom').toBeGreaterThan(fittedWidth);
      expect(Math.max(...widths), 'no wider than the zoom needs').toBeLessThanOrEqual(ceiling);

      // The file drawn is sharper than before, and never enlarged past the source.
      const response = await page.request.get(await photo.evaluate((img: HTMLImageElement) => img.currentSrc));
      const drawn = await sharp(await response.body()).metadata();
      expect(drawn.width).toBeGreaterThan(fittedWidth - 1);
      expect(drawn.width).toBeLessThanOrEqual(source.width!);
    });
  }
});

test.describe('zoom by touch', () => {
  test.use({ hasTouch: true });

  /** Chromium's DevTools protocol dispatches real touch events, one finger or two. */
  async function touch(cdp: CDPSession, type: 'touchStart' | 'touchMove' | 'touchEnd', points: { x: number; y: number }[]) {
    await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map((point, id) => ({ ...point, id })) });
  }

  /**
   * The thumb rests while the index finger moves, from `from` px apart to `to`: spread apart or drawn in, both
   * fingers on the photo (on a phone, the arrow buttons lie over its sides).
   */
  async function pinch(cdp: CDPSession, centre: { x: number; y: number }, from: number, to: number) {
    const thumb = centre.x - from / 2;
    const at = (spread: number) => [
      { x: thumb, y: centre.y },
      { x: thumb + spread, y: centre.y },
    ];
    await touch(cdp, 'touchStart', at(from));
    for (let step = 1; step <= 10; step++) await touch(cdp, 'touchMove', at(from + ((to - from) * step) / 10));
    await touch(cdp, 'touchEnd', []);
  }

  /** One finger across the slide, like mouseDrag. */
  async function swipe(cdp: CDPSession, gallery: Gallery) {
    const { y, from, to } = await dragAcross(gallery);
    await touch(cdp, 'touchStart', [{ x: from, y }]);
    for (let step = 1; step <= 8; step++) await touch(cdp, 'touchMove', [{ x: from + ((to - from) * step) / 8, y }]);
    await touch(cdp, 'touchMove', [{ x: to, y }]);
    await touch(cdp, 'touchEnd', []);
  }

  test('a double tap zooms in and out; two fingers pinch in and out; one finger pans a zoomed photo without changing photo', { tag: '@phone' }, async ({
    page,
  }) => {
    const { gallery, photo, fitted } = await openAtFirstPhoto(page);
    const cdp = await page.context().newCDPSession(page);
    const middle = centreOf(fitted);

    await page.touchscreen.tap(middle.x, middle.y);
    await page.touchscreen.tap(middle.x, middle.y);
    await expectZoomed(gallery, photo, fitted, 300);
    await page.touchscreen.tap(middle.x, middle.y);
    await page.touchscreen.tap(middle.x, middle.y);
    await expectFitted(gallery, photo, fitted);
    await expect(gallery.status).toHaveText(zoomReset);

    // Fingers 40 px apart spread to 140 px: 3.5×, held at the 300% limit.
    await pinch(cdp, middle, 40, 140);
    await expectScale(photo, fitted, 3);
    await expect(gallery.status).toHaveText(zoomedTo(300));
    await expect(gallery.position).toHaveText(`1 / ${coCity.media.length}`);

    // A swipe that would change photo when fitted pans the zoomed one instead.
    const zoomed = await boxOf(photo);
    await swipe(cdp, gallery);
    await expect.poll(async () => (await boxOf(photo)).x).not.toBeCloseTo(zoomed.x, 0);
    await expect(gallery.position).toHaveText(`1 / ${coCity.media.length}`);
    await expect(page).toHaveURL(`${coCity.href}#gallery-1`);

    // Pinching back in returns to the fitted photo, and swiping changes photo again.
    await pinch(cdp, middle, 140, 20);
    await expectFitted(gallery, photo, fitted);
    await expect(gallery.status).toHaveText(zoomReset);
    await swipe(cdp, gallery);
    await gallery.expectAt(2);
  });
});
