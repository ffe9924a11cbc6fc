import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../lib/content/load';
import { ContentError, formatProblem } from '../../lib/content/problems';
import { forgetPhotoFacts } from '../../lib/photos';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const fixturePublic = path.join(fixtures, 'public');
const fixtureImages = path.join(fixtures, 'images');
const photoCacheDir = mkdtempSync(path.join(os.tmpdir(), 'photo-cache-'));
afterAll(() => rm(photoCacheDir, { recursive: true, force: true }));

const load = (folder: string, { includeDrafts = false, publicDir = fixturePublic, imagesDir = fixtureImages } = {}) =>
  loadContent({ contentDir: path.join(fixtures, folder), publicDir, imagesDir, photoCacheDir, includeDrafts });

async function problemsOf(folder: string): Promise<string[]> {
  const error = await load(folder).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).problems.map(formatProblem);
}

describe('a valid content folder', () => {
  it('lists published projects in listing order: by order, then those without it, ties by title', async () => {
    const { projects } = await load('valid');
    expect(projects.map((project) => project.slug)).toEqual(['bosco', 'alba', 'borgo', 'cielo', 'contatti', 'sicurezza']);
  });

  it('shows drafts only when asked to (next dev), first by their order', async () => {
    const { projects } = await load('valid', { includeDrafts: true });
    expect(projects[0]).toMatchObject({ slug: 'bozza', draft: true });
  });

  it("encodes a build's photos, not those of a draft it leaves out, which are still checked", async () => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'drafts-photos-'));
    try {
      const contentDir = path.join(scratch, 'content');
      await mkdir(path.join(contentDir, 'projects'), { recursive: true });
      await cp(path.join(fixtures, 'valid', 'site.yml'), path.join(contentDir, 'site.yml'));
      const project = (title: string, photo: string, draft: boolean) =>
        `---\ntitle: ${title}\ncategory: fotografie\nsummary: Una serie.\ndraft: ${draft}\nmedia:\n  - type: image\n    file: /_static/images/${photo}\n    alt: Una foto\n---\n`;
      await writeFile(path.join(contentDir, 'projects', 'pubblicata.md'), project('Pubblicata', 'wide.jpg', false));
      await writeFile(path.join(contentDir, 'projects', 'bozza.md'), project('Bozza', 'tall.jpg', true));
      const encoded = async (includeDrafts: boolean) => {
        const cacheDir = path.join(scratch, `cache-${includeDrafts}`);
        forgetPhotoFacts(); // As a new build process starts.
        await loadContent({ contentDir, publicDir: fixturePublic, imagesDir: fixtureImages, photoCacheDir: cacheDir, includeDrafts, photoFiles: true });
        return new Set((await readdir(path.join(cacheDir, 'files'))).map((name) => name.split('.')[0]));
      };
      expect(await encoded(false)).toEqual(new Set(['wide']));
      expect(await encoded(true)).toEqual(new Set(['wide', 'tall']));

      await writeFile(path.join(contentDir, 'projects', 'bozza.md'), project('Bozza', 'broken.jpg', true));
      await expect(encoded(false)).rejects.toThrow(/bozza\.md:\d+:\d+: media\[0\]\.file: expected/);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('trims text, turns "none" into absent values and years into strings', async () => {
    const { site, projects } = await load('valid');
    const alba = projects.find((project) => project.slug === 'alba');
    expect(site).toMatchObject({ title: 'Studio Prova', lang: 'it', email: 'studio@example.com' });
    expect(site.author).toBeUndefined();
    expect(site.categories.map((category) => category.slug)).toEqual(['fotografie', 'grafica']);
    expect(alba).toMatchObject({ title: 'Alba', year: '2021', category: 'fotografie', href: '/fotografie/alba' });
    expect(alba?.role).toBeUndefined();
    expect(projects.find((project) => project.slug === 'bosco')?.year).toBe('2019');
  });

  it('keeps media in order with their intrinsic size, a blur placeholder and an alt text for each', async () => {
    const { projects } = await load('valid');
    const media = (projects.find((project) => project.slug === 'alba')?.media ?? []).filter((item) => item.type === 'image');
    expect(media.map(({ file, width, height, alt, altGiven }) => ({ file, width, height, alt, altGiven }))).toEqual([
      { file: '/_static/images/wide.jpg', width: 30, height: 20, alt: "Il fiume all'alba", altGiven: true },
      { file: '/_static/images/tall.jpg', width: 20, height: 30, alt: 'Alba, immagine 2 di 3', altGiven: false },
      { file: '/_static/images/wide.jpg', width: 30, height: 20, alt: 'Alba, immagine 3 di 3', altGiven: false },
    ]);
    expect(media[0]?.blurDataURL).toMatch(/^data:image\/webp;base64,/);
  });

  it('computes an href for every link, percent-encoding mail subjects and bodies', async () => {
    const { projects } = await load('valid');
    expect(projects.find((project) => project.slug === 'alba')?.links).toEqual([
      { action: 'slider', name: 'galleria', dark: true, newtab: false, href: '#gallery-1' },
      { action: 'linkto', name: 'sito', dark: false, newtab: true, href: 'https://example.com/alba?x=1' },
      {
        action: 'mailto',
        name: 'scrivimi',
        dark: false,
        newtab: false,
        href:
          'mailto:studio@example.com?subject=Preventivo%20%26%20tempi%3F' +
          "&body=Buongiorno%2C%20vorrei%20un'informazione%20sul%20progetto%20%22Alba%22.",
      },
    ]);
    expect(projects.find((project) => project.slug === 'contatti')?.links[0]?.href).toBe('mailto:studio@example.com');
  });

  it('renders the body to HTML, its headings below the page title', async () => {
    const { projects } = await load('valid');
    expect(projects.find((project) => project.slug === 'alba')?.html).toBe(
      '<h2>Titolo nel testo</h2>\n<p>Testo con <em>enfasi</em> e un <a href="https://example.com">collegamento</a>.</p>\n',
    );
  });

  it('renders hostile markdown inert: no script, iframe, event handler, javascript: or data: URL', async () => {
    const { projects } = await load('valid');
    const html = projects.find((project) => project.slug === 'sicurezza')?.html ?? '';
    expect(html).not.toMatch(/<script|<iframe|onerror|javascript:|data:/i);
    expect(html).toContain('<a href="https://example.com">ok</a>');
    expect(globalThis).not.toHaveProperty('pwned');
  });

  it('warns about unknown fields, naming file, line and field', async () => {
    const { warnings } = await load('valid');
    expect(warnings.map(formatProblem)).toEqual([
      expect.stringMatching(/fixtures\/valid\/projects\/contatti\.md:5:1: warning: extra: unknown field, ignored/),
    ]);
  });
});

