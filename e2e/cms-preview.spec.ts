import { expect, test, type Page } from '@playwright/test';
import { getProject, site } from './support/content';
import { linkControl } from './support/browser';
import { cmsPorts, setUpEditor } from './support/cms';
import { watchForViolations } from './support/csp';

// The editor's preview pane looks like the published page: the site's stylesheet and title face, the project's
// title, facts, summary, buttons, cover and text; and site.yml's categories as the header shows them.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const seed = getProject('co-city');
setUpEditor({ editor: cmsPorts.previewEditor, proxy: cmsPorts.previewProxy });
const origin = `http://127.0.0.1:${cmsPorts.previewEditor}`;

// The preview reads the site's stylesheets from the home page and a category page: compiled here by next dev, in
// the set-up's budget, before any test waits on them (minutes on a loaded 2-core machine).
test.beforeAll(async () => {
  test.setTimeout(300_000);
  for (const page of ['/', `/${site.categories[0]!.slug}`]) {
    const response = await fetch(`${origin}${page}`, { signal: AbortSignal.timeout(290_000) });
    expect(response.status, page).toBe(200);
  }
});
test.use({ baseURL: origin });

async function openEntry(page: Page, hash: string) {
  await page.goto(`/admin${hash}`);
  await page.getByRole('button', { name: 'Accedi', exact: true }).click();
  await expect(page.getByText(/^Caricando/)).toHaveCount(0, { timeout: 30_000 });
  return page.frameLocator('#preview-pane');
}

test("the seed's preview sets its title in the site's face and shows its facts, buttons and cover", async ({ page }) => {
  const { refusals, violations } = await watchForViolations(page);
  const preview = await openEntry(page, '#/collections/projects/entries/co-city');

  const title = preview.getByRole('heading', { level: 1 });
  await expect(title).toHaveText(seed.title);
  const faceOf = () =>
    title.evaluate(async (heading) => {
      const document = heading.ownerDocument;
      await document.fonts.ready;
      const family = getComputedStyle(heading).fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, '');
      const loaded = [...document.fonts].filter((font) => font.status === 'loaded').map((font) => font.family.replace(/^["']|["']$/g, ''));
      return { family, loaded: loaded.includes(family) };
    });
  await expect.poll(async () => (await faceOf()).loaded, { timeout: 60_000 }).toBe(true);
  const face = await faceOf();

  // The same face as the published page's h1.
  const published = await page.context().newPage();
  await published.goto(seed.href);
  const publishedFamily = await published
    .getByRole('heading', { level: 1 })
    .evaluate((heading) => getComputedStyle(heading).fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, ''));
  await published.close();
  expect(face.family).toBe(publishedFamily);

  const category = site.categories.find((category) => category.slug === seed.category)!;
  await expect(preview.getByRole('definition').filter({ hasText: category.label })).toBeVisible();
  if (seed.year) await expect(preview.getByRole('definition').filter({ hasText: String(seed.year) })).toBeVisible();
  for (const link of seed.links) {
    const button = linkControl(preview.locator('.project-links'), link);
    await expect(button).toBeVisible();
    await expect(button).toHaveClass(new RegExp(`\\bbutton-${link.dark ? 'dark' : 'light'}\\b`));
  }

  const cover = preview.locator('.project-cover img');
  await expect(cover).toHaveAttribute('alt', seed.cover!.alt);
  await expect.poll(() => cover.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  // The series below the text, as the page shows it: a tile per item, each at its photo's shape once loaded.
  const tiles = preview.locator('.media-grid .media-tile');
  await expect(tiles).toHaveCount(seed.media.length);
  await expect.poll(() => tiles.last().evaluate((tile) => getComputedStyle(tile).flexGrow)).not.toBe('0');
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
});

test("site.yml's preview shows the categories in the order and words of the site's header", async ({ page }) => {
  const preview = await openEntry(page, '#/collections/site/entries/site');
  await expect(preview.locator('.site-title')).toHaveText(site.title);
  await expect(preview.locator('.site-nav a')).toHaveText(site.categories.map((category) => category.label));
});
