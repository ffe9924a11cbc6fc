import { expect, test } from '@playwright/test';
import { getProject, withGallery } from './support/content';
import { backOnceSettled, galleryOf, historyLength, recordAssets, type Gallery } from './support/gallery';

const coCity = getProject('co-city');

test.describe('loading', () => {
  test("Swiper's code and styles are fetched only when the gallery is first opened", async ({ page }) => {
    const { swiperAssets } = recordAssets(page);
    await page.goto(coCity.href);
    const gallery = galleryOf(page, coCity);
    // Let the page settle: hydration, lazy images and the prefetch of every link in view down to the footer.
    await page.getByRole('contentinfo').scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');

    const before = await swiperAssets();
    expect(before.total, 'the page fetched its own scripts and styles').toBeGreaterThan(0);
    expect(before.scripts, 'no Swiper script before opening').toEqual([]);
    expect(before.styles, 'no Swiper styles before opening').toEqual([]);

    await gallery.button.click();
    await expect(gallery.dialog).toBeVisible();
    await gallery.expectAt(1);
    const after = await swiperAssets();
    expect(after.scripts.length, 'Swiper script fetched on opening').toBeGreaterThan(0);
    expect(after.styles.length, 'Swiper styles fetched on opening').toBeGreaterThan(0);
  });

  // Each gesture on a first visit, in a browser context of its own: on a second visit Chrome serves the page's RSC
  // prefetches from its cache (stale-while-revalidate) and DevTools never reports their background refresh done,
  // so networkidle would never come.
  for (const [gesture, prefetch] of [
    ['pointing at', (gallery: Gallery) => gallery.button.hover()],
    ['focusing', (gallery: Gallery) => gallery.button.focus()],
  ] as const) {
    test(`${gesture} the gallery button fetches the gallery ahead, without opening it`, async ({ page }) => {
      const gallery = galleryOf(page, coCity);
      const { swiperAssets } = recordAssets(page);
      await page.goto(coCity.href);
      await page.waitForLoadState('networkidle');
      expect((await swiperAssets()).scripts).toEqual([]);

      await prefetch(gallery);
      await expect.poll(async () => (await swiperAssets()).scripts.length).toBeGreaterThan(0);
      await expect(gallery.dialog).toHaveCount(0);
    });
  }

  test("the page's payload carries the gallery's strings once and each slide's alt once, for the grid and the button alike", async ({ request }) => {
    // The RSC payload a client navigation fetches: the islands' props, as React serialized them.
    const payload = await (await request.get(coCity.href, { headers: { RSC: '1' } })).text();
    const slides = [...payload.matchAll(/"type":"(?:image|video|embed)","alt":"((?:[^"\\]|\\.)*)"/g)];
    expect(slides.map((slide) => JSON.parse(`"${slide[1]}"`))).toEqual(coCity.media.map((item) => item.alt));
    expect(payload.match(/"slidePosition":/g)).toHaveLength(1);
    // A slide's photo has its files and size; its alt is the slide's.
    expect(payload).not.toMatch(/"photo":\{[^}]*"alt":/);
  });
});

for (const project of withGallery) {
  test(`${project.href}: the gallery is a modal dialog with every media item in order and its text alternative`, async ({ page }) => {
    await page.goto(project.href);
    const gallery = galleryOf(page, project);
    const total = project.media.length;
    await gallery.button.click();

    await expect(gallery.dialog).toBeVisible();
    await expect(gallery.dialog).toHaveAttribute('aria-modal', 'true');
    await expect(gallery.dialog).toHaveAccessibleName(project.title);
    // Opened with showModal(): on top of the page, which is inert behind it.
    expect(await gallery.dialog.evaluate((dialog) => dialog.matches(':modal'))).toBe(true);
    await expect(gallery.slides).toHaveCount(total);
    // Only the item in view and its neighbour are fetched to begin with.
    await expect(gallery.loadedSlides).toHaveCount(Math.min(2, total));
    await gallery.expectAt(1);
    await expect(gallery.previous).toBeDisabled();

    for (let position = 2; position <= total; position++) {
      await gallery.next.click();
      await gallery.expectAt(position);
    }
    if (total > 1) await expect(gallery.next).toBeDisabled();
    // One slide per media item, each named for those who cannot see it; no alt text reads "null".
    await expect(gallery.loadedSlides).toHaveCount(total);
    for (const [index, item] of project.media.entries()) {
      await expect(gallery.media(index + 1)).toHaveCount(1);
      expect(item.alt).toMatch(/\S/);
      expect(item.alt).not.toMatch(/null/i);
    }
    // Pictures: the photos, and the posters of embeds waiting to be played (a video draws its poster itself).
    const pictures = project.media.filter((item) => item.type === 'image' || (item.type === 'embed' && item.poster));
    await expect(gallery.images).toHaveCount(pictures.length);
    for (const [index, picture] of pictures.entries()) await expect(gallery.images.nth(index)).toHaveAttribute('alt', picture.alt);

    if (total > 1) {
      await gallery.previous.click();
      await gallery.expectAt(total - 1);
    }
  });
}

