import { expect, test, type Page } from '@playwright/test';
import { projects, ui, withGallery, type Embed, type Project, type Video } from './support/content';
import { galleryOf } from './support/gallery';
import { builtPhoto } from './support/photos';

/** The first published project with a gallery holding an item of this type, and that item's 1-based position. */
function firstWith<T extends 'video' | 'embed'>(type: T) {
  for (const project of withGallery) {
    const index = project.media.findIndex((item) => item.type === type);
    if (index >= 0) return { project, position: index + 1, item: project.media[index] as Extract<Project['media'][number], { type: T }> };
  }
  throw new Error(`no published project shows a ${type} in its gallery`);
}

/** Reports of CSP violations and errors on the page, from the first script on. */
async function watchForViolations(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
  return {
    errors,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

/** Opens a project's gallery on item `position` through its #gallery-n link, as a shared link would. */
async function openAt(page: Page, project: Project, position: number) {
  // A fresh load each time: going from one #gallery-n to another of the same page would only change the hash.
  await page.goto('about:blank');
  await page.goto(`${project.href}#gallery-${position}`);
  const gallery = galleryOf(page, project);
  await gallery.expectAt(position);
  return gallery;
}

test.describe('video', () => {
  const { project, position, item } = firstWith('video');
  const video = item as Video;

  test('a video slide shows its poster and controls, never autoplays, and fetches no video byte before play', { tag: '@phone' }, async ({ page }) => {
    const { violations, errors } = await watchForViolations(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const gallery = await openAt(page, project, position);
    const player = gallery.media(position);

    await expect(player).toHaveAttribute('controls', '');
    await expect(player).toHaveAttribute('playsinline', '');
    await expect(player).toHaveAttribute('preload', 'none');
    await expect(player).not.toHaveAttribute('autoplay');
    // The poster is built at build time, like a photo.
    await expect(player).toHaveAttribute('poster', builtPhoto(video.poster));

    // A while later, still waiting for the visitor: nothing plays, and not a byte of the clip has been fetched.
    await page.waitForTimeout(1500);
    expect(await player.evaluate((element: HTMLVideoElement) => ({ paused: element.paused, time: element.currentTime }))).toEqual({
      paused: true,
      time: 0,
    });
    expect(requested.filter((path) => path === video.file)).toEqual([]);

    // Pressing play (in the browser's own controls, which a script cannot reach: so, play()) fetches and plays it.
    await player.evaluate((element: HTMLVideoElement) => element.play());
    await expect.poll(() => player.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThan(0.2);
    expect(requested).toContain(video.file);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a playing video pauses when its slide is left, and when the gallery closes', async ({ page }) => {
    const gallery = await openAt(page, project, position);
    const player = gallery.media(position);
    const play = async () => {
      await player.evaluate((element: HTMLVideoElement) => element.play());
      await expect.poll(() => player.evaluate((element: HTMLVideoElement) => !element.paused && element.currentTime > 0)).toBe(true);
    };

    await play();
    await (position < project.media.length ? gallery.next : gallery.previous).click();
    await expect(gallery.position).not.toHaveText(`${position} / ${project.media.length}`);
    await expect.poll(() => player.evaluate((element: HTMLVideoElement) => element.paused)).toBe(true);
    const stoppedAt = await player.evaluate((element: HTMLVideoElement) => element.currentTime);
    await page.waitForTimeout(500);
    expect(await player.evaluate((element: HTMLVideoElement) => element.currentTime)).toBe(stoppedAt);

    await page.keyboard.press(position < project.media.length ? 'ArrowLeft' : 'ArrowRight');
    await gallery.expectAt(position);
    await play();
    await player.evaluate((element: HTMLVideoElement) =>
      element.addEventListener('pause', () => Object.assign(window, { pausedOnClose: true }), { once: true }),
    );
    await gallery.close.click();
    await expect(gallery.dialog).toHaveCount(0);
    expect(await page.evaluate(() => 'pausedOnClose' in window)).toBe(true);
    await expect(page.locator('video')).toHaveCount(0);
  });
});

test.describe('embed', () => {
  const { project, position, item } = firstWith('embed');
  const embed = item as Embed;

  test("an embed slide is a poster and a play button: no request to the player's host before the click, its iframe after it", async ({
    page,
    context,
    baseURL,
  }) => {
    const { violations } = await watchForViolations(page);
    // This network reaches no other host: every third-party request is answered here, and recorded.
    const thirdParty: string[] = [];
    const origin = new URL(baseURL!).origin;
    await context.route(
      (url) => url.origin !== origin,
      (route) => {
        thirdParty.push(route.request().url());
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' });
      },
    );

    const gallery = await openAt(page, project, position);
    const slide = gallery.slides.nth(position - 1);
    const play = slide.getByRole('button', { name: ui.playVideo(embed.provider), exact: true });
    await expect(play).toBeVisible();
    await expect(slide.locator('iframe')).toHaveCount(0);
    if (embed.poster) {
      const poster = play.locator('img');
      await expect(poster).toHaveAttribute('src', builtPhoto(embed.poster));
      await expect(poster).toHaveJSProperty('complete', true);
    }
    await page.waitForLoadState('networkidle');
    expect(thirdParty).toEqual([]);

    await play.click();
    const player = slide.locator('iframe');
    await expect(player).toHaveCount(1);
    await expect(player).toBeInViewport({ ratio: 0.9 });
    await expect(player).toHaveAttribute('title', embed.alt);
    const src = new URL((await player.getAttribute('src'))!);
    expect(src.host).toBe(embed.host);
    expect(`${src.origin}${src.pathname}`).toBe(embed.player.split('?')[0]);
    for (const [key, value] of new URL(embed.player).searchParams) expect(src.searchParams.get(key)).toBe(value);
    await expect.poll(() => thirdParty).toEqual([src.href]);
    await expect(play).toHaveCount(0);
    expect(await violations()).toEqual([]);

    // Leaving the slide takes the player away, which stops it; coming back shows the poster again.
    await (position > 1 ? gallery.previous : gallery.next).click();
    await expect(slide.locator('iframe')).toHaveCount(0);
    await (position > 1 ? gallery.next : gallery.previous).click();
    await expect(play).toBeVisible();
    expect(thirdParty).toHaveLength(1);
  });

  test('the page CSP refuses a frame from any other host', async ({ page }) => {
    const { violations } = await watchForViolations(page);
    await page.goto(project.href);
    await page.evaluate(() => {
      for (const src of ['https://www.youtube.com/embed/aqz-KE-bpKQ', 'https://example.com/']) {
        const frame = document.createElement('iframe');
        frame.src = src;
        document.body.append(frame);
      }
    });
    await expect
      .poll(violations)
      .toEqual(['frame-src https://www.youtube.com', 'frame-src https://example.com']);
  });
});

test.describe('captions', () => {
  const captioned = withGallery.filter((project) => project.media.some((item) => item.caption));

  test('the sample content has captions to show', () => {
    expect(captioned.length).toBeGreaterThan(0);
  });

  for (const project of captioned) {
    test(`${project.href}: each caption shows under its media in the gallery and is read with the slide`, { tag: '@phone' }, async ({ page }) => {
      for (const [index, item] of project.media.entries()) {
        const position = index + 1;
        const gallery = await openAt(page, project, position);
        const figure = gallery.slides.nth(index).getByRole('figure');
        await expect(gallery.announcement).toHaveText(
          ui.announcement(item.type === 'image' ? 'Immagine' : 'Video', position, project.media.length, item),
        );
        if (!item.caption) {
          await expect(figure.locator('figcaption')).toHaveCount(0);
          continue;
        }
        const caption = figure.locator('figcaption');
        await expect(caption).toHaveText(item.caption);
        await expect(caption).toBeInViewport();
        await expect(figure).toHaveAccessibleName(item.caption);
        // Under the media, not over it; and the alt text stays the alt text.
        const media = await gallery.media(position).boundingBox();
        expect((await caption.boundingBox())!.y).toBeGreaterThanOrEqual(media!.y + media!.height - 1);
        if (item.type === 'image') await expect(gallery.photo(position)).toHaveAttribute('alt', item.alt);
      }
    });
  }

  test('a project page shows the caption of its cover, and no caption where none is given', async ({ page }) => {
    for (const project of projects) {
      await page.goto(project.href);
      const caption = page.getByRole('article').getByRole('figure').locator('figcaption');
      if (project.cover?.caption) await expect(caption).toHaveText(project.cover.caption);
      else await expect(caption).toHaveCount(0);
    }
  });
});
