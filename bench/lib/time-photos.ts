// `tsx bench/lib/time-photos.ts <dir>`: the photo step of one `next build` on <dir>/content (photos in its images/, cache
// in <dir>/cache, files to <dir>/out), in a fresh process as a build runs it: the loader's photo facts, then every file.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent, photoFilesOf } from '../../lib/content/load';
import { photoWork, writePhotoFiles } from '../../lib/photos';

export type PhotoStep = { photos: number; files: number; read: number; decoded: number; encoded: number; wallMs: number; cpuMs: number; maxRssBytes: number };

const dir = path.resolve(process.argv[2]!);
const [cacheDir, outDir] = ['cache', 'out'].map((name) => path.join(dir, name)) as [string, string];
const [wall, cpu] = [performance.now(), process.cpuUsage()];
const content = await loadContent({ contentDir: path.join(dir, 'content'), publicDir: path.resolve('public'), photoCacheDir: cacheDir, includeDrafts: false, photoFiles: true });
const stats = await writePhotoFiles({ imagesDir: content.imagesDir, cacheDir, outDir }, photoFilesOf(content.projects));
const used = process.cpuUsage(cpu);
const step: PhotoStep = { ...stats, ...photoWork(), wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
process.stdout.write(`${JSON.stringify(step)}\n`);
