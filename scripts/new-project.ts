// `npm run new`: a project from a title and some photos. In a terminal it asks for what the flags leave out;
// without one (a script, CI) it never waits for input. Every rule is lib/content's; this file only asks and prints.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as prompts from '@clack/prompts';
import { loadSite } from '../lib/content/load';
import {
  checkPhoto,
  listPhotos,
  planProject,
  Refusal,
  writeProject,
  type NewProject,
  type ProjectPlan,
} from '../lib/content/new-project';
import { planTranslation, writeTranslation } from '../lib/content/new-translation';
import { ContentError, displayPath, formatProblem } from '../lib/content/problems';
import { slugify, slugSchema } from '../lib/content/schema';

const usage = `usage: npm run new -- --title "…" --category <slug> [options] [photo or folder]…
       npm run new -- --lang <language> --for <slug>

Writes content/projects/<slug>.md and copies the photos, in gallery order, to content/images/<slug>-<n>.<ext>.
In a terminal it asks for whatever the flags leave out; without one it never asks.

  --title TEXT       required
  --category SLUG    required: a category slug from content/site.yml
  --slug SLUG        the file name and page address (default: made from the title)
  --year YEAR
  --role TEXT
  --summary TEXT     one or two sentences (default: the title)
  --draft            npm run dev shows it, the published site does not
  --focus POS        where crops of the cover centre: "30% 60%" (across, down) or top, center, bottom, left, right
  --link NAME=URL    a button linking to an http(s) address; repeat for more

With --lang and --for, writes content/projects/<language>/<slug>.md instead: the translation of
content/projects/<slug>.md, its text copied from the original for you to translate.

  --lang LANGUAGE    one of content/site.yml's languages, such as en
  --for SLUG         the project to translate: the name of its file in content/projects/`;

// Checking a project uses a scratch photo cache, removed on exit: a refused project leaves nothing behind, not even a
// cache. Writing one validates the whole site with the build's cache: a scratch one would decode every photo the site
// already has, and the new photos' facts are there for the next build.
const photoCacheDir = mkdtempSync(path.join(os.tmpdir(), 'new-project-photos-'));
process.on('exit', () => rmSync(photoCacheDir, { recursive: true, force: true }));
const folders = {
  contentDir: path.resolve(process.env.CONTENT_DIR ?? 'content'),
  publicDir: path.resolve('public'),
  photoCacheDir,
};
const buildPhotoCacheDir = path.resolve('.next/cache/photos');

class Cancelled extends Error {}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        title: { type: 'string' },
        category: { type: 'string' },
        slug: { type: 'string' },
        year: { type: 'string' },
        role: { type: 'string' },
        summary: { type: 'string' },
        draft: { type: 'boolean' },
        focus: { type: 'string' },
        link: { type: 'string', multiple: true },
        lang: { type: 'string' },
        for: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return refuse([`${(error as Error).message.replace(/\s*\n\s*/g, ' ')} (npm run new -- --help)`]);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }

  // Without `--`, npm takes --lang and --for as its own options and passes on only their values.
  if (process.env.npm_config_for !== undefined && values.for === undefined) {
    return refuse(['npm took --lang and --for as its own options: run npm run new -- --lang <language> --for <slug>']);
  }
  if (values.lang !== undefined || values.for !== undefined) return newTranslation(values.lang, values.for);

  const links = (values.link ?? []).map(parseLink);
  const badLinks = links.filter((link) => typeof link === 'string');
  if (badLinks.length) return refuse(badLinks);
  const photos = await expandPhotos(positionals, (message) => console.warn(`warning: ${message}`));

  const missing = (['title', 'category'] as const).filter((name) => values[name] === undefined);
  const interactive = missing.length > 0 && process.stdin.isTTY === true;
  if (missing.length && !interactive) {
    return refuse([`missing ${missing.map((name) => `--${name}`).join(' and ')}: without a terminal nothing is asked (npm run new -- --help)`]);
  }

  const given: NewProject = {
    title: values.title ?? '',
    category: values.category ?? '',
    slug: values.slug,
    year: values.year,
    role: values.role,
    summary: values.summary,
    draft: values.draft,
    focus: values.focus,
    links: links.filter((link) => typeof link === 'object'),
    photos: photos.map((file) => ({ file })),
  };
  try {
    const input = interactive ? await ask(given, values) : given;
    const plan = await planAsking(input, interactive);
    const { elsewhere } = await writeProject(plan, { ...folders, photoCacheDir: buildPhotoCacheDir });
    const lines = report(plan, input, elsewhere.length);
    if (interactive) {
      prompts.log.success(lines.join('\n'));
      prompts.outro('Done.');
    } else {
      console.log(lines.join('\n'));
    }
    return 0;
  } catch (error) {
    if (error instanceof Cancelled) return 1;
    if (error instanceof Refusal) return refuse(error.reasons);
    if (error instanceof ContentError) return refuse(error.problems.map(formatProblem));
    throw error;
  }
}

