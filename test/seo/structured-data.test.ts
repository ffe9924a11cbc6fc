import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JsonLd } from '../../components/seo/json-ld';
import { categoryJsonLd, projectJsonLd } from '../../lib/structured-data';

const site = { title: 'Studio Prova', lang: 'it', author: undefined, home: '/' };
const category = { slug: 'fotografie', label: 'Fotografie', description: undefined, href: '/fotografie' };
const photo = { type: 'image' as const, alt: 'Il fiume', largest: { url: '/_next/static/photos/wide.0123456789.30.webp', width: 30, height: 20 } };

beforeAll(() => {
  vi.stubEnv('SITE_URL', 'https://studio.example');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('JSON-LD', () => {
  it('describes a project as a CreativeWork with every photo, credited to the site when no author is given', () => {
    const project = { title: 'Alba', summary: 'Luce.', href: '/fotografie/alba', year: '2021', media: [photo, photo] };
    expect(projectJsonLd(site, category, project)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'CreativeWork',
      name: 'Alba',
      description: 'Luce.',
      url: 'https://studio.example/fotografie/alba',
      inLanguage: 'it',
      dateCreated: '2021',
      creator: { '@type': 'Person', name: 'Studio Prova' },
      genre: 'Fotografie',
      isPartOf: { '@type': 'CollectionPage', name: 'Fotografie', url: 'https://studio.example/fotografie' },
      image: Array(2).fill({
        '@type': 'ImageObject',
        contentUrl: 'https://studio.example/_next/static/photos/wide.0123456789.30.webp',
        width: 30,
        height: 20,
        caption: 'Il fiume',
      }),
    });
  });

  it('lists videos and embeds as VideoObjects, and a caption as the caption of a photo', () => {
    const media = [
      { ...photo, caption: 'Il fiume al mattino.' },
      {
        type: 'video' as const,
        file: '/_static/videos/clip.mp4',
        alt: 'Un quadrato blu',
        poster: { largest: { url: '/_next/static/photos/tall.0123456789.20.webp' } },
      },
      {
        type: 'embed' as const,
        alt: 'Lo spot',
        caption: 'Su YouTube.',
        player: { src: 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' },
      },
    ];
    const data = projectJsonLd(site, category, { title: 'Alba', summary: 'Luce.', href: '/fotografie/alba', year: '2021', media });
    expect(data.image).toEqual([
      {
        '@type': 'ImageObject',
        contentUrl: 'https://studio.example/_next/static/photos/wide.0123456789.30.webp',
        width: 30,
        height: 20,
        caption: 'Il fiume al mattino.',
      },
    ]);
    expect(data.video).toEqual([
      {
        '@type': 'VideoObject',
        name: 'Un quadrato blu',
        description: 'Un quadrato blu',
        thumbnailUrl: 'https://studio.example/_next/static/photos/tall.0123456789.20.webp',
        contentUrl: 'https://studio.example/_static/videos/clip.mp4',
      },
      {
        '@type': 'VideoObject',
        name: 'Lo spot',
        description: 'Su YouTube.',
        embedUrl: 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ',
      },
    ]);
  });

  it('leaves out a year that is not a date', () => {
    const project = { title: 'Alba', summary: 'Luce.', href: '/fotografie/alba', year: '2019–2021', media: [] };
    expect(projectJsonLd(site, category, project)).not.toHaveProperty('dateCreated');
  });

  it('describes a category as a CollectionPage listing its projects in order', () => {
    const data = categoryJsonLd(site, category, [
      { title: 'Bosco', href: '/fotografie/bosco' },
      { title: 'Alba', href: '/fotografie/alba' },
    ]);
    expect(data).toMatchObject({ '@type': 'CollectionPage', name: 'Fotografie', url: 'https://studio.example/fotografie' });
    expect(data).not.toHaveProperty('description');
    expect(data.mainEntity).toEqual({
      '@type': 'ItemList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Bosco', url: 'https://studio.example/fotografie/bosco' },
        { '@type': 'ListItem', position: 2, name: 'Alba', url: 'https://studio.example/fotografie/alba' },
      ],
    });
  });

  it('says the language of the page it describes, and links the pages in that language', () => {
    const english = { ...site, lang: 'en', home: '/en' };
    const photography = { ...category, label: 'Photography', href: '/en/fotografie' };
    expect(categoryJsonLd(english, photography, [])).toMatchObject({
      inLanguage: 'en',
      url: 'https://studio.example/en/fotografie',
      isPartOf: { '@type': 'WebSite', url: 'https://studio.example/en' },
    });
    const project = { title: 'Dawn', summary: 'Light.', href: '/en/fotografie/alba', year: '2021', media: [photo] };
    expect(projectJsonLd(english, photography, project)).toMatchObject({
      inLanguage: 'en',
      url: 'https://studio.example/en/fotografie/alba',
      isPartOf: { '@type': 'CollectionPage', name: 'Photography', url: 'https://studio.example/en/fotografie' },
    });
  });

  it('cannot be closed early by text in the content', () => {
    const data = { name: '</script><script>alert(1)</script><!--' };
    const html = renderToStaticMarkup(createElement(JsonLd, { data }));
    expect(html).toMatch(/^<script type="application\/ld\+json">[^<]*<\/script>$/);
    expect(JSON.parse(html.slice(html.indexOf('>') + 1, -'</script>'.length))).toEqual(data);
  });
});
