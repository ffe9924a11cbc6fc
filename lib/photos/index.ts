import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readExif from 'exif-reader';
import { parse as parseIcc } from 'icc';
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import { photoSourcePath } from './source';

export { photoPrefix, photoSourcePath } from './source';

/**
 * Photos are resized once, at build time, into static WebP files (and AVIF ones for the small widths) named after the
 * photo and a hash of its bytes and of these settings: `/_next/static/photos/co-city6.3f9c2a71d0.750.webp`. Change a
 * setting and every name changes.
 */
export const photoSettings = {
  /**
   * What the layouts ask for, each at most 1.2× the one before: a tile of the project's grid may be any width, and the
   * browser takes a file near twice its width on a 2x screen (Chromium the smaller of two neighbours when the needed
   * density is below their geometric mean), so the steps must be small for the file to stay within 2-2.5× the tile.
   * 660 and 750 are a card or cover across a 412- or 390-px phone at 1.75x and 2x; 1200 the project column on a
   * desktop; 1920 the gallery; 2880 the gallery zoomed.
   */
  widths: [240, 288, 345, 415, 480, 560, 660, 750, 900, 1080, 1200, 1440, 1728, 1920, 2304, 2880],
  /** No file is longer than this on either side: a portrait's largest is 1920×2880, not 2880×4320 (2.25× the pixels). */
  maxSide: 2880,
  /**
   * The widths the gallery offers (with the photo's own width when smaller): its slides are as wide as the screen,
   * where the fine steps of the grid would only make the browser take a file a little narrower than the slide.
   */
  galleryWidths: [480, 660, 750, 1080, 1200, 1920, 2880],
  /** What `src` names for browsers that ignore `srcset`: the largest width up to this one. */
  fallbackWidth: 1200,
  webp: { quality: 70 },
  /**
   * libwebp's effort (0-6) by width, as "up to this width: effort": 1 and 0 make files within 5% of the default's bytes
   * in a third of its time (measured on 24 MP camera files and the sample's photos).
   */
  effort: { 1200: 1, 2880: 0 },
  /**
   * The widths a phone's first screen takes (a card or cover across a 390- to 412-px phone at 1.75x and 2x) are AVIF
   * too, for the browsers that take it. On a slow phone the first photo shares the link with the framework's scripts,
   * and only a file of under 20 KB arrives by 1.6 s: that is a lower quality than the other files' (SSIM 0.93 against
   * 0.94 at 660 px), and at that quality AVIF is a fifth the size of WebP as good, encoded in 20-35 ms at aom's fastest
   * effort (`npm run bench -- --only photos`). WebP stays for every width, as the fallback.
   */
  avif: { widths: [660, 750], quality: 42, effort: 0 },
  /**
   * og:image / twitter:image: a JPEG every crawler reads, under the 300 KB the strictest of them accepts. Baseline, not
   * progressive: a crawler reads the whole file, and baseline encodes in two thirds of the time.
   */
  social: { width: 1200, quality: 78, maxBytes: 300 * 1024, progressive: false },
  placeholder: { size: 16, quality: 50 },
  /** Larger than any camera's file (a 102 MP medium format is 11648×8736); more is a decompression bomb. */
  maxPixels: 120_000_000,
} as const;

/** The facts' shape is in the key too: facts cached before camera facts were read are not used. */
const settingsKey = JSON.stringify({ ...photoSettings, facts: ['camera'] });
/** Names the settings in the index: an index made under other settings points at other hashes, so it is not used. */
const settingsDigest = createHash('sha256').update(settingsKey).digest('hex').slice(0, 10);
export const photoUrlPrefix = '/_next/static/photos';

/** What the pages need of a photo, cached by its bytes: the file is decoded once, ever. */
export type PhotoFacts = {
  hash: string;
  width: number;
  height: number;
  blurDataURL: string;
  /** The widths built for it: the configured ones up to the photo's own width, never an upscale. */
  widths: number[];
  /** What the camera wrote of the exposure, when it did; never its position (GPS) nor its serial number. */
  camera?: CameraFacts;
};

