import type { Metadata } from 'next';
import type { Picture, Site } from '@/lib/content';

type Page = {
  /** Omitted on the home page, whose title is the site's. */
  title?: string;
  description?: string;
  /** The page's path, made absolute with `metadataBase` (from `SITE_URL`). */
  path: string;
  image?: Pick<Picture, 'file' | 'alt' | 'width' | 'height'>;
  type?: 'website' | 'article';
};

/**
 * Canonical URL, Open Graph and Twitter card of a page. The shared image is the original photo rather than an
 * optimized one: its size is known exactly and it is a JPEG every crawler reads, whatever it sends as Accept.
 */
export function pageMetadata(site: Pick<Site, 'title' | 'description'>, page: Page): Metadata {
  const { title, path, image, type = 'website' } = page;
  const description = page.description ?? site.description;
  const images = image && [{ url: image.file, width: image.width, height: image.height, alt: image.alt }];
  return {
    ...(title && { title }),
    description,
    alternates: { canonical: path },
    openGraph: { type, url: path, siteName: site.title, title: title ?? site.title, description, images },
    twitter: {
      card: images ? 'summary_large_image' : 'summary',
      title: title ? `${title} — ${site.title}` : site.title,
      description,
      images,
    },
  };
}
