import { expect, type Page, type Response } from '@playwright/test';
import { ui, type Media, type Project } from './content';
import { builtPhoto } from './photos';

/** The gallery of a project as a visitor finds it: the button that opens it and the dialog it opens. */
export function galleryOf(page: Page, project: Project) {
  const slider = project.links.find((link) => link.action === 'slider');
  if (!slider) throw new Error(`${project.slug} has no gallery`);
  const dialog = page.getByRole('dialog', { name: project.title, exact: true });
  const itemAt = (position: number): Media => {
    const item = project.media[position - 1];
    if (!item) throw new Error(`${project.slug} has no media item ${position}`);
    return item;
  };
  // Swiper's slides have no role of their own.
  const slides = dialog.locator('.swiper-slide');
  return {
    button: page.getByRole('button', { name: slider.name, exact: true }),
    dialog,
    slides,
    /** Slides whose media are in the page: only the one in view and its neighbours, until the others are shown. */
    loadedSlides: dialog.locator('.swiper-slide:not(:empty)'),
    position: dialog.getByText(/^\d+ \/ \d+$/),
    previous: dialog.getByRole('button', { name: ui.previousSlide, exact: true }),
    next: dialog.getByRole('button', { name: ui.nextSlide, exact: true }),
    close: dialog.getByRole('button', { name: ui.close, exact: true }),
    zoom: dialog.getByRole('button', { name: ui.zoom, exact: true }),
    images: dialog.getByRole('img'),
    /** The slide announcement and the zoom status, as a screen reader hears them. */
    announcement: dialog.locator('[aria-live="polite"]'),
    status: dialog.getByRole('status'),
    /** The photo at a 1-based position, found by its alt text. */
    photo: (position: number) => {
      const item = itemAt(position);
      if (item.type !== 'image') throw new Error(`${project.slug}: item ${position} is a ${item.type}`);
      return dialog.getByRole('img', { name: item.alt, exact: true });
    },
    /** What a slide shows: a photo by its alt text, a video by its label, an embed's play button or its player. */
    media(position: number) {
      const item = itemAt(position);
      if (item.type === 'image') return this.photo(position);
      if (item.type === 'video') return dialog.getByLabel(item.alt, { exact: true });
      return slides
        .nth(position - 1)
        .getByRole('button', { name: ui.playVideo(item.provider), exact: true })
        .or(dialog.getByTitle(item.alt, { exact: true }));
    },
    /** Shows item `position` of the project: the counter, the item itself in view and its file. */
    async expectAt(position: number) {
      const item = itemAt(position);
      await expect(dialog.getByText(/^\d+ \/ \d+$/)).toHaveText(`${position} / ${project.media.length}`);
      const shown = this.media(position);
      await expect(shown).toBeInViewport({ ratio: 0.9 });
      if (item.type === 'image') await expect(shown).toHaveAttribute('src', builtPhoto(item.file));
      if (item.type === 'video') await expect(shown).toHaveAttribute('src', item.file);
      for (const other of [position - 1, position + 1]) {
        if (project.media[other - 1]) await expect(slides.nth(other - 1)).not.toBeInViewport();
      }
    },
  };
}

export type Gallery = ReturnType<typeof galleryOf>;

export const historyLength = (page: Page) => page.evaluate(() => window.history.length);

/**
 * Back, pressed once the page has done what the last step started (its main thread idle), as a visitor presses it
 * after seeing the photo change. The gallery's hash goes into the URL through Next's router, which commits it later,
 * in a transition, and then writes the history entry again; a Back pressed before that commit can be cancelled by
 * that write. Seen once in a suite run beside a CPU hog; with the CPU throttled 20×, 3 runs in 15 stayed on
 * #gallery-2 without this wait and none in 20 with it. Writing the hash past the router avoids the race but loses
 * what the router must know (e2e/faults.spec.ts: "Riprova" brings the gallery back).
 */
export async function backOnceSettled(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null))));
  await page.goBack();
}

/** Every script and stylesheet the page fetches, with its body, to tell whether Swiper came with them. */
export function recordAssets(page: Page) {
  const assets: { url: string; body: Promise<string> }[] = [];
  const onResponse = (response: Response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet' && type !== 'fetch') return;
    assets.push({ url: response.url(), body: response.text().catch(() => '') });
  };
  page.on('response', onResponse);

  /** Assets so far whose URL or content is Swiper's: its JavaScript or its `.swiper` styles. */
  const swiperAssets = async () => {
    const bodies = await Promise.all(assets.map(async (asset) => ({ url: asset.url, body: await asset.body })));
    return {
      scripts: bodies.filter(({ url, body }) => /swiper/i.test(url) || (/\.js(\?|$)/.test(url) && /swiper/i.test(body))).map(({ url }) => url),
      styles: bodies.filter(({ url, body }) => /\.css(\?|$)/.test(url) && /\.swiper\b/.test(body)).map(({ url }) => url),
      total: bodies.length,
    };
  };
  return { swiperAssets };
}
