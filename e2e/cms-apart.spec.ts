import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { getProject, site } from './support/content';

// The editor is apart: public pages keep the strict policy they had before it, and load none of its bytes.
const coCity = getProject('co-city');
const publicPaths = ['/', `/${site.categories[0]!.slug}`, coCity.href, '/non-esiste'];

const publicPolicy =
  "default-src 'none'; script-src 'self' 'unsafe-inline'; font-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; " +
  "img-src 'self' data: blob:; " +
  "media-src 'self'; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

test('public pages keep their strict CSP, unchanged, and are indexable', async ({ request }) => {
  for (const path of publicPaths) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toBe(publicPolicy);
    expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
    expect(headers, path).not.toHaveProperty('x-robots-tag');
  }
});

test('public pages load no byte of the CMS', async ({ page }) => {
  // Strings of Decap's bundle and of the editor's own files, which no public script may contain.
  const bundle = await readFile('public/admin/decap/decap-cms.js', 'utf8');
  const markers = ['decap-cms', 'CMS_MANUAL_INIT', 'authorizing:github', '/api/cms/settings', 'registerSitePreview'];
  for (const marker of markers.slice(0, 2)) expect(bundle).toContain(marker);

  const requested: string[] = [];
  const scripts = new Map<string, string>();
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const reading: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    reading.push(response.text().then((source) => void scripts.set(response.url(), source)));
  });
  for (const path of publicPaths.slice(0, 3)) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await Promise.all(reading.splice(0));
  }
  expect(scripts.size).toBeGreaterThan(0);
  for (const [url, source] of scripts) {
    expect(new URL(url).pathname, url).toMatch(/^\/_next\/static\//);
    for (const marker of markers) expect(source.includes(marker), `${marker} in ${url}`).toBe(false);
  }
  expect(requested.filter((path) => path.startsWith('/admin') || path.startsWith('/api/'))).toEqual([]);
});
