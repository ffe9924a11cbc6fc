import type { MetadataRoute } from 'next';
import { getAllProjects, getCategories } from '@/lib/content';
import { absoluteUrl } from '@/lib/site-url';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [categories, projects] = await Promise.all([getCategories(), getAllProjects()]);
  return [
    { url: absoluteUrl('/') },
    ...categories.map((category) => ({ url: absoluteUrl(`/${category.slug}`) })),
    ...projects.map((project) => ({
      url: absoluteUrl(project.href),
      images: project.media.map((photo) => absoluteUrl(photo.largest.url)),
    })),
  ];
}
