import { expect, test, type APIResponse } from '@playwright/test';
import { getProject, site, ui } from './support/content';
import { watchForViolations } from './support/csp';
import { galleryOf } from './support/gallery';
import { clickUntilVisible } from './support/hydration';

const coCity = getProject('co-city');

const required = [
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'x-frame-options',
  'cross-origin-opener-policy',
];

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  for (const name of required) expect(headers, `${name} on ${response.url()}`).toHaveProperty(name);
  expect(headers).not.toHaveProperty('x-powered-by');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
  return headers;
}

test.describe('response headers', () => {
  test('pages, static files, metadata files, 404s and 400s all carry them', async ({ request }) => {
    const html = await (await request.get(coCity.href)).text();
    const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    const icon = /<link rel="icon" href="([^"]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(icon).toBeDefined();

    const cases: [string, number][] = [
      ['/', 200],
      [`/${coCity.category}`, 200],
      [coCity.href, 200],
      [script!, 200],
      [icon!, 200],
      [coCity.cover!.file, 200],
      ['/robots.txt', 200],
      ['/sitemap.xml', 200],
      ['/non-esiste', 404],
      ['/_next/static/chunks/non-esiste.js', 404],
      ['/%E0%A4%A', 400],
      [`/_next/image?url=${encodeURIComponent(coCity.cover!.file)}&w=640&q=70`, 404],
    ];
    for (const [path, status] of cases) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(status);
      expectSecurityHeaders(response);
    }
  });

  test('the photos built for a page carry them too', async ({ request }) => {
    const html = await (await request.get(coCity.href)).text();
    const photo = /<img[^>]+src="(\/_next\/static\/photos\/[^"]+)"/.exec(html)?.[1];
    expect(photo).toBeDefined();
    const response = await request.get(photo!);
    expect(response.status()).toBe(200);
    expectSecurityHeaders(response);
  });

  test('the page CSP allows only this origin, and the two video players, and forbids being framed, plugins and base/form hijacks', async ({
    request,
  }) => {
    const csp = (await request.get('/')).headers()['content-security-policy'] ?? '';
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'none'",
      // Narrowed on every page by its meta policy, which lists its inline scripts by hash (script-policy.spec.ts).
      'script-src': "'self' 'unsafe-inline'",
      'font-src': "'self'",
      'style-src': "'self'",
      'style-src-attr': "'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'media-src': "'self'",
      'frame-src': 'https://www.youtube-nocookie.com https://player.vimeo.com',
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(csp).not.toContain('unsafe-eval');
  });
});

test.describe('in the browser, under the CSP', () => {
  test('pages hydrate: the gallery opens and links navigate client-side, with no violation reported', async ({ page }) => {
    const { consoleErrors, violations } = await watchForViolations(page);

    await page.goto(coCity.href);
    const gallery = galleryOf(page, coCity);
    await clickUntilVisible(gallery.button, gallery.dialog);
    await expect(gallery.photo(1)).toHaveJSProperty('complete', true);
    expect(await violations()).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(gallery.dialog).toBeHidden();

    // A full page load would clear this marker; a client-side navigation (the router fetching RSC) keeps it.
    await page.evaluate(() => Object.assign(window, { stayedOnPage: true }));
    const category = site.categories.find((candidate) => candidate.slug !== coCity.category)!;
    await page.getByRole('navigation', { name: ui.mainNavigation }).getByRole('link', { name: category.label }).click();
    await expect(page).toHaveURL(new RegExp(`/${category.slug}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.label);
    expect(await page.evaluate(() => 'stayedOnPage' in window)).toBe(true);

    for (const path of ['/', `/${coCity.category}`, '/non-esiste']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      expect(await violations(), path).toEqual([]);
    }
    expect(consoleErrors.filter((text) => !text.startsWith('Failed to load resource: the server responded with a status of 404'))).toEqual([]);
  });

  test('the policy is enforced: a script from another origin is refused and reported', async ({ page }) => {
    const { violations } = await watchForViolations(page);
    await page.goto('/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = 'https://cdn.example.com/tracker.js';
      document.head.append(script);
    });
    // Reported by each policy the page is under: the header's and the page's meta.
    await expect.poll(async () => [...new Set((await violations()).map((violation) => JSON.stringify(violation)))]).toEqual([
      JSON.stringify({ directive: 'script-src-elem', blocked: 'https://cdn.example.com/tracker.js' }),
    ]);
  });
});
