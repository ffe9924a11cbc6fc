import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../lib/content/load';
import { ContentError } from '../../lib/content/problems';

const fixtures = path.join(import.meta.dirname, 'fixtures');
let dir: string;
const load = (contentDir: string) =>
  loadContent({ contentDir, publicDir: path.join(dir, 'public'), photoCacheDir: path.join(dir, 'cache'), includeDrafts: false });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'originals-'));
  await cp(path.join(fixtures, 'valid'), path.join(dir, 'private'), { recursive: true });
  await cp(path.join(fixtures, 'valid'), path.join(dir, 'public-originals'), { recursive: true, filter: (source) => !source.includes('images') });
  const site = path.join(dir, 'public-originals', 'site.yml');
  await writeFile(site, `${await readFile(site, 'utf8')}originals: public\n`);
  await mkdir(path.join(dir, 'public', '_static'), { recursive: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('where the photos of a content folder are', () => {
  it('in its own images/ by default, never under public/', async () => {
    const content = await load(path.join(dir, 'private'));
    expect(content.imagesDir).toBe(path.join(dir, 'private', 'images'));
    expect(content.site.originals).toBe('private');
  });

  it('under public/_static/images/ with originals: public, and an error names that folder when a photo is missing', async () => {
    const contentDir = path.join(dir, 'public-originals');
    const error = await load(contentDir).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems[0]?.message).toContain(`expected an existing file under ${path.join(dir, 'public', '_static', 'images')}/`);
    await cp(path.join(fixtures, 'valid', 'images'), path.join(dir, 'public', '_static', 'images'), { recursive: true });
    const content = await load(contentDir);
    expect(content.imagesDir).toBe(path.join(dir, 'public', '_static', 'images'));
    expect(content.projects.flatMap((project) => project.media).length).toBeGreaterThan(0);
  });
});
