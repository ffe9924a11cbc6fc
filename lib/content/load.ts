import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import type { z } from 'zod';
import { format, getStrings, pathIn } from '../i18n';
import { getPhotoFacts, PhotoError, photoSources, savePhotoIndex, type PhotoDirs, type PhotoFacts, type PhotoSources } from '../photos';
import { cameraLine } from './camera';
import { isVideo } from './videos';
import { markdownToHtml } from './markdown';
import { ContentError, describeValue, displayPath, formatFieldPath, type Problem } from './problems';
import {
  createProjectSchema,
  knownKeys,
  siteSchema,
  slugify,
  slugPattern,
  type Focus,
  type ProjectFrontmatter,
  type Site,
} from './schema';
import { YamlSource, YamlSyntaxError } from './yaml-source';

type Item = ProjectFrontmatter['media'][number];
type Described = { alt: string; altGiven: boolean };

/** An image as pages show it: a photo, or the poster of a video or an embed. */
export type Picture = { file: string; alt: string } & Pick<PhotoFacts, 'width' | 'height' | 'blurDataURL'> & PhotoSources;

export type Photo = Extract<Item, { type: 'image' }> &
  Picture &
  Described & {
    /** The camera's facts, one line ("LEICA Q2 · 28 mm · f/5.6 · 1/250 s · ISO 100"), unless turned off or absent. */
    camera?: string;
  };
export type Video = Omit<Extract<Item, { type: 'video' }>, 'poster'> & Described & { poster: Picture };
export type Embed = Omit<Extract<Item, { type: 'embed' }>, 'poster'> & Described & { poster?: Picture };
export type Media = Photo | Video | Embed;

export type Project = Omit<ProjectFrontmatter, 'media'> & {
  slug: string;
  /** The language of its text: site.yml's `lang` for an original, the folder's for a translation. */
  lang: string;
  href: string;
  html: string;
  media: Media[];
  /** The first media item's photo or poster: the project's cover and card image, with where a crop of it centres. */
  cover?: Picture & { caption?: string; focus?: Focus };
};

export type Content = {
  site: Site;
  projects: Project[];
  /** Per language of site.yml's `languages`: its translated projects, each the original with its translated text. */
  translations: Record<string, Project[]>;
  warnings: Problem[];
  /** Where the photos' sources were read from: what a build makes their files of. */
  imagesDir: string;
};

export type LoadOptions = {
  contentDir: string;
  /** Where videos are served from (`public/`), and the photos too when site.yml says `originals: public`. */
  publicDir: string;
  /** The photos' sources; by default `<contentDir>/images/` (or `public/_static/images/` with `originals: public`). */
  imagesDir?: string;
  /** Where photo facts are kept between runs (`.next/cache/photos`), so that unchanged photos are not read again. */
  photoCacheDir: string;
  /** Drafts are shown by `next dev`, never by a production build. */
  includeDrafts: boolean;
  /** Encode each new photo's files as it is decoded, for a build that writes them next (`PhotoDirs.withFiles`). */
  photoFiles?: boolean;
};

/** The facts of each media item's image (its photo or poster), in media order. */
type Parsed = {
  slug: string;
  frontmatter: ProjectFrontmatter;
  images: (PhotoFacts | undefined)[];
  body: string;
  /** The front matter as written, which a translation is checked against. */
  raw: Record<string, unknown>;
};

