import net from 'node:net';
import { expect, test } from '@playwright/test';
import { getProject, site } from './support/content';
import { breakMatchMedia } from './support/browser';
import { galleryOf } from './support/gallery';
import { clickUntilVisible } from './support/hydration';

const coCity = getProject('co-city');

/** The status of a request sent byte for byte as written: no client normalises `..` or re-encodes the path. */
function rawStatus(baseURL: string, path: string): Promise<number> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`),
    );
    let head = '';
    socket.setEncoding('latin1');
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${path.slice(0, 60)}`)));
    socket.on('data', (chunk: string) => {
      head += chunk;
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(head);
      if (status) {
        resolve(Number(status[1]));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`connection closed without a status for ${path.slice(0, 60)}`)));
  });
}

const image = (query: string) => `/_next/image?${query}`;
const photo = encodeURIComponent(coCity.cover!.file);

const bad = [
  '/non-esiste',
  `/${coCity.category}/non-esiste`,
  `${coCity.href}/altro`,
  '/%E0%A4%A',
  `/${coCity.category}/%E0%A4%A`,
  '/%',
  '/%C0%AF',
  '/../etc/passwd',
  '/../../../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/_next/static/../../../package.json',
  '/_next/static/..%2f..%2f..%2fpackage.json',
  '/_static/images/..%2f..%2f..%2fpackage.json',
  `/${'a'.repeat(4_000)}`,
  `/${coCity.category}/${'b'.repeat(8_000)}`,
  `/${'c'.repeat(20_000)}`,
  image(`url=${encodeURIComponent('https://example.com/x.jpg')}&w=640&q=70`),
  image(`url=${encodeURIComponent('/../../package.json')}&w=640&q=70`),
  image(`url=${photo}&w=123&q=70`),
  image(`url=${photo}&w=640&q=1000`),
  image(`url=${photo}&w=-1&q=70`),
  image(`url=${photo}&w=640`),
  image(`url=%E0%A4%A&w=640&q=70`),
  image(`url=${encodeURIComponent('/_static/images/manca.jpg')}&w=640&q=70`),
  image(`url=${photo}&w=640&q=70`),
  '/_next/static/photos/co-city6.0000000000.750.webp',
  ...(site.originals === 'public' ? [] : [coCity.cover!.file]),
];

test.describe('under bad requests', () => {
  test('every bad request gets a 4xx, never a 5xx, and good requests in between still get 200', async ({ baseURL }) => {
    // The runtime image optimizer is off: its URLs are among the bad requests, answered 404.
    // A photo's original is not served (content/images/), so its address is a bad request too.
    const good = ['/', coCity.href];
    const requests = [...bad, ...good, ...bad, ...good].map((path) => ({ path, good: good.includes(path) }));
    const answers = await Promise.all(
      requests.map(async ({ path, good }) => ({ path: path.slice(0, 80), good, status: await rawStatus(baseURL!, path) })),
    );
    expect(answers.filter(({ good, status }) => !good && (status < 400 || status > 499))).toEqual([]);
    expect(answers.filter(({ good, status }) => good && status !== 200)).toEqual([]);
    for (const path of good) expect(await rawStatus(baseURL!, path), path).toBe(200);
  });

  test('no path leaks a file from outside the public folders', async ({ request }) => {
    for (const path of ['/_next/static/..%2f..%2f..%2fpackage.json', '/_static/..%2f..%2fpackage.json', '/..%2fpackage.json']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text()).not.toContain('"name": "portfolio"');
    }
  });
});

test.describe('an unexpected rendering error', () => {
  test('shows the site own error page inside the layout, and "Riprova" brings the page back', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(coCity.href);
    const repairMatchMedia = await breakMatchMedia(page);
    const errorTitle = page.getByRole('heading', { level: 1, name: 'Qualcosa è andato storto' });
    const gallery = galleryOf(page, coCity);
    await clickUntilVisible(gallery.button, errorTitle);

    await expect(page.getByRole('main').getByRole('alert')).toContainText('Si è verificato un errore imprevisto. Riprova tra poco.');
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.getByRole('navigation', { name: 'Navigazione principale' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(gallery.dialog).toHaveCount(0);

    await repairMatchMedia();
    await page.getByRole('button', { name: 'Riprova' }).click();
    // The page is back, with the gallery its URL (#gallery-1) asks for.
    await expect(page.locator('h1')).toHaveText(coCity.title);
    await expect(gallery.dialog).toBeVisible();
    expect(errors).toEqual([]);
  });
});
