import { constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { getStrings } from '../i18n';
import { detectPhotoExtension, type PhotoExtension } from '../photos';
import { photoPrefix } from '../photos/source';
import { imagesDirOf, loadContent, loadSite } from './load';
import { ContentError, displayPath, formatProblem, type Problem } from './problems';
import { slugify, slugSchema } from './schema';

/** What an editor gives for a new project; photos in gallery order. */
export type NewProject = {
  title: string;
  category: string;
  /** Made from the title when not given. */
  slug?: string;
  year?: string;
  role?: string;
  /** The title stands in when none is given. */
  summary?: string;
  draft?: boolean;
  /** Where crops of the cover (the first photo) centre: `30% 60%` or a named side. */
  focus?: string;
  links?: { name: string; target: string }[];
  photos?: { file: string; alt?: string }[];
};

/** Where the project goes, and the build's photo cache (so that checking a photo here also warms the build). */
export type Folders = { contentDir: string; publicDir: string; photoCacheDir: string };

/** A new project checked against every content rule, ready to be written. */
export type ProjectPlan = {
  slug: string;
  href: string;
  file: string;
  markdown: string;
  photos: { source: string; target: string }[];
  /** What was filled in for the editor, such as a summary. */
  notes: string[];
};

/** Why a project was not made, one line per reason; nothing was written. */
export class Refusal extends Error {
  constructor(
    readonly reasons: string[],
    /** A free slug to offer when the wanted one is taken. */
    readonly freeSlug?: string,
  ) {
    super(reasons.join('\n'));
    this.name = 'Refusal';
  }
}

const photoNamePattern = /\.(?:jpe?g|png|webp|avif)$/i;

/** The photos a path stands for: the file itself, or a folder's photo files (by name) in natural order. */
export async function listPhotos(file: string): Promise<{ photos: string[]; skipped: string[] }> {
  const stats = await stat(file).catch(() => undefined);
  if (!stats?.isDirectory()) return { photos: [file], skipped: [] };
  const names = (await readdir(file, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort(new Intl.Collator('en', { numeric: true }).compare);
  return {
    photos: names.filter((name) => photoNamePattern.test(name)).map((name) => path.join(file, name)),
    skipped: names.filter((name) => !photoNamePattern.test(name)),
  };
}

/** A photo's extension on the site, or why it cannot be one: missing, not a readable image, another format. */
export async function checkPhoto(file: string): Promise<{ extension: PhotoExtension } | { problem: string }> {
  const shown = displayPath(file);
  const stats = await stat(file).catch(() => undefined);
  if (!stats) return { problem: `${shown}: no such file` };
  if (!stats.isFile()) return { problem: `${shown}: expected a photo file, got a folder or another kind of file` };
  const extension = await detectPhotoExtension(file).catch(() => undefined);
  if (extension === undefined) return { problem: `${shown}: not a readable image (judged by its content)` };
  if (typeof extension === 'object') {
    return { problem: `${shown}: expected a JPEG, PNG, WebP or AVIF photo, got a ${extension.other.toUpperCase()} image` };
  }
  return { extension };
}

/**
 * Checks a new project against every content rule before anything is written: the photos, the slug (never an
 * existing project or photo), and the front matter, which the build's loader validates in a scratch folder.
 * Throws a Refusal listing every problem.
 */
export async function planProject(input: NewProject, folders: Folders): Promise<ProjectPlan> {
  const site = await loadSite(folders.contentDir).catch((error: unknown) => {
    if (!(error instanceof ContentError)) throw error;
    throw new Refusal([...error.problems.map(formatProblem), 'fix site.yml first: it lists the categories']);
  });
  const reasons: string[] = [];
  const notes: string[] = [];

  const photos = input.photos ?? [];
  const checked = await Promise.all(photos.map((photo) => checkPhoto(photo.file)));
  checked.forEach((result) => 'problem' in result && reasons.push(result.problem));
  const extensions = checked.map((result) => ('extension' in result ? result.extension : 'jpg'));

  const title = input.title.trim();
  const slug = input.slug ?? slugify(title);
  if (input.slug !== undefined) {
    const result = slugSchema.safeParse(input.slug);
    if (!result.success) reasons.push(`slug: ${result.error.issues[0]?.message}, got "${input.slug}"`);
  } else if (title && !slug) {
    reasons.push(`title: has no letter or digit to make a slug from, got "${title}"; give one with --slug`);
  }
  const slugUsable = slugSchema.safeParse(slug).success;
  const imagesDir = imagesDirOf(site.originals, folders);
  const targetsOf = (candidate: string) =>
    extensions.map((extension, index) => path.join(imagesDir, `${candidate}-${index + 1}.${extension}`));
  const fileOf = (candidate: string) => path.join(folders.contentDir, 'projects', `${candidate}.md`);
  let freeSlug: string | undefined;
  if (slugUsable) {
    const taken = await takenPaths(fileOf(slug), targetsOf(slug));
    if (taken.length) {
      freeSlug = await findFreeSlug(slug, (candidate) => takenPaths(fileOf(candidate), targetsOf(candidate)));
      reasons.push(
        `${taken.map((file) => displayPath(file)).join(', ')} already ${taken.length === 1 ? 'exists' : 'exist'}; ` +
          `nothing is ever overwritten: choose another slug, such as --slug ${freeSlug}`,
      );
    }
  }

  if (!input.summary?.trim() && title) notes.push('summary: none given, so the title stands in for it; edit it in the file');
  // An unusable slug is reported above; the scratch check still runs, under a stand-in, to report everything else.
  const fileSlug = slugUsable ? slug : 'new-project';
  const targets = targetsOf(fileSlug);
  const { markdown, labels } = renderProject(input, {
    galleryLink: getStrings(site.lang).galleryLink,
    files: targets.map((target) => `${photoPrefix}${path.relative(imagesDir, target).split(path.sep).join('/')}`),
  });

  const describeField = (field = '') =>
    field
      .replace(/^media\[(\d+)\]\S*/, (_, index: string) => `photo ${displayPath(photos[Number(index)]!.file)}`)
      .replace(/^links\[(\d+)\]\S*/, (_, index: string) => labels[Number(index)] ?? field);
  const staged = await validateInScratchFolder(folders, fileSlug, markdown, photos, targets.map((target) => path.basename(target)));
  if ('problems' in staged) {
    // A photo that failed its own check above, or a summary made from an empty title, is not reported twice.
    const photoProblems = checked.some((result) => 'problem' in result);
    const derivedSummary = !input.summary?.trim();
    staged.problems
      .filter((problem) => problem.severity === 'error')
      .filter((problem) => !(photoProblems && problem.field?.startsWith('media')))
      .filter((problem) => !(derivedSummary && problem.field === 'summary'))
      .forEach((problem) => reasons.push(problem.field ? `${describeField(problem.field)}: ${problem.message}` : problem.message));
  }
  if (reasons.length || !('href' in staged)) throw new Refusal(reasons, freeSlug);
  return {
    slug,
    href: staged.href,
    file: fileOf(slug),
    markdown,
    photos: photos.map((photo, index) => ({ source: photo.file, target: targets[index]! })),
    notes,
  };
}

/**
 * Writes the project and copies its photos, never over an existing file, then validates the content with the
 * build's loader. On any failure, removes what it wrote and throws. Returns the problems of other files, if any.
 */
export async function writeProject(plan: ProjectPlan, folders: Folders): Promise<{ elsewhere: Problem[] }> {
  const written: string[] = [];
  try {
    for (const folder of [path.dirname(plan.file), ...plan.photos.map((photo) => path.dirname(photo.target))]) {
      const created = await mkdir(folder, { recursive: true });
      if (created) written.push(created);
    }
    for (const photo of plan.photos) {
      await copyFile(photo.source, photo.target, constants.COPYFILE_EXCL);
      written.push(photo.target);
    }
    await writeFile(plan.file, plan.markdown, { flag: 'wx' });
    written.push(plan.file);
    const problems = await loadContent({ ...folders, includeDrafts: true }).then(
      ({ warnings }) => warnings,
      (error: unknown) => {
        if (error instanceof ContentError) return error.problems;
        throw error;
      },
    );
    const errors = problems.filter((problem) => problem.severity === 'error');
    const own = errors.filter((problem) => problem.file === displayPath(plan.file));
    if (own.length) throw new Refusal(own.map(formatProblem));
    return { elsewhere: errors };
  } catch (error) {
    // Newest first, so that a folder made here is empty by the time it is removed.
    for (const file of written.reverse()) await rm(file, { recursive: true, force: true });
    throw error;
  }
}

/** The project file: front matter in the format's order, a gallery button when there are photos, no body yet. */
function renderProject(input: NewProject, { galleryLink, files }: { galleryLink: string; files: string[] }) {
  const title = input.title.trim();
  const year = input.year?.trim();
  const photos = input.photos ?? [];
  // What each entry of `links` stands for in a message: the editor never wrote links[0].
  const labels: string[] = [];
  const links: Record<string, string>[] = [];
  if (photos.length) {
    links.push({ name: galleryLink, action: 'slider' });
    labels.push('the gallery link');
  }
  for (const link of input.links ?? []) {
    links.push({ name: link.name, action: 'linkto', target: link.target });
    labels.push(`link "${link.name}"`);
  }
  const frontmatter = {
    title,
    category: input.category.trim(),
    ...(input.role?.trim() && { role: input.role.trim() }),
    ...(year && { year: /^[1-9]\d{0,3}$/.test(year) ? Number(year) : year }),
    summary: input.summary?.trim() || title,
    draft: input.draft ?? false,
    ...(photos.length && {
      media: photos.map((photo, index) => ({
        type: 'image',
        file: files[index]!,
        ...(photo.alt?.trim() && { alt: photo.alt.trim() }),
        ...(index === 0 && input.focus?.trim() && { focus: input.focus.trim() }),
      })),
    }),
    ...(links.length && { links }),
  };
  // The yaml package quotes whatever needs it: a leading "-", "#", ": ", quotes, words such as null or true.
  return { markdown: `---\n${stringify(frontmatter)}---\n`, labels };
}

async function takenPaths(...files: (string | string[])[]): Promise<string[]> {
  const all = files.flat();
  const exists = await Promise.all(all.map((file) => stat(file).then(() => true, () => false)));
  return all.filter((_, index) => exists[index]);
}

async function findFreeSlug(slug: string, taken: (candidate: string) => Promise<string[]>): Promise<string> {
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`;
    if (!(await taken(candidate)).length) return candidate;
  }
}

/** The build's loader on a scratch folder holding site.yml and this project alone, the photos linked in by name. */
async function validateInScratchFolder(
  folders: Folders,
  slug: string,
  markdown: string,
  photos: { file: string }[],
  names: string[],
): Promise<{ href: string } | { problems: Problem[] }> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'new-project-'));
  try {
    const contentDir = path.join(scratch, 'content');
    const imagesDir = path.join(contentDir, 'images');
    await mkdir(path.join(contentDir, 'projects'), { recursive: true });
    await mkdir(imagesDir, { recursive: true });
    await copyFile(path.join(folders.contentDir, 'site.yml'), path.join(contentDir, 'site.yml'));
    await writeFile(path.join(contentDir, 'projects', `${slug}.md`), markdown);
    await Promise.all(photos.map((photo, index) => symlink(path.resolve(photo.file), path.join(imagesDir, names[index]!))));
    const { projects } = await loadContent({
      contentDir,
      publicDir: folders.publicDir,
      imagesDir,
      photoCacheDir: folders.photoCacheDir,
      includeDrafts: true,
    });
    return { href: projects[0]!.href };
  } catch (error) {
    if (error instanceof ContentError) return { problems: error.problems };
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