/** `--lang en --for co-city`: never asks; everything it needs is in the two flags. */
async function newTranslation(language: string | undefined, slug: string | undefined): Promise<number> {
  if (language === undefined || slug === undefined) {
    return refuse([`${language === undefined ? '--lang' : '--for'}: expected it beside ${language === undefined ? '--for' : '--lang'}, such as --lang en --for co-city`]);
  }
  try {
    const plan = await planTranslation({ language, slug }, { ...folders, photoCacheDir: buildPhotoCacheDir });
    await writeTranslation(plan);
    const file = displayPath(plan.file);
    console.log(
      [
        `created ${file} (checked by the build's content loader)`,
        `from    ${displayPath(plan.original)}: its title, summary, role, alts, captions, link names and text, to translate`,
        `page    ${plan.href}`,
        'next:',
        `  1. translate the text in ${file}; media, order, category and link targets stay the original's`,
        '  2. check: npm run content:check',
        `  3. commit: git add ${file} && git commit -m "Translation (${language}): ${slug}"`,
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof Refusal) return refuse(error.reasons);
    throw error;
  }
}

/** In a terminal a taken slug is asked again; anything else refused is printed. */
async function planAsking(input: NewProject, interactive: boolean): Promise<ProjectPlan> {
  for (;;) {
    try {
      return await planProject(input, folders);
    } catch (error) {
      if (!(interactive && error instanceof Refusal && error.freeSlug && error.reasons.length === 1)) throw error;
      prompts.log.warn(error.reasons[0]!.replace(/: choose another slug.*$/, ''));
      input = {
        ...input,
        slug: await answer(
          prompts.text({
            message: 'Slug (the page address and file name)',
            initialValue: error.freeSlug,
            validate: (value) => slugSchema.safeParse(value).error?.issues[0]?.message,
          }),
        ),
      };
    }
  }
}

async function ask(given: NewProject, values: { title?: string; category?: string; draft?: boolean }): Promise<NewProject> {
  prompts.intro('New project');
  const site = await loadSite(folders.contentDir);
  const title =
    values.title ??
    (await answer(
      prompts.text({
        message: 'Title',
        validate: (value) => (slugify(value ?? '') ? undefined : 'A title with at least one letter or digit'),
      }),
    ));
  const category =
    values.category ??
    (await answer(
      prompts.select({
        message: 'Category',
        options: site.categories.map((category) => ({ value: category.slug, label: category.label, hint: category.slug })),
      }),
    ));
  const year = given.year ?? (await answer(prompts.text({ message: 'Year (optional, such as 2024)' })));
  const role = given.role ?? (await answer(prompts.text({ message: 'Role (optional): your part in the project' })));
  const summary =
    given.summary ??
    (await answer(prompts.text({ message: 'Summary: one or two sentences for the page and search results (Enter: the title)' })));

  let files = given.photos?.map((photo) => photo.file) ?? [];
  const askPhotos = files.length === 0;
  while (askPhotos) {
    const line = await answer(
      prompts.text({
        message: files.length
          ? `More photos? (${files.length} so far; Enter to finish)`
          : 'Photos, in gallery order: files or a folder (drag them here; Enter for none)',
      }),
    );
    if (!line.trim()) break;
    const added = await expandPhotos(splitPaths(line), (message) => prompts.log.warn(message));
    for (const file of added) {
      const checked = await checkPhoto(file);
      if ('problem' in checked) prompts.log.error(checked.problem);
      else files = [...files, file];
    }
    if (added.length) prompts.log.info(`${files.length} ${files.length === 1 ? 'photo' : 'photos'}`);
  }
  const photos: NewProject['photos'] = [];
  for (const [index, file] of files.entries()) {
    const alt = await answer(
      prompts.text({
        message: `Alt text for photo ${index + 1}, ${path.basename(file)}: what it shows (Enter: the site derives one)`,
      }),
    );
    photos.push({ file, alt });
  }
  const draft =
    values.draft ??
    (await answer(prompts.confirm({ message: 'Keep it as a draft? (npm run dev shows it, the published site does not)', initialValue: false })));
  return { ...given, title, category, year, role, summary, draft, photos };
}

async function answer<T>(prompt: Promise<T>): Promise<Exclude<T, symbol>> {
  const value = await prompt;
  if (prompts.isCancel(value)) {
    prompts.cancel('Nothing written.');
    throw new Cancelled();
  }
  // An empty text prompt may answer undefined.
  return (value ?? '') as Exclude<T, symbol>;
}

function report(plan: ProjectPlan, input: NewProject, errorsElsewhere: number): string[] {
  const file = displayPath(plan.file);
  const targets = plan.photos.map((photo) => displayPath(photo.target));
  const photoPaths = targets.length > 4 ? [`${path.dirname(targets[0]!)}/${plan.slug}-*`] : targets;
  const lines = [`created ${file} (checked by the build's content loader)`];
  plan.photos.forEach((photo) => lines.push(`copied  ${displayPath(photo.source)} → ${displayPath(photo.target)}`));
  plan.notes.forEach((note) => lines.push(`note: ${note}`));
  if (errorsElsewhere) {
    lines.push(
      `warning: ${errorsElsewhere} content ${errorsElsewhere === 1 ? 'error' : 'errors'} in other files: the build fails until they are fixed (npm run content:check lists them)`,
    );
  }
  lines.push(
    `page    ${plan.href}${input.draft ? ' (a draft: npm run dev shows it, the published site does not)' : ''}`,
    'next:',
    `  1. preview: npm run dev, then open http://localhost:3000${plan.href}`,
    `  2. write the project's text under the front matter of ${file}`,
    `  3. commit: git add ${[file, ...photoPaths].join(' ')} && git commit -m "New project: ${input.title.trim().replace(/["`$\\]/g, "'")}"`,
  );
  return lines;
}

