import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cameraPhoto, type CameraPhotoKind } from '../support/camera-photos';
import type { FormatRow } from './formats';
import type { PhotoStep } from './lib/time-photos';
import { run } from '../support/processes';
import type { Server } from './lib/servers';

export type PhotoResult = {
  /** The photo step of a build of `projects` × 10 generated 24 MP camera photos. */
  pipeline: {
    photos: number;
    sourceBytes: number;
    kinds: Record<string, number>;
    /** Empty cache: every photo read, decoded and encoded. */
    cold: PhotoStep;
    /** A second build in a new process with the cache of the first and an emptied output folder. */
    warm: PhotoStep;
    outputBytes: number;
  };
  /** Time to first byte of the first request for each of several built files, on a server that just started. */
  firstRequest: { files: number; ttfbMs: number[] };
  /** WebP at the site's settings against AVIF as good by SSIM: the measurement behind WebP only. */
  formats: FormatRow[];
};

const kindFor = (index: number): CameraPhotoKind =>
  index % 25 === 24 ? 'cmyk' : (['landscape', 'landscape', 'portrait', 'rotated'] as const)[index % 4]!;

/** A content folder whose projects show 10 each of `count` camera photos in its `images/`. */
async function cameraSite(root: string, dir: string, count: number) {
  const contentDir = path.join(dir, 'content');
  const images = path.join(contentDir, 'images');
  await mkdir(images, { recursive: true });
  await mkdir(path.join(contentDir, 'projects'), { recursive: true });
  await copyFile(path.join(root, 'content', 'site.yml'), path.join(contentDir, 'site.yml'));
  const kinds: Record<string, number> = {};
  let sourceBytes = 0;
  for (let index = 0; index < count; index++) {
    const kind = kindFor(index);
    const bytes = await cameraPhoto(kind, { seed: index + 1 });
    await writeFile(path.join(images, `camera-${String(index + 1).padStart(3, '0')}.jpg`), bytes);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    sourceBytes += bytes.length;
    if ((index + 1) % 25 === 0) console.log(`photos: generated ${index + 1} of ${count} camera photos`);
  }
  for (let project = 0; project < Math.ceil(count / 10); project++) {
    const media = Array.from({ length: Math.min(10, count - project * 10) }, (_, offset) => {
      const number = String(project * 10 + offset + 1).padStart(3, '0');
      return `  - type: image\n    file: /_static/images/camera-${number}.jpg\n`;
    }).join('');
    await writeFile(
      path.join(contentDir, 'projects', `reportage-${project + 1}.md`),
      `---\ntitle: Reportage ${project + 1}\ncategory: fotografie\nsummary: Dieci foto.\nmedia:\n${media}---\n`,
    );
  }
  return { contentDir, kinds, sourceBytes };
}

async function photoStep(root: string, dirs: string[]): Promise<PhotoStep> {
  const output = await run(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'lib', 'time-photos.ts'), ...dirs], { cwd: root });
  return JSON.parse(output) as PhotoStep;
}

async function folderBytes(dir: string): Promise<number> {
  const names = await readdir(dir);
  const sizes = await Promise.all(names.map(async (name) => (await stat(path.join(dir, name))).size));
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Cold and warm photo steps for `count` camera photos. */
export async function measurePipeline(root: string, workDir: string, count: number): Promise<PhotoResult['pipeline']> {
  const dir = path.join(workDir, 'camera-site');
  await rm(dir, { recursive: true, force: true });
  const { contentDir, kinds, sourceBytes } = await cameraSite(root, dir, count);
  const cacheDir = path.join(dir, 'cache');
  const outDir = path.join(dir, 'out');
  console.log(`photos: cold photo step of ${count} photos`);
  const cold = await photoStep(root, [contentDir, cacheDir, outDir]);
  const outputBytes = await folderBytes(outDir);
  await rm(outDir, { recursive: true, force: true });
  console.log('photos: warm photo step');
  const warm = await photoStep(root, [contentDir, cacheDir, outDir]);
  await rm(dir, { recursive: true, force: true });
  return { photos: count, sourceBytes, kinds, cold, warm, outputBytes };
}

/** The first request for each built file a project page offers, on `server` (started just before). */
export async function measureFirstRequests(server: Server, pagePath: string): Promise<PhotoResult['firstRequest']> {
  const html = await (await fetch(server.origin + pagePath)).text();
  const files = [...new Set([...html.matchAll(/\/_next\/static\/photos\/[^"\s,]+/g)].map((match) => match[0]))];
  const ttfbMs: number[] = [];
  for (const file of files) {
    const started = performance.now();
    const response = await fetch(server.origin + file);
    ttfbMs.push(performance.now() - started);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${file}: ${response.status}`);
  }
  return { files: files.length, ttfbMs };
}
