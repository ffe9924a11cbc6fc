import type { BrowserContext, Page } from '@playwright/test';
import { brotliCompressSync, constants } from 'node:zlib';
import sharp from 'sharp';
import { phoneScreen, withBrowser } from './lib/browser';
import { kinds, NetworkLog, type Fetched, type Kind } from './lib/network';

export type KindTotals = Record<Kind, { requests: number; transferBytes: number }>;

export type ScriptFile = {
  url: string;
  transferBytes: number;
  bytes: number;
  brotliBytes: number;
  swiper: boolean;
  /** Named by the page's HTML; otherwise loaded later (for a route that a link prefetched, for instance). */
  inHtml: boolean;
};

export type PhotoCheck = {
  src: string;
  transferBytes?: number;
  /** Pixels in the file served (the DOM's naturalWidth divides them by the srcset density). */
  pixelWidth: number;
  /** CSS px the picture spans as drawn (wider than its box when `object-fit: cover` crops the sides). */
  displayedWidth: number;
  /** displayedWidth × min(devicePixelRatio, 2). */
  requiredWidth: number;
  sharpEnough: boolean;
};

export type FirstLoad = {
  path: string;
  requests: number;
  totalTransferBytes: number;
  byKind: KindTotals;
  scripts: ScriptFile[];
  scriptBrotliBytes: number;
  /** The HTML as served (decoded) and the part of it in inline scripts (React's RSC payload). */
  html: { bytes: number; inlineScriptBytes: number };
  /** Requests that are none of document, script, stylesheet, image or font (RSC prefetches, mostly). */
  otherUrls: string[];
  imagesFetched: number;
  /** Images fetched that no <img> of the page shows (preloads for other pages, for instance). */
  imagesNotShown: { url: string; transferBytes: number }[];
  firstViewportPhotos: PhotoCheck[];
  largestImage?: { url: string; transferBytes: number; photo?: PhotoCheck };
  /** Longest time to response headers of an image: the cost of a variant the optimizer had not made yet. */
  slowestImageWaitMs: number;
  swiperFiles: string[];
};

export type GalleryOpen = {
  requests: number;
  totalTransferBytes: number;
  byKind: KindTotals;
  files: { url: string; kind: Kind; transferBytes: number; brotliBytes?: number; swiper: boolean }[];
  firstSlide?: PhotoCheck;
};

/** A gallery with a video and an embed, shown slide by slide without pressing play. */
export type MediaGallery = {
  path: string;
  slides: number;
  /** Requests for a video file (DevTools type Media, or a path under /_static/videos/). */
  videoRequests: string[];
  /** Requests to any other origin: an embed's player, its thumbnails, its scripts. */
  thirdPartyRequests: string[];
  /** Scripts of the page's first load carrying zoom, video or embed code (it belongs in the gallery's lazy chunk). */
  mediaCodeBeforeOpen: string[];
};

export type BytesResult = {
  screen: string;
  pages: FirstLoad[];
  gallery?: GalleryOpen;
  swiperBeforeOpen: string[];
  mediaGallery?: MediaGallery;
};

export type BytesOptions = {
  pages: string[];
  galleryPage: string;
  galleryButton: string;
  /** A page whose gallery holds a video and an embed, and the name of its gallery button. */
  mediaPage?: { path: string; button: string };
};

/** Swiper's class names, in its JavaScript and its CSS alike; none of the site's own code uses this one. */
const swiperMarker = 'swiper-wrapper';

const bodies = new Map<string, Promise<Buffer>>();

/** The decoded body, fetched once from the server (the browser's copy is the same bytes). */
function body(url: string): Promise<Buffer> {
  let cached = bodies.get(url);
  if (!cached) {
    // The Accept header Chromium sends for images, so that the optimizer picks the same format.
    const headers = { accept: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8' };
    cached = fetch(url, { headers }).then(async (response) => Buffer.from(await response.arrayBuffer()));
    bodies.set(url, cached);
  }
  return cached;
}

async function pixelWidth(url: string): Promise<number> {
  const { width, autoOrient } = await sharp(await body(url)).metadata();
  return autoOrient?.width ?? width ?? 0;
}

function brotli(buffer: Buffer): number {
  return brotliCompressSync(buffer, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length },
  }).length;
}

async function isSwiper(file: Fetched): Promise<boolean> {
  if (file.kind !== 'script' && file.kind !== 'stylesheet') return false;
  return (await body(file.url)).includes(swiperMarker);
}

function totals(files: Fetched[]): KindTotals {
  const byKind = Object.fromEntries(kinds.map((kind) => [kind, { requests: 0, transferBytes: 0 }])) as KindTotals;
  for (const file of files) {
    byKind[file.kind].requests++;
    byKind[file.kind].transferBytes += file.transferBytes;
  }
  return byKind;
}

