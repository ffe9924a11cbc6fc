import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { getProject, imagesDir, originalOf, site, ui } from './support/content';

const coCity = getProject('co-city');
/** A photo's original file, as front matter names it. */
const original = coCity.media.find((item) => item.type === 'image')!.file;
/** A file under public/_static/ (a video), served as it is. */
const publicFile = (() => {
  const folder = path.join('public', '_static');
  const name = existsSync(folder)
    ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).find((entry) => statSync(path.join(folder, entry)).isFile())
    : undefined;
  return name && `/_static/${name.split(path.sep).join('/')}`;
})();
const category = site.categories.find((candidate) => candidate.slug !== coCity.category)!;
const pageCaching = 'public, s-maxage=60, stale-while-revalidate=86400';
const immutable = 'public, max-age=31536000, immutable';

/** A script and a photo the project page really uses, whatever URLs the build gives them. */
async function assetsOf(request: APIRequestContext, pathname: string) {
  const html = await (await request.get(pathname)).text();
  const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  const images = [...html.matchAll(/<img\b[^>]*>/g)].flatMap(([tag]) => [
    /\ssrc="([^"]+)"/.exec(tag)?.[1],
    ...(/\ssrcset="([^"]+)"/.exec(tag)?.[1]?.split(',').map((entry) => entry.trim().split(/\s+/)[0]) ?? []),
  ]);
  const photo = images.find((url) => url?.startsWith('/') && !url.startsWith('//'))?.replace(/&amp;/g, '&');
  expect(script, `a /_next/static script on ${pathname}`).toBeDefined();
  expect(photo, `a same-origin photo on ${pathname}`).toBeDefined();
  return { script: script!, photo: photo! };
}

/** `max-age` of a Cache-Control value, in seconds. */
const maxAge = (cacheControl: string | undefined) => Number(/(?:^|,\s*)max-age=(\d+)/.exec(cacheControl ?? '')?.[1] ?? 0);

test.describe('cache headers', () => {
  test('pages, sitemap.xml and robots.txt stay a minute in a shared cache, then are refreshed in the background', async ({ request }) => {
    for (const pathname of ['/', `/${coCity.category}`, coCity.href, '/sitemap.xml', '/robots.txt']) {
      const response = await request.get(pathname);
      expect(response.status(), pathname).toBe(200);
      expect(response.headers()['cache-control'], pathname).toBe(pageCaching);
    }
  });

  test('the RSC payloads the client router fetches carry the same policy as their pages', async ({ page }) => {
    const payloads: { url: string; status: number; cacheControl?: string }[] = [];
    page.on('response', (response) => {
      if (response.headers()['content-type']?.startsWith('text/x-component')) {
        payloads.push({ url: response.url(), status: response.status(), cacheControl: response.headers()['cache-control'] });
      }
    });
    await page.goto('/');
    await page.getByRole('navigation', { name: ui.mainNavigation }).getByRole('link', { name: category.label }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.label);
    await page.waitForLoadState('networkidle');

    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) {
      expect(new URL(payload.url).searchParams.has('_rsc'), payload.url).toBe(true);
      expect(payload, payload.url).toMatchObject({ status: 200, cacheControl: pageCaching });
    }
  });

  test('an RSC request without its _rsc key is redirected, and that redirect is kept out of shared caches', async ({ request }) => {
    const response = await request.get(coCity.href, { headers: { rsc: '1' }, maxRedirects: 0 });
    expect(response.status()).toBe(307);
    expect(response.headers()['cache-control']).toBe('private, no-store');
  });

  test('hashed scripts are immutable for a year, photos cached at least a day, public files a day', async ({ request }) => {
    const { script, photo } = await assetsOf(request, coCity.href);
    expect((await request.get(script)).headers()['cache-control']).toBe(immutable);

    const photoCaching = (await request.get(photo)).headers()['cache-control'] ?? '';
    expect(photoCaching, photo).toMatch(/^public,/);
    expect(maxAge(photoCaching), photo).toBeGreaterThanOrEqual(86_400);

    // The sample's video; content without one has no such file to ask for.
    if (publicFile) {
      const file = await request.get(publicFile);
      expect(file.status()).toBe(200);
      expect(file.headers()['cache-control']).toBe('public, max-age=86400, stale-while-revalidate=604800');
    }
  });

  test('the sign-in routes are never kept by a shared cache', async ({ request }) => {
    for (const pathname of ['/api/auth', '/api/auth/callback?code=x&state=y', '/api/cms/settings']) {
      const cacheControl = (await request.get(pathname, { maxRedirects: 0 })).headers()['cache-control'] ?? '';
      expect(cacheControl, pathname).toContain('no-store');
      expect(cacheControl, pathname).not.toContain('public');
    }
  });

  test('no response anywhere tells a shared cache to keep HTML for a year', async ({ request }) => {
    for (const pathname of ['/', coCity.href, '/non-esiste', `/${coCity.category}/non-esiste`]) {
      const cacheControl = (await request.get(pathname)).headers()['cache-control'] ?? '';
      expect(cacheControl, pathname).not.toContain('s-maxage=31536000');
      expect(maxAge(cacheControl), pathname).toBeLessThan(31_536_000);
    }
  });
});

