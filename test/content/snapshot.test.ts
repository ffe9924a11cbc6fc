import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../lib/content/load';
import { readSnapshot, saveSnapshot, type SnapshotDirs } from '../../lib/content/snapshot';

// npm run build reads the content once and leaves it for next build's workers: a worker must never take a snapshot
// older than any file the content is read from, or than the code that read it.
const fixtures = path.join(import.meta.dirname, 'fixtures');
let project: string;
let dirs: SnapshotDirs;

const read = () =>
  loadContent({
    contentDir: dirs.contentDir,
    publicDir: path.join(project, 'public'),
    photoCacheDir: path.join(project, '.next', 'cache', 'photos'),
    includeDrafts: false,
  });

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'content-snapshot-'));
  dirs = { contentDir: path.join(project, 'content'), projectDir: project, snapshotDir: path.join(project, '.next', 'cache', 'content') };
  await cp(path.join(fixtures, 'valid'), dirs.contentDir, { recursive: true });
  await cp(path.join(fixtures, 'images'), path.join(dirs.contentDir, 'images'), { recursive: true });
  await cp(path.join(fixtures, 'public'), path.join(project, 'public'), { recursive: true });
  await mkdir(path.join(project, 'lib', 'content'), { recursive: true });
  await writeFile(path.join(project, 'lib', 'content', 'load.ts'), 'export const version = 1;\n');
  await writeFile(path.join(project, 'package-lock.json'), '{}\n');
});
afterAll(() => rm(project, { recursive: true, force: true }));

describe("the build's snapshot of the content", () => {
  it('is the content as read, while nothing it was read from has changed', async () => {
    const content = await read();
    await saveSnapshot(dirs, content);
    expect(await readSnapshot(dirs)).toEqual(JSON.parse(JSON.stringify(content)));
  });

  it.each([
    ['a project file is edited', () => appendFile(path.join(project, 'content', 'projects', 'alba.md'), '\nUna riga in più.\n')],
    ['site.yml is edited', () => appendFile(path.join(project, 'content', 'site.yml'), '\n')],
    ['a photo is replaced', () => cp(path.join(fixtures, 'images', 'tall.jpg'), path.join(project, 'content', 'images', 'wide.jpg'))],
    ['a file is added under public/', () => writeFile(path.join(project, 'public', '_static', 'intervista.mp4'), 'video')],
    ['the loader changes', () => appendFile(path.join(project, 'lib', 'content', 'load.ts'), 'export const fixed = true;\n')],
    ['a dependency changes', () => writeFile(path.join(project, 'package-lock.json'), '{ "lockfileVersion": 3 }\n')],
  ])('is not taken once %s: the worker reads the content itself', async (_, change) => {
    await saveSnapshot(dirs, await read());
    expect(await readSnapshot(dirs)).toBeDefined();
    await change();
    expect(await readSnapshot(dirs)).toBeUndefined();
  });

  it('is not taken for another content folder', async () => {
    await saveSnapshot(dirs, await read());
    const other = path.join(project, 'other-content');
    await cp(dirs.contentDir, other, { recursive: true });
    expect(await readSnapshot({ ...dirs, contentDir: other })).toBeUndefined();
  });
});
