import type { Metadata } from 'next';
import type { Picture, Site } from '@/lib/content';
import { getStrings } from '@/lib/i18n';

type Page = {
  /** Omitted on the home page, whose title is the site's. */
  title?: string;
  description?: string;
  /** The page's path, made absolute with `metadataBase` (from `SITE_URL`). */
  path: string;
  /** The page's language. */
  lang: string;
  /** Per language, the path of this page in it (this page's own among them): its `hreflang` alternates. */
  versions: Record<string, string>;
  image?: Pick<Picture, 'social' | 'alt'>;
  type?: 'website' | 'article';
  /** An unlisted page: reachable by its URL, kept out of search engines. */
  noindex?: boolean;
};

/**
 * Canonical URL, Open Graph and Twitter card of a page. The shared image is the photo's 1200-px JPEG built for
 * social cards: small enough for every crawler's limit, and a format every crawler reads, whatever it sends as Accept.
 */
export function pageMetadata(site: Pick<Site, 'title' | 'description' | 'lang'>, page: Page): Metadata {
  const { title, path, image, lang, versions, type = 'website' } = page;
  const description = page.description ?? site.description;
  const images = image && [{ ...image.social, alt: image.alt }];
  return {
    ...(title && { title }),
    description,
    // x-default: the site's own language, for a visitor whose language is none of the site's.
    alternates: { canonical: path, languages: { ...versions, 'x-default': versions[site.lang] ?? path } },
    ...(page.noindex && { robots: { index: false, follow: false } }),
    openGraph: {
      type,
      url: path,
      siteName: site.title,
      title: title ?? site.title,
      description,
      images,
      locale: getStrings(lang).ogLocale,
      alternateLocale: Object.keys(versions)
        .filter((other) => other !== lang)
        .map((other) => getStrings(other).ogLocale),
    },
    twitter: {
      card: images ? 'summary_large_image' : 'summary',
      title: title ? `${title} — ${site.title}` : site.title,
      description,
      images,
    },
  };
}
