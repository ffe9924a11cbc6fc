import 'server-only';
import path from 'node:path';
import { cache } from 'react';
import { forgetPhotoFacts, photoWork, prunePhotoCache, writePhotoFiles } from '../photos';
import { reportPhotoProgress } from '../photos/progress';
import { formatProblem } from './problems';
import { loadContent, photoFilesOf, type Content } from './load';

export { pictureOf } from './load';
export type { Embed, Media, Photo, Picture, Project, Video } from './load';
export type { Category, ProjectLink, Site } from './schema';

/** `content/` unless `CONTENT_DIR` names another folder. */
// Read at build time only (every page is prerendered), so the server bundle need not trace these folders.
export const contentDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR ?? 'content');
export const publicDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), 'public');
const photoCacheDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), '.next/cache/photos');
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
  const content = await loadContent({ contentDir, publicDir, photoCacheDir, includeDrafts: !production, photoFiles }).catch(
    (error: unknown) => {
      stopProgress();
      throw error;
    },
  );
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
        `Photos: ${stats.photos} in use (${stats.files} files); ${read} read, ${encoded} encoded by this build; ${removed} unused files removed from the cache`,
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

export async function getCategories() {
  return (await getContent()).site.categories;
}

export async function getCategory(slug: string) {
  return (await getCategories()).find((category) => category.slug === slug);
}

/** Listed projects of a category, in listing order: not `unlisted` ones, which only their URL reaches. */
export async function getProjects(category: string) {
  return (await getAllProjects()).filter((project) => project.category === category);
}

/** Every listed project, in listing order: what listings, the sitemap and structured data show. */
export async function getAllProjects() {
  return (await getContent()).projects.filter((project) => !project.unlisted);
}

/** Every project that gets a page, unlisted ones included. */
export async function getBuiltProjects() {
  return (await getContent()).projects;
}

export async function getProject(category: string, slug: string) {
  return (await getBuiltProjects()).find((project) => project.category === category && project.slug === slug);
}