test.describe('co-city gallery', () => {
  test('shows 8 photos with alt texts derived from the title', async ({ page }) => {
    await page.goto('/fotografie/co-city');
    const gallery = galleryOf(page, coCity);
    await page.getByRole('button', { name: 'gallery', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Co-city' })).toBeVisible();
    await expect(gallery.position).toHaveText('1 / 8');
    await expect(page.getByRole('dialog').getByRole('img', { name: 'Co-city, immagine 1 di 8', exact: true })).toBeInViewport();
    await gallery.next.click();
    await gallery.next.click();
    await expect(gallery.position).toHaveText('3 / 8');
    await expect(page.getByRole('dialog').getByRole('img', { name: 'Co-city, immagine 3 di 8', exact: true })).toBeInViewport();
  });

  test('arrow keys move between photos', async ({ page }) => {
    await page.goto(coCity.href);
    const gallery = galleryOf(page, coCity);
    await gallery.button.click();
    await gallery.expectAt(1);
    await page.keyboard.press('ArrowRight');
    await gallery.expectAt(2);
    await page.keyboard.press('ArrowRight');
    await gallery.expectAt(3);
    await page.keyboard.press('ArrowLeft');
    await gallery.expectAt(2);
  });

  test('dragging a photo with the mouse, or swiping it with a finger, changes photo', { tag: '@phone' }, async ({ page, hasTouch }) => {
    await page.goto(coCity.href);
    const gallery = galleryOf(page, coCity);
    await gallery.button.click();
    await gallery.expectAt(1);

    const drag = async (from: number, to: number) => {
      const box = (await gallery.dialog.boundingBox())!;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * from, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * to, y, { steps: 8 });
      await page.mouse.up();
    };
    await drag(0.8, 0.2);
    await gallery.expectAt(2);
    await drag(0.2, 0.8);
    await gallery.expectAt(1);

    if (hasTouch) {
      // Playwright has no swipe gesture; Chromium's DevTools protocol dispatches real touch events.
      const cdp = await page.context().newCDPSession(page);
      const swipe = async (from: number, to: number) => {
        const box = (await gallery.dialog.boundingBox())!;
        const y = box.y + box.height / 2;
        const steps = 8;
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: box.x + box.width * from, y }] });
        for (let step = 1; step <= steps; step++) {
          const x = box.x + box.width * (from + ((to - from) * step) / steps);
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
        }
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      };
      await swipe(0.8, 0.2);
      await gallery.expectAt(2);
      await swipe(0.8, 0.2);
      await gallery.expectAt(3);
      await swipe(0.2, 0.8);
      await gallery.expectAt(2);
    }
  });

  test('focus moves into the dialog and back to the button, whether closed with Chiudi or Escape', async ({ page }) => {
    await page.goto(coCity.href);
    const gallery = galleryOf(page, coCity);
    const focusInDialog = () => gallery.dialog.evaluate((dialog) => dialog.contains(document.activeElement));

    await gallery.button.click();
    await expect(gallery.dialog).toBeVisible();
    await expect.poll(focusInDialog).toBe(true);
    await gallery.close.click();
    await expect(gallery.dialog).toHaveCount(0);
    await expect(gallery.button).toBeFocused();

    await gallery.button.click();
    await expect(gallery.dialog).toBeVisible();
    await expect.poll(focusInDialog).toBe(true);
    await page.keyboard.press('Escape');
    await expect(gallery.dialog).toHaveCount(0);
    await expect(gallery.button).toBeFocused();
    await expect(page).toHaveURL(coCity.href);
  });

  test('the page behind the open gallery does not scroll', { tag: '@phone' }, async ({ page }) => {
    await page.goto(coCity.href);
    const gallery = galleryOf(page, coCity);
    const scrollY = () => page.evaluate(() => window.scrollY);
    const nextFrames = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const viewport = page.viewportSize()!;
    await page.mouse.move(viewport.width / 2, viewport.height / 2);

    // With no gallery open, the wheel scrolls the page.
    await page.mouse.wheel(0, 200);
    await expect.poll(scrollY).toBeGreaterThan(0);

    await gallery.button.click();
    await gallery.expectAt(1);
    const start = await scrollY();
    expect(await page.evaluate(() => getComputedStyle(document.scrollingElement!).overflow)).toBe('hidden');
    await page.mouse.wheel(0, 600);
    await page.mouse.wheel(0, 600);
    // Chromium scrolls by the wheel within a frame (see the control above): two frames on, it would show.
    await nextFrames();
    expect(await scrollY()).toBe(start);

    await gallery.close.click();
    await expect(gallery.dialog).toHaveCount(0);
    expect(await scrollY(), 'closing keeps the reader where they were').toBe(start);
    expect(await page.evaluate(() => getComputedStyle(document.scrollingElement!).overflow)).not.toBe('hidden');
  });

  test('slides change instantly when the visitor prefers reduced motion, and glide otherwise', async ({ page }) => {
    await page.goto(coCity.href);
    const gallery = galleryOf(page, coCity);
    // Swiper moves its wrapper (which has no role to find it by) with a transition whose duration it sets
    // inline for each move and resets once the move is over: record every duration it sets.
    const wrapper = gallery.dialog.locator('.swiper-wrapper');
    const recordTransitions = () =>
      wrapper.evaluate((element: HTMLElement & { durations?: string[] }) => {
        const durations: string[] = [];
        element.durations = durations;
        new MutationObserver(() => durations.push(element.style.transitionDuration)).observe(element, { attributeFilter: ['style'] });
      });
    const transitions = () => wrapper.evaluate((element: HTMLElement & { durations?: string[] }) => element.durations ?? []);

    await page.emulateMedia({ reducedMotion: 'reduce' });
    await gallery.button.click();
    await gallery.expectAt(1);
    await recordTransitions();
    await gallery.next.click();
    await gallery.expectAt(2);
    await page.keyboard.press('ArrowRight');
    await gallery.expectAt(3);
    const reduced = await transitions();
    expect(reduced.length, 'the wrapper moved').toBeGreaterThan(0);
    expect(new Set(reduced)).toEqual(new Set(['0ms']));
    await gallery.close.click();
    await expect(gallery.dialog).toHaveCount(0);

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await gallery.button.click();
    await gallery.expectAt(1);
    await recordTransitions();
    await gallery.next.click();
    await gallery.expectAt(2);
    expect((await transitions()).some((duration) => parseFloat(duration) > 0), 'the slide glides').toBe(true);
  });
});

