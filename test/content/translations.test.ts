import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../lib/content/load';
import { ContentError, formatProblem } from '../../lib/content/problems';

// A translation beside its original: content/projects/en/<slug>.md carries the English text of
// content/projects/<slug>.md, and nothing that must stay the same.
const fixtures = path.join(import.meta.dirname, 'fixtures');
const imagesDir = path.join(fixtures, 'seed', 'images');
const photoCacheDir = mkdtempSync(path.join(os.tmpdir(), 'photo-cache-'));
afterAll(() => rm(photoCacheDir, { recursive: true, force: true }));

const load = (folder: string) =>
  loadContent({ contentDir: path.join(fixtures, folder), publicDir: path.join(fixtures, 'public'), imagesDir, photoCacheDir, includeDrafts: false });

describe('a translation of the seed', () => {
  // Its `original: co-city`, as the browser editor writes it, names its own file: accepted.
  it('is the original with its English text: title, summary, role, alts, captions, link names and body', async () => {
    const { projects, translations } = await load('translations');
    const [original] = projects;
    const [english] = translations.en!;
    expect(english).toMatchObject({ slug: 'co-city', title: 'Co-city', role: 'commission', href: '/en/fotografie/co-city' });
    expect(english!.summary).toMatch(/^In Turin's Co-City project/);
    expect(english!.html).toContain('shared care of the commons');
    expect(english!.media[0]).toMatchObject({ alt: 'A community garden in a former schoolyard, seen from the gate', caption: 'Via Baltea, spring 2020' });
    // The seed's `alt: "null"` items get an alt derived in English from the English title.
    expect(english!.media[1]!.alt).toBe('Co-city, image 2 of 8');
    expect(english!.links.map((link) => link.name)).toEqual(['gallery', "the project on the City of Turin's site"]);
    // What must stay the same comes from the original.
    expect(english!.media.map((item) => item.type === 'image' && item.file)).toEqual(original!.media.map((item) => item.type === 'image' && item.file));
    expect(english!.links.map(({ action, href }) => [action, href])).toEqual(original!.links.map(({ action, href }) => [action, href]));
    expect([english!.order, english!.category, english!.year]).toEqual([original!.order, original!.category, original!.year]);
  });

  it('leaves the Italian project exactly as it was, its file byte for byte', async () => {
    const withTranslation = await load('translations');
    const alone = await load('seed');
    expect(withTranslation.projects).toEqual(alone.projects);
    const [seed, copy] = await Promise.all(
      [path.join(fixtures, 'seed/projects/co-city.md'), path.join(fixtures, 'translations/projects/co-city.md')].map((file) => readFile(file)),
    );
    expect(Buffer.compare(seed!, copy!)).toBe(0);
  });
});

describe('a broken translation', () => {
  it('is refused with its file, line and field: a changed media file, order or link target, no original, an unlisted language, no text, another original named', async () => {
    const error = await load('translations-broken').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems.map(formatProblem);
    const broken = 'test/content/fixtures/translations-broken/projects';
    expect(problems).toEqual(
      expect.arrayContaining([
        `${broken}/en/co-city.md:5:8: order: expected no order (it comes from the original) or the original's 4, got 1`,
        `${broken}/en/co-city.md:8:11: media[0].file: expected no media[0].file (it comes from the original) or the original's "/_static/images/co-city6.jpg", got "/_static/images/co-city9.jpg"`,
        `${broken}/en/co-city.md:19:13: links[1].target: expected no links[1].target (it comes from the original) or the original's "http://www.comune.torino.it/benicomuni/co-city/index.shtml ", got "https://example.com/"`,
        `${broken}/en/citta-d-acqua.md:1:1: expected a translation of an existing project, got "citta-d-acqua.md": there is no ${broken}/citta-d-acqua.md`,
        `${broken}/de: expected a folder named after a language of site.yml's languages (en), got "de"`,
        `${broken}/en/orti.md: expected the translated text below the front matter`,
        `${broken}/en/orti.md:2:11: original: expected "orti", the project this file translates (its file name), or no original, got "orti-di-mirafiori"`,
      ]),
    );
    // category: fotografie is the original's own value: allowed.
    expect(problems.filter((problem) => problem.includes('category'))).toEqual([]);
  });
});

describe("site.yml's languages", () => {
  it('need the site and each category in every listed language, and a category slug is never a language', async () => {
    const error = await load('translations-site').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(ContentError);
    const file = 'test/content/fixtures/translations-site/site.yml';
    expect((error as ContentError).problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        // Where a missing entry would go: the nearest mapping that is there.
        `${file}:6:3: translations.en.description: expected the site's description in en, got nothing`,
        `${file}:7:5: translations.de: expected a language of languages (en), got a mapping`,
        `${file}:14:9: categories[0].translations.en.description: expected the category's description in en, got nothing`,
        `${file}:15:5: categories[1].translations.en.label: expected the category's label in en, got nothing`,
        `${file}:17:11: categories[2].slug: expected a slug that is not a language of the site (its pages are under /<language>/), got "en"`,
      ]),
    );
  });
});

describe('a translation that leaves an alt out', () => {
  it("derives it in its own language rather than showing the original's, and keeps the original's caption", async () => {
    const { projects, translations } = await load('translations-alts');
    expect(projects[0]!.media[0]!.alt).toBe('Un orto nel cortile di una scuola, visto dal cancello');
    const [english] = translations.en!;
    expect(english!.media[0]).toMatchObject({ alt: 'Shared gardens, image 1 of 1', altGiven: false, caption: 'Via Baltea, 2020' });
  });
});