/** The camera's facts a gallery shows: read from the EXIF once, kept in the cache with the other facts. */
export type CameraFacts = {
  model?: string;
  lens?: string;
  /** Millimetres. */
  focalLength?: number;
  /** The f-number: 5.6 for f/5.6. */
  aperture?: number;
  /** Seconds: 0.004 for 1/250 s. */
  exposure?: number;
  iso?: number;
  /** When it was taken, as the camera's clock said (ISO 8601, no time zone). */
  taken?: string;
};

export type PhotoSources = {
  src: string;
  /** Every width, in WebP. */
  srcSet: string;
  /** The gallery's widths (`galleryWidths`), in WebP. */
  gallerySrcSet: string;
  /** The same widths, with AVIF files at `avif.widths` (WebP at the others: every browser that takes AVIF takes WebP). */
  avifSrcSet: string;
  /** The 1200-px JPEG for social cards. */
  social: { url: string; width: number; height: number };
  /** The largest variant: what structured data and the sitemap point at. */
  largest: { url: string; width: number; height: number };
};

export type PhotoDirs = {
  /**
   * The folder of the photos' sources (`content/images/`): a photo `/_static/images/x.jpg` is read from
   * `<imagesDir>/x.jpg`, any other path from `<imagesDir><path>`.
   */
  imagesDir: string;
  /** Where facts and encoded files are kept between builds (`.next/cache/photos`). */
  cacheDir: string;
  /**
   * Encode a new photo's files while it is decoded for its facts, as a build wants (one decode instead of two). Left
   * out, a new photo is decoded for its facts alone, and `writePhotoFiles` decodes it again.
   */
  withFiles?: boolean;
};

/** A photo that cannot be used: not an image, corrupt, or too large to decode safely. */
export class PhotoError extends Error {
  constructor(
    /** What a photo must be: `a readable JPEG, PNG, WebP or AVIF image`. */
    readonly expected: string,
    /** What is wrong with this one, if more can be said. */
    readonly detail?: string,
  ) {
    super(`expected ${expected}${detail ? ` (${detail})` : ''}`);
    this.name = 'PhotoError';
  }
}

sharp.cache(false);

/** Runs at most `limit` jobs at once: each decode of a 24 MP photo holds ~100 MB, so the build's memory stays flat. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
const withSharp = limiter(3);

/** What this process has done to photos so far: files read (and hashed), decoded for their facts, and encoded. */
const work = { read: 0, decoded: 0, encoded: 0 };
export const photoWork = (): Readonly<typeof work> => ({ ...work });

/** Photos this process found new or changed (`queued`) and how many of them are read and encoded (`done`). */
const progress = { queued: 0, done: 0 };
export const photoProgress = (): Readonly<typeof progress> => ({ ...progress });
async function counted<T>(job: () => Promise<T>): Promise<T> {
  progress.queued++;
  try {
    return await job();
  } finally {
    progress.done++;
  }
}

type IndexEntry = { size: number; mtimeMs: number; ctimeMs: number; hash: string };
type Index = Record<string, IndexEntry>;

const processWide = globalThis as typeof globalThis & { [key: symbol]: unknown };
const memoKey = Symbol.for('portfolio.photo-facts');
/** The name a photo's facts and files are kept under: its bytes and the settings that encode it. */
const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).update(settingsKey).digest('hex').slice(0, 10);
/** Facts of photos checked by `detectPhotoExtension` in this process (`npm run new`), by hash; rejected when refused. */
const checkedByHash = new Map<string, Promise<PhotoFacts>>();

/** Facts already known in this process, by absolute path; cleared entries are re-checked against the file. */
const memo = (processWide[memoKey] ??= new Map<string, Promise<PhotoFacts>>()) as Map<string, Promise<PhotoFacts>>;