function inlineScriptBytes(html: string): number {
  let bytes = 0;
  for (const match of html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    bytes += Buffer.byteLength(match[1] ?? '');
  }
  return bytes;
}

type DrawnPhoto = { src: string; displayedWidth: number; dpr: number };

/** Every loaded photo that shows in the first viewport (or matches `selector`), with how wide it is drawn. */
function drawnPhotos(page: Page, selector?: string): Promise<DrawnPhoto[]> {
  // Written without inner named functions: the bundler's name helpers do not exist inside the page.
  return page.evaluate((only) => {
    const photos: DrawnPhoto[] = [];
    const images = only ? Array.from(document.querySelectorAll<HTMLImageElement>(only)) : Array.from(document.images);
    for (const img of images) {
      const box = img.getBoundingClientRect();
      const visible = box.width > 0 && box.height > 0 && box.top < window.innerHeight && box.bottom > 0;
      if (!img.naturalWidth || (!only && !visible)) continue;
      const scaleX = box.width / img.naturalWidth;
      const scaleY = box.height / img.naturalHeight;
      const fit = getComputedStyle(img).objectFit;
      const scale =
        fit === 'cover'
          ? Math.max(scaleX, scaleY)
          : fit === 'contain'
            ? Math.min(scaleX, scaleY)
            : fit === 'none'
              ? 1
              : fit === 'scale-down'
                ? Math.min(1, scaleX, scaleY)
                : scaleX;
      // naturalWidth is in CSS px here (pixels ÷ srcset density), and so is the drawn width.
      photos.push({ src: img.currentSrc, displayedWidth: img.naturalWidth * scale, dpr: window.devicePixelRatio });
    }
    return photos;
  }, selector);
}

async function checkPhoto(photo: DrawnPhoto, files: Fetched[]): Promise<PhotoCheck> {
  const requiredWidth = Math.ceil(photo.displayedWidth * Math.min(photo.dpr, 2) - 0.5);
  const width = await pixelWidth(photo.src);
  return {
    src: photo.src,
    transferBytes: files.find((file) => file.url === photo.src)?.transferBytes,
    pixelWidth: width,
    displayedWidth: Math.round(photo.displayedWidth * 10) / 10,
    requiredWidth,
    sharpEnough: width >= requiredWidth,
  };
}

async function scriptFiles(files: Fetched[], html: string): Promise<ScriptFile[]> {
  return Promise.all(
    files
      .filter((file) => file.kind === 'script')
      .map(async (file) => {
        const content = await body(file.url);
        return {
          url: file.url,
          transferBytes: file.transferBytes,
          bytes: content.length,
          brotliBytes: brotli(content),
          swiper: await isSwiper(file),
          inHtml: html.includes(new URL(file.url).pathname),
        };
      }),
  );
}

async function swiperFiles(files: Fetched[]): Promise<string[]> {
  const flags = await Promise.all(files.map(isSwiper));
  return files.filter((_, index) => flags[index]).map((file) => file.url);
}

async function openPage(context: BrowserContext, url: string) {
  const page = await context.newPage();
  const network = await NetworkLog.attach(await context.newCDPSession(page));
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await network.settle();
  return { page, network };
}

async function firstLoad(context: BrowserContext, origin: string, path: string) {
  console.log(`bytes: first load of ${path}`);
  const { page, network } = await openPage(context, origin + path);
  const files = network.take();
  const images = files.filter((file) => file.kind === 'image');
  const photos = await Promise.all((await drawnPhotos(page)).map((photo) => checkPhoto(photo, files)));
  const largest = images.reduce<Fetched | undefined>((max, file) => (!max || file.transferBytes > max.transferBytes ? file : max), undefined);
  const largestDrawn = largest && (await drawnPhotos(page, `img[src], img[srcset]`)).find((photo) => photo.src === largest.url);
  const shown = new Set(await page.evaluate(() => Array.from(document.images, (img) => img.currentSrc)));
  const html = (await body(origin + path)).toString();
  const scripts = await scriptFiles(files, html);
  const result: FirstLoad = {
    path,
    requests: files.length,
    totalTransferBytes: files.reduce((sum, file) => sum + file.transferBytes, 0),
    byKind: totals(files),
    scripts,
    scriptBrotliBytes: scripts.reduce((sum, script) => sum + script.brotliBytes, 0),
    html: { bytes: Buffer.byteLength(html), inlineScriptBytes: inlineScriptBytes(html) },
    otherUrls: files.filter((file) => file.kind === 'other').map((file) => file.url.replace(origin, '')),
    imagesFetched: images.length,
    imagesNotShown: images.filter((file) => !shown.has(file.url)).map(({ url, transferBytes }) => ({ url, transferBytes })),
    firstViewportPhotos: photos,
    largestImage: largest && {
      url: largest.url,
      transferBytes: largest.transferBytes,
      photo: largestDrawn && (await checkPhoto(largestDrawn, files)),
    },
    slowestImageWaitMs: Math.max(0, ...images.map((file) => file.waitMs)),
    swiperFiles: await swiperFiles(files),
  };
  return { result, page, network };
}

