import type { Category, Photo, Project, Site } from '@/lib/content';
import { absoluteUrl } from './site-url';

type JsonLd = Record<string, unknown>;
type Image = Pick<Photo, 'largest' | 'alt'>;

/** The photo's largest built file: the sharpest copy a search engine can have, under a name that keeps the photo's. */
const imageObject = (photo: Image): JsonLd => ({
  '@type': 'ImageObject',
  contentUrl: absoluteUrl(photo.largest.url),
  width: photo.largest.width,
  height: photo.largest.height,
  caption: photo.alt,
});

/** schema.org `CreativeWork` for a project page, with every photo of the project. */
export function projectJsonLd(
  site: Pick<Site, 'title' | 'lang' | 'author'>,
  category: Pick<Category, 'slug' | 'label'>,
  project: Pick<Project, 'title' | 'summary' | 'href' | 'year'> & { media: Image[] },
): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'CreativeWork',
    name: project.title,
    description: project.summary,
    url: absoluteUrl(project.href),
    inLanguage: site.lang,
    ...(project.year && /^\d{4}$/.test(project.year) && { dateCreated: project.year }),
    creator: { '@type': 'Person', name: site.author ?? site.title },
    genre: category.label,
    isPartOf: { '@type': 'CollectionPage', name: category.label, url: absoluteUrl(`/${category.slug}`) },
    image: project.media.map(imageObject),
  };
}

/** schema.org `CollectionPage` for a category, listing its projects in order. */
export function categoryJsonLd(
  site: Pick<Site, 'title' | 'lang'>,
  category: Pick<Category, 'slug' | 'label' | 'description'>,
  projects: Pick<Project, 'title' | 'href'>[],
): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name: category.label,
    ...(category.description && { description: category.description }),
    url: absoluteUrl(`/${category.slug}`),
    inLanguage: site.lang,
    isPartOf: { '@type': 'WebSite', name: site.title, url: absoluteUrl('/') },
    mainEntity: {
      '@type': 'ItemList',
      itemListElement: projects.map((project, index) => ({
        '@type': 'ListItem',
        position: index + 1,
        name: project.title,
        url: absoluteUrl(project.href),
      })),
    },
  };
}
