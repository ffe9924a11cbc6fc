// The photo step of a build on camera photos, cold and warm; the site's AVIF against WebP; a photo's first request.
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp, { type OutputInfo } from 'sharp';
import { ssim } from 'ssim.js';
import { photoSettings, webpOptions } from '../lib/photos';
import { cameraPhoto, type CameraPhotoKind } from '../support/camera-photos';
import { run } from '../support/processes';
import { startNext } from './lib/servers';
import { fixed, mib, projectPage, table, targets, whole, type Context, type Section } from './lib/section';
import type { PhotoStep } from './lib/time-photos';

const kindFor = (index: number): CameraPhotoKind => (index % 25 === 24 ? 'cmyk' : (['landscape', 'landscape', 'portrait', 'rotated'] as const)[index % 4]!);

/** `count` camera photos in `<dir>/public/_static/images/` and projects that show 10 each. */
async function cameraSite({ root, tmp, settings }: Context) {
  const dir = path.join(tmp, 'camera-site');
  const [images, projects] = [path.join(dir, 'public/_static/images'), path.join(dir, 'content/projects')];
  await mkdir(images, { recursive: true });
  await mkdir(projects, { recursive: true });
  await copyFile(path.join(root, 'content/site.yml'), path.join(dir, 'content/site.yml'));
  const kinds: Record<string, number> = {};
  let bytes = 0;
  for (let index = 0; index < settings.photos; index++) {
    const photo = await cameraPhoto(kindFor(index), { seed: index + 1 });
    await writeFile(path.join(images, `camera-${index + 1}.jpg`), photo);
    kinds[kindFor(index)] = (kinds[kindFor(index)] ?? 0) + 1;
    bytes += photo.length;
  }
  for (let project = 0; project * 10 < settings.photos; project++) {
    const numbers = Array.from({ length: Math.min(10, settings.photos - project * 10) }, (_, offset) => project * 10 + offset + 1);
    const media = numbers.map((number) => `  - type: image\n    file: /_static/images/camera-${number}.jpg\n`).join('');
    await writeFile(path.join(projects, `reportage-${project + 1}.md`), `---\ntitle: Reportage ${project + 1}\ncategory: fotografie\nsummary: Dieci foto.\nmedia:\n${media}---\n`);
  }
  return { dir, kinds, bytes };
}

/** WebP and AVIF of a raw resize, scored by SSIM (ssim.js) against it. */
async function encode(reference: { data: Buffer; info: OutputInfo }, format: 'webp' | 'avif', options: { quality: number; effort: number }) {
  const raw = { raw: { width: reference.info.width, height: reference.info.height, channels: reference.info.channels } };
  const started = performance.now();
  const encoded = await sharp(reference.data, raw)[format](options).toBuffer();
  const ms = performance.now() - started;
  const decoded = await sharp(encoded).ensureAlpha().raw().toBuffer();
  const original = await sharp(reference.data, raw).ensureAlpha().raw().toBuffer();
  const image = (data: Buffer) => ({ data: new Uint8ClampedArray(data), width: reference.info.width, height: reference.info.height });
  return { quality: options.quality, bytes: encoded.length, ms, ssim: ssim(image(original), image(decoded)).mssim };
}

/**
 * The site's AVIF at the widths a phone's first viewport loads, against WebP at the site's settings and at the lowest
 * quality (effort 6) at least as good by SSIM: means over 3 camera photos.
 */
async function formats() {
  const found = new Map<string, Awaited<ReturnType<typeof encode>>[]>();
  const add = (width: number, format: string, row?: Awaited<ReturnType<typeof encode>>) => row && found.set(`${width}\t${format}`, [...(found.get(`${width}\t${format}`) ?? []), row]);
  for (let seed = 101; seed <= 103; seed++) {
    const source = await cameraPhoto('landscape', { seed });
    for (const width of photoSettings.avif.widths) {
      const reference = await sharp(source).resize({ width }).raw().toBuffer({ resolveWithObject: true });
      const avif = await encode(reference, 'avif', photoSettings.avif);
      let [low, high, matched] = [10, 95, undefined as Awaited<ReturnType<typeof encode>> | undefined];
      while (low <= high) {
        const webp = await encode(reference, 'webp', { quality: Math.floor((low + high) / 2), effort: 6 });
        if (webp.ssim >= avif.ssim) [matched, high] = [webp, webp.quality - 1];
        else low = webp.quality + 1;
      }
      add(width, 'avif', avif);
      add(width, 'webp', await encode(reference, 'webp', webpOptions(width)));
      add(width, 'webp, as good', matched);
    }
  }
  const mean = (rows: { [key: string]: number }[], key: string) => rows.reduce((sum, row) => sum + row[key]!, 0) / rows.length;
  return [...found].map(([key, rows]) => [...key.split('\t'), rows.map((row) => row.quality).join(', '), fixed(mean(rows, 'ssim'), 4), fixed(mean(rows, 'bytes') / 1024), whole(mean(rows, 'ms'))]);
}

