// `npm run bench [-- --only lighthouse,slowphone,bytes,build,photos,throughput,cdn] [--runs 3] [--duration 10] [--warmup 2]
//   [--connections 50] [--sizes 10,100,1000] [--photos 200] [--ports 3200-3299] [--reuse-build] [--keep-tmp]`
// Each section's figures replace its own part of bench/results.md; the other parts stay as they were.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import build, { buildSite } from './build';
import bytes from './bytes';
import cdn from './cdn';
import { lighthouse, slowphone } from './lighthouse';
import photos from './photos';
import throughput from './throughput';
import type { Context, Section, Settings } from './lib/section';
import { startNext, type Server } from './lib/servers';
import { installExitHandlers } from '../support/processes';
import { pathIn } from '../lib/i18n';
import { publicPath } from '../lib/public-path.js';

/** Every section, in the order of bench/results.md: a new one is a module and an entry here. */
const sections: Record<string, Section> = { lighthouse, slowphone, bytes, build, photos, throughput, cdn };

const defaults = { runs: '3', duration: '10', warmup: '2', connections: '50', sizes: '10,100,1000', photos: '200', ports: '3200-3299' };
const { values: args } = parseArgs({
  options: {
    ...Object.fromEntries(Object.entries(defaults).map(([name, value]) => [name, { type: 'string', default: value } as const])),
    only: { type: 'string', default: Object.keys(sections).join(',') },
    'reuse-build': { type: 'boolean', default: false },
    'keep-tmp': { type: 'boolean', default: false },
  },
}) as unknown as { values: Record<keyof typeof defaults | 'only', string> & Record<'reuse-build' | 'keep-tmp', boolean> };
const numbers = (name: keyof typeof defaults, separator = ',') =>
  args[name].split(separator).map((value) => {
    if (!/^[1-9]\d*$/.test(value)) throw new Error(`--${name} expects positive whole numbers, got "${args[name]}"`);
    return Number(value);
  });
const [first, last] = numbers('ports', '-');
const settings: Settings = {
  ...(Object.fromEntries((['runs', 'duration', 'warmup', 'connections', 'photos'] as const).map((name) => [name, numbers(name)[0]])) as Omit<Settings, 'sizes' | 'ports'>),
  sizes: numbers('sizes'),
  ports: { first: first!, last: last ?? first! },
};
const selected = args.only.split(',').map((name) => name.trim());
if (selected.some((name) => !sections[name])) throw new Error(`--only: known sections are ${Object.keys(sections).join(', ')}`);

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, 'bench', 'tmp');
const resultsFile = path.join(root, 'bench', 'results.md');
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' / ');

/** Whether `.next/` holds a build of content/: the same pages, neither more nor fewer. */
async function holdsRealBuild(): Promise<boolean> {
  const manifest = path.join(root, '.next', 'prerender-manifest.json');
  if (!existsSync(manifest) || !existsSync(path.join(root, '.next', 'standalone', 'server.js'))) return false;
  const { routes } = JSON.parse(await readFile(manifest, 'utf8')) as { routes: Record<string, unknown> };
  const { loadContent } = await import('../lib/content/load');
  const dirs = { contentDir: path.join(root, 'content'), publicDir: path.join(root, 'public'), photoCacheDir: path.join(root, '.next/cache/photos') };
  const { site, projects, translations } = await loadContent({ ...dirs, includeDrafts: false });
  const built = new Set(Object.keys(routes).filter((route) => !route.startsWith('/_') && !route.includes('.')).map((route) => publicPath(route, site.lang)));
  const pages = ['/', ...site.categories.map((category) => `/${category.slug}`)];
  const expected = [site.lang, ...site.languages].flatMap((lang) => pages.map((page) => pathIn(site, lang, page)));
  expected.push(...[...projects, ...Object.values(translations).flat()].map((project) => project.href));
  return expected.length === built.size && expected.every((route) => built.has(route));
}

let realBuilt = false;
let server: Server | undefined;
const context: Context = {
  root,
  tmp,
  settings,
  realBuild: async (justBuilt = false) => {
    if (realBuilt || justBuilt) return void (realBuilt = true);
    realBuilt = true;
    if (args['reuse-build'] && (await holdsRealBuild())) return console.log('bench: reusing the build of content/ in .next/');
    console.log('bench: npm run build of content/');
    await buildSite(root, path.join(root, 'content'), tmp);
  },
  server: async () => {
    await context.realBuild();
    return (server ??= await startNext(root, tmp, settings.ports));
  },
};

function head(): string {
  const version = (name: string) => (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  return `# Benchmark results

\`npm run bench\` measures every section below and rewrites only the parts it measured (\`-- --only build,photos\`; \`-- --runs 1 --duration 3 --sizes 10,100 --photos 20\` for a short run; \`--reuse-build\` serves the build of content/ in \`.next/\`; options in bench/run.ts). The pre-commit hook's timing is in [pre-commit.md](pre-commit.md).
Last written on Node ${process.version}, Next.js ${version('next')}, Lighthouse ${version('lighthouse')}, Playwright ${version('@playwright/test')}, autocannon ${version('autocannon')}; ${os.availableParallelism()} cores (${os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB.
`;
}

async function main() {
  installExitHandlers();
  await mkdir(tmp, { recursive: true });
  const markdown = existsSync(resultsFile) ? await readFile(resultsFile, 'utf8') : '';
  const parts = new Map([...markdown.matchAll(/<!-- (\w+) -->\n[\s\S]*?<!-- \/\1 -->\n/g)].map((match) => [match[1]!, match[0]]));
  const written: string[] = [];
  try {
    for (const name of selected) {
      const section = sections[name]!;
      const [started, before] = [Date.now(), load()];
      console.log(`bench: ${name}`);
      const lines = await section.run(context);
      const { text, reduced } = section.describe(settings);
      const when = new Date(started).toISOString().replace(/\.\d+Z$/, 'Z');
      const meta = `_${reduced ? 'Development run (shortened settings, noisy figures): ' : ''}${when}, ${Math.round((Date.now() - started) / 1000)} s; ${text}; load average ${before} before, ${load()} after._`;
      parts.set(name, [`<!-- ${name} -->`, `## ${section.title}`, meta, '', ...lines.join('\n').trimEnd().split('\n'), `<!-- /${name} -->`, ''].join('\n'));
      written.push(name);
    }
  } finally {
    await server?.stop();
    if (!args['keep-tmp']) await rm(tmp, { recursive: true, force: true });
    // Parts no section writes (notes kept by hand, such as figures from before a change) follow the sections'.
    const body = [...Object.keys(sections), ...[...parts.keys()].filter((name) => !sections[name])].flatMap((name) => parts.get(name) ?? []);
    const verdicts = body.join('').match(/^- (met|\*\*missed\*\*): /gm) ?? [];
    const missed = verdicts.filter((verdict) => verdict.includes('missed')).length;
    await writeFile(resultsFile, `${head()}\n**Targets: ${missed} missed of ${verdicts.length}** (each section lists its own).\n\n${body.join('')}`);
    console.log(`bench: wrote ${written.join(', ') || 'nothing'} into ${path.relative(root, resultsFile)}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
