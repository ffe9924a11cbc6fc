import { copyFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { parse, stringify } from 'yaml';
import { imagesDirOf, loadContent, loadSite, type Project } from './load';
import { Refusal, type Folders } from './new-project';
import { ContentError, displayPath, formatProblem, type Problem } from './problems';
import { givenText, slugSchema } from './schema';

/** A translation to start: `projects/<language>/<slug>.md`, the translation of `projects/<slug>.md`. */
export type NewTranslation = { language: string; slug: string };

/** A translation checked by the loader, ready to be written; its text is the original's, for the editor to translate. */
export type TranslationPlan = { file: string; original: string; markdown: string; href: string };

/**
 * Checks that the language is one of site.yml's `languages`, that the original exists and that the translation does
 * not yet, then writes the translation in a scratch folder beside its original and loads both with the build's
 * loader. Throws a Refusal naming what is wrong.
 */
export async function planTranslation({ language, slug }: NewTranslation, folders: Folders): Promise<TranslationPlan> {
  const site = await loadSite(folders.contentDir).catch((error: unknown) => {
    if (!(error instanceof ContentError)) throw error;
    throw new Refusal([...error.problems.map(formatProblem), 'fix site.yml first: it lists the languages']);
  });
  const siteFile = displayPath(path.join(folders.contentDir, 'site.yml'));
  if (!site.languages.includes(language)) {
    const listed = site.languages.length ? site.languages.join(', ') : 'none listed';
    throw new Refusal([`--lang: expected a language of ${siteFile}'s languages (${listed}), got "${language}"`]);
  }
  const original = path.join(folders.contentDir, 'projects', `${slug}.md`);
  const file = path.join(folders.contentDir, 'projects', language, `${slug}.md`);
  if (!slugSchema.safeParse(slug).success || !(await exists(original))) {
    throw new Refusal([`--for: expected the slug of a project, got "${slug}": there is no ${displayPath(original)}`]);
  }
  if (await exists(file)) {
    throw new Refusal([`${displayPath(file)} already exists; nothing is ever overwritten: edit it instead`]);
  }

  const source = await readFile(original, 'utf8');
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'new-translation-'));
  try {
    const contentDir = path.join(scratch, 'content');
    await mkdir(path.join(contentDir, 'projects', language), { recursive: true });
    await copyFile(path.join(folders.contentDir, 'site.yml'), path.join(contentDir, 'site.yml'));
    await writeFile(path.join(contentDir, 'projects', `${slug}.md`), source);
    const load = () =>
      loadContent({
        contentDir,
        publicDir: folders.publicDir,
        imagesDir: imagesDirOf(site.originals, folders),
        photoCacheDir: folders.photoCacheDir,
        includeDrafts: true,
      });
    // The scratch folder's paths, in a refusal, read as the files they are copies of.
    const shown = (problems: Problem[]) =>
      problems
        .filter((problem) => problem.severity === 'error')
        .map((problem) => formatProblem({ ...problem, file: problem.file.replace(displayPath(contentDir), displayPath(folders.contentDir)) }));
    const { projects } = await load().catch((error: unknown) => {
      if (!(error instanceof ContentError)) throw error;
      throw new Refusal([...shown(error.problems), `fix ${displayPath(original)} first: its translation starts from it`]);
    });
    const markdown = renderTranslation(projects[0]!, parseSource(source));
    await writeFile(path.join(contentDir, 'projects', language, `${slug}.md`), markdown);
    const { translations } = await load().catch((error: unknown) => {
      if (!(error instanceof ContentError)) throw error;
      throw new Refusal(shown(error.problems));
    });
    return { file, original, markdown, href: translations[language]![0]!.href };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Writes the translation, never over an existing file, and creates its language's folder if needed. */
export async function writeTranslation(plan: TranslationPlan): Promise<void> {
  await mkdir(path.dirname(plan.file), { recursive: true });
  await writeFile(plan.file, plan.markdown, { flag: 'wx' });
}

/**
 * The translatable fields of the original, as they are there: title, summary, role, per media item its alt and
 * caption (`{}` when it has neither: the placeholders `none` and `"null"` are no text), per link its name and
 * email texts, and the body.
 */
function renderTranslation(project: Project, { data, body }: { data: Record<string, unknown>; body: string }): string {
  // A built link keeps its email texts only in its href: they are read, as the loader reads them, from the file.
  const written = Array.isArray(data.links) ? (data.links as Record<string, unknown>[]) : [];
  const media = project.media.map((item) => ({
    ...(item.altGiven && { alt: item.alt }),
    ...(item.caption && { caption: item.caption }),
  }));
  const links = project.links.map((link, index) => {
    const [emailsubject, emailcontent] = link.action === 'mailto' ? [written[index]?.emailsubject, written[index]?.emailcontent].map(givenText) : [];
    return { name: link.name, ...(emailsubject && { emailsubject }), ...(emailcontent && { emailcontent }) };
  });
  const frontmatter = {
    title: project.title,
    summary: project.summary,
    ...(project.role && { role: project.role }),
    ...(media.length && { media }),
    ...(links.length && { links }),
  };
  return `---\n${stringify(frontmatter)}---\n${body}`;
}

/** The front matter and the markdown below it, as written (the original passed the loader: its front matter is YAML). */
function parseSource(source: string): { data: Record<string, unknown>; body: string } {
  const { data, content } = matter(source, { engines: { yaml: (frontmatter: string) => (parse(frontmatter) ?? {}) as object } });
  return { data, body: content };
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
