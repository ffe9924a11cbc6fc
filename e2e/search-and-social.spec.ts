import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { drafts, getProject, originalOf, projects, projectsIn, site, translationsIn } from './support/content';
import { builtPhoto } from './support/photos';

// The build reads SITE_URL, as the README says; this is its documented default.
const absoluteUrl = (pathname: string) => new URL(pathname, process.env.SITE_URL || 'http://localhost:3000').href;
const sizeOf = async (file: string) => {
  const { autoOrient } = await sharp(originalOf(file)).metadata();
  return { width: autoOrient.width, height: autoOrient.height };
};
const coCity = getProject('co-city');

const meta = (page: Page, key: string) =>
  page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content');

async function jsonLd(page: Page) {
  const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
  expect(scripts).toHaveLength(1);
  return JSON.parse(scripts[0]!) as Record<string, unknown>;
}

test.describe('search and social metadata', () => {
  test('a project page: title, description, canonical URL, Open Graph and Twitter card with its cover', async ({ page, request }) => {
    const project = coCity;
    const cover = project.cover!;
    const original = await sizeOf(cover.file);
    await page.goto(project.href);

    await expect(page).toHaveTitle(`${project.title} — ${site.title}`);
    expect(await meta(page, 'description')).toBe(project.summary);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', absoluteUrl(project.href));

    expect(await meta(page, 'og:type')).toBe('article');
    expect(await meta(page, 'og:title')).toBe(project.title);
    expect(await meta(page, 'og:description')).toBe(project.summary);
    expect(await meta(page, 'og:url')).toBe(absoluteUrl(project.href));
    expect(await meta(page, 'og:site_name')).toBe(site.title);
    // Not the original photo: a 1200-px-wide JPEG made of it at build time.
    const shared = await meta(page, 'og:image');
    expect(shared).toMatch(builtPhoto(cover.file, 'jpg'));
    expect(shared!.startsWith(absoluteUrl('/_next/static/photos/'))).toBe(true);
    const width = Math.min(1200, original.width);
    expect(await meta(page, 'og:image:width')).toBe(String(width));
    expect(await meta(page, 'og:image:height')).toBe(String(Math.round((original.height * width) / original.width)));
    expect(await meta(page, 'og:image:alt')).toBe(cover.alt);
    expect(await meta(page, 'twitter:card')).toBe('summary_large_image');
    expect(await meta(page, 'twitter:title')).toBe(`${project.title} — ${site.title}`);
    expect(await meta(page, 'twitter:image')).toBe(shared);
    expect(await meta(page, 'twitter:image:alt')).toBe(cover.alt);

    // The shared image is served as announced: a JPEG of exactly that size, small enough for every crawler.
    const image = await request.get(new URL(shared!).pathname);
    expect(image.headers()['content-type']).toBe('image/jpeg');
    const body = await image.body();
    expect(body.length).toBeLessThanOrEqual(300 * 1024);
    const metadata = await sharp(body).metadata();
    expect(String(metadata.width)).toBe(await meta(page, 'og:image:width'));
    expect(String(metadata.height)).toBe(await meta(page, 'og:image:height'));
  });

  test('every published page has its own title, description and canonical URL', async ({ page }) => {
    const pages = [
      { path: '/', title: site.title, description: site.description },
      ...site.categories.map((category) => ({
        path: `/${category.slug}`,
        title: `${category.label} — ${site.title}`,
        description: category.description ?? site.description,
      })),
      ...projects.map((project) => ({ path: project.href, title: `${project.title} — ${site.title}`, description: project.summary })),
    ];
    for (const expected of pages) {
      await page.goto(expected.path);
      await expect(page, expected.path).toHaveTitle(expected.title);
      expect(await meta(page, 'description'), expected.path).toBe(expected.description);
      const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
      expect(new URL(canonical!).href, expected.path).toBe(absoluteUrl(expected.path));
      expect(await meta(page, 'og:url'), expected.path).toBe(canonical);
    }
  });

  test('sitemap.xml lists every published page and no draft; robots.txt points at it', async ({ request }) => {
    const sitemap = await request.get('/sitemap.xml');
    expect(sitemap.headers()['content-type']).toContain('xml');
    const pages = [...(await sitemap.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]!).href);
    const everyLanguage = (path: string) => [path, ...site.languages.map((lang) => (path === '/' ? `/${lang}` : `/${lang}${path}`))];
    expect(pages.toSorted()).toEqual(
      [
        ...['/', ...site.categories.map((category) => `/${category.slug}`)].flatMap(everyLanguage),
        ...projects.map((project) => project.href),
        ...site.languages.flatMap((lang) => translationsIn(lang).map((translation) => translation.href)),
      ]
        .map(absoluteUrl)
        .toSorted(),
    );
    for (const draft of drafts) {
      expect(pages).not.toContain(absoluteUrl(draft.href));
      expect((await request.get(draft.href)).status()).toBe(404);
    }

    const robots = await (await request.get('/robots.txt')).text();
    expect(robots).toContain(`Sitemap: ${absoluteUrl('/sitemap.xml')}`);
    expect(robots).toMatch(/^Allow: \/$/m);
    expect(robots).not.toMatch(/^Disallow: \/\s*$/m);
  });

  test('every page in either language names its versions by hreflang, each names it back, x-default is the Italian one, and the sitemap agrees', async ({ request }) => {
    const sitemap = await (await request.get('/sitemap.xml')).text();
    const entries = [...sitemap.matchAll(/<url>([\s\S]*?)<\/url>/g)].map(([, entry]) => ({
      url: new URL(/<loc>([^<]+)<\/loc>/.exec(entry!)![1]!).href,
      alternates: Object.fromEntries([...entry!.matchAll(/<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map(([, lang, href]) => [lang, new URL(href!).href])),
    }));
    const pages = new Map<string, { lang: string; alternates: Record<string, string> }>();
    for (const { url, alternates: listed } of entries) {
      const html = await (await request.get(new URL(url).pathname)).text();
      const lang = /<html lang="([^"]+)"/.exec(html)![1]!;
      const alternates = Object.fromEntries(
        [...html.matchAll(/<link rel="alternate" hrefLang="([^"]+)" href="([^"]+)"\/>/g)].map(([, each, href]) => [each, new URL(href!).href]),
      );
      expect(alternates[lang], `${url} names itself in its language, ${lang}`).toBe(url);
      expect(alternates['x-default'], `${url}: x-default`).toBe(alternates[site.lang]);
      expect(listed, `the sitemap's alternates of ${url}`).toEqual(alternates);
      pages.set(url, { lang, alternates });
    }
    for (const [url, { lang, alternates }] of pages) {
      for (const [other, href] of Object.entries(alternates)) {
        if (other === 'x-default') continue;
        expect(pages.get(href)?.lang, `${url} → ${other}: ${href}, a page in ${other}`).toBe(other);
        expect(pages.get(href)?.alternates[lang], `${href} names ${url} back`).toBe(url);
      }
    }
    // Every Italian page has its English version but the untranslated projects.
    const translatedHrefs = translationsIn('en').map((translation) => absoluteUrl(translation.href));
    const english = [...pages].filter(([, page]) => page.lang === 'en').map(([url]) => url);
    expect(english).toEqual(expect.arrayContaining([absoluteUrl('/en'), ...translatedHrefs]));
  });

  test('Open Graph names the page\'s locale and its other versions\' locales', async ({ page }) => {
    const [translation] = translationsIn('en');
    await page.goto(translation!.href);
    expect(await meta(page, 'og:locale')).toBe('en_GB');
    expect(await meta(page, 'og:locale:alternate')).toBe('it_IT');
    expect((await jsonLd(page)).inLanguage).toBe('en');
    await page.goto(translation!.original.href);
    expect(await meta(page, 'og:locale')).toBe('it_IT');
    expect(await meta(page, 'og:locale:alternate')).toBe('en_GB');
    expect((await jsonLd(page)).inLanguage).toBe('it');
  });

  test('JSON-LD: a CreativeWork with its images on a project page', async ({ page, request }) => {
    const project = coCity;
    const photos = project.media.filter((item) => item.type === 'image');
    await page.goto(project.href);
    const data = await jsonLd(page);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'CreativeWork',
      name: project.title,
      description: project.summary,
      url: absoluteUrl(project.href),
      inLanguage: site.lang,
      isPartOf: { '@type': 'CollectionPage', url: absoluteUrl(`/${project.category}`) },
      image: photos.map((photo) => ({
        '@type': 'ImageObject',
        contentUrl: expect.stringMatching(builtPhoto(photo.file)),
        caption: photo.caption ?? photo.alt,
      })),
    });
    // Each is the largest file built of the photo, as large as announced and never larger than the photo itself.
    const images = data.image as { contentUrl: string; width: number; height: number }[];
    for (const [index, image] of images.entries()) {
      const original = await sizeOf(photos[index]!.file);
      expect(image.width).toBeLessThanOrEqual(original.width);
      const response = await request.get(new URL(image.contentUrl).pathname);
      expect(response.status()).toBe(200);
      const { width, height } = await sharp(await response.body()).metadata();
      expect({ width, height }).toEqual({ width: image.width, height: image.height });
    }
  });

  test('JSON-LD and sitemap.xml: a project\'s videos and embeds as VideoObjects with their posters', async ({ page, request }) => {
    const project = projects.find((candidate) => candidate.media.some((item) => item.type !== 'image'));
    if (!project) throw new Error('no published project with a video or an embed');
    const videos = project.media.filter((item) => item.type !== 'image');
    await page.goto(project.href);
    expect((await jsonLd(page)).video).toEqual(
      videos.map((item) => ({
        '@type': 'VideoObject',
        name: item.alt,
        description: item.caption ?? item.alt,
        ...(item.poster && { thumbnailUrl: expect.stringMatching(builtPhoto(item.poster)) }),
        ...(item.type === 'video' ? { contentUrl: absoluteUrl(item.file) } : { embedUrl: item.player }),
      })),
    );

    const sitemap = await (await request.get('/sitemap.xml')).text();
    const thumbnails = [...sitemap.matchAll(/<video:thumbnail_loc>([^<]+)<\/video:thumbnail_loc>/g)].map((match) => match[1]!);
    for (const item of videos.filter((video) => video.poster)) {
      // The poster's largest file built at build time, under a name that keeps the poster's.
      expect(thumbnails.some((url) => builtPhoto(item.poster!).test(url) && url.startsWith(absoluteUrl('/')))).toBe(true);
      if (item.type === 'video') expect(sitemap).toContain(`<video:content_loc>${absoluteUrl(item.file)}</video:content_loc>`);
      else expect(sitemap).toContain(`<video:player_loc>${item.player.replaceAll('&', '&amp;')}</video:player_loc>`);
    }
  });

  test('JSON-LD: a CollectionPage listing the projects of a category, in order', async ({ page }) => {
    const category = site.categories[0]!;
    await page.goto(`/${category.slug}`);
    const data = await jsonLd(page);
    expect(data).toMatchObject({ '@type': 'CollectionPage', name: category.label, url: absoluteUrl(`/${category.slug}`) });
    expect(data.mainEntity).toEqual({
      '@type': 'ItemList',
      itemListElement: projectsIn(category.slug)
        .map((project, index) => ({ '@type': 'ListItem', position: index + 1, name: project.title, url: absoluteUrl(project.href) })),
    });
  });

  test('an SVG icon, served as a static file', async ({ page, request }) => {
    await page.goto('/');
    const icon = page.locator('link[rel="icon"]');
    await expect(icon).toHaveAttribute('type', 'image/svg+xml');
    const response = await request.get((await icon.getAttribute('href'))!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/svg+xml');
    expect(await response.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