/** Reads and validates `site.yml` and every project; throws one ContentError listing every problem. */
export async function loadContent(options: LoadOptions): Promise<Content> {
  const { contentDir, publicDir, photoCacheDir, includeDrafts, photoFiles } = options;
  const problems: Problem[] = [];
  const site = await readSite(path.join(contentDir, 'site.yml'), problems);
  const imagesDir = options.imagesDir ?? imagesDirOf(site?.originals, { contentDir, publicDir });
  // Without a valid site.yml, categories are not checked: one error there is enough.
  const schema = createProjectSchema({ categories: site?.categories.map((category) => category.slug), publicDir, imagesDir });

  const projectsDir = path.join(contentDir, 'projects');
  const entries = await readdir(projectsDir, { withFileTypes: true }).catch(() => {
    problems.push({ severity: 'error', file: displayPath(projectsDir), message: 'expected a folder of project files' });
    return [];
  });
  const visible = entries.filter((entry) => !entry.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1));
  const photoDirs = { imagesDir, cacheDir: photoCacheDir, withFiles: photoFiles };
  const parsed = await Promise.all(
    visible
      .filter((entry) => !entry.isDirectory())
      .map(async (entry) => {
        const fileProblems: Problem[] = [];
        const project = await loadProject(path.join(projectsDir, entry.name), { schema, publicDir, photos: photoDirs, includeDrafts }, fileProblems);
        return { project, fileProblems };
      }),
  );
  parsed.forEach(({ fileProblems }) => problems.push(...fileProblems));
  await savePhotoIndex(photoCacheDir);
  const originals = new Map(parsed.flatMap(({ project }) => (project ? [[project.slug, project] as const] : [])));
  // Originals with errors of their own are listed once, for their own file: their translations wait for them.
  const written = new Set(visible.filter((entry) => !entry.isDirectory()).map((entry) => entry.name));
  const translated = await Promise.all(
    visible
      .filter((entry) => entry.isDirectory())
      .map((entry) => loadTranslations(path.join(projectsDir, entry.name), { site, schema, originals, written }, problems)),
  );

  if (!site || problems.some((problem) => problem.severity === 'error')) throw new ContentError(problems);

  const published = (project: Parsed) => includeDrafts || !project.frontmatter.draft;
  const projects = await Promise.all([...originals.values()].filter(published).map((project) => buildProject(project, site, site.lang)));
  const translations: Content['translations'] = Object.fromEntries(site.languages.map((language) => [language, []]));
  for (const { language, projects: list } of translated.flatMap((found) => found ?? [])) {
    const built = await Promise.all(list.filter(published).map((project) => buildProject(project, site, language)));
    translations[language] = built.sort(byListingOrder(language));
  }
  return { site, projects: projects.sort(byListingOrder(site.lang)), translations, warnings: problems, imagesDir };
}

/**
 * The translations in `projects/<language>/`: each `<slug>.md` carries the translated fields of
 * `projects/<slug>.md` (title, summary, role, media alts and captions, link names and email texts, the body) and
 * nothing else that differs from it: media files, order, category and link targets are the original's.
 */
async function loadTranslations(
  folder: string,
  {
    site,
    schema,
    originals,
    written,
  }: { site: Site | undefined; schema: ReturnType<typeof createProjectSchema>; originals: Map<string, Parsed>; written: Set<string> },
  problems: Problem[],
): Promise<{ language: string; projects: Parsed[] } | undefined> {
  const language = path.basename(folder);
  const displayed = displayPath(folder);
  if (!site) return undefined;
  if (!site.languages.includes(language)) {
    const listed = site.languages.length ? site.languages.join(', ') : 'none listed';
    problems.push({
      severity: 'error',
      file: displayed,
      message: `expected a folder named after a language of site.yml's languages (${listed}), got "${language}"`,
    });
    return undefined;
  }
  const names = (await readdir(folder)).filter((name) => !name.startsWith('.')).sort();
  const projects = await Promise.all(
    names.map(async (name) => {
      const file = path.join(folder, name);
      const shown = displayPath(file);
      const slug = name.slice(0, -'.md'.length);
      const original = name.endsWith('.md') ? originals.get(slug) : undefined;
      if (!original && written.has(name)) return undefined;
      if (!original) {
        const message = name.endsWith('.md')
          ? `expected a translation of an existing project, got "${name}": there is no ${displayPath(path.join(folder, '..', name))}`
          : `expected a <slug>.md translation, got "${name}"`;
        problems.push({ severity: 'error', file: shown, line: 1, column: 1, message });
        return undefined;
      }
      const read = await readFrontmatter(file, problems);
      if (!read) return undefined;
      const { yaml, body } = read;
      const found: Problem[] = [];
      const merged = mergeTranslation(yaml, original.raw, (at, message) =>
        found.push({ severity: 'error', file: shown, ...yaml.locate(at), field: formatFieldPath(at), message }),
      );
      // The browser editor names the original in the file too (it makes the file name of it); it can only be this one.
      const named = (yaml.data as Record<string, unknown> | null)?.original;
      if (named !== undefined && named !== slug) {
        const message = `expected "${slug}", the project this file translates (its file name), or no original, got ${describeValue(named)}`;
        found.push({ severity: 'error', file: shown, ...yaml.locate(['original']), field: 'original', message });
      }
      for (const field of ['title', 'summary'] as const) {
        if (typeof merged[field] !== 'string' || (yaml.data as Record<string, unknown>)?.[field] === undefined) {
          found.push({ severity: 'error', file: shown, line: 1, column: 1, field, message: `expected the translated ${field}` });
        }
      }
      if (original.body.trim() && !body.trim()) {
        found.push({ severity: 'error', file: shown, message: 'expected the translated text below the front matter' });
      }
      const result = schema.safeParse(merged);
      if (!result.success) found.push(...issuesToProblems(result.error.issues, yaml, shown));
      problems.push(...found);
      if (found.length || !result.success) return undefined;
      return { ...original, frontmatter: result.data, body, raw: merged };
    }),
  );
  return { language, projects: projects.filter((project): project is Parsed => project !== undefined) };
}

