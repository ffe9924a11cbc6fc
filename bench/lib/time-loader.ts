// Run in a fresh process per content folder (`tsx bench/lib/time-loader.ts <contentDir>`), so that the
// first call pays what a first build pays (an empty photo cache): sharp on every distinct photo, cold code, then the parsing.
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export type Timed = { wallMs: number; cpuMs: number };

export type LoaderTiming = {
  projects: number;
  photos: number;
  distinctPhotos: number;
  /** Importing the loader and its dependencies (remark, zod, sharp, …). */
  import: Timed;
  /** First `loadContent` call in a fresh process. */
  first: Timed;
  /** Second call: photo sizes and placeholders are cached, so this is reading, YAML, zod and markdown. */
  second: Timed;
  /** Photo facts (hash, metadata, 16 px placeholder) per distinct photo, uncached, as the loader runs them. */
  msPerDistinctPhoto: number;
};

async function timed<T>(run: () => Promise<T>): Promise<[T, Timed]> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return [value, { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 }];
}

const contentDir = process.argv[2];
if (!contentDir) throw new Error('usage: time-loader.ts <contentDir>');
const publicDir = path.resolve('public');
const cacheRoot = await mkdtemp(path.join(os.tmpdir(), 'bench-photo-cache-'));
const options = { contentDir: path.resolve(contentDir), publicDir, photoCacheDir: path.join(cacheRoot, 'a'), includeDrafts: false };

const [{ loadContent, photoFilesOf, getPhotoFacts }, importTime] = await timed(async () => ({
  ...(await import('../../lib/content/load')),
  ...(await import('../../lib/photos')),
}));
const [content, first] = await timed(() => loadContent(options));
const [, second] = await timed(() => loadContent(options));

const photos = photoFilesOf(content.projects);
const distinct = [...new Set(photos)];
// The same files through a symlinked images folder and an empty cache miss every cache and run sharp again.
const aliasDir = await mkdtemp(path.join(os.tmpdir(), 'bench-images-'));
const alias = path.join(aliasDir, 'images');
await symlink(content.imagesDir, alias);
const dirs = { imagesDir: alias, cacheDir: path.join(cacheRoot, 'b') };
const [, sharpTime] = await timed(() => Promise.all(distinct.map((file) => getPhotoFacts(dirs, file))));
await rm(aliasDir, { recursive: true, force: true });
await rm(cacheRoot, { recursive: true, force: true });

const timing: LoaderTiming = {
  projects: content.projects.length,
  photos: photos.length,
  distinctPhotos: distinct.length,
  import: importTime,
  first,
  second,
  msPerDistinctPhoto: distinct.length ? sharpTime.wallMs / distinct.length : 0,
};
process.stdout.write(`${JSON.stringify(timing)}\n`);
