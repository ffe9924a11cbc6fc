// The photo step of a build on camera photos, cold and warm.
import { copyFile, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cameraPhoto, type CameraPhotoKind } from '../support/camera-photos';
import { run } from '../support/processes';
import { fixed, mib, table, targets, whole, type Context, type Section } from './lib/section';
import type { PhotoStep } from './lib/time-photos';

const kindFor = (index: number): CameraPhotoKind => (index % 25 === 24 ? 'cmyk' : (['landscape', 'landscape', 'portrait', 'rotated'] as const)[index % 4]!);

/** `count` camera photos in `<dir>/content/images/` and projects that show 10 each. */
async function cameraSite({ root, tmp, settings }: Context) {
  const dir = path.join(tmp, 'camera-site');
  const [images, projects] = [path.join(dir, 'content/images'), path.join(dir, 'content/projects')];
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
      `Output: ${whole(cold.files)} files, ${mib(outBytes)} MiB. Deployed photos: ${mib(bytes + outBytes)} MiB with the originals in \`public/\` (before they moved to \`content/images/\`), ${mib(outBytes)} MiB now.`,
      '',
    ];
  },
};
export default section;
