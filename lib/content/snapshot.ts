import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Content } from './load';

// One read of the content per `npm run build`. Its prebuild step reads the content (to encode the photos), and each
// of `next build`'s workers would read it all again (2 s a worker for 1,000 projects, while the pages wait). The first
// read leaves what it found in the build cache, named after a stamp of every file the read depends on; a worker that
// finds the same stamp takes it, and any other reads the files itself.

export type SnapshotDirs = {
  contentDir: string;
  /** The project's own folder: its `public/` (videos, `originals: public`), its `lib/` (the loader) and lockfile. */
  projectDir: string;
  /** `.next/cache/content`. */
  snapshotDir: string;
};

// A change to this file's format changes every stamp.
const format = 1;

/** The path, size and time of each file under the content, `public/` and `lib/`, and of the lockfile: a hash. */
export async function contentStamp({ contentDir, projectDir }: Omit<SnapshotDirs, 'snapshotDir'>): Promise<string> {
  const folders = await Promise.all([contentDir, path.join(projectDir, 'public'), path.join(projectDir, 'lib')].map(filesUnder));
  const files = [...folders.flat(), path.join(projectDir, 'package-lock.json')].sort();
  const facts = await Promise.all(
    files.map(async (file) => {
      const { size, mtimeMs } = await stat(file).catch(() => ({ size: -1, mtimeMs: 0 }));
      return `${file}\0${size}\0${mtimeMs}`;
    }),
  );
  return createHash('sha256').update(`${format}\n${contentDir}\n${facts.join('\n')}`).digest('hex').slice(0, 16);
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Keeps `content` as read now, in place of any earlier snapshot. */
export async function saveSnapshot(dirs: SnapshotDirs, content: Content): Promise<void> {
  const stamp = await contentStamp(dirs);
  await rm(dirs.snapshotDir, { recursive: true, force: true });
  await mkdir(dirs.snapshotDir, { recursive: true });
  const file = path.join(dirs.snapshotDir, `${stamp}.json`);
  await writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(content));
  await rename(`${file}.${process.pid}.tmp`, file);
}

/** The content as its last read found it, if no file it depends on has changed since; else `undefined`. */
export async function readSnapshot(dirs: SnapshotDirs): Promise<Content | undefined> {
  const file = path.join(dirs.snapshotDir, `${await contentStamp(dirs)}.json`);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as Content);
}