describe('the seed from the previous CMS, as it is', () => {
  // The bytes the previous CMS wrote (the sample content ships the same file as content/projects/co-city.md); its
  // photos here are small stand-ins, so that the test holds whatever the owner's content/ is.
  it('is kept byte for byte', async () => {
    const seed = await readFile(path.join(fixtures, 'seed/projects/co-city.md'));
    expect(createHash('sha256').update(seed).digest('hex')).toBe('9b66ee4d64406b1147f66a88113b86703a47d4b801babb04280c1bf2963a53b8');
  });

  it('loads with its quirks cleaned', async () => {
    const { projects } = await load('seed', { imagesDir: path.join(fixtures, 'seed/images') });
    const [coCity] = projects;
    expect(coCity).toMatchObject({ slug: 'co-city', title: 'Co-city', order: 4, year: '2020', role: 'assignment' });
    expect(coCity?.summary).toMatch(/^Nel progetto Co-City Torino .* responsabilizzazione\.$/);
    expect(coCity?.media.map((photo) => photo.type === 'image' && photo.file)).toEqual(
      [6, 5, 4, 1, 2, 3, 8, 9].map((n) => `/_static/images/co-city${n}.jpg`),
    );
    expect(coCity?.media.map((photo) => photo.alt)).toEqual(
      Array.from({ length: 8 }, (_, i) => `Co-city, immagine ${i + 1} di 8`),
    );
    expect(coCity?.links).toEqual([
      { action: 'slider', name: 'gallery', dark: false, newtab: false, href: '#gallery-1' },
      {
        action: 'linkto',
        name: 'co-city',
        dark: false,
        newtab: true,
        href: 'http://www.comune.torino.it/benicomuni/co-city/index.shtml',
      },
    ]);
    expect(coCity?.html).toMatch(/^<p>Co-City\u00a0è il progetto innovativo/);
  });
});

