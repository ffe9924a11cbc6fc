import { copyFile, cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

const places = ['Torino', 'Langhe', 'Po', 'Aurora', 'Vanchiglia', 'Lingotto', 'Dora', 'Monviso', 'Barolo', 'Susa', 'Ivrea', 'Alba'];
const things = ['ritratti', 'mercati', 'cortili', 'fabbriche', 'manifesti', 'quaderni', 'teatri', 'vigne', 'ponti', 'piazze', 'archivi'];
const moods = ['all’alba', 'd’inverno', 'sotto la pioggia', 'di notte', 'in festa', 'al lavoro', 'in cammino', 'in attesa'];

/** A sentence of its own for project `n`: every generated project differs from the others in its words. */
function sentence(n: number): string {
  const pick = <T>(list: T[], salt: number) => list[(n * salt + salt) % list.length]!;
  return `${pick(things, 7)} ${pick(moods, 5)} a ${pick(places, 3)}, serie ${n}: ${pick(things, 11)} e ${pick(places, 13)}.`;
}

/**
 * A content folder of `count` distinct published projects made from the real ones: the real `site.yml`, their own
 * slugs, titles, summaries and texts, categories dealt round-robin, the sample photos (copied) reused in varied order.
 */
export async function generateContent(sourceDir: string, targetDir: string, count: number): Promise<string> {
  await rm(targetDir, { recursive: true, force: true });
  await mkdir(path.join(targetDir, 'projects'), { recursive: true });
  await copyFile(path.join(sourceDir, 'site.yml'), path.join(targetDir, 'site.yml'));
  await cp(path.join(sourceDir, 'images'), path.join(targetDir, 'images'), { recursive: true });
  const site = parse(await readFile(path.join(sourceDir, 'site.yml'), 'utf8')) as { categories: { slug: string }[] };
  const names = (await readdir(path.join(sourceDir, 'projects'))).filter((name) => name.endsWith('.md')).sort();
  const sources = await Promise.all(names.map((name) => readFile(path.join(sourceDir, 'projects', name), 'utf8')));
  if (sources.length === 0) throw new Error(`${sourceDir}/projects has no project to start from`);
  await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const text = sources[index % sources.length]!;
      const category = site.categories[index % site.categories.length]!.slug;
      const slug = `${names[index % names.length]!.slice(0, -3)}-${index + 1}`;
      return writeFile(path.join(targetDir, 'projects', `${slug}.md`), vary(text, category, index + 1));
    }),
  );
  return targetDir;
}

function vary(text: string, category: string, n: number): string {
  const end = text.indexOf('\n---', 3);
  const block = /^media:\n((?: {2}.*\n)+)/m.exec(text.slice(0, end + 1))?.[1] ?? '';
  const media = [...block.matchAll(/^ {2}- .*\n(?: {4}.*\n)*/gm)].map((match) => match[0]);
  const front = text
    .slice(0, end)
    .replace(/^title:.*$/m, `title: ${JSON.stringify(sentence(n).split(':')[0])}`)
    .replace(/^category:.*$/m, `category: ${category}`)
    .replace(/^order:.*$/m, `order: ${n}`)
    .replace(/^summary:.*(?:\n {2}\S.*)*$/m, `summary: ${JSON.stringify(sentence(n + 1))}`)
    .replace(/^draft:.*\n/m, '');
  // Rotate the media list (the cover changes from project to project) when it is a plain list of photos.
  const shift = n % Math.max(media.length, 1);
  const rotated = media.length > 1 && media.every((item) => item.includes('type: image') && !item.includes('cover'))
    ? front.replace(block, [...media.slice(shift), ...media.slice(0, shift)].join(''))
    : front;
  return `${rotated}\n---\n${sentence(n + 2)} ${sentence(n + 3)}\n${text.slice(end + 4).trim()}\n`;
}