/**
 * Size, placeholder and widths of the photo `file` names. A file unchanged since the last build (same size and times) is not
 * read again; a changed one is hashed, and decoded only if its bytes are new.
 */
export function getPhotoFacts(dirs: PhotoDirs, file: string): Promise<PhotoFacts> {
  const absolute = photoSourcePath(dirs.imagesDir, file);
  let facts = memo.get(absolute);
  if (!facts) {
    facts = readFacts(dirs, file).catch((error: unknown) => {
      if (error instanceof PhotoError || !(error instanceof Error && 'code' in error)) throw error;
      throw new PhotoError('a readable file', String(error.code));
    });
    memo.set(absolute, facts);
    // A failure is not remembered: the editor fixes the file and the next load (in `next dev`) tries again.
    facts.catch(() => memo.delete(absolute));
  }
  return facts;
}

/** Forgets what this process knows, facts and index, as a new process would: `next dev` notices a photo replaced under the same name. */
export function forgetPhotoFacts(): void {
  memo.clear();
  indexes.clear();
}

async function readFacts({ imagesDir, cacheDir, withFiles }: PhotoDirs, file: string): Promise<PhotoFacts> {
  const absolute = photoSourcePath(imagesDir, file);
  const stats = await stat(absolute);
  const index = await readIndex(cacheDir);
  const known = index.entries[absolute];
  if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs && known.ctimeMs === stats.ctimeMs) {
    const cached = await readJson<PhotoFacts>(path.join(cacheDir, `${known.hash}.json`));
    if (cached) return cached;
  }
  // Reading, hashing and decoding share the limit: 200 camera files read at once would hold gigabytes.
  const facts = await counted(() => withSharp(async () => {
    const bytes = await readFile(absolute);
    work.read++;
    const hash = hashOf(bytes);
    const factsFile = path.join(cacheDir, `${hash}.json`);
    const cached = await readJson<PhotoFacts>(factsFile);
    if (cached) return cached;
    const checked = !withFiles && (await checkedByHash.get(hash));
    const decoded = checked || (await decodeFacts(bytes, hash, withFiles ? { file, cacheDir } : undefined));
    if (!checked) work.decoded++;
    if (withFiles) work.encoded++;
    await writeAtomic(factsFile, JSON.stringify(decoded));
    return decoded;
  }));
  index.entries[absolute] = { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, hash: facts.hash };
  index.dirty = true;
  return facts;
}

/**
 * Checks a photo and learns its facts: size, placeholder and widths. With `files`, it also encodes every file from the
 * same decode.
 */
async function decodeFacts(bytes: Buffer, hash: string, files?: { file: string; cacheDir: string }): Promise<PhotoFacts> {
  let metadata: Metadata;
  try {
    // The header alone, whatever size it announces: the limit is checked below, with a message that says so.
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoError('a readable JPEG, PNG, WebP or AVIF image');
  }
  const { width, height } = metadata.autoOrient;
  if (!['jpeg', 'png', 'webp', 'heif'].includes(metadata.format ?? '')) {
    throw new PhotoError('a JPEG, PNG, WebP or AVIF image', `it is ${metadata.format ?? 'of an unknown format'}`);
  }
  if (width * height > photoSettings.maxPixels) {
    const megapixels = Math.round((width * height) / 1e6);
    throw new PhotoError(
      `a photo of at most ${photoSettings.maxPixels / 1e6} megapixels`,
      `it is ${width}×${height}, ${megapixels} MP: too large to decode safely`,
    );
  }
  const widths = widthsFor(width, height);
  const { size, quality } = photoSettings.placeholder;
  let pixels: Pixels | undefined;
  let blur: Buffer;
  try {
    // Decoding the whole file here (the placeholder needs every row) finds a truncated or corrupt one before the build.
    if (files) pixels = await decodeLargest(bytes, metadata, widths.at(-1)!);
    const source = pixels
      ? sharp(pixels.data, { raw: rawOf(pixels.info) })
      : sharp(bytes, { limitInputPixels: photoSettings.maxPixels, failOn: 'error' }).autoOrient();
    blur = await source.resize(size, size, { fit: 'inside' }).webp({ quality }).toBuffer();
  } catch {
    // libvips's own text is not stable (under load it can say "Unknown error"), so the message does not repeat it.
    throw new PhotoError('a readable image', 'it is damaged or cut short');
  }
  const camera = cameraFacts(metadata.exif);
  const facts = { hash, width, height, blurDataURL: `data:image/webp;base64,${blur.toString('base64')}`, widths, ...(camera && { camera }) };
  if (files && pixels) await writeVariants(pixels, files.file, facts, files.cacheDir);
  return facts;
}