/** Per item of `media` and `links`, the fields a translation writes in its own language; anything else is the original's. */
export const translatable = {
  project: ['title', 'summary', 'role', 'media', 'links'],
  media: ['alt', 'caption'],
  links: ['name', 'emailsubject', 'emailcontent'],
} as const;

/** The original's front matter with the translation's text in it; `refuse` names each field set differently. */
function mergeTranslation(
  yaml: YamlSource,
  original: Record<string, unknown>,
  refuse: (at: PropertyKey[], message: string) => void,
): Record<string, unknown> {
  const data = (yaml.data ?? {}) as Record<string, unknown>;
  const same = (at: PropertyKey[], value: unknown, theirs: unknown) => {
    if (JSON.stringify(value) === JSON.stringify(theirs)) return;
    refuse(at, `expected no ${formatFieldPath(at)} (it comes from the original) or the original's ${describeValue(theirs)}, got ${describeValue(value)}`);
  };
  // An alt is in the page's language: an item whose alt the translation leaves out gets one derived in it
  // (buildProject), never the original's. Captions the translation leaves out stay the original's.
  const withoutAlt = (item: Record<string, unknown>) => Object.fromEntries(Object.entries(item).filter(([field]) => field !== 'alt'));
  const originalMedia = Array.isArray(original.media) ? (original.media as Record<string, unknown>[]) : undefined;
  const merged: Record<string, unknown> = { ...original, ...(originalMedia && { media: originalMedia.map(withoutAlt) }) };
  for (const [key, value] of Object.entries(data)) {
    if (key === 'original') continue;
    if (!(translatable.project as readonly string[]).includes(key)) {
      same([key], value, original[key]);
    } else if (key === 'media' || key === 'links') {
      const theirs = Array.isArray(original[key]) ? (original[key] as Record<string, unknown>[]) : [];
      if (!Array.isArray(value) || value.length !== theirs.length) {
        refuse([key], `expected ${theirs.length} items, one per item of the original and in its order, got ${Array.isArray(value) ? value.length : describeValue(value)}`);
        continue;
      }
      const own: readonly string[] = translatable[key];
      merged[key] = theirs.map((item, index) => {
        const translation = (value[index] ?? {}) as Record<string, unknown>;
        for (const [field, text] of Object.entries(translation)) {
          if (!own.includes(field)) same([key, index, field], text, item[field]);
        }
        const kept = key === 'media' ? withoutAlt(item) : item;
        return { ...kept, ...Object.fromEntries(Object.entries(translation).filter(([field]) => own.includes(field))) };
      });
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/**
 * Where the photos' sources are: `<contentDir>/images/`, which is never served (only the files built from them are),
 * or `public/_static/images/` for a site whose originals are meant to be downloaded as they are.
 */
export function imagesDirOf(
  originals: Site['originals'] | undefined,
  { contentDir, publicDir }: Pick<LoadOptions, 'contentDir' | 'publicDir'>,
): string {
  return originals === 'public' ? path.join(publicDir, '_static', 'images') : path.join(contentDir, 'images');
}

/** Reads and validates `site.yml` alone; throws a ContentError when it is invalid. */
export async function loadSite(contentDir: string): Promise<Site> {
  const problems: Problem[] = [];
  const site = await readSite(path.join(contentDir, 'site.yml'), problems);
  if (!site) throw new ContentError(problems);
  return site;
}

async function readSite(file: string, problems: Problem[]): Promise<Site | undefined> {
  const displayed = displayPath(file);
  const source = await readFile(file, 'utf8').catch(() => undefined);
  if (source === undefined) {
    problems.push({ severity: 'error', file: displayed, message: 'expected a site.yml with title, description, lang and categories' });
    return undefined;
  }
  const yaml = parseYaml(source, displayed, problems);
  if (!yaml) return undefined;
  const result = siteSchema.safeParse(yaml.data ?? {});
  if (result.success) return result.data;
  problems.push(...issuesToProblems(result.error.issues, yaml, displayed));
  return undefined;
}

async function loadProject(
  file: string,
  {
    schema,
    publicDir,
    photos,
    includeDrafts,
  }: { schema: ReturnType<typeof createProjectSchema>; publicDir: string; photos: PhotoDirs; includeDrafts: boolean },
  problems: Problem[],
): Promise<Parsed | undefined> {
  const displayed = displayPath(file);
  const name = path.basename(file);
  if (!name.endsWith('.md')) {
    problems.push({ severity: 'error', file: displayed, message: `expected a <slug>.md project file, got "${name}"` });
    return undefined;
  }
  const slug = name.slice(0, -'.md'.length);
  if (!slugPattern.test(slug)) {
    problems.push({
      severity: 'error',
      file: displayed,
      message: `expected a file name of lowercase a-z0-9 words joined by "-" (such as "${slugify(slug) || 'project'}.md"), got "${name}"`,
    });
  }

  const read = await readFrontmatter(file, problems);
  if (!read) return undefined;
  const { yaml, body } = read;

  problems.push(...unknownKeyWarnings(yaml, displayed));
  const result = schema.safeParse(yaml.data ?? {});
  if (!result.success) {
    problems.push(...issuesToProblems(result.error.issues, yaml, displayed));
    return undefined;
  }
  const unreadable = (field: PropertyKey[], message: string): Problem => ({
    severity: 'error',
    file: displayed,
    ...yaml.locate(field),
    field: formatFieldPath(field),
    message,
  });
  // A draft left out of the build has its photos checked, not encoded.
  const photoDirs = result.data.draft && !includeDrafts ? { ...photos, withFiles: false } : photos;
  // Each item's files are read at once; their problems are listed in media order.
  const checked = await Promise.all(
    result.data.media.map(async (item, index) => {
      const found: Problem[] = [];
      if (item.type === 'video' && !(await isVideo(publicDir, item.file))) {
        found.push(unreadable(['media', index, 'file'], `expected a readable MP4 or WebM video, got "${item.file}"`));
      }
      const [key, file] = item.type === 'image' ? ['file', item.file] : ['poster', item.poster];
      const image = file === undefined ? undefined : await getPhotoFacts(photoDirs, file).catch((error: unknown) => {
        if (error instanceof PhotoError) return error;
        throw error;
      });
      if (image instanceof PhotoError) {
        const detail = image.detail ? `: ${image.detail}` : '';
        found.push(unreadable(['media', index, key], `expected ${image.expected}, got "${file}"${detail}`));
        return { found, image: undefined };
      }
      return { found, image };
    }),
  );
  checked.forEach(({ found }) => problems.push(...found));
  if (problems.some((problem) => problem.severity === 'error')) return undefined;
  const images = checked.map(({ image }) => image);
  return { slug, frontmatter: result.data, images, body, raw: (yaml.data ?? {}) as Record<string, unknown> };
}

/** A markdown file's front matter (YAML only: other languages are refused, never run) and its body. */
async function readFrontmatter(file: string, problems: Problem[]): Promise<{ yaml: YamlSource; body: string } | undefined> {
  const displayed = displayPath(file);
  const source = await readFile(file, 'utf8');
  if (/^---/.test(source) && !/\r?\n---\s*(?:\r?\n|$)/.test(source.slice(3))) {
    problems.push({ severity: 'error', file: displayed, line: 1, column: 1, message: 'expected a closing "---" after the front matter' });
    return undefined;
  }
  let parsedYaml: YamlSource | undefined;
  let body: string;
  try {
    const parsed = matter(source, {
      engines: {
        yaml: (frontmatter: string) => {
          parsedYaml = new YamlSource(frontmatter);
          return (parsedYaml.data ?? {}) as object;
        },
        // gray-matter evaluates `---js` front matter by default; content must never run code.
        javascript: refuse,
        js: refuse,
        json: refuse,
        coffee: refuse,
      },
    });
    body = parsed.content;
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      problems.push({ severity: 'error', file: displayed, ...error.position, message: `malformed YAML: ${error.message}` });
    } else {
      problems.push({ severity: 'error', file: displayed, line: 1, column: 1, message: frontmatterLanguageMessage(source) });
    }
    return undefined;
  }
  const yaml = parsedYaml;
  if (!yaml) {
    problems.push({ severity: 'error', file: displayed, line: 1, column: 1, message: 'expected YAML front matter between "---" lines' });
    return undefined;
  }
  return { yaml, body };
}

function refuse(): never {
  throw new Error('refused');
}

function frontmatterLanguageMessage(source: string): string {
  const language = source.split(/\r?\n/, 1)[0]?.slice(3).trim();
  return `expected YAML front matter ("---"), got "---${language}": front matter in other languages is refused and never run`;
}

function parseYaml(source: string, file: string, problems: Problem[]): YamlSource | undefined {
  try {
    return new YamlSource(source);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    problems.push({ severity: 'error', file, ...error.position, message: `malformed YAML: ${error.message}` });
    return undefined;
  }
}

function issuesToProblems(issues: readonly z.core.$ZodIssue[], yaml: YamlSource, file: string): Problem[] {
  return issues.map((issue) => {
    const got = describeValue(valueAt(yaml.data, issue.path));
    const hint = issue.code === 'custom' && typeof issue.params?.hint === 'string' ? `; ${issue.params.hint}` : '';
    return {
      severity: 'error',
      file,
      ...yaml.locate(issue.path),
      field: formatFieldPath(issue.path),
      message: `${issue.message}, got ${got}${hint}`,
    };
  });
}

function unknownKeyWarnings(yaml: YamlSource, file: string): Problem[] {
  const warnings: Problem[] = [];
  const check = (value: unknown, known: readonly string[], at: PropertyKey[]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const fieldPath = [...at, key];
      warnings.push({
        severity: 'warning',
        file,
        ...yaml.locate(fieldPath, { key: true }),
        field: formatFieldPath(fieldPath),
        message: `unknown field, ignored (known fields: ${known.join(', ')})`,
      });
    }
  };
  const data = yaml.data as Record<string, unknown> | null;
  check(data, knownKeys.project, []);
  const keysOf = (item: unknown): readonly string[] => {
    const type = typeof item === 'object' && item !== null && 'type' in item ? item.type : undefined;
    return Object.entries(knownKeys.mediaTypes).find(([name]) => name === type)?.[1] ?? knownKeys.media;
  };
  const [media, links] = [data?.media, data?.links];
  if (Array.isArray(media)) media.forEach((item, index) => check(item, keysOf(item), ['media', index]));
  if (Array.isArray(links)) links.forEach((item, index) => check(item, knownKeys.links, ['links', index]));
  return warnings;
}

function valueAt(data: unknown, segments: readonly PropertyKey[]): unknown {
  return segments.reduce<unknown>(
    (value, segment) =>
      typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[segment] : undefined,
    data,
  );
}

async function buildProject({ slug, frontmatter, images, body }: Parsed, site: Site, lang: string): Promise<Project> {
  const { photoAlt, videoAlt } = getStrings(lang);
  const media = frontmatter.media.map((item, index, all): Media => {
    const alt =
      item.alt ??
      format(item.type === 'image' ? photoAlt : videoAlt, { title: frontmatter.title, position: index + 1, total: all.length });
    const described = { alt, altGiven: item.alt !== undefined };
    const image = images[index];
    switch (item.type) {
      case 'image': {
        const camera = site.exif && item.exif ? cameraLine(image!.camera, lang) : undefined;
        return { ...item, ...facts(item.file, image!), ...described, ...(camera && { camera }) };
      }
      case 'video':
        return { ...item, ...described, poster: { file: item.poster, alt, ...facts(item.poster, image!) } };
      case 'embed':
        return {
          ...item,
          ...described,
          poster: item.poster && image ? { file: item.poster, alt, ...facts(item.poster, image) } : undefined,
        };
    }
  });
  return {
    ...frontmatter,
    slug,
    lang,
    href: pathIn(site, lang, `/${frontmatter.category}/${slug}`),
    html: await markdownToHtml(body),
    media,
    cover: coverOf(media[0]),
  };
}

/** What pages need of an image: its size, placeholder and the static files built of it. */
function facts(file: string, image: PhotoFacts): Omit<Picture, 'file' | 'alt'> {
  const { width, height, blurDataURL } = image;
  return { width, height, blurDataURL, ...photoSources(file, image) };
}

/** The image a media item shows before it is played: the photo itself, or the poster of a video or embed. */
export function pictureOf(item: Media): Picture | undefined {
  return item.type === 'image' ? item : item.poster;
}

/** Every photo file the projects show (photos and posters), in order: what a build writes the files of. */
export function photoFilesOf(projects: Project[]): string[] {
  return projects.flatMap((project) => project.media.flatMap((item) => pictureOf(item)?.file ?? []));
}

function coverOf(item: Media | undefined): Project['cover'] {
  const picture = item && pictureOf(item);
  return picture && { ...picture, caption: item.caption, ...(item.focus && { focus: item.focus }) };
}

/** Editor order (`order`), then title in the language's alphabetical order. */
export function byListingOrder(lang: string) {
  const collator = new Intl.Collator(lang);
  return (a: Project, b: Project) =>
    (a.order ?? Infinity) - (b.order ?? Infinity) || collator.compare(a.title, b.title);
}