function refuse(reasons: string[]): number {
  reasons.forEach((reason) => console.error(`error: ${reason}`));
  return 1;
}

/** `--link "name=https://…"`: a linkto button; the URL itself is checked by the content rules. */
function parseLink(value: string): { name: string; target: string } | string {
  const at = value.indexOf('=');
  const name = value.slice(0, Math.max(at, 0)).trim();
  if (at < 0 || !name) return `--link: expected "name=https://…", got "${value}"`;
  return { name, target: value.slice(at + 1).trim() };
}

async function expandPhotos(paths: string[], warn: (message: string) => void): Promise<string[]> {
  const expanded: string[] = [];
  for (const file of paths) {
    const { photos, skipped } = await listPhotos(file);
    if (skipped.length) warn(`${displayPath(file)}: skipped ${skipped.join(', ')} (not photos by name)`);
    expanded.push(...photos);
  }
  return expanded;
}

/** Paths as a terminal pastes dropped files: quoted, or with spaces escaped by `\`; `~` and file:// URLs too. */
function splitPaths(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (char === '\\' && /[\s'"\\()&;]/.test(line[i + 1] ?? '')) {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words.map((file) =>
    file.startsWith('file://') ? fileURLToPath(file) : file.replace(/^~(?=$|\/)/, os.homedir()),
  );
}

process.exitCode = await main();