/** The exposure facts of an EXIF block, picked one by one: nothing else of it (GPS, serial numbers) is kept. */
function cameraFacts(exif: Buffer | undefined): CameraFacts | undefined {
  if (!exif) return undefined;
  let tags: ReturnType<typeof readExif>;
  try {
    tags = readExif(exif);
  } catch {
    return undefined;
  }
  const { Image: image, Photo: photo } = tags;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.replace(/\0/g, '').trim() : undefined);
  const number = (value: unknown) => {
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'number' && Number.isFinite(first) && first > 0 ? first : undefined;
  };
  const taken = photo?.DateTimeOriginal ?? image?.DateTime;
  const facts: CameraFacts = {
    model: text(image?.Model),
    lens: text(photo?.LensModel),
    focalLength: number(photo?.FocalLength),
    aperture: number(photo?.FNumber),
    exposure: number(photo?.ExposureTime),
    iso: number(photo?.ISOSpeedRatings ?? photo?.PhotographicSensitivity),
    taken: taken instanceof Date && !Number.isNaN(taken.getTime()) ? taken.toISOString().slice(0, 19) : undefined,
  };
  const known = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as CameraFacts;
  return Object.keys(known).length ? known : undefined;
}

type Pixels = { data: Buffer; info: OutputInfo };
const rawOf = ({ width, height, channels }: OutputInfo) => ({ width, height, channels });

/**
 * An embedded sRGB profile (as Lightroom and many cameras write) is what no profile means already: converting from it
 * to sRGB changes nothing and costs more than the resize, so it is skipped. Any other profile (Adobe RGB, Display P3,
 * CMYK) is converted.
 */
function isSrgbProfile(icc: Buffer | undefined): boolean {
  if (!icc) return false;
  try {
    const profile = parseIcc(icc);
    return profile.colorSpace === 'RGB' && /\bsRGB\b/.test(profile.description ?? '');
  } catch {
    return false;
  }
}

