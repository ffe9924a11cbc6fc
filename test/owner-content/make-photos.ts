// Gives a content folder the photos its projects name: a camera photo (24 MP, landscape, portrait or turned by
// EXIF) for each `/_static/images/…` file under `<folder>/images/`, so that the owner content beside this script
// stays text in the repository. Usage: node --import tsx test/owner-content/make-photos.ts <content folder>
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cameraPhoto, type CameraPhotoKind } from '../../support/camera-photos';

const folder = path.resolve(process.argv[2] ?? '');
const projects = path.join(folder, 'projects');
const names = new Set<string>();
for (const entry of await readdir(projects, { recursive: true })) {
  if (!entry.endsWith('.md')) continue;
  const text = await readFile(path.join(projects, entry), 'utf8');
  for (const [, name] of text.matchAll(/\/_static\/images\/([^\s"']+)/g)) names.add(name!);
}
const kinds: CameraPhotoKind[] = ['landscape', 'portrait', 'rotated'];
await mkdir(path.join(folder, 'images'), { recursive: true });
let seed = 1;
for (const name of [...names].sort()) {
  await writeFile(path.join(folder, 'images', name), await cameraPhoto(kinds[seed % kinds.length]!, { seed: 1000 + seed }));
  seed++;
}
console.log(`${names.size} photos written to ${path.join(folder, 'images')}`);
