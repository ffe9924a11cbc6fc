import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cameraExif } from '../support/camera-photos';
import { startFixtureSite, type FixturePhoto, type FixtureSite } from './support/fixture-site';
import { clickUntilVisible } from './support/hydration';
import { backOnceSettled } from './support/gallery';

// Its own content (e2e/fixtures/photos-first) in its own build, and its own viewports: the phone project skips it.
const fixture = path.join(import.meta.dirname, 'fixtures', 'photos-first');
const landscape = { width: 1800, height: 1200 };
const portrait = { width: 1200, height: 1800 };
const square = { width: 1400, height: 1400 };
const series: FixturePhoto[] = [landscape, portrait, landscape, landscape, square, portrait, landscape, portrait, landscape];
const photos: Record<string, FixturePhoto> = {
  ...Object.fromEntries(series.map((shape, index) => [`serie-${index + 1}.jpg`, shape])),
  'ritratto.jpg': portrait,
  'manifesti-1.jpg': portrait,
  'manifesti-2.jpg': landscape,
  'riservato.jpg': landscape,
  'fotocamera-1.jpg': { ...landscape, exif: true },
  'fotocamera-2.jpg': { ...landscape, exif: true },
};
const alts = ['Orizzontale uno', 'Verticale uno', 'Orizzontale due', 'Orizzontale tre', 'Quadrata', 'Verticale due', 'Orizzontale quattro', 'Verticale tre', 'Orizzontale cinque'];
const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let site: FixtureSite;
test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(900_000);
  site = await startFixtureSite(fixture, photos, Number(process.env.PORT ?? 3100) + 30 + testInfo.parallelIndex);
});
test.afterAll(async () => site?.stop());

const tiles = (page: Page) => page.getByRole('list').filter({ has: page.locator('a[href^="#gallery-"]') }).getByRole('link');
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Serie', exact: true });

for (const width of [390, 1440]) {
  test(`at ${width} px the series shows 9 tiles in rows of one height, each at its photo's ratio`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${site.origin}/fotografie/serie`);
    await expect(tiles(page)).toHaveCount(9);
    const boxes = await tiles(page).evaluateAll((links) => links.map((link) => link.getBoundingClientRect().toJSON() as DOMRect));
    const column = await page.locator('ul:has(> li > a[href^="#gallery-"])').evaluate((list) => list.getBoundingClientRect().width);
    const rows = new Map<number, DOMRect[]>();
    boxes.forEach((box) => rows.set(Math.round(box.top), [...(rows.get(Math.round(box.top)) ?? []), box]));
    expect(rows.size).toBeGreaterThan(1);
    for (const row of rows.values()) {
      for (const box of row) expect(Math.abs(box.height - row[0]!.height), 'heights within a row').toBeLessThanOrEqual(1);
    }
    boxes.forEach((box, index) => {
      const { width: w, height: h } = series[index]!;
      expect(Math.abs(box.width / box.height / (w / h) - 1), `tile ${index + 1}'s ratio`).toBeLessThanOrEqual(0.02);
      expect(box.right).toBeLessThanOrEqual(boxes[0]!.left + column + 1);
    });
    // Every row but the last fills the column.
    const full = [...rows.values()].slice(0, -1);
    for (const row of full) expect(Math.abs(row.at(-1)!.right - row[0]!.left - column)).toBeLessThanOrEqual(1.5);
  });

  test(`at ${width} px and DPR 2 each tile's file is 2 to 2.5 times its width, and the tiles are lazy`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${site.origin}/fotografie/serie`);
    for (const [index, alt] of alts.entries()) {
      const image = tiles(page).nth(index).getByRole('img', { name: alt, exact: true });
      await expect(image).toHaveAttribute('loading', 'lazy');
      await image.scrollIntoViewIfNeeded();
      await expect(image).toHaveJSProperty('complete', true);
      const { source, cssWidth } = await image.evaluate((img: HTMLImageElement) => ({ source: img.currentSrc, cssWidth: img.getBoundingClientRect().width }));
      const fileWidth = Number(/\.(\d+)\.(?:webp|avif)$/.exec(source)?.[1]);
      expect(fileWidth / cssWidth, `tile ${index + 1}: ${source} for ${cssWidth.toFixed(0)} css px`).toBeGreaterThanOrEqual(2);
      expect(fileWidth / cssWidth, `tile ${index + 1}: ${source} for ${cssWidth.toFixed(0)} css px`).toBeLessThanOrEqual(2.5);
    }
    await context.close();
  });
}

test('pressing tile 4 opens the gallery on slide 4; Back closes it and gives the tile its focus back', async ({ page }) => {
  await page.goto(`${site.origin}/fotografie/serie`);
  const tile = tiles(page).nth(3);
  await expect(tile).toHaveAttribute('href', '#gallery-4');
  await clickUntilVisible(tile, dialog(page));
  await expect(dialog(page).getByText(/^\d+ \/ \d+$/)).toHaveText('4 / 9');
  await expect(dialog(page).getByRole('img', { name: alts[3], exact: true })).toBeInViewport();
  // A photo without EXIF has no line of camera facts.
  await expect(dialog(page).getByText(/ISO \d+/)).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('#gallery-4');
  await expect.poll(() => dialog(page).evaluate((element) => element.contains(document.activeElement))).toBe(true);
  await backOnceSettled(page);
  await expect(dialog(page)).toBeHidden();
  await expect(tile).toBeFocused();
});

test('the gallery button opens it on slide 1, as before', async ({ page }) => {
  await page.goto(`${site.origin}/fotografie/serie`);
  const button = page.getByRole('button', { name: 'galleria', exact: true });
  await clickUntilVisible(button, dialog(page));
  await expect(dialog(page).getByText(/^\d+ \/ \d+$/)).toHaveText('1 / 9');
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toBeHidden();
  await expect(button).toBeFocused();
});

test('without JavaScript each tile is a link to its own anchor on the page', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${site.origin}/fotografie/serie`);
  await tiles(page).nth(3).click();
  expect(new URL(page.url()).hash).toBe('#gallery-4');
  await expect(page.locator('#gallery-4')).toBeInViewport();
  await context.close();
});

