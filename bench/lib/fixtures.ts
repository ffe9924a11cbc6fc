import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

type SiteYaml = { categories: { slug: string }[] };

/**
 * A content folder of `count` published projects cloned from the real ones: the real `site.yml`,
 * unique slugs, categories dealt round-robin, the same sample photos under public/.
 */
export async function generateContent(sourceDir: string, targetDir: string, count: number): Promise<string> {
  await rm(targetDir, { recursive: true, force: true });
  await mkdir(path.join(targetDir, 'projects'), { recursive: true });
  await copyFile(path.join(sourceDir, 'site.yml'), path.join(targetDir, 'site.yml'));

  const site = parse(await readFile(path.join(sourceDir, 'site.yml'), 'utf8')) as SiteYaml;
  const categories = site.categories.map((category) => category.slug);
  const names = (await readdir(path.join(sourceDir, 'projects'))).filter((name) => name.endsWith('.md')).sort();
  const sources = await Promise.all(
    names.map(async (name) => ({
      slug: name.slice(0, -'.md'.length),
      text: await readFile(path.join(sourceDir, 'projects', name), 'utf8'),
    })),
  );
  if (sources.length === 0) throw new Error(`${sourceDir}/projects has no project to clone`);

  const digits = String(count).length;
  await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const source = sources[index % sources.length]!;
      const category = categories[index % categories.length]!;
      const number = String(index + 1).padStart(digits, '0');
      return writeFile(
        path.join(targetDir, 'projects', `${source.slug}-${number}.md`),
        cloneProject(source.text, category, number),
      );
    }),
  );
  return targetDir;
}

/** Rewrites the top-level `title`, `category` and `draft` lines of the front matter; the rest stays verbatim. */
function cloneProject(text: string, category: string, number: string): string {
  const end = text.indexOf('\n---', 3);
  const frontmatter = text.slice(0, end);
  const rewritten = frontmatter
    .replace(/^title:\s*(.*)$/m, (_, title: string) => `title: ${JSON.stringify(`${unquote(title)} ${number}`)}`)
    .replace(/^category:.*$/m, `category: ${category}`)
    .replace(/^draft:.*\n/m, '');
  return rewritten + text.slice(end);
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return (/^".*"$/.test(trimmed) ? (JSON.parse(trimmed) as string) : trimmed).trim();
}