const section: Section = {
  title: 'Photos built once',
  describe: ({ photos }) => ({ text: `${photos} camera photos`, reduced: photos < 200 }),
  run: async (context) => {
    console.log(`photos: generating ${context.settings.photos} camera photos`);
    const { dir, kinds, bytes } = await cameraSite(context);
    const step = async () => JSON.parse(await run(process.execPath, ['--import', 'tsx', path.join(context.root, 'bench/lib/time-photos.ts'), dir], { cwd: context.root })) as PhotoStep;
    console.log('photos: cold photo step');
    const cold = await step();
    const out = path.join(dir, 'out');
    const outBytes = (await Promise.all((await readdir(out)).map(async (name) => (await stat(path.join(out, name))).size))).reduce((a, b) => a + b, 0);
    await rm(out, { recursive: true });
    console.log('photos: warm photo step');
    const warm = await step();
    console.log('photos: WebP against AVIF');
    const formatRows = await formats();
    // A server of its own, just started: the first request for each photo file is what a visitor after a deploy waits for.
    await context.realBuild();
    const fresh = await startNext(context.root, context.tmp, context.settings.ports);
    const waits: number[] = [];
    try {
      const html = await (await fetch(fresh.origin + projectPage)).text();
      for (const file of new Set([...html.matchAll(/\/_next\/static\/photos\/[^"\s,]+/g)].map((match) => match[0]))) {
        const started = performance.now();
        const response = await fetch(fresh.origin + file);
        waits.push(performance.now() - started);
        if (!response.ok || !(await response.arrayBuffer())) throw new Error(`${file}: ${response.status}`);
      }
    } finally {
      await fresh.stop();
    }
    const perPhoto = cold.wallMs / 1000 / cold.photos;
    const row = (name: string, s: PhotoStep) => [name, s.read, s.decoded, s.encoded, fixed(s.wallMs / 1000), fixed(s.cpuMs / 1000), fixed(s.wallMs / 1000 / s.photos, 2), mib(s.maxRssBytes)];
    return [
      ...targets([
        ['cold photo step ≤ 0.5 s per 24 MP photo on 2 cores', `${fixed(perPhoto, 2)} s per photo (${cold.photos} photos)`, perPhoto <= 0.5],
        ['a rebuild with no changed photo reads and encodes nothing', `${warm.read} read, ${warm.encoded} encoded in ${fixed(warm.wallMs / 1000)} s`, warm.read === 0 && warm.encoded === 0],
      ]),
      `The photo step of a build (\`lib/photos\`: the loader's facts, then every file written), in a fresh process as \`next build\` runs it, on generated 24 MP camera photos (${Object.entries(kinds).map(([kind, n]) => `${n} ${kind}`).join(', ')}; ${mib(bytes)} MiB of JPEG). Warm: a second run with the first one's cache and an emptied output folder.`,
      '',
      ...table(['build', 'read', 'decoded', 'encoded', 'wall s', 'CPU s', 's per photo', 'peak RSS MiB'], [row('cold', cold), row('warm', warm)]),
      `Output: ${whole(cold.files)} files, ${mib(outBytes)} MiB.`,
      '',
      "The site's AVIF at the widths a phone's first viewport loads, against WebP at the site's settings and at the lowest quality (effort 6) at least as good by SSIM (ssim.js), on 3 camera photos resized to each width (means):",
      '',
      ...table(['width', 'format', 'quality (each photo)', 'SSIM', 'KiB', 'encode ms'], formatRows),
      `First request for each of the ${waits.length} photo files ${projectPage} offers, on a server that just started: median ${fixed(waits.sort((a, b) => a - b)[Math.floor(waits.length / 2)] ?? 0)} ms, max ${fixed(Math.max(0, ...waits))} ms.`,
      '',
    ];
  },
};
export default section;
