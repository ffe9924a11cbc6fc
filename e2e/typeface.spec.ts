import { expect, test, type Page } from '@playwright/test';
import { projects, site } from './support/content';

// The titles' face is self-hosted: served from this origin, preloaded, and swapped in without moving anything.
const project = projects.find((candidate) => candidate.cover) ?? projects[0]!;
const pages = { home: '/', category: `/${site.categories[0]!.slug}`, project: project.href };

/** The face the h1 asks for first, and whether the document has it loaded. */
async function headingFace(page: Page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const family = getComputedStyle(document.querySelector('h1')!).fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, '');
    const loaded = [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family.replace(/^["']|["']$/g, ''));
    return { family, loaded: loaded.includes(family) };
  });
}

for (const [name, path] of Object.entries(pages)) {
  test(`the ${name} page sets its headings in the self-hosted face, fetched from this origin alone`, async ({ page, baseURL }) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const fonts: { url: string; status: number }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'font') fonts.push({ url: response.url(), status: response.status() });
    });
    await page.goto(path);
    const face = await headingFace(page);
    expect(face.loaded, `the h1's face ${face.family} is loaded`).toBe(true);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(new URL(font.url).origin).toBe(new URL(baseURL!).origin);
      expect(font.url).toMatch(/\/_next\/static\/media\/[^/]+\.woff2$/);
      expect(font.status).toBe(200);
    }
    // The face is in the first viewport of every page (the site title, the h1), so the HTML preloads it.
    const preload = page.locator('head link[rel="preload"][as="font"]');
    await expect(preload).toHaveCount(1);
    expect(fonts.map((font) => new URL(font.url).pathname)).toContain(await preload.getAttribute('href'));
    expect(requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== new URL(baseURL!).origin)).toEqual([]);
  });

  test(`the ${name} page does not move when the face arrives late, with nothing cached (CLS 0)`, { tag: '@phone' }, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: test.info().project.use.viewport ?? undefined });
    const page = await context.newPage();
    // The face is held back until the page has painted in its fallback, so the swap happens in view.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/_next\/static\/media\/.+\.woff2$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.addInitScript(() => {
      const shifts: number[] = [];
      Object.assign(window, { layoutShifts: shifts });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(path, { waitUntil: 'domcontentloaded' });
    const painted = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return document.fonts.status;
    });
    expect(painted, 'the page painted before the face arrived').toBe('loading');
    release();
    expect((await headingFace(page)).loaded).toBe(true);
    // Two frames after the swap, for the observer to hear of any shift.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts)).toEqual([]);
    await context.close();
  });
}