async function openGallery(page: Page, network: NetworkLog, button: string): Promise<GalleryOpen> {
  console.log(`bytes: opening the "${button}" gallery`);
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForFunction(
    () => {
      const img = document.querySelector<HTMLImageElement>('dialog[open] .swiper-slide-active img');
      return Boolean(img?.complete && img.naturalWidth > 0);
    },
    undefined,
    { timeout: 60_000 },
  );
  await network.settle();
  const files = network.take();
  const [firstSlide] = await drawnPhotos(page, 'dialog[open] .swiper-slide-active img');
  const described = await Promise.all(
    files.map(async (file) => ({
      url: file.url,
      kind: file.kind,
      transferBytes: file.transferBytes,
      brotliBytes: file.kind === 'script' ? brotli(await body(file.url)) : undefined,
      swiper: await isSwiper(file),
    })),
  );
  return {
    requests: files.length,
    totalTransferBytes: files.reduce((sum, file) => sum + file.transferBytes, 0),
    byKind: totals(files),
    files: described,
    firstSlide: firstSlide && (await checkPhoto(firstSlide, files)),
  };
}

/** Class names that only the gallery's zoom (Swiper's Zoom module) and its video/embed slides carry. */
const mediaCodeMarkers = ['swiper-zoom-container', 'gallery-play'];

/**
 * Lands on a page whose gallery holds videos and embeds, opens it and shows every slide without pressing play:
 * no video byte and no third-party request may follow (requests to other origins are refused, not sent).
 */
async function browseMediaGallery(context: BrowserContext, origin: string, path: string, button: string): Promise<MediaGallery> {
  console.log(`bytes: showing every slide of the gallery of ${path}`);
  const page = await context.newPage();
  const requests: { url: string; type: string }[] = [];
  page.on('request', (request) => requests.push({ url: request.url(), type: request.resourceType() }));
  await context.route((url) => url.origin !== origin, (route) => route.abort('blockedbyclient'));
  await page.goto(origin + path, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForLoadState('networkidle');
  const scripts = requests.filter((request) => request.type === 'script').map((request) => request.url);
  const flags = await Promise.all(
    scripts.map(async (url) => {
      const content = (await body(url)).toString();
      return mediaCodeMarkers.some((marker) => content.includes(marker));
    }),
  );
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const slides = await dialog.locator('.swiper-slide').count();
  for (let slide = 1; slide < slides; slide++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForLoadState('networkidle');
  }
  await page.waitForTimeout(1000);
  return {
    path,
    slides,
    videoRequests: requests.filter((request) => request.type === 'media' || new URL(request.url).pathname.startsWith('/_static/videos/')).map((request) => request.url),
    thirdPartyRequests: requests.filter((request) => new URL(request.url).origin !== origin).map((request) => request.url),
    mediaCodeBeforeOpen: scripts.filter((_, index) => flags[index]),
  };
}

/** What a phone fetches on landing on each page (fresh browser context each, no scrolling), then on opening the gallery. */
export async function measureBytes(origin: string, options: BytesOptions): Promise<BytesResult> {
  return withBrowser(async (browser) => {
    const pages: FirstLoad[] = [];
    let gallery: GalleryOpen | undefined;
    for (const path of options.pages) {
      const context = await browser.newContext(phoneScreen);
      try {
        const { result, page, network } = await firstLoad(context, origin, path);
        pages.push(result);
        if (path === options.galleryPage) gallery = await openGallery(page, network, options.galleryButton);
      } finally {
        await context.close();
      }
    }
    let mediaGallery: MediaGallery | undefined;
    if (options.mediaPage) {
      const context = await browser.newContext(phoneScreen);
      try {
        mediaGallery = await browseMediaGallery(context, origin, options.mediaPage.path, options.mediaPage.button);
      } finally {
        await context.close();
      }
    }
    return {
      screen: `${phoneScreen.viewport?.width}×${phoneScreen.viewport?.height} CSS px at ${phoneScreen.deviceScaleFactor}×`,
      pages,
      gallery,
      swiperBeforeOpen: pages.flatMap((page) => page.swiperFiles),
      mediaGallery,
    };
  });
}