test('a project whose only photo is its cover shows no grid', async ({ page }) => {
  await page.goto(`${site.origin}/fotografie/ritratto`);
  await expect(page.getByRole('img', { name: 'Un ritratto verticale' })).toBeVisible();
  await expect(page.locator('a[href^="#gallery-"]')).toHaveCount(0);
});

test('the project page with its grid, and the gallery opened from a tile, pass axe at WCAG 2.2 AA', async ({ page }) => {
  await page.goto(`${site.origin}/fotografie/serie`);
  const audit = async () => (await new AxeBuilder({ page }).withTags(wcag22aa).analyze()).violations.map((violation) => violation.id);
  expect(await audit()).toEqual([]);
  await clickUntilVisible(tiles(page).nth(1), dialog(page));
  await expect(dialog(page).getByRole('img', { name: alts[1], exact: true })).toHaveJSProperty('complete', true);
  expect(await audit()).toEqual([]);
});

test('an unlisted project is built and reachable by its URL, with noindex, and listed nowhere', async ({ page, request }) => {
  const href = '/fotografie/riservato';
  const response = await page.goto(`${site.origin}${href}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Riservato');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(page.getByRole('navigation', { name: 'Altri progetti' }).getByRole('link')).toHaveCount(0);
  for (const listing of ['/', '/fotografie', '/fotografie/serie', '/fotografie/ritratto', '/sitemap.xml']) {
    const body = await (await request.get(`${site.origin}${listing}`)).text();
    expect(body, listing).toContain('/fotografie/');
    expect(body, listing).not.toContain(href);
  }
});

test("a camera photo's facts show in one line under its caption, read with the slide; exif: false hides them", async ({ page }) => {
  await page.goto(`${site.origin}/fotografie/fotocamera`);
  const gallery = page.getByRole('dialog', { name: 'Fotocamera', exact: true });
  await clickUntilVisible(page.getByRole('link', { name: 'Una foto con i suoi dati' }), gallery);
  const line = 'LEICA Q2 · SUMMILUX 1:1.7/28 ASPH. · 28 mm · f/5.6 · 1/250 s · ISO 100 · 18 maggio 2024';
  await expect(gallery.getByRole('figure').first().getByText(line, { exact: true })).toBeVisible();
  await expect(gallery.locator('[aria-live="polite"]')).toHaveText(`Immagine 1 di 2: Una foto con i suoi dati. Didascalia: Scattata all'alba. ${line}`);
  // Swiper has laid its slides out side by side (as gallery.spec.ts's expectAt waits for) before a key moves it.
  await expect(gallery.locator('.swiper-slide').first()).toBeInViewport({ ratio: 0.9 });
  await expect(gallery.locator('.swiper-slide').nth(1)).not.toBeInViewport();
  await page.keyboard.press('ArrowRight');
  await expect(gallery.getByText(/^\d+ \/ \d+$/)).toHaveText('2 / 2');
  await expect(gallery.locator('[aria-live="polite"]')).toHaveText('Immagine 2 di 2: Una foto senza i suoi dati');
  await expect(gallery.getByText(/ISO 100/)).toHaveCount(1);
});

test('no page, RSC payload or built file carries the GPS position or the serial number', async ({ request }) => {
  const pagePath = `${site.origin}/fotografie/fotocamera`;
  const html = await (await request.get(pagePath)).text();
  const payload = await (await request.get(pagePath, { headers: { RSC: '1' } })).text();
  const files = [...new Set([...html.matchAll(/\/_next\/static\/photos\/fotocamera-[^"\s,]+/g)].map(([url]) => url))];
  expect(files.length).toBeGreaterThan(10);
  const secrets = [cameraExif.IFD2.BodySerialNumber, 'GPSLatitude', cameraExif.IFD3.GPSLatitude, cameraExif.IFD3.GPSLongitude];
  for (const [name, body] of [['HTML', html], ['RSC payload', payload]] as const) {
    expect(body, name).toContain('LEICA Q2');
    for (const secret of secrets) expect(body, `${name}: ${secret}`).not.toContain(secret);
  }
  for (const file of files) {
    const bytes = await (await request.get(`${site.origin}${file}`)).body();
    for (const secret of [...secrets, 'GPS', 'LEICA', 'Exif']) expect(bytes.includes(secret), `${file}: ${secret}`).toBe(false);
  }
});

test('a category page lays out its covers in justified rows, in editor order, each keeping its shape, title and year under it', async ({ page }) => {
  for (const width of [390, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${site.origin}/fotografie`);
    const titles = page.getByRole('main').getByRole('heading', { level: 2 });
    await expect(titles).toHaveText(['Serie', 'Ritratto', 'Fotocamera']);
    await expect(page.getByRole('main').getByText('2023', { exact: true })).toBeVisible();
    const cover = page.getByRole('img', { name: 'Un ritratto verticale', exact: true });
    const box = (await cover.boundingBox())!;
    expect(Math.abs(box.width / box.height / (1200 / 1800) - 1), `the portrait cover at ${width} px`).toBeLessThanOrEqual(0.02);
    const riservato = page.getByRole('link', { name: /Riservato/ });
    await expect(riservato).toHaveCount(0);
  }
});

test("the home page keeps its sections; a cover's focus sets where its card crops it", async ({ page }) => {
  await page.goto(`${site.origin}/`);
  await expect(page.getByRole('main').getByRole('heading', { level: 2 })).toHaveText(['Fotografie', 'Grafica']);
  const card = page.getByRole('img', { name: 'Il primo manifesto', exact: true });
  await expect(card).toHaveCSS('object-position', '50% 0%');
  await expect(card).toHaveCSS('object-fit', 'cover');
});

test('the category page passes axe at WCAG 2.2 AA', async ({ page }) => {
  await page.goto(`${site.origin}/fotografie`);
  const { violations } = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
  expect(violations.map((violation) => violation.id)).toEqual([]);
});
