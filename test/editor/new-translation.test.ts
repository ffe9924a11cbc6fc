import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { copySite, loadCopy, runScript, snapshot, translationContent } from './support';

let site: string;
beforeEach(async () => {
  site = await copySite(translationContent);
});
afterEach(async () => {
  await rm(site, { recursive: true, force: true });
});

const newTranslation = (...args: string[]) => runScript('new-project.ts', args, { cwd: site });
const translationFile = (slug: string, language = 'en') => path.join(site, 'content/projects', language, `${slug}.md`);
const read = async (file: string) => {
  const text = await readFile(file, 'utf8');
  expect(text.startsWith('---\n')).toBe(true);
  const { data, content } = matter(text, { engines: { yaml: (source: string) => parse(source) as object } });
  return { data, body: content };
};
const load = () => loadCopy(site);

describe('npm run new -- --lang en --for <slug>', { timeout: 30_000 }, () => {
  it("writes the translation with the original's text to translate, and the loader takes it", async () => {
    const result = await newTranslation('--lang', 'en', '--for', 'co-city');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('created content/projects/en/co-city.md');
    expect(result.stdout).toContain('/en/fotografie/co-city');

    const { data, body } = await read(translationFile('co-city'));
    // Only the translatable fields, trimmed; the placeholders "null" and none are no text to translate.
    expect(data).toEqual({
      title: 'Co-city',
      summary: 'Nel progetto Co-City Torino i cittadini sono artefici del cambiamento.',
      role: 'assignment',
      media: [{}, { alt: 'Un cortile condiviso', caption: 'Il cortile: un patto di collaborazione.' }, {}],
      links: [
        { name: 'galleria' },
        { name: 'scrivimi', emailsubject: 'Stampe: Co-city', emailcontent: 'Buongiorno, è possibile avere il listino?' },
      ],
    });
    const original = await read(path.join(site, 'content/projects/co-city.md'));
    expect(body).toBe(original.body);

    const { translations, warnings } = await load();
    expect(warnings).toEqual([]);
    expect(translations.en!.map((project) => [project.slug, project.href, project.title])).toEqual([['co-city', '/en/fotografie/co-city', 'Co-city']]);
  });

  it('leaves out what the original does not have: no role, media without text, no links, no body', async () => {
    const result = await newTranslation('--lang', 'en', '--for', 'manifesti-festival-jazz');
    expect(result.code, result.stderr).toBe(0);
    expect(await readFile(translationFile('manifesti-festival-jazz'), 'utf8')).toBe(
      '---\ntitle: Manifesti per il festival jazz\nsummary: Due manifesti, il primo in copertina.\nmedia:\n  - {}\n---\n',
    );
    expect((await load()).translations.en!.map((project) => project.slug)).toEqual(['manifesti-festival-jazz']);
  });

  it('honours CONTENT_DIR', async () => {
    await mkdir(path.join(site, 'elsewhere'));
    const moved = path.join(site, 'elsewhere/content');
    await rename(path.join(site, 'content'), moved);
    const result = await runScript('new-project.ts', ['--lang', 'en', '--for', 'co-city'], { cwd: site, env: { CONTENT_DIR: moved } });
    expect(result.code, result.stderr).toBe(0);
    expect((await read(path.join(moved, 'projects/en/co-city.md'))).data.title).toBe('Co-city');
  });
});

describe('npm run new -- --lang --for refuses in one line, exit 1, and writes nothing', { timeout: 30_000 }, () => {
  const refused = async (args: string[], message: RegExp) => {
    const before = await snapshot(site);
    const result = await newTranslation(...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(await snapshot(site)).toEqual(before);
  };

  it('a language that site.yml does not list', async () => {
    await refused(['--lang', 'fr', '--for', 'co-city'], /^error: --lang: expected a language of content\/site\.yml's languages \(en\), got "fr"$/m);
  });

  it('a project that does not exist', async () => {
    await refused(['--lang', 'en', '--for', 'co-citta'], /^error: --for: expected the slug of a project, got "co-citta": there is no content\/projects\/co-citta\.md$/m);
    await refused(['--lang', 'en', '--for', '../site'], /--for: expected the slug of a project, got "\.\.\/site"/);
  });

  it('a translation that already exists: never overwritten', async () => {
    await mkdir(path.join(site, 'content/projects/en'));
    await writeFile(translationFile('co-city'), '---\ntitle: Co-city\nsummary: Already translated.\n---\nText.\n');
    await refused(['--lang', 'en', '--for', 'co-city'], /^error: content\/projects\/en\/co-city\.md already exists; nothing is ever overwritten: edit it instead$/m);
  });

  it('one flag without the other', async () => {
    await refused(['--lang', 'en'], /^error: --for: expected it beside --lang/m);
    await refused(['--for', 'co-city'], /^error: --lang: expected it beside --for/m);
  });

  it('the flags npm took for its own (npm run new --lang en --for co-city, without --)', async () => {
    const before = await snapshot(site);
    const result = await runScript('new-project.ts', ['en', 'co-city'], { cwd: site, env: { npm_config_for: 'true' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/npm run new -- --lang <language> --for <slug>/);
    expect(await snapshot(site)).toEqual(before);
  });
});
