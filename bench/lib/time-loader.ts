// `tsx bench/lib/time-loader.ts <contentDir>`: importing the loader, a first `loadContent` in a fresh process with an
// empty photo cache (sharp on every distinct photo, cold code) and a second one (reading, YAML, zod, markdown).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export type Timed = { wallMs: number; cpuMs: number };
export type LoaderTiming = { projects: number; photos: number; distinctPhotos: number; import: Timed; first: Timed; second: Timed };

async function timed<T>(run: () => Promise<T>): Promise<[T, Timed]> {
  const [wall, cpu] = [performance.now(), process.cpuUsage()];
  const value = await run();
  const used = process.cpuUsage(cpu);
  return [value, { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000 }];
}

const cache = await mkdtemp(path.join(os.tmpdir(), 'bench-photo-cache-'));
const options = { contentDir: path.resolve(process.argv[2] ?? 'content'), publicDir: path.resolve('public'), photoCacheDir: cache, includeDrafts: false };
const [{ loadContent, photoFilesOf }, importTime] = await timed(() => import('../../lib/content/load'));
const [content, first] = await timed(() => loadContent(options));
const [, second] = await timed(() => loadContent(options));
await rm(cache, { recursive: true, force: true });
const photos = photoFilesOf(content.projects);
const timing: LoaderTiming = { projects: content.projects.length, photos: photos.length, distinctPhotos: new Set(photos).size, import: importTime, first, second };
process.stdout.write(`${JSON.stringify(timing)}\n`);