test.describe('methods', () => {
  test('only GET and HEAD: every other method gets 405 with Allow: GET, HEAD, on pages and public files', async ({ request }) => {
    const paths = ['/', `/${coCity.category}`, coCity.href, publicFile ?? original, '/robots.txt', '/sitemap.xml', '/non-esiste'];
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      for (const pathname of paths) {
        const response = await request.fetch(pathname, { method, data: method === 'POST' ? 'x=1' : undefined });
        expect(response.status(), `${method} ${pathname}`).toBe(405);
        expect(response.headers()['allow'], `${method} ${pathname}`).toBe('GET, HEAD');
        expect(await response.text(), `${method} ${pathname}`).not.toContain(coCity.title);
      }
    }
  });

  test('HEAD answers like GET, without a body', async ({ request }) => {
    const response = await request.head(coCity.href);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe(pageCaching);
    expect(await response.body()).toHaveLength(0);
  });
});

test.describe('the standalone server these tests run against', () => {
  const standalone = path.join(process.cwd(), '.next', 'standalone');

  test('its folder holds the whole site and none of the content, tests or benchmark', () => {
    for (const needed of ['server.js', 'public/admin', '.next/static/chunks', '.next/BUILD_ID']) {
      expect(existsSync(path.join(standalone, needed)), needed).toBe(true);
    }
    for (const left of ['content', 'test', 'e2e', 'bench']) {
      expect(existsSync(path.join(standalone, left)), `${left}/ in .next/standalone`).toBe(false);
    }
  });

  test('it carries no photo original, under any name (unless site.yml publishes them)', () => {
    const published = site.originals === 'public';
    const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    const originals = new Map(readdirSync(imagesDir, { recursive: true, encoding: 'utf8' })
      .map((name) => path.join(imagesDir, name))
      .filter((file) => statSync(file).isFile())
      .map((file) => [statSync(file).size, file] as const));
    const deployed = readdirSync(standalone, { recursive: true, encoding: 'utf8' }).map((name) => path.join(standalone, name));
    for (const file of deployed) {
      const stats = statSync(file);
      const twin = stats.isFile() ? originals.get(stats.size) : undefined;
      if (twin && !published) expect(digest(file), `${file} is ${twin}`).not.toBe(digest(twin));
    }
  });
});

test.describe('photo originals', () => {
  test('no URL answers with an original: its /_static/images/ address is a 404 (unless site.yml publishes them)', async ({ request }) => {
    expect(existsSync(originalOf(original)), originalOf(original)).toBe(true);
    expect((await request.get(original)).status()).toBe(site.originals === 'public' ? 200 : 404);
  });
});
