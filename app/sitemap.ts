import type { MetadataRoute } from 'next';
import { getAllProjects, getCategories, pictureOf } from '@/lib/content';
import { absoluteUrl } from '@/lib/site-url';
import { describeVideo } from '@/lib/structured-data';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [categories, projects] = await Promise.all([getCategories(), getAllProjects()]);
  return [
    { url: absoluteUrl('/') },
    ...categories.map((category) => ({ url: absoluteUrl(`/${category.slug}`) })),
    ...projects.map((project) => ({
      url: absoluteUrl(project.href),
      images: project.media.flatMap((item) => pictureOf(item) ?? []).map((picture) => absoluteUrl(picture.largest.url)),
      videos: project.media.flatMap((item) => {
        if (item.type === 'image' || !item.poster) return [];
        const { name, description, thumbnail, content, player } = describeVideo(item);
        return [{ title: name, description, thumbnail_loc: thumbnail!, ...(content ? { content_loc: content } : { player_loc: player! }) }];
      }),
    })),
  ];
}
