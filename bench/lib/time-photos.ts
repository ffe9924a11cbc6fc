// `tsx bench/lib/time-photos.ts <contentDir> <cacheDir> <outDir>`: the photo step of one `next build`,
// in a fresh process as a build runs it (lib/content/index.ts): the loader's photo facts, then every file written.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent, photoFilesOf } from '../../lib/content/load';
import { photoWork, writePhotoFiles } from '../../lib/photos';

export type PhotoStep = {
  photos: number;
  files: number;
  /** Photos read (hashed), decoded for their facts, and encoded by this run. */
  read: number;
  decoded: number;
  encoded: number;
  wallMs: number;
  cpuMs: number;
  /** Peak resident memory of the process. */
  maxRssBytes: number;
};

const [contentDir, cacheDir, outDir] = process.argv.slice(2).map((dir) => path.resolve(dir));
if (!contentDir || !cacheDir || !outDir) throw new Error('usage: time-photos.ts <contentDir> <cacheDir> <outDir>');
const publicDir = path.resolve('public');

const wall = performance.now();
const cpu = process.cpuUsage();
const content = await loadContent({ contentDir, publicDir, photoCacheDir: cacheDir, includeDrafts: false, photoFiles: true });
const stats = await writePhotoFiles({ imagesDir: content.imagesDir, cacheDir, outDir }, photoFilesOf(content.projects));
const used = process.cpuUsage(cpu);
const step: PhotoStep = {
  ...stats,
  ...photoWork(),
  wallMs: performance.now() - wall,
  cpuMs: (used.user + used.system) / 1000,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(step)}\n`);