/** The photo upright, in sRGB, at the largest width built: what every file is made from. */
async function decodeLargest(bytes: Buffer, metadata: Metadata, largest: number): Promise<Pixels> {
  return sharp(bytes, { limitInputPixels: photoSettings.maxPixels, failOn: 'error', ignoreIcc: isSrgbProfile(metadata.icc) })
    .autoOrient()
    .resize({ width: largest, withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/** The configured widths below the photo's own (capped at `maxSide` on its long side), then that: never an upscale. */
function widthsFor(width: number, height: number): number[] {
  const largest = Math.min(width, Math.round((photoSettings.maxSide * width) / Math.max(width, height)));
  return [...photoSettings.widths.filter((candidate) => candidate < largest), largest];
}

/** How a file `width` pixels wide is encoded: the effort is that of the first step at or above the width. */
export function webpOptions(width: number): { quality: number; effort: number } {
  const steps = Object.entries(photoSettings.effort).map(([upTo, effort]) => [Number(upTo), effort] as const);
  return { ...photoSettings.webp, effort: (steps.find(([upTo]) => width <= upTo) ?? steps.at(-1)!)[1] };
}

/** `/_static/images/Città 1.JPG` → `citta-1`: the photo's own name, safe in a URL. */
function baseName(file: string): string {
  const name = path.posix.basename(file).replace(/\.[^.]+$/, '');
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'photo'
  );
}

const variantName = (file: string, hash: string, width: number, format: 'webp' | 'avif' = 'webp') =>
  `${baseName(file)}.${hash}.${width}.${format}`;
const isAvifWidth = (width: number) => (photoSettings.avif.widths as readonly number[]).includes(width);
const avifWidths = (facts: PhotoFacts) => facts.widths.filter(isAvifWidth);
const socialWidth = (facts: PhotoFacts) => Math.min(photoSettings.social.width, facts.width);
const socialName = (file: string, facts: PhotoFacts) => `${baseName(file)}.${facts.hash}.${socialWidth(facts)}.jpg`;
const scaledHeight = (facts: PhotoFacts, width: number) => Math.round((facts.height * width) / facts.width);

/** The loader: which static file serves `file` at each width. Pure: it encodes nothing. */
export function photoSources(file: string, facts: PhotoFacts): PhotoSources {
  const url = (name: string) => `${photoUrlPrefix}/${name}`;
  const fallback = facts.widths.filter((width) => width <= photoSettings.fallbackWidth).at(-1) ?? facts.widths[0]!;
  const largest = facts.widths.at(-1)!;
  return {
    src: url(variantName(file, facts.hash, fallback)),
    srcSet: facts.widths.map((width) => `${url(variantName(file, facts.hash, width))} ${width}w`).join(', '),
    gallerySrcSet: facts.widths
      .filter((width) => (photoSettings.galleryWidths as readonly number[]).includes(width) || width === largest)
      .map((width) => `${url(variantName(file, facts.hash, width))} ${width}w`)
      .join(', '),
    avifSrcSet: facts.widths
      .map((width) => `${url(variantName(file, facts.hash, width, isAvifWidth(width) ? 'avif' : 'webp'))} ${width}w`)
      .join(', '),
    social: { url: url(socialName(file, facts)), width: socialWidth(facts), height: scaledHeight(facts, socialWidth(facts)) },
    largest: { url: url(variantName(file, facts.hash, largest)), width: largest, height: scaledHeight(facts, largest) },
  };
}

export type WriteStats = { photos: number; files: number; encoded: number };

/**
 * Puts every variant of `files` into `outDir`, encoding only what the cache lacks. Each photo is decoded once (shrunk
 * on load to its largest width) and every smaller width is made from that.
 */
export async function writePhotoFiles(
  dirs: PhotoDirs & { outDir: string },
  files: readonly string[],
): Promise<WriteStats> {
  const stats: WriteStats = { photos: 0, files: 0, encoded: 0 };
  await mkdir(dirs.outDir, { recursive: true });
  await Promise.all(
    [...new Set(files)].map(async (file) => {
      const { wanted, encoded } = await cachePhotoFiles(dirs, file);
      await Promise.all(wanted.map((name) => place(path.join(dirs.cacheDir, 'files', name), path.join(dirs.outDir, name))));
      stats.photos++;
      stats.files += wanted.length;
      if (encoded) stats.encoded++;
    }),
  );
  return stats;
}

/**
 * Encodes into the cache the files of each photo that lacks one (facts may be cached by a content check, which
 * encodes nothing): what `npm run build`'s prebuild step does, so that the build's workers find them made.
 */
export async function encodeMissingPhotoFiles(dirs: PhotoDirs, files: readonly string[]): Promise<void> {
  await Promise.all([...new Set(files)].map((file) => cachePhotoFiles(dirs, file)));
}

async function cachePhotoFiles(dirs: PhotoDirs, file: string): Promise<{ wanted: string[]; encoded: boolean }> {
  const facts = await getPhotoFacts(dirs, file);
  const wanted = encodedNames(file, facts);
  const cached = await Promise.all(wanted.map((name) => exists(path.join(dirs.cacheDir, 'files', name))));
  if (!cached.includes(false)) return { wanted, encoded: false };
  await counted(() => withSharp(() => encode(photoSourcePath(dirs.imagesDir, file), file, facts, dirs.cacheDir)));
  work.encoded++;
  return { wanted, encoded: true };
}

/** The encoded files of a photo: every WebP width, the AVIF ones and the social JPEG. */
function encodedNames(file: string, facts: PhotoFacts): string[] {
  return [
    ...facts.widths.map((width) => variantName(file, facts.hash, width)),
    ...avifWidths(facts).map((width) => variantName(file, facts.hash, width, 'avif')),
    socialName(file, facts),
  ];
}

/**
 * Removes from the cache every file and every photo's facts that none of `files` uses, so that the cache does not
 * grow with each replaced photo or changed setting. A file being written (`*.tmp`) is left alone while the process
 * writing it runs; one left by a process that is gone (a build killed halfway) is removed.
 */
export async function prunePhotoCache(dirs: PhotoDirs, files: readonly string[]): Promise<{ removed: number }> {
  const keep = new Set(['index.json']);
  for (const file of new Set(files)) {
    const facts = await getPhotoFacts(dirs, file);
    keep.add(`${facts.hash}.json`);
    encodedNames(file, facts).forEach((name) => keep.add(`files/${name}`));
  }
  const entries = await readdir(dirs.cacheDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const unused = entries
    .filter((entry) => entry.isFile() && (!entry.name.endsWith('.tmp') || abandoned(entry.name)))
    .map((entry) => path.relative(dirs.cacheDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((name) => !keep.has(name));
  await Promise.all(unused.map((name) => rm(path.join(dirs.cacheDir, name), { force: true })));
  const index = await readIndex(dirs.cacheDir);
  const used = new Set(files.map((file) => photoSourcePath(dirs.imagesDir, file)));
  for (const key of Object.keys(index.entries)) {
    if (!used.has(key)) {
      delete index.entries[key];
      index.dirty = true;
    }
  }
  await savePhotoIndex(dirs.cacheDir);
  return { removed: unused.length };
}

/** Whether the `<file>.<pid>.<random>.tmp` that writeAtomic names is a dead process's, which nothing will rename. */
function abandoned(name: string): boolean {
  const pid = Number(/\.(\d+)\.[a-z0-9]*\.tmp$/.exec(name)?.[1]);
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Encodes the files of a photo whose facts were cached without them (or whose files were removed). */
async function encode(absolute: string, file: string, facts: PhotoFacts, cacheDir: string): Promise<void> {
  const bytes = await readFile(absolute);
  work.read++;
  const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  await writeVariants(await decodeLargest(bytes, metadata, facts.widths.at(-1)!), file, facts, cacheDir);
}

/** Every WebP width, the small AVIF ones and the social JPEG, each made from the same decoded pixels. */
async function writeVariants({ data, info }: Pixels, file: string, facts: PhotoFacts, cacheDir: string): Promise<void> {
  const raw = { raw: rawOf(info) };
  await mkdir(path.join(cacheDir, 'files'), { recursive: true });
  for (const width of facts.widths) {
    const webp = await sharp(data, raw).resize({ width }).webp(webpOptions(width)).toBuffer();
    await writeAtomic(path.join(cacheDir, 'files', variantName(file, facts.hash, width)), webp);
  }
  const { quality, effort } = photoSettings.avif;
  for (const width of avifWidths(facts)) {
    const avif = await sharp(data, raw).resize({ width }).avif({ quality, effort }).toBuffer();
    await writeAtomic(path.join(cacheDir, 'files', variantName(file, facts.hash, width, 'avif')), avif);
  }
  const social = sharp(data, raw)
    .resize({ width: photoSettings.social.width, withoutEnlargement: true })
    .flatten({ background: '#ffffff' });
  await writeAtomic(path.join(cacheDir, 'files', socialName(file, facts)), await socialJpeg(social));
}

/** The social card at the set quality, or lower until it fits the crawlers' limit: grainy photos compress badly. */
async function socialJpeg(image: Sharp): Promise<Buffer> {
  const { quality, maxBytes, progressive } = photoSettings.social;
  let jpeg: Buffer;
  for (let attempt: number = quality; ; ) {
    jpeg = await image.clone().jpeg({ quality: attempt, progressive }).toBuffer();
    if (jpeg.length <= maxBytes || attempt <= 40) return jpeg;
    // Bytes fall about as fast as quality here, so the next try is close: a portrait 1200×1800 fits on the second.
    attempt = Math.max(40, Math.min(attempt - 5, Math.floor((attempt * maxBytes) / jpeg.length)));
  }
}

/** A hard link where the file system allows it (no bytes copied), a copy elsewhere. */
async function place(from: string, to: string): Promise<void> {
  if (await exists(to)) return;
  const temporary = `${to}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await link(from, temporary).catch(() => copyFile(from, temporary));
  await rename(temporary, to);
  // When another worker has just placed the same file, both names are links to one file, and renaming one onto the
  // other does nothing (rename(2)): the temporary name would stay, and ship with the site.
  await rm(temporary, { force: true });
}

// The index (path → size, times and hash) is read once per process and written back after the last change.
type LoadedIndex = { entries: Index; dirty: boolean };
const indexes = new Map<string, Promise<LoadedIndex>>();

function readIndex(cacheDir: string): Promise<LoadedIndex> {
  let index = indexes.get(cacheDir);
  if (!index) {
    index = readJson<{ settings: string; entries: Index }>(path.join(cacheDir, 'index.json')).then((saved) => ({
      entries: saved?.settings === settingsDigest ? saved.entries : {},
      dirty: false,
    }));
    indexes.set(cacheDir, index);
  }
  return index;
}

/** Saves what was learnt about changed files; the loader calls it once all photos are known. */
export async function savePhotoIndex(cacheDir: string): Promise<void> {
  const index = await indexes.get(cacheDir);
  if (!index?.dirty) return;
  index.dirty = false;
  await writeAtomic(path.join(cacheDir, 'index.json'), JSON.stringify({ settings: settingsDigest, entries: index.entries }));
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Write-then-rename, so that a build killed halfway (or a second build worker) never sees half a file. */
async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export type PhotoExtension = 'jpg' | 'png' | 'webp' | 'avif';

/**
 * The extension a photo is saved under, judged by its content: `jpg`, `png`, `webp` or `avif`, or `{ other }` (such as
 * "gif") for an image the site does not take. Throws a PhotoError when the file is not a readable image.
 */
export async function detectPhotoExtension(file: string): Promise<PhotoExtension | { other: string }> {
  const bytes = await readFile(file);
  work.read++;
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new PhotoError('a readable JPEG, PNG, WebP or AVIF image');
  }
  const { format, compression } = metadata;
  if (format === 'heif' && compression !== 'av1') return { other: compression ?? 'heif' };
  if (!['jpeg', 'png', 'webp', 'heif'].includes(format ?? '')) return { other: format ?? 'unknown' };
  // Decoded as the build will decode it: a damaged file or a decompression bomb is refused here too. The facts are
  // kept, so that the loader's check of the new project (and each retry of a prompt) decodes it no more.
  const hash = hashOf(bytes);
  let checking = checkedByHash.get(hash);
  if (!checking) {
    checking = decodeFacts(bytes, hash).then((facts) => (work.decoded++, facts));
    checkedByHash.set(hash, checking);
  }
  await checking;
  return format === 'jpeg' ? 'jpg' : format === 'heif' ? 'avif' : (format as 'png' | 'webp');
}
