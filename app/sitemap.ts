import type { MetadataRoute } from 'next';
import { getAllProjects, getCategories, pictureOf } from '@/lib/content';
import { absoluteUrl } from '@/lib/site-url';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [categories, projects] = await Promise.all([getCategories(), getAllProjects()]);
  return [
    { url: absoluteUrl('/') },
    ...categories.map((category) => ({ url: absoluteUrl(`/${category.slug}`) })),
    ...projects.map((project) => ({
      url: absoluteUrl(project.href),
      images: project.media.flatMap((item) => pictureOf(item) ?? []).map((picture) => absoluteUrl(picture.largest.url)),
      videos: project.media.flatMap((item) =>
        item.type !== 'image' && item.poster
          ? [
              {
                title: item.alt,
                description: item.caption ?? item.alt,
                thumbnail_loc: absoluteUrl(item.poster.largest.url),
                ...(item.type === 'video' ? { content_loc: absoluteUrl(item.file) } : { player_loc: item.player.src }),
              },
            ]
          : [],
      ),
    })),
  ];
}
