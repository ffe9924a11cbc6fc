import type { MetadataRoute } from 'next';
import { getAllProjects, getCategories, getLanguages, getPageVersions, getProjectVersions, pictureOf } from '@/lib/content';
import { absoluteUrl } from '@/lib/site-url';
import { describeVideo } from '@/lib/structured-data';

/** Every page in every language, each with its versions in the others (`xhtml:link` alternates). */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const languages = await getLanguages();
  // x-default: the page in the site's own language, as the pages' hreflang links say (lib/metadata.ts).
  const alternates = (versions: Record<string, string>) => ({
    languages: Object.fromEntries(
      [...Object.entries(versions), ['x-default', versions[languages[0]!]]].flatMap(([lang, path]) => (path ? [[lang, absoluteUrl(path)]] : [])),
    ),
  });
  const pages = async (lang: string): Promise<MetadataRoute.Sitemap> => {
    const [categories, projects, home] = await Promise.all([getCategories(lang), getAllProjects(lang), getPageVersions('/')]);
    // A listing in one language shows untranslated projects in their own: each page is listed once, in its language.
    const own = projects.filter((project) => project.lang === lang);
    return [
      { url: absoluteUrl(home[lang]!), alternates: alternates(home) },
      ...(await Promise.all(
        categories.map(async (category) => {
          const versions = await getPageVersions(`/${category.slug}`);
          return { url: absoluteUrl(versions[lang]!), alternates: alternates(versions) };
        }),
      )),
      ...(await Promise.all(
        own.map(async (project) => ({
          url: absoluteUrl(project.href),
          alternates: alternates(await getProjectVersions(project.slug)),
          images: project.media.flatMap((item) => pictureOf(item) ?? []).map((picture) => absoluteUrl(picture.largest.url)),
          videos: project.media.flatMap((item) => {
            if (item.type === 'image' || !item.poster) return [];
            const { name, description, thumbnail, content, player } = describeVideo(item);
            return [{ title: name, description, thumbnail_loc: thumbnail!, ...(content ? { content_loc: content } : { player_loc: player! }) }];
          }),
        })),
      )),
    ];
  };
  return (await Promise.all(languages.map(pages))).flat();
}
