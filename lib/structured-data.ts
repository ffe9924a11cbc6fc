import type { Category, Project, Site } from '@/lib/content';
import { absoluteUrl } from './site-url';

type JsonLd = Record<string, unknown>;
type Size = { width: number; height: number };
type Described = { alt: string; caption?: string };
/** A media item as far as JSON-LD describes it: the built files of its photo or poster, the video itself. */
type Item =
  | ({ type: 'image'; largest: { url: string } & Size } & Described)
  | ({ type: 'video'; file: string; poster: { largest: { url: string } } } & Described)
  | ({ type: 'embed'; player: { src: string }; poster?: { largest: { url: string } } } & Described);

/** The photo's largest built file: the sharpest copy a search engine can have, under a name that keeps the photo's. */
const imageObject = (photo: Extract<Item, { type: 'image' }>): JsonLd => ({
  '@type': 'ImageObject',
  contentUrl: absoluteUrl(photo.largest.url),
  width: photo.largest.width,
  height: photo.largest.height,
  caption: photo.caption ?? photo.alt,
});

type Moving = Exclude<Item, { type: 'image' }>;

/** What a search engine is told of a video or an embed, in one place for the sitemap and JSON-LD. */
export const describeVideo = (video: Moving): { name: string; description: string; thumbnail?: string; content?: string; player?: string } => ({
  name: video.alt,
  description: video.caption ?? video.alt,
  thumbnail: video.poster && absoluteUrl(video.poster.largest.url),
  ...(video.type === 'video' ? { content: absoluteUrl(video.file) } : { player: video.player.src }),
});

const videoObject = (video: Moving): JsonLd => {
  const { name, description, thumbnail, content, player } = describeVideo(video);
  return {
    '@type': 'VideoObject',
    name,
    description,
    ...(thumbnail && { thumbnailUrl: thumbnail }),
    ...(content ? { contentUrl: content } : { embedUrl: player }),
  };
};

/** schema.org `CreativeWork` for a project page, with every photo and video of the project. */
export function projectJsonLd(
  site: Pick<Site, 'title' | 'lang' | 'author'>,
  category: Pick<Category, 'label'> & { href: string },
  project: Pick<Project, 'title' | 'summary' | 'href' | 'year'> & { media: Item[] },
): JsonLd {
  const videos = project.media.filter((item) => item.type !== 'image');
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
    isPartOf: { '@type': 'CollectionPage', name: category.label, url: absoluteUrl(category.href) },
    image: project.media.filter((item) => item.type === 'image').map(imageObject),
    ...(videos.length > 0 && { video: videos.map(videoObject) }),
  };
}

/** schema.org `CollectionPage` for a category, listing its projects in order. */
export function categoryJsonLd(
  /** `lang`: the page's language; `home`: the home page in it. */
  site: Pick<Site, 'title' | 'lang'> & { home: string },
  category: Pick<Category, 'label' | 'description'> & { href: string },
  projects: Pick<Project, 'title' | 'href'>[],
): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    name: category.label,
    ...(category.description && { description: category.description }),
    url: absoluteUrl(category.href),
    inLanguage: site.lang,
    isPartOf: { '@type': 'WebSite', name: site.title, url: absoluteUrl(site.home) },
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
