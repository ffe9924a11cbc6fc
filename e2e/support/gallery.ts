import { expect, type Page, type Response } from '@playwright/test';
import { ui, type Project } from './content';
import { builtPhoto } from './photos';

/** The gallery of a project as a visitor finds it: the button that opens it and the dialog it opens. */
export function galleryOf(page: Page, project: Project) {
  const slider = project.links.find((link) => link.action === 'slider');
  if (!slider) throw new Error(`${project.slug} has no gallery`);
  const dialog = page.getByRole('dialog', { name: project.title, exact: true });
  return {
    button: page.getByRole('button', { name: slider.name, exact: true }),
    dialog,
    position: dialog.getByText(/^\d+ \/ \d+$/),
    previous: dialog.getByRole('button', { name: ui.previousSlide, exact: true }),
    next: dialog.getByRole('button', { name: ui.nextSlide, exact: true }),
    close: dialog.getByRole('button', { name: ui.close, exact: true }),
    images: dialog.getByRole('img'),
    /** The photo at a 1-based position, found by its alt text. */
    photo: (position: number) => {
      const photo = project.media[position - 1];
      if (!photo) throw new Error(`${project.slug} has no photo ${position}`);
      return dialog.getByRole('img', { name: photo.alt, exact: true });
    },
    /** Shows photo `position` of the project: the counter, the photo itself in view and its file. */
    async expectAt(position: number) {
      const photo = project.media[position - 1]!;
      await expect(dialog.getByText(/^\d+ \/ \d+$/)).toHaveText(`${position} / ${project.media.length}`);
      const image = this.photo(position);
      await expect(image).toBeInViewport({ ratio: 0.9 });
      await expect(image).toHaveAttribute('src', builtPhoto(photo.file));
      for (const other of [position - 1, position + 1]) {
        if (project.media[other - 1]) await expect(this.photo(other)).not.toBeInViewport();
      }
    },
  };
}

export type Gallery = ReturnType<typeof galleryOf>;

export const historyLength = (page: Page) => page.evaluate(() => window.history.length);

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
