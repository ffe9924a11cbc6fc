// What a phone fetches on a first load of each page, then on opening the gallery: Playwright's own request sizes.
import { chromium, type Page, type Request } from '@playwright/test';
import { brotliCompressSync, constants } from 'node:zlib';
import sharp from 'sharp';
import { chromiumFlags, chromiumPath } from '../scripts/chromium';
import { kib, pages, projectPage, table, targets, whole, type Section } from './lib/section';

type Fetched = { url: string; type: string; bytes: number };
type Photo = { src: string; drawn: number; needed: number; pixels: number; ok: boolean };

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
/** Swiper's class name, in its JavaScript and its CSS alike; none of the site's own code uses it. */
const swiperMarker = 'swiper-wrapper';

const bodies = new Map<string, Promise<Buffer>>();
/** The decoded body, fetched once (with the Accept header Chromium sends for images). */
const body = (url: string) => {
  if (!bodies.has(url)) bodies.set(url, fetch(url, { headers: { accept: 'image/avif,image/webp,*/*' } }).then(async (response) => Buffer.from(await response.arrayBuffer())));
  return bodies.get(url)!;
};
const brotli = (buffer: Buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const sum = (files: Fetched[], type?: string) => files.filter((file) => !type || file.type === type).reduce((total, file) => total + file.bytes, 0);
const count = (files: Fetched[], type: string) => files.filter((file) => file.type === type).length;

/** Every request the page finishes from now on, with its transfer size (headers and encoded body). */
function record(page: Page): () => Promise<Fetched[]> {
  const files: Promise<Fetched>[] = [];
  const listener = (request: Request) => {
    if (!request.url().startsWith('data:')) files.push(request.sizes().then((sizes) => ({ url: request.url(), type: request.resourceType(), bytes: sizes.responseBodySize + sizes.responseHeadersSize })));
  };
  page.on('requestfinished', listener);
  return () => {
    page.off('requestfinished', listener);
    return Promise.all(files);
  };
}

/** The scripts and stylesheets among `files` that are Swiper's. */
async function swiper(files: Fetched[]): Promise<string[]> {
  const code = files.filter((file) => file.type === 'script' || file.type === 'stylesheet');
  const texts = await Promise.all(code.map(async (file) => (await body(file.url)).toString()));
  return code.filter((_, index) => texts[index]!.includes(swiperMarker)).map((file) => file.url);
}

/** Each photo drawn in the first viewport (or matching `selector`): its file's pixels against the drawn width × DPR (≤ 2). */
async function photos(page: Page, selector?: string): Promise<Photo[]> {
  const drawn = await page.evaluate((only) => {
    const images = Array.from(document.querySelectorAll<HTMLImageElement>(only ?? 'img'));
    return images.flatMap((img) => {
      const box = img.getBoundingClientRect();
      if (!img.naturalWidth || (!only && !(box.width > 0 && box.top < window.innerHeight && box.bottom > 0))) return [];
      // object-fit: cover crops the sides: the picture is drawn wider than its box.
      const scale = getComputedStyle(img).objectFit === 'cover' ? Math.max(box.width / img.naturalWidth, box.height / img.naturalHeight) : box.width / img.naturalWidth;
      return [{ src: img.currentSrc, drawn: img.naturalWidth * scale, dpr: Math.min(window.devicePixelRatio, 2) }];
    });
  }, selector);
  return Promise.all(
    drawn.map(async ({ src, drawn: width, dpr }) => {
      const { width: pixels = 0, autoOrient } = await sharp(await body(src)).metadata();
      const needed = Math.ceil(width * dpr - 0.5);
      return { src, drawn: width, needed, pixels: autoOrient?.width ?? pixels, ok: (autoOrient?.width ?? pixels) >= needed };
    }),
  );
}

const name = (url: string) => new URL(url).pathname.split('/').pop();
const section: Section = {
  title: 'Bytes on first load (a phone, 390×844 at 2×)',
  describe: () => ({ text: 'one load per page', reduced: false }),
  run: async ({ server }) => {
    const { origin } = await server();
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
    try {
      const loads = [];
      let gallery: { files: Fetched[]; slide?: Photo } | undefined;
      for (const pagePath of pages) {
        console.log(`bytes: first load of ${pagePath}`);
        const context = await browser.newContext(phone);
        const page = await context.newPage();
        let taken = record(page);
        await page.goto(origin + pagePath, { waitUntil: 'networkidle', timeout: 120_000 });
        const files = await taken();
        const html = (await body(origin + pagePath)).toString();
        const scripts = files.filter((file) => file.type === 'script');
        const brotliBytes = (await Promise.all(scripts.map(async (file) => brotli(await body(file.url))))).reduce((a, b) => a + b, 0);
        const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((total, match) => total + Buffer.byteLength(match[1] ?? ''), 0);
        const largest = files.filter((file) => file.type === 'image').sort((a, b) => b.bytes - a.bytes)[0];
        loads.push({ pagePath, files, brotliBytes, scripts: scripts.length, html: Buffer.byteLength(html), inline, largest, photos: await photos(page), swiper: await swiper(files) });
        if (pagePath === projectPage) {
          taken = record(page);
          await page.getByRole('button', { name: 'gallery', exact: true }).click();
          await page.waitForFunction(() => Boolean(document.querySelector<HTMLImageElement>('dialog[open] .swiper-slide-active img')?.complete), undefined, { timeout: 60_000 });
          await page.waitForLoadState('networkidle');
          gallery = { files: await taken(), slide: (await photos(page, 'dialog[open] .swiper-slide-active img'))[0] };
        }
        await context.close();
      }
      const category = loads.find((load) => load.pagePath === '/fotografie')!;
      const project = loads.find((load) => load.pagePath === projectPage)!;
      const allPhotos = loads.flatMap((load) => load.photos);
      const listed = (urls: string[]) => (urls.length ? urls.map(name).join(', ') : 'none');
      return [
        ...targets([
          ['every first-viewport photo ≥ displayed width × DPR (≤ 2) px wide', `${allPhotos.filter((photo) => photo.ok).length} of ${allPhotos.length} photos wide enough`, allPhotos.every((photo) => photo.ok)],
          ['largest image on first load ≤ 150 KB (150,000 B)', loads.map((load) => `${load.pagePath} ${whole(load.largest?.bytes ?? 0)} B`).join(', '), loads.every((load) => (load.largest?.bytes ?? 0) <= 150_000)],
          ['scripts on first load of any page ≤ 1.05 × 120 KiB brotli (126.0 KiB)', loads.map((load) => `${load.pagePath} ${kib(load.brotliBytes)} KiB`).join(', '), loads.every((load) => load.brotliBytes <= 1.05 * 120 * 1024)],
          [`${projectPage} scripts ≤ 1.05 × /fotografie scripts (brotli)`, `${kib(project.brotliBytes)} KiB vs ${kib(category.brotliBytes)} KiB`, project.brotliBytes <= 1.05 * category.brotliBytes],
          ['no Swiper bytes before the gallery is first opened', listed(loads.flatMap((load) => load.swiper)), loads.every((load) => load.swiper.length === 0)],
          ['scripts on first load of any page ≤ 117.2 KiB (before the look, issue 17) + 3 KiB brotli', loads.map((load) => `${load.pagePath} +${kib(load.brotliBytes - 117.2 * 1024)} KiB`).join(', '), loads.every((load) => load.brotliBytes <= 120.2 * 1024)],
        ]),
        'Playwright with Debian\'s Chromium, a fresh context per page, until the network is idle (500 ms), no scrolling. Transferred = headers + encoded body as Playwright reports them (`next start` compresses with gzip); "JS brotli" compresses each script at quality 11, for comparison with the 120 KiB framework floor. The HTML is decoded; its inline scripts are the RSC payload.',
        '',
        ...table(
          ['page', 'requests', 'transferred (KiB)', 'document', 'scripts (n, KiB)', 'stylesheets (KiB)', 'images (n, KiB)', 'other (n, KiB)', 'JS brotli (KiB)', 'HTML (KiB, inline scripts)', 'largest image (B)', 'first-viewport photos: file px / needed px (drawn × DPR ≤ 2)'],
          loads.map(({ pagePath, files, brotliBytes, html, inline, largest, photos }) => [
            pagePath, files.length, kib(sum(files)), kib(sum(files, 'document')), `${count(files, 'script')}, ${kib(sum(files, 'script'))}`, kib(sum(files, 'stylesheet')),
            `${count(files, 'image')}, ${kib(sum(files, 'image'))}`, `${files.filter((file) => !['document', 'script', 'stylesheet', 'image'].includes(file.type)).length}, ${kib(sum(files) - ['document', 'script', 'stylesheet', 'image'].reduce((total, type) => total + sum(files, type), 0))}`,
            kib(brotliBytes), `${kib(html)} (${kib(inline)})`, largest && `${whole(largest.bytes)} (${name(largest.url)})`,
            photos.map((photo) => `${name(photo.src)} ${photo.pixels} / ${photo.needed}${photo.ok ? '' : ' **too narrow**'}`).join(', '),
          ]),
        ),
        ...(gallery
          ? [`Opening the gallery of ${projectPage}, until the first slide's photo has loaded: ${gallery.files.length} requests, ${kib(sum(gallery.files))} KiB (scripts ${kib(sum(gallery.files, 'script'))} KiB, stylesheets ${kib(sum(gallery.files, 'stylesheet'))} KiB, images ${kib(sum(gallery.files, 'image'))} KiB); Swiper's files: ${listed(await swiper(gallery.files))}. First slide: ${gallery.slide ? `${name(gallery.slide.src)}, ${gallery.slide.pixels} px wide for ${gallery.slide.needed} px needed` : 'not found'}.`, '']
          : []),
      ];
    } finally {
      await browser.close();
    }
  },
};
export default section;
