import 'server-only';
import path from 'node:path';
import { cache } from 'react';
import { formatProblem } from './problems';
import { loadContent, type Content } from './load';

export { pictureOf } from './load';
export type { Embed, Media, Photo, Picture, Project, Video } from './load';
export type { Category, ProjectLink, Site } from './schema';

/** `content/` unless `CONTENT_DIR` names another folder. */
// Read at build time only (every page is prerendered), so the server bundle need not trace these folders.
export const contentDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.CONTENT_DIR ?? 'content');
const publicDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), 'public');
const production = process.env.NODE_ENV === 'production';

// Route handlers (sitemap.xml, robots.txt) are bundled apart from the pages, each with its own copy of this
// module: a process-wide slot lets them all share one read of the content.
const loaded = Symbol.for('portfolio.content');
const processWide = globalThis as typeof globalThis & { [loaded]?: Promise<Content> };

async function load(): Promise<Content> {
  const content = await loadContent({ contentDir, publicDir, includeDrafts: !production });
  content.warnings.forEach((warning) => console.warn(formatProblem(warning)));
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

/** Published projects of a category, in listing order. */
export async function getProjects(category: string) {
  return (await getContent()).projects.filter((project) => project.category === category);
}

export async function getAllProjects() {
  return (await getContent()).projects;
}

export async function getProject(category: string, slug: string) {
  return (await getProjects(category)).find((project) => project.slug === slug);
}
