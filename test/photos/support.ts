// The photo pipeline's tests (pipeline.test.ts, cache.test.ts): each test works in photo folders of its own.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { forgetPhotoFacts, savePhotoIndex } from '../../lib/photos';

/**
 * Before each test of the file, new folders for a build's photos (`dirs`: the same object, refilled) in a scratch
 * root removed after the file, and a process that remembers no photo.
 */
export function photoFolders() {
  let root = '';
  const dirs = { imagesDir: '', cacheDir: '', outDir: '' };
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'photo-pipeline-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));
  beforeEach(async () => {
    const run = await mkdtemp(path.join(root, 'run-'));
    Object.assign(dirs, { imagesDir: path.join(run, 'images'), cacheDir: path.join(run, 'cache'), outDir: path.join(run, 'out') });
    await mkdir(path.join(dirs.imagesDir, 'photos'), { recursive: true });
    forgetPhotoFacts();
  });

  return {
    dirs,
    /** Saves a photo among the content's images; returns its path as a project names it. */
    put: async (name: string, bytes: Buffer) => {
      await writeFile(path.join(dirs.imagesDir, 'photos', name), bytes);
      return `/photos/${name}`;
    },
    /** What a new `next build` starts from: a fresh process (nothing remembered) and an emptied output folder. */
    newBuild: async () => {
      await savePhotoIndex(dirs.cacheDir);
      forgetPhotoFacts();
      await rm(dirs.outDir, { recursive: true, force: true });
    },
  };
}

export const sizeOf = async (file: string) => {
  const { width, height, space, channels, format } = await sharp(file).metadata();
  return { width, height, space, channels, format };
};