describe('a broken content folder', () => {
  it('reports every problem of every file at once, with file, line, column, field, expected and got', async () => {
    const base = 'test/content/fixtures/broken/projects';
    const embedUrl =
      'expected a YouTube or Vimeo video URL (https://www.youtube.com/watch?v=…, https://youtu.be/…, https://vimeo.com/…)';
    expect(await problemsOf('broken')).toEqual([
      `${base}/Nome_Sbagliato.md: expected a file name of lowercase a-z0-9 words joined by "-" (such as "nome-sbagliato.md"), got "Nome_Sbagliato.md"`,
      `${base}/bad-category.md:3:11: category: expected a category declared in site.yml (fotografie, grafica), got "fotografia"; did you mean "fotografie"?`,
      `${base}/bad-embed.md:7:10: media[0].url: ${embedUrl}, got "https://example.com/video/123"`,
      `${base}/bad-embed.md:9:10: media[1].url: ${embedUrl}, got "https://www.youtube.com/embed/aqz-KE-bpKQ"`,
      `${base}/bad-embed.md:11:10: media[2].url: ${embedUrl}, got "https://vimeo.com/canale/prova"`,
      `${base}/bad-embed.md:12:5: media[3].url: ${embedUrl}, got nothing`,
      `${base}/bad-embed.md:16:13: media[4].poster: expected an image path such as "/_static/images/photo.jpg" (its file under test/content/fixtures/images/), got "/_static/videos/clip.mp4"`,
      `${base}/bad-embed.md:18:10: media[5].url: ${embedUrl}, got "https://youtube.com.example.org/watch?v=aqz-KE-bpKQ"`,
      `${base}/bad-image.md:7:11: media[0].file: expected a readable JPEG, PNG, WebP or AVIF image, got "/_static/images/broken.jpg"`,
      `${base}/bad-image.md:9:11: media[1].file: expected a readable image, got "/_static/images/truncated.jpg": it is damaged or cut short`,
      `${base}/bad-image.md:11:11: media[2].file: expected a photo of at most 120 megapixels, got "/_static/images/bomb.png": it is 30000×30000, 900 MP: too large to decode safely`,
      `${base}/bad-link.md:14:13: links[1].target: expected an http(s) URL, got "none"`,
      `${base}/bad-link.md:17:13: links[2].target: expected an http(s) URL, got "javascript:alert(1)"`,
      `${base}/bad-link.md:20:13: links[3].target: expected an http(s) URL, got "data:text/html,<script>alert(1)</script>"`,
      `${base}/bad-link.md:22:13: links[4].action: expected one of slider, linkto, mailto, got "popup"`,
      `${base}/bad-link.md:25:19: links[5].emailaddress: expected an email address, got "none"`,
      `${base}/bad-media.md:7:11: media[0].file: expected an existing file under test/content/fixtures/images/, got "/_static/images/manca.jpg"`,
      `${base}/bad-media.md:9:11: media[1].file: expected an MP4 or WebM video path under public/ such as "/_static/videos/clip.mp4", got "/_static/images/wide.jpg"`,
      `${base}/bad-media.md:8:5: media[1].poster: expected an image path such as "/_static/images/photo.jpg" (its file under test/content/fixtures/images/), got nothing`,
      `${base}/bad-media.md:11:11: media[2].file: expected an image path such as "/_static/images/photo.jpg" (its file under test/content/fixtures/images/), got "/../../package.json"`,
      `${base}/bad-types.md:3:8: order: expected a number, got "primo"`,
      `${base}/bad-types.md:5:7: year: expected a year, got a list`,
      `${base}/bad-types.md:7:8: draft: expected true or false, got "forse"`,
      `${base}/bad-video.md:7:11: media[0].file: expected an MP4 or WebM video path under public/ such as "/_static/videos/clip.mp4", got "/_static/videos/clip.mov"`,
      `${base}/bad-video.md:10:11: media[1].file: expected an existing file under public/, got "/_static/videos/manca.mp4"`,
      `${base}/bad-video.md:12:5: media[2].poster: expected an image path such as "/_static/images/photo.jpg" (its file under test/content/fixtures/images/), got nothing`,
      `${base}/bad-video.md:16:13: media[3].poster: expected an image path such as "/_static/images/photo.jpg" (its file under test/content/fixtures/images/), got "none"`,
      `${base}/bad-video.md:17:14: media[3].caption: expected text, got 42`,
      `${base}/bad-video.md:20:13: media[4].poster: expected an existing file under test/content/fixtures/images/, got "/_static/images/manca.jpg"`,
      `${base}/bad-video.md:21:11: media[5].type: expected a media type: image, video or embed, got "audio"`,
      `${base}/executes.md:1:1: expected YAML front matter ("---"), got "---js": front matter in other languages is refused and never run`,
      `${base}/malformed.md:4:21: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${base}/missing-fields.md:2:8: title: expected text, got "none"`,
      `${base}/missing-fields.md: summary: expected text, got nothing`,
      `${base}/notes.txt: expected a <slug>.md project file, got "notes.txt"`,
      `${base}/slider-senza-media.md:7:13: links[0].action: expected a project with media for the slider to show, but it has none, got "slider"`,
      `${base}/unreadable-video.md:7:11: media[0].file: expected a readable MP4 or WebM video, got "/_static/videos/photo.mp4"`,
      `${base}/unreadable-video.md:8:13: media[0].poster: expected a readable JPEG, PNG, WebP or AVIF image, got "/_static/images/broken.jpg"`,
      `${base}/unreadable-video.md:11:13: media[1].poster: expected a readable JPEG, PNG, WebP or AVIF image, got "/_static/images/broken.jpg"`,
    ]);
  });

  it('never runs code from a ---js front matter block', async () => {
    await problemsOf('broken');
    expect(globalThis).not.toHaveProperty('contentRan');
  });

  it('reports a broken site.yml field by field', async () => {
    const file = 'test/content/fixtures/broken-site/site.yml';
    expect(await problemsOf('broken-site')).toEqual([
      `${file}: description: expected text, got nothing`,
      `${file}:2:7: lang: expected a language tag such as "it", got "Italiano"`,
      `${file}:3:8: email: expected an email address, got "nessuno"`,
      `${file}:5:11: categories[0].slug: expected lowercase a-z0-9 words joined by "-", got "Foto Grafie"`,
      `${file}:9:11: categories[2].slug: expected a slug not used by another category, got "grafica"`,
    ]);
  });

  it('names a missing site.yml and projects folder', async () => {
    expect(await problemsOf('public')).toEqual([
      'test/content/fixtures/public/site.yml: expected a site.yml with title, description, lang and categories',
      'test/content/fixtures/public/projects: expected a folder of project files',
    ]);
  });
});
