// A project page with a whole series (24 photos in justified rows): the site copied with one such project added,
// built apart and served by its standalone server, for the slow-phone section to measure.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildChangedRelease } from '../scripts/cdn/releases';
import type { Context } from './lib/section';
import { startStandalone } from './lib/servers';

export async function serveSeries({ root, tmp, settings }: Context) {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bench-series-'));
  const release = await buildChangedRelease(root, work, async (content) => {
    const photos = (await readdir(path.join(content, 'images'))).filter((name) => /\.jpe?g$/i.test(name));
    const media = Array.from({ length: 24 }, (_, i) => `  - { type: image, alt: Foto ${i + 1}, file: /_static/images/${photos[i % photos.length]} }`);
    await writeFile(path.join(content, 'projects', 'serie-24.md'), ['---', 'title: Serie', 'category: fotografie', 'summary: Una serie.', 'media:', ...media, '---', ''].join('\n'));
  });
  const server = await startStandalone('24-photo site', release, tmp, settings.ports);
  const stop = () => server.stop().then(() => rm(work, { recursive: true, force: true }));
  return { origin: server.origin, pagePath: '/fotografie/serie-24', stop };
}
