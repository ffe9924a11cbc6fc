import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadContent } from '../../lib/content/load';
import { planProject, Refusal, writeProject } from '../../lib/content/new-project';
import { photoWork } from '../../lib/photos';
import { cameraPhoto } from '../../support/camera-photos';
import { copySite, loadCopy, photos, runScript, snapshot } from './support';

let site: string;
beforeEach(async () => {
  site = await copySite();
});
afterEach(async () => {
  await rm(site, { recursive: true, force: true });
});

const newProject = (...args: string[]) => runScript('new-project.ts', args, { cwd: site });
const photo = (name: string) => path.join(photos, name);
const frontmatter = async (slug: string) => {
  const text = await readFile(path.join(site, 'content/projects', `${slug}.md`), 'utf8');
  expect(text.startsWith('---\n')).toBe(true);
  return matter(text, { engines: { yaml: (source: string) => parse(source) as object } }).data;
};
const load = () => loadCopy(site);

describe('npm run new with flags (no terminal)', { timeout: 30_000 }, () => {
  it('writes the project, copies the photos in order and passes the build loader', async () => {
    const result = await newProject(
      '--title', "Città d'acqua",
      '--category', 'fotografie',
      '--year', '2024',
      '--role', 'fotografia',
      '--summary', 'Case e barche sulla laguna.',
      '--link', 'la mostra=https://example.org/mostra',
      photo('Lagoon.JPEG'),
      photo('scan.png'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    expect(await frontmatter('citta-d-acqua')).toEqual({
      title: "Città d'acqua",
      category: 'fotografie',
      role: 'fotografia',
      year: 2024,
      summary: 'Case e barche sulla laguna.',
      draft: false,
      media: [
        { type: 'image', file: '/_static/images/citta-d-acqua-1.jpg' },
        { type: 'image', file: '/_static/images/citta-d-acqua-2.png' },
      ],
      links: [
        { name: 'galleria', action: 'slider' },
        { name: 'la mostra', action: 'linkto', target: 'https://example.org/mostra' },
      ],
    });
    const images = path.join(site, 'content/images');
    expect(await readFile(path.join(images, 'citta-d-acqua-1.jpg'))).toEqual(await readFile(photo('Lagoon.JPEG')));
    expect(await readFile(path.join(images, 'citta-d-acqua-2.png'))).toEqual(await readFile(photo('scan.png')));

    const project = (await load()).projects.find((entry) => entry.slug === 'citta-d-acqua');
    expect(project?.href).toBe('/fotografie/citta-d-acqua');
    expect(project?.media.map((item) => (item.type === 'image' ? [item.width, item.height] : item.type))).toEqual([[96, 64], [64, 96]]);

    expect(result.stdout).toContain('created content/projects/citta-d-acqua.md');
    expect(result.stdout).toContain('/fotografie/citta-d-acqua');
    expect(result.stdout).toContain('npm run dev');
    expect(result.stdout).toContain('git add content/projects/citta-d-acqua.md content/images/citta-d-acqua-1.jpg');
  });

  it('takes a folder as its photos in natural order, names by content, and --slug and --draft', async () => {
    const result = await newProject('--title', 'Laguna', '--category', 'grafica', '--slug', 'laguna-2024', '--draft', '--focus', '30% 60%', photo('folder'), photo('really-a-webp.jpg'));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('skipped notes.txt (not photos by name)');
    const data = await frontmatter('laguna-2024');
    expect(data.draft).toBe(true);
    expect(data.media).toEqual([
      { type: 'image', file: '/_static/images/laguna-2024-1.jpg', focus: '30% 60%' },
      { type: 'image', file: '/_static/images/laguna-2024-2.jpg' },
      { type: 'image', file: '/_static/images/laguna-2024-3.webp' },
    ]);
    const images = path.join(site, 'content/images');
    expect(await readFile(path.join(images, 'laguna-2024-1.jpg'))).toEqual(await readFile(photo('folder/img2.jpg')));
    expect(await readFile(path.join(images, 'laguna-2024-2.jpg'))).toEqual(await readFile(photo('folder/img10.jpg')));
    // With no summary given, the title stands in, and the editor is told so.
    expect(data.summary).toBe('Laguna');
    expect(result.stdout).toContain('note: summary:');
    const made = (await load()).projects.find((entry) => entry.slug === 'laguna-2024');
    expect(made?.draft).toBe(true);
    expect(made?.cover?.focus).toEqual({ x: 30, y: 60 });
  });

  it('writes correct YAML for any title: quotes, colons, a leading dash, #, words YAML reads as values', async () => {
    const title = `- #1: "Sì", d'accordo, null & true`;
    const result = await newProject(`--title=${title}`, '--category', 'editoria', '--summary=yes', '--year', '2019–2021');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const data = await frontmatter('1-si-d-accordo-null-true');
    expect(data).toEqual({ title, category: 'editoria', year: '2019–2021', summary: 'yes', draft: false });
    expect((await load()).projects.find((entry) => entry.slug === '1-si-d-accordo-null-true')?.title).toBe(title);
  });

  it('never waits for input: missing values are listed, and nothing is written', async () => {
    const before = await snapshot(site);
    const result = await newProject(photo('scan.png'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: missing --title and --category: without a terminal nothing is asked/);
    expect(await snapshot(site)).toEqual(before);

    const onlyTitle = await newProject('--title', 'Laguna');
    expect(onlyTitle.stderr).toMatch(/^error: missing --category/);
  });
});

describe('npm run new refuses in one line, exit 1, and writes nothing', { timeout: 30_000 }, () => {
  const refusals: [string, string[], RegExp][] = [
    [
      'an unknown category, with a suggestion',
      ['--title', 'Laguna', '--category', 'fotografia', photo('scan.png')],
      /^error: category: expected a category declared in site\.yml \(fotografie, grafica, editoria\), got "fotografia"; did you mean "fotografie"\?$/,
    ],
    [
      'a slug already taken, never overwriting it',
      ['--title', 'Co-City', '--category', 'fotografie', photo('scan.png')],
      /^error: content\/projects\/co-city\.md already exists; nothing is ever overwritten: choose another slug, such as --slug co-city-2$/,
    ],
    [
      'a file that is not an image, whatever its name',
      ['--title', 'Laguna', '--category', 'fotografie', photo('scan.png'), photo('not-a-photo.jpg')],
      /^error: .*test\/editor\/fixtures\/photos\/not-a-photo\.jpg: not a readable image \(judged by its content\)$/,
    ],
    [
      'an image in a format the site does not take',
      ['--title', 'Laguna', '--category', 'fotografie', photo('animation.gif')],
      /^error: .*animation\.gif: expected a JPEG, PNG, WebP or AVIF photo, got a GIF image$/,
    ],
    [
      'a missing file',
      ['--title', 'Laguna', '--category', 'fotografie', photo('Lagoon.JPEG'), photo('missing.jpg')],
      /^error: .*test\/editor\/fixtures\/photos\/missing\.jpg: no such file$/,
    ],
    ['an empty title', ['--title', '  ', '--category', 'fotografie', photo('scan.png')], /^error: title: expected text, got ""$/],
    [
      'a link that is not http(s)',
      ['--title', 'Laguna', '--category', 'fotografie', '--link', 'mostra=javascript:alert(1)'],
      /^error: link "mostra": expected an http\(s\) URL, got "javascript:alert\(1\)"$/,
    ],
    [
      'a slug that is not one',
      ['--title', 'Laguna', '--category', 'fotografie', '--slug', 'La Laguna'],
      /^error: slug: expected lowercase a-z0-9 words joined by "-", got "La Laguna"$/,
    ],
  ];

  it.each(refusals)('%s', async (_, args, message) => {
    const before = await snapshot(site);
    const result = await newProject(...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toMatch(message);
    expect(await snapshot(site)).toEqual(before);
  });

  it('refuses a photo name already taken by an earlier file, offering a free slug', async () => {
    const images = path.join(site, 'content/images');
    await runScript('new-project.ts', ['--title', 'Laguna', '--category', 'fotografie', photo('scan.png')], { cwd: site });
    await rm(path.join(site, 'content/projects/laguna.md'));
    const before = await snapshot(site);
    const result = await newProject('--title', 'Laguna', '--category', 'fotografie', photo('scan.png'));
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'error: content/images/laguna-1.png already exists; nothing is ever overwritten: choose another slug, such as --slug laguna-2',
    );
    expect(await snapshot(site)).toEqual(before);
    expect((await stat(path.join(images, 'laguna-1.png'))).size).toBeGreaterThan(0);
  });
});

describe('writing a planned project', () => {
  // The photo cache outside the site, as the CLI keeps it: a refused project must leave the site as it was.
  let photoCacheDir: string;
  beforeEach(async () => {
    photoCacheDir = await mkdtemp(path.join(os.tmpdir(), 'new-project-photos-'));
  });
  afterEach(() => rm(photoCacheDir, { recursive: true, force: true }));
  const folders = () => ({ contentDir: path.join(site, 'content'), publicDir: path.join(site, 'public'), photoCacheDir });

  it('removes the file and photos it wrote when the build loader refuses the result', async () => {
    const plan = await planProject({ title: 'Laguna', category: 'fotografie', photos: [{ file: photo('scan.png') }] }, folders());
    // site.yml changes between planning and writing: the category is gone.
    const siteYml = path.join(site, 'content/site.yml');
    await writeFile(siteYml, (await readFile(siteYml, 'utf8')).replace('slug: fotografie', 'slug: foto'));
    const before = await snapshot(site);
    const error = await writeProject(plan, folders()).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Refusal);
    expect((error as Refusal).reasons).toContainEqual(expect.stringMatching(/laguna\.md:\d+:\d+: category: expected a category declared in site\.yml/));
    expect(await snapshot(site)).toEqual(before);
  });

  it('decodes each new photo once: its check, the scratch validation and the write share the decode', { timeout: 60_000 }, async () => {
    const cache = await mkdtemp(path.join(os.tmpdir(), 'new-project-decodes-'));
    const own = { ...folders(), photoCacheDir: cache };
    // The site's own photos, as an earlier build left them in the cache.
    await loadContent({ ...own, includeDrafts: true });
    const before = photoWork();
    // Photos this process has never seen: a camera's landscape and portrait.
    const shots = [path.join(cache, 'laguna.jpg'), path.join(cache, 'riva.jpg')];
    await writeFile(shots[0]!, await cameraPhoto('landscape', { seed: 201, width: 1800, height: 1200 }));
    await writeFile(shots[1]!, await cameraPhoto('rotated', { seed: 202, width: 1800, height: 1200 }));
    const input = { title: 'Laguna', category: 'fotografie', photos: shots.map((file) => ({ file })) };
    await planProject(input, own);
    // An interactive retry checks the photos again.
    const plan = await planProject(input, own);
    await writeProject(plan, own);
    expect(photoWork().decoded - before.decoded).toBe(2);
    await rm(cache, { recursive: true, force: true });
  });

  it('removes the photos and folders it made when a copy fails halfway', async () => {
    await rm(path.join(site, 'content/images'), { recursive: true });
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'editor-photos-'));
    const [first, second] = [path.join(scratch, 'a.png'), path.join(scratch, 'b.png')];
    await copyFile(photo('scan.png'), first);
    await copyFile(photo('scan.png'), second);
    const plan = await planProject({ title: 'Laguna', category: 'fotografie', photos: [{ file: first }, { file: second }] }, folders());
    await rm(second);
    const before = await snapshot(site);
    await expect(writeProject(plan, folders())).rejects.toThrow(/ENOENT/);
    expect(await snapshot(site)).toEqual(before);
    await rm(scratch, { recursive: true });
  });
});
