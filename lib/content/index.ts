import 'server-only';
import path from 'node:path';
import { cache } from 'react';
import { forgetPhotoFacts, photoWork, prunePhotoCache, writePhotoFiles } from '../photos';
import { reportPhotoProgress } from '../photos/progress';
import { pathIn } from '../i18n';
import { formatProblem } from './problems';
import { byListingOrder, loadContent, photoFilesOf, type Content, type Project } from './load';
import { readSnapshot } from './snapshot';

export { pictureOf } from './load';
export type { Embed, Media, Photo, Picture, Project, Video } from './load';
export type { Category, ProjectLink, Site } from './schema';

/** `content/` unless `CONTENT_DIR` names another folder. */
// Read at build time only (every page is prerendered), so the server bundle need not trace these folders.
export const contentDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR ?? 'content');
export const publicDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), 'public');
const photoCacheDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), '.next/cache/photos');
/** Where `npm run build`'s first read of the content leaves it for the build's workers (lib/content/snapshot.ts). */
const snapshotDirs = {
  contentDir,
  projectDir: path.resolve(/* turbopackIgnore: true */ process.cwd()),
  snapshotDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), '.next/cache/content'),
};
const production = process.env.NODE_ENV === 'production';
const building = process.env.NEXT_PHASE === 'phase-production-build';
// Photo files go where Next serves `/_next/static/` from: `next build` empties `.next/static` first and `next dev`
// keeps its own `.next/dev`. Deployed, they are static files like the scripts (immutable, on Vercel's CDN).
const photoOutDir = path.resolve(
  /* turbopackIgnore: true */ process.cwd(),
  production ? '.next/static/photos' : '.next/dev/static/photos',
);

// Route handlers (sitemap.xml, robots.txt) are bundled apart from the pages, each with its own copy of this
// module: a process-wide slot lets them all share one read of the content.
const loaded = Symbol.for('portfolio.content');
const processWide = globalThis as typeof globalThis & { [loaded]?: Promise<Content> };

async function load(): Promise<Content> {
  if (!production) forgetPhotoFacts();
  // Photos are written by the build (and by `next dev` for its preview); a deployed server only serves them.
  const photoFiles = building || !production;
  const stopProgress = building ? reportPhotoProgress() : () => {};
  const snapshot = building ? await readSnapshot(snapshotDirs) : undefined;
  const content =
    snapshot ??
    (await loadContent({ contentDir, publicDir, photoCacheDir, includeDrafts: !production, photoFiles }).catch((error: unknown) => {
      stopProgress();
      throw error;
    }));
  content.warnings.forEach((warning) => console.warn(formatProblem(warning)));
  if (photoFiles) {
    const files = photoFilesOf(content.projects);
    const stats = await writePhotoFiles({ imagesDir: content.imagesDir, cacheDir: photoCacheDir, outDir: photoOutDir }, files);
    stopProgress();
    if (building) {
      // Every worker of the build sees the same published photos, so each prunes to the same set.
      const { removed } = await prunePhotoCache({ imagesDir: content.imagesDir, cacheDir: photoCacheDir }, files);
      const { read, encoded } = photoWork();
      console.log(
        `Content of ${content.projects.length} projects ${snapshot ? "from the build's first read" : 'read'}. Photos: ${stats.photos} in use (${stats.files} files); ${read} read, ${encoded} encoded by this build; ${removed} unused files removed from the cache`,
      );
    }
  }
  return content;
}

// A production build reads the content once per process; `next dev` rereads it on every request so edits show up.
const getContent = production ? () => (processWide[loaded] ??= load()) : cache(load);

export async function getSite() {
  return (await getContent()).site;
}

/** The site's languages: its own (`lang`) first, then the others of `languages`. */
export async function getLanguages() {
  const { site } = await getContent();
  return [site.lang, ...site.languages];
}

/** The site as a page in `lang` shows it: its description and its categories' labels in that language. */
export async function getSiteIn(lang: string) {
  const { site } = await getContent();
  if (lang === site.lang) return site;
  const { title = site.title, description = site.description } = site.translations[lang] ?? {};
  const categories = site.categories.map((category) => ({ ...category, ...category.translations[lang] }));
  return { ...site, title, description, categories };
}

export async function getCategories(lang: string) {
  return (await getSiteIn(lang)).categories;
}

export async function getCategory(slug: string, lang: string) {
  return (await getCategories(lang)).find((category) => category.slug === slug);
}

/**
 * `compute` once per read of the content and key: pages ask these once or twice each, so a scan of every project per
 * question made a 1,000-project build quadratic.
 */
function perContent<T>(compute: (content: Content, key: string) => T) {
  const answers = new WeakMap<Content, Map<string, T>>();
  return async (key: string) => {
    const content = await getContent();
    let byKey = answers.get(content);
    if (!byKey) answers.set(content, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, compute(content, key));
    return byKey.get(key)!;
  };
}

/**
 * Every listed project as `lang` lists it (not `unlisted` ones, which only their URL reaches), in listing order: its
 * translation, or else the original, in its own language (its `lang` says which). A listing in English keeps every
 * photograph, translated or not; an untranslated card leads to the page in the language it is written in.
 */
function listed({ site, projects, translations }: Content, lang: string): Project[] {
  if (lang === site.lang) return projects.filter((project) => !project.unlisted);
  const translated = new Map((translations[lang] ?? []).map((project) => [project.slug, project]));
  return projects
    .map((project) => translated.get(project.slug) ?? project)
    .filter((project) => !project.unlisted)
    .sort(byListingOrder(lang));
}

/** The projects that get a page in `lang` (unlisted ones included): the originals, or that language's translations. */
const built = ({ site, projects, translations }: Content, lang: string) => (lang === site.lang ? projects : (translations[lang] ?? []));

/** Every listed project, in listing order: what listings, the sitemap and structured data show. */
export const getAllProjects = perContent(listed);

const listedInCategory = perContent((content, key) => {
  const [lang = '', category] = key.split('/');
  return listed(content, lang).filter((project) => project.category === category);
});

/** Listed projects of a category, in listing order. */
export async function getProjects(category: string, lang: string) {
  return listedInCategory(`${lang}/${category}`);
}

export async function getBuiltProjects(lang: string) {
  return built(await getContent(), lang);
}

/** The projects with a page in `lang`, by slug (a slug is its file's name: one page per language). */
const builtBySlug = perContent((content, lang) => new Map(built(content, lang).map((project) => [project.slug, project])));

export async function getProject(category: string, slug: string, lang: string) {
  const project = (await builtBySlug(lang)).get(slug);
  return project?.category === category ? project : undefined;
}

/** Per language, the path in it of a page every language has (the home page, a category's): `/` → `{ it: '/', en: '/en' }`. */
export async function getPageVersions(path: string) {
  const { site } = await getContent();
  return Object.fromEntries((await getLanguages()).map((lang) => [lang, pathIn(site, lang, path)]));
}

/** Per language, the path of the project's page in it: the original's, and each translation's. */
export async function getProjectVersions(slug: string) {
  const languages = await getLanguages();
  const versions = await Promise.all(
    languages.map(async (lang) => [lang, (await builtBySlug(lang)).get(slug)?.href] as const),
  );
  return Object.fromEntries(versions.filter((version): version is readonly [string, string] => !!version[1]));
}
