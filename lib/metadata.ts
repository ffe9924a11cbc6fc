import type { Metadata } from 'next';
import type { Picture, Site } from '@/lib/content';

type Page = {
  /** Omitted on the home page, whose title is the site's. */
  title?: string;
  description?: string;
  /** The page's path, made absolute with `metadataBase` (from `SITE_URL`). */
  path: string;
  image?: Pick<Picture, 'social' | 'alt'>;
  type?: 'website' | 'article';
  /** An unlisted page: reachable by its URL, kept out of search engines. */
  noindex?: boolean;
};

/**
 * Canonical URL, Open Graph and Twitter card of a page. The shared image is the photo's 1200-px JPEG built for
 * social cards: small enough for every crawler's limit, and a format every crawler reads, whatever it sends as Accept.
 */
export function pageMetadata(site: Pick<Site, 'title' | 'description'>, page: Page): Metadata {
  const { title, path, image, type = 'website' } = page;
  const description = page.description ?? site.description;
  const images = image && [{ ...image.social, alt: image.alt }];
  return {
    ...(title && { title }),
    description,
    alternates: { canonical: path },
    ...(page.noindex && { robots: { index: false, follow: false } }),
    openGraph: { type, url: path, siteName: site.title, title: title ?? site.title, description, images },
    twitter: {
      card: images ? 'summary_large_image' : 'summary',
      title: title ? `${title} — ${site.title}` : site.title,
      description,
      images,
    },
  };
}
