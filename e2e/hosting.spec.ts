import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { publicPath, siteLanguageOf } from '../lib/public-path.js';
import { freePort, start, waitForHttp } from '../support/processes';
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
    // The category's own payload, fetched by the navigation or its prefetch, is among them. Not networkidle: twice
    // it did not come within 30 s, though the trace shows no request after the navigation's first 2 s.
    await expect.poll(() => payloads.some((payload) => new URL(payload.url).pathname === `/${category.slug}`)).toBe(true);

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

/** A raw answer: status, headers as sent (less those Node writes per response), body bytes. */
function ask(origin: string, pathname: string, method: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: string[]; body: Buffer }>((resolve, reject) => {
    const request = http.request(origin + pathname, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = response.rawHeaders;
        const kept = raw.flatMap((name, i) => (i % 2 === 0 && !/^(date|connection|keep-alive)$/i.test(name) ? [`${name}: ${raw[i + 1]}`] : []));
        resolve({ status: response.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

test.describe('npm start keeps each page as Next answered it', () => {
  const standalone = path.join(process.cwd(), '.next', 'standalone');
  const manifest = (name: string) => JSON.parse(readFileSync(path.join(standalone, '.next', name), 'utf8'));

  test('every prerendered page, asked again, gets Next\'s own answer: GET, gzip, HEAD and a revalidation', async ({ baseURL }) => {
    test.setTimeout(120_000);
    const lang = siteLanguageOf(manifest('routes-manifest.json'));
    const pages = Object.keys(manifest('prerender-manifest.json').routes)
      .filter((route) => !route.startsWith('/_'))
      .map((route) => publicPath(route, lang));
    expect(pages).toContain(coCity.href);
    // Next alone, from the same folder: the cache off.
    const port = await freePort();
    const nextOnly = start('node', ['server.js'], { cwd: standalone, env: { ...process.env, PORT: String(port), HOSTNAME: '127.0.0.1', PAGE_CACHE: 'off' }, capture: true });
    try {
      const origin = `http://127.0.0.1:${port}`;
      await waitForHttp(origin + '/robots.txt', nextOnly, 60_000);
      for (const pathname of pages) {
        const { headers } = await ask(origin, pathname, 'GET', {});
        const etag = headers.find((header) => /^etag:/i.test(header))?.replace(/^etag: /i, '');
        const kinds: [string, Record<string, string>][] = [['GET', {}], ['GET', { 'accept-encoding': 'gzip, deflate, br' }], ['HEAD', {}]];
        if (etag) kinds.push(['GET', { 'if-none-match': etag }]);
        for (const [method, requestHeaders] of kinds) {
          const what = `${method} ${pathname} ${JSON.stringify(requestHeaders)}`;
          const expected = await ask(origin, pathname, method, requestHeaders);
          await ask(baseURL!, pathname, method, requestHeaders);
          const again = await ask(baseURL!, pathname, method, requestHeaders);
          expect(again.status, what).toBe(expected.status);
          expect(again.headers, what).toEqual(expected.headers);
          expect(again.body.equals(expected.body), `${what}: the same bytes`).toBe(true);
        }
      }
    } finally {
      await nextOnly.stop();
    }
  });

  test('what the client router and queries ask of a kept page still goes to Next', async ({ request }) => {
    await request.get(coCity.href);
    const payload = await request.get(coCity.href, { headers: { rsc: '1', 'next-router-prefetch': '1' }, maxRedirects: 0 });
    expect(payload.headers()['content-type'] ?? '').not.toContain('text/html');
    const withQuery = await request.get(`${coCity.href}?_rsc=1`, { headers: { rsc: '1' } });
    expect(withQuery.headers()['content-type']).toContain('text/x-component');
    expect((await request.get(coCity.href, { headers: { 'if-none-match': '"another"' } })).status()).toBe(200);
  });
});