test.describe('URL and history', () => {
  test('the hash names the photo in view, replaced as photos change, and Back closes the gallery', async ({ page }) => {
    // Arrive from the listing, as a visitor would, so that there is a page to go back to.
    await page.goto(`/${coCity.category}`);
    await page.getByRole('link', { name: new RegExp(coCity.title) }).click();
    await expect(page).toHaveURL(coCity.href);
    const gallery = galleryOf(page, coCity);
    const entries = await historyLength(page);

    await gallery.button.click();
    await expect(page).toHaveURL(`${coCity.href}#gallery-1`);
    const opened = await historyLength(page);
    expect(opened).toBe(entries + 1);
    await gallery.next.click();
    await expect(page).toHaveURL(`${coCity.href}#gallery-2`);
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(`${coCity.href}#gallery-3`);
    await gallery.previous.click();
    await expect(page).toHaveURL(`${coCity.href}#gallery-2`);
    expect(await historyLength(page)).toBe(opened);

    await backOnceSettled(page);
    await expect(gallery.dialog).toHaveCount(0);
    await expect(page).toHaveURL(coCity.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(coCity.title);
    await expect(gallery.button).toBeFocused();

    // The gallery took one history entry and gave it back: one more Back returns to the listing.
    await page.goBack();
    await expect(page).toHaveURL(`/${coCity.category}`);
  });

  test('a #gallery-3 link opens the gallery at the third photo, and Back closes it on the project page', async ({ page }) => {
    await page.goto(`${coCity.href}#gallery-3`);
    const gallery = galleryOf(page, coCity);
    await expect(gallery.dialog).toBeVisible();
    await expect(gallery.position).toHaveText('3 / 8');
    await gallery.expectAt(3);
    // Only the photo in view and its two neighbours are fetched.
    await expect(gallery.images).toHaveCount(3);
    for (const position of [2, 3, 4]) await expect(gallery.photo(position)).toHaveCount(1);

    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(`${coCity.href}#gallery-4`);

    await backOnceSettled(page);
    await expect(gallery.dialog).toHaveCount(0);
    await expect(page).toHaveURL(coCity.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(coCity.title);
  });

  test('a #gallery-n link past either end opens the nearest photo and names it in the hash', async ({ page }) => {
    const gallery = galleryOf(page, coCity);
    const last = coCity.media.length;
    await page.goto(`${coCity.href}#gallery-${last + 5}`);
    await gallery.expectAt(last);
    await expect(page).toHaveURL(`${coCity.href}#gallery-${last}`);

    // A fresh load: only the hash differs, which would otherwise be a same-page navigation.
    await page.goto('about:blank');
    await page.goto(`${coCity.href}#gallery-0`);
    await gallery.expectAt(1);
    await expect(page).toHaveURL(`${coCity.href}#gallery-1`);
  });

  test('a gallery opened by a deep link closes with Escape; opened again, Back closes it', async ({ page }) => {
    await page.goto(`${coCity.href}#gallery-2`);
    const gallery = galleryOf(page, coCity);
    await gallery.expectAt(2);

    await page.keyboard.press('Escape');
    await expect(gallery.dialog).toHaveCount(0);
    await expect(page).toHaveURL(coCity.href);
    await expect(gallery.button).toBeFocused();

    await gallery.button.click();
    await gallery.expectAt(1);
    await backOnceSettled(page);
    await expect(gallery.dialog).toHaveCount(0);
    await expect(page).toHaveURL(coCity.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(coCity.title);
  });
});
