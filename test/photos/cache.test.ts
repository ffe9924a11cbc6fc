// What the photo pipeline keeps between builds (.next/cache/photos): what it reuses, what it trusts, what it prunes.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeMissingPhotoFiles, getPhotoFacts, photoSources, photoWork, prunePhotoCache, writePhotoFiles } from '../../lib/photos';
import { cameraPhoto } from '../../support/camera-photos';
import { exec, typeScript } from '../../support/processes';
import { photoFolders } from './support';

const { dirs, put, newBuild } = photoFolders();

describe('between builds', { timeout: 60_000 }, () => {
  it('a rebuild with no changed photo encodes nothing and reads no photo again', async () => {
    const file = await put('fiume.jpg', await cameraPhoto('landscape', { seed: 7, width: 2000, height: 1333 }));
    const first = await writePhotoFiles(dirs, [file]);
    const before = await getPhotoFacts(dirs, file);
    await newBuild();

    // Same size and times: the cache index vouches for the file, which is neither read nor decoded again.
    const cachedFiles = path.join(dirs.cacheDir, 'files');
    const encodedAt = (await stat(path.join(cachedFiles, `fiume.${before.hash}.750.webp`))).mtimeMs;
    const workBefore = photoWork();
    const second = await writePhotoFiles(dirs, [file]);
    expect(photoWork()).toEqual(workBefore);
    expect(first.encoded).toBe(1);
    expect(second).toEqual({ photos: 1, files: first.files, encoded: 0 });
    expect(await getPhotoFacts(dirs, file)).toEqual(before);
    expect((await stat(path.join(cachedFiles, `fiume.${before.hash}.750.webp`))).mtimeMs).toBe(encodedAt);
    expect((await readdir(dirs.outDir)).length).toBe(first.files);
  });

  it("two build workers placing the same photo's files at once leave those files in the output, and nothing else", async () => {
    const file = await put('ponte.jpg', await cameraPhoto('landscape', { seed: 12, width: 2000, height: 1333 }));
    const { files } = await writePhotoFiles(dirs, [file]);
    const placed = (await readdir(dirs.outDir)).toSorted();
    expect(placed).toHaveLength(files);
    await newBuild();

    // Two processes, as next build's two workers: each finds a file missing, and both link it into the output.
    const startAt = String(Date.now() + 3000);
    const script = path.join(import.meta.dirname, 'fixtures', 'place-photos.ts');
    const workers = [0, 1].map(() => exec(...typeScript(script, JSON.stringify(dirs), file, startAt), { cwd: process.cwd() }));
    for (const worker of await Promise.all(workers)) expect(worker.code, worker.output).toBe(0);
    expect((await readdir(dirs.outDir)).toSorted()).toEqual(placed);
  });

  it("facts known without files (a content check's): the prebuild step encodes the files, and the build then none", async () => {
    const file = await put('fiume.jpg', await cameraPhoto('landscape', { seed: 18, width: 2000, height: 1333 }));
    await getPhotoFacts(dirs, file);
    await newBuild();
    const before = photoWork();
    await encodeMissingPhotoFiles(dirs, [file]);
    expect(photoWork().encoded - before.encoded).toBe(1);
    await newBuild();
    const build = await writePhotoFiles(dirs, [file]);
    expect(build).toMatchObject({ photos: 1, encoded: 0 });
  });

  it('an index kept under other settings is not trusted: the photo is read again', async () => {
    const file = await put('ponte.jpg', await cameraPhoto('landscape', { seed: 12, width: 1600, height: 1067 }));
    await writePhotoFiles(dirs, [file]);
    await newBuild();
    // As a build with other widths or quality would find it: the same entries, saved under other settings.
    const indexFile = path.join(dirs.cacheDir, 'index.json');
    const saved = JSON.parse(await readFile(indexFile, 'utf8')) as { settings: string };
    await writeFile(indexFile, JSON.stringify({ ...saved, settings: 'other' }));
    const before = photoWork();
    await writePhotoFiles(dirs, [file]);
    expect(photoWork().read - before.read).toBe(1);
  });

  it('a photo replaced under the same name gets new file names', async () => {
    const file = await put('piazza.jpg', await cameraPhoto('landscape', { seed: 8, width: 1600, height: 1067 }));
    await writePhotoFiles(dirs, [file]);
    const before = photoSources(file, await getPhotoFacts(dirs, file));
    await newBuild();

    await put('piazza.jpg', await cameraPhoto('landscape', { seed: 9, width: 1600, height: 1067 }));
    const stats = await writePhotoFiles(dirs, [file]);
    const after = photoSources(file, await getPhotoFacts(dirs, file));
    expect(stats.encoded).toBe(1);
    expect(after.src).not.toBe(before.src);
    expect(after.src).toMatch(/^\/_next\/static\/photos\/piazza\.[0-9a-f]{10}\.1200\.webp$/);
    expect(await readdir(dirs.outDir)).not.toContain(path.basename(before.src));
  });

  it('pruning keeps exactly what the published photos use: a replaced and a removed photo leave the cache', async () => {
    const kept = await put('portone.jpg', await cameraPhoto('landscape', { seed: 13, width: 1600, height: 1067 }));
    const replaced = await put('cortile.jpg', await cameraPhoto('portrait', { seed: 14, width: 1067, height: 1600 }));
    const removed = await put('scala.jpg', await cameraPhoto('landscape', { seed: 15, width: 1600, height: 1067 }));
    await writePhotoFiles(dirs, [kept, replaced, removed]);
    await newBuild();

    await put('cortile.jpg', await cameraPhoto('portrait', { seed: 16, width: 1067, height: 1600 }));
    await writePhotoFiles(dirs, [kept, replaced]);
    const { removed: count } = await prunePhotoCache(dirs, [kept, replaced]);

    const expected = new Set(['index.json']);
    for (const file of [kept, replaced]) {
      const facts = await getPhotoFacts(dirs, file);
      expected.add(`${facts.hash}.json`);
    }
    const inCache = (await readdir(dirs.cacheDir, { recursive: true })).map((name) => name.split(path.sep).join('/'));
    const files = inCache.filter((name) => name.startsWith('files/'));
    expect(new Set(inCache.filter((name) => !name.startsWith('files'))), 'facts and index').toEqual(expected);
    // The build's output holds what the pages use: the cache holds the same files, no more.
    expect(files.map((name) => name.slice('files/'.length)).sort()).toEqual((await readdir(dirs.outDir)).sort());
    expect(count).toBeGreaterThan(0);
    const index = JSON.parse(await readFile(path.join(dirs.cacheDir, 'index.json'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(index.entries).sort()).toEqual([kept, replaced].map((file) => path.join(dirs.imagesDir, file)).sort());

    // A warm build after pruning decodes nothing.
    await newBuild();
    const before = photoWork();
    expect(await writePhotoFiles(dirs, [kept, replaced])).toMatchObject({ encoded: 0 });
    expect(photoWork().decoded - before.decoded).toBe(0);
  });

  it("pruning removes what a build killed halfway left half-written, not what a running one is writing", async () => {
    const photo = await put('portone.jpg', await cameraPhoto('landscape', { seed: 17, width: 1600, height: 1067 }));
    await writePhotoFiles(dirs, [photo]);
    const gone = await exec(process.execPath, ['-e', 'console.log(process.pid)'], { cwd: os.tmpdir() });
    const [name] = (await readdir(path.join(dirs.cacheDir, 'files'))).sort();
    const killed = `files/${name}.${gone.stdout.trim()}.k1ll3d.tmp`;
    const writing = `files/${name}.${process.pid}.wr1t1ng.tmp`;
    for (const file of [killed, writing]) await writeFile(path.join(dirs.cacheDir, file), 'half a file');

    await prunePhotoCache(dirs, [photo]);
    const inCache = (await readdir(dirs.cacheDir, { recursive: true })).map((entry) => entry.split(path.sep).join('/'));
    expect(inCache).not.toContain(killed);
    expect(inCache).toContain(writing);
  });
});
