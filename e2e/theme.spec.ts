import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { luminance } from './support/browser';
import { projects, site, ui } from './support/content';

// Dark and light: the theme follows prefers-color-scheme, the header's toggle overrides it and persists, and
// whichever is in force is there before the first paint on every page.
const project = projects.find((candidate) => candidate.cover) ?? projects[0]!;
const pages = { home: '/', category: `/${site.categories[0]!.slug}`, project: project.href, 'not found': '/non-esiste' };
const toggle = { group: 'Tema', light: 'Chiaro', dark: 'Scuro', system: 'Sistema' };
const wcag22aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Records the page's background (the body's, else the root's) and color-scheme in every animation frame from the
 * first one, which the browser runs just before it first paints; the window survives client-side navigations.
 */
async function recordFrames(page: Page) {
  await page.addInitScript(() => {
    const frames: Frame[] = [];
    Object.assign(window, { themeFrames: frames });
    const record = () => {
      frames.push({
        // Before <body> is parsed, the canvas shows the root's color-scheme alone.
        background: document.body ? getComputedStyle(document.body).backgroundColor : undefined,
        scheme: getComputedStyle(document.documentElement).colorScheme,
      });
      requestAnimationFrame(record);
    };
    requestAnimationFrame(record);
  });
}

type Frame = { background?: string; scheme: string };

/**
 * The frames recorded so far, once there is one: `load` can come before the first frame of a page served from the
 * cache, as on a reload.
 */
async function framesOf(page: Page) {
  const recorded = () => page.evaluate(() => (window as unknown as { themeFrames: Frame[] }).themeFrames);
  await expect.poll(async () => (await recorded()).length, { message: 'frames recorded' }).toBeGreaterThan(0);
  return recorded();
}

/** The frames that were not in `theme`: another color-scheme, or a body of the other lightness. */
function framesNotIn(frames: Frame[], theme: 'light' | 'dark') {
  const matches = theme === 'dark' ? isDark : isLight;
  return frames.filter((frame) => frame.scheme !== theme || (frame.background !== undefined && !matches(frame.background)));
}

/** A stored choice, as a previous visit's toggle left it. */
async function storeChoice(page: Page, theme: 'light' | 'dark') {
  await page.addInitScript((value) => localStorage.setItem('theme', value), theme);
}

function isDark(background: string) {
  return luminance(background) < 0.05;
}

function isLight(background: string) {
  return luminance(background) > 0.8;
}

for (const [name, path] of Object.entries(pages)) {
  test(`with a dark system, the ${name} page is dark from its first frame, with a dark color-scheme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await recordFrames(page);
    await page.goto(path);
    await page.waitForLoadState('load');
    const frames = await framesOf(page);
    expect(framesNotIn(frames, 'dark'), 'frames that were not dark').toEqual([]);
  });

  test(`the ${name} page passes axe at WCAG 2.2 AA in the dark theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(path);
    const { violations } = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
    expect(violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('a stored choice of light beats a dark system from the first frame, and the toggle says so', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await storeChoice(page, 'light');
  await recordFrames(page);
  await page.goto(pages.project);
  const frames = await framesOf(page);
  expect(framesNotIn(frames, 'light'), 'frames that were not light').toEqual([]);
  const group = page.getByRole('group', { name: toggle.group });
  await expect(group.getByRole('button', { name: toggle.light })).toHaveAttribute('aria-pressed', 'true');
  await expect(group.getByRole('button', { name: toggle.system })).toHaveAttribute('aria-pressed', 'false');
});

test('a stored choice of dark holds through client-side navigations, every frame dark, on a light system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await storeChoice(page, 'dark');
  await recordFrames(page);
  await page.goto('/');
  await page.evaluate(() => Object.assign(window, { stayedOnPage: true }));
  const navigation = page.getByRole('navigation', { name: ui.mainNavigation });
  for (const category of site.categories) {
    await navigation.getByRole('link', { name: category.label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${category.slug}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.label);
  }
  expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
  expect(framesNotIn(await framesOf(page), 'dark'), 'frames that were not dark').toEqual([]);
});

test('the toggle overrides the system, its choice survives a reload, and "system" follows the system again', { tag: '@phone' }, async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(pages.category);
  const group = page.getByRole('group', { name: toggle.group });
  const body = page.locator('body');
  const background = () => body.evaluate((element) => getComputedStyle(element).backgroundColor);
  await expect(group.getByRole('button', { name: toggle.system })).toHaveAttribute('aria-pressed', 'true');
  expect(isLight(await background())).toBe(true);

  const dark = group.getByRole('button', { name: toggle.dark });
  await expect(async () => {
    await dark.click();
    await expect(dark).toHaveAttribute('aria-pressed', 'true', { timeout: 1_000 });
  }).toPass();
  await expect(group.getByRole('button', { name: toggle.system })).toHaveAttribute('aria-pressed', 'false');
  expect(isDark(await background())).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('dark');

  await recordFrames(page);
  await page.reload();
  const frames = await framesOf(page);
  expect(framesNotIn(frames, 'dark'), 'frames that were not dark').toEqual([]);
  await expect(dark).toHaveAttribute('aria-pressed', 'true');

  await group.getByRole('button', { name: toggle.system }).click();
  await expect(group.getByRole('button', { name: toggle.system })).toHaveAttribute('aria-pressed', 'true');
  expect(isLight(await background())).toBe(true);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(async () => isDark(await background())).toBe(true);
  await page.reload();
  await expect(group.getByRole('button', { name: toggle.system })).toHaveAttribute('aria-pressed', 'true');
  expect(isDark(await background())).toBe(true);
});

test('the light theme chosen on a dark system passes axe at WCAG 2.2 AA, and so does the dark one on a light system', async ({
  page,
}) => {
  for (const [system, choice] of [
    ['dark', 'light'],
    ['light', 'dark'],
  ] as const) {
    await page.emulateMedia({ colorScheme: system });
    await page.goto(pages.project);
    await page.evaluate((value) => localStorage.setItem('theme', value), choice);
    await page.reload();
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(choice);
    const { violations } = await new AxeBuilder({ page }).withTags(wcag22aa).analyze();
    expect(violations.map(({ id }) => id), `${choice} on a ${system} system`).toEqual([]);
  }
});

test("a card's photo box, shown until its photo arrives, takes a tone of the theme in force", async ({ page }) => {
  // Darker than the paper in the light theme, lighter in the dark one: never a light box on the dark page.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    const card = page.locator('.card-media').first();
    const [box, paper] = await Promise.all([
      card.evaluate((element) => getComputedStyle(element).backgroundColor),
      page.locator('body').evaluate((element) => getComputedStyle(element).backgroundColor),
    ]);
    if (scheme === 'light') expect(luminance(box)).toBeLessThan(luminance(paper));
    else expect(luminance(box)).toBeGreaterThan(luminance(paper));
  }
});

test('the theme is set by one inline script in <head>, the same on every page, so a strict CSP can list its hash', async ({
  request,
}) => {
  const scripts = new Set<string>();
  for (const path of Object.values(pages)) {
    const html = await (await request.get(path)).text();
    const head = html.slice(0, html.indexOf('</head>'));
    const inline = [...head.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
    expect(inline, path).toHaveLength(1);
    scripts.add(inline[0]!);
  }
  expect(scripts.size).toBe(1);
});
