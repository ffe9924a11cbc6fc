// `npm run bench [-- --only load,build,photos,bytes,lighthouse,slowphone,throughput,cdn] [--runs N] [--duration S] [--sizes 10,100,1000] [--photos 200]`
// Builds and serves the production site, measures it, and writes bench/results.md and bench/results.json.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { measureBytes } from './bytes';
import { measureCdn } from './cdn';
import { buildSite, builtRoutes } from './lib/build';
import { describeEnvironment, loadAverage } from './lib/environment';
import { generateContent } from './lib/fixtures';
import { installExitHandlers, run } from '../support/processes';
import { startNext, startStandalone } from './lib/servers';
import { buildChangedRelease, standaloneOf } from '../scripts/cdn/releases';
import { measureLighthouse, measureSlowPhone } from './lighthouse';
import { compareFormats } from './formats';
import { measureFirstRequests, measurePipeline } from './photos';
import { renderMarkdown, resultsSchema, type Results, type SectionMeta, type SectionName } from './report';
import { measureBuilds, measureLoader, type ContentSet } from './scaling';
import { categoryPage, mediaPage, projectPage, type Sections } from './targets';
import { measureThroughput } from './throughput';

const sectionNames = ['load', 'build', 'photos', 'bytes', 'lighthouse', 'slowphone', 'throughput', 'cdn'] as const satisfies readonly SectionName[];
const full = { runs: 3, duration: 10, warmup: 2, connections: 50, sizes: '10,100,1000', photos: 200 };

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: String(full.runs) },
    duration: { type: 'string', default: String(full.duration) },
    warmup: { type: 'string', default: String(full.warmup) },
    connections: { type: 'string', default: String(full.connections) },
    sizes: { type: 'string', default: full.sizes },
    photos: { type: 'string', default: String(full.photos) },
    'reuse-build': { type: 'boolean', default: false },
    'keep-tmp': { type: 'boolean', default: false },
    label: { type: 'string' },
  },
});

const positive = (name: string, value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} expects a positive whole number, got "${value}"`);
  return number;
};
const settings = {
  runs: positive('runs', args.runs),
  duration: positive('duration', args.duration),
  warmup: positive('warmup', args.warmup),
  connections: positive('connections', args.connections),
  sizes: args.sizes.split(',').map((size) => positive('sizes', size)),
  photos: positive('photos', args.photos),
};
const only = args.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(sectionNames as readonly string[]).includes(name));
if (unknown?.length) throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; known: ${sectionNames.join(', ')}`);
const selected = new Set<SectionName>(only ? (only as SectionName[]) : sectionNames);

const root = path.resolve(import.meta.dirname, '..');
const tmp = path.join(root, 'bench', 'tmp');
const jsonFile = path.join(root, 'bench', 'results.json');
const markdownFile = path.join(root, 'bench', 'results.md');
const pages = ['/', categoryPage, projectPage];

type Meta = SectionMeta & { reduced: boolean };
const sections: Sections = {};
const meta: Partial<Record<SectionName, Meta>> = {};

async function measure<K extends SectionName>(name: K, described: string, reduced: boolean, run: () => Promise<Sections[K]>) {
  const loadBefore = loadAverage();
  const started = new Date();
  sections[name] = await run();
  meta[name] = {
    measuredAt: started.toISOString().replace(/\.\d+Z$/, 'Z'),
    seconds: (Date.now() - started.getTime()) / 1000,
    loadBefore,
    loadAfter: loadAverage(),
    settings: described,
    reduced,
  };
}

/** The real content's routes, to tell whether `.next/` holds its build or a benchmark folder's. */
async function realRoutes(): Promise<string[]> {
  const { loadContent } = await import('../lib/content/load');
  const content = await loadContent({ contentDir: path.join(root, 'content'), publicDir: path.join(root, 'public'), photoCacheDir: path.join(root, '.next/cache/photos'), includeDrafts: false });
  return ['/', ...content.site.categories.map((category) => `/${category.slug}`), ...content.projects.map((project) => project.href)];
}

let realBuildReady = false;

async function ensureRealBuild(builtJustNow: boolean) {
  if (builtJustNow || realBuildReady) return;
  realBuildReady = true;
  if (args['reuse-build']) {
    const [built, expected] = await Promise.all([builtRoutes(root), realRoutes()]);
    const same = built && built.length === expected.length && expected.every((route) => built.includes(route));
    if (same) return console.log('build: reusing .next/ (it holds the build of content/)');
    console.log('build: .next/ does not hold the build of content/, rebuilding');
  }
  console.log('build: next build of content/');
  const result = await buildSite(root, path.join(root, 'content'), tmp);
  console.log(`build: ${result.pages} pages in ${result.wallSeconds.toFixed(1)} s`);
}

/** The results a partial run adds to: those already written, if they have the same shape. */
async function previousResults(): Promise<Pick<Results, 'sections' | 'meta'> | undefined> {
  if (!only || !existsSync(jsonFile)) return undefined;
  const previous = JSON.parse(await readFile(jsonFile, 'utf8')) as Results;
  if (previous.schema === resultsSchema) return previous;
  console.log(`bench: ${path.relative(root, jsonFile)} has figures of another shape; starting afresh`);
  return undefined;
}

async function main() {
  installExitHandlers();
  await mkdir(tmp, { recursive: true });
  const fullSizes = settings.sizes.join(',') === full.sizes;
  try {
    const realDir = path.join(root, 'content');
    const real: ContentSet = {
      label: 'content/ (the site)',
      projectFiles: (await readdir(path.join(realDir, 'projects'))).filter((name) => name.endsWith('.md')).length,
      dir: realDir,
    };
    let generated: ContentSet[] = [];
    if (selected.has('load') || selected.has('build')) {
      generated = await Promise.all(
        settings.sizes.map(async (count) => ({
          label: `${count.toLocaleString('en')} cloned projects`,
          projectFiles: count,
          dir: await generateContent(realDir, path.join(tmp, `content-${count}`), count),
        })),
      );
    }
    const sizesText = `${settings.sizes.join(', ')} projects`;
    if (selected.has('load')) {
      await measure('load', sizesText, !fullSizes, () => measureLoader(root, [real, ...generated]));
    }
    if (selected.has('build')) {
      // The site's own build goes last, so that `.next/` holds it for the sections that serve it.
      await measure('build', sizesText, !fullSizes, () => measureBuilds(root, [...generated, real], tmp));
    }
    if (selected.has('photos')) {
      await measure('photos', `${settings.photos} camera photos`, settings.photos < full.photos, async () => {
        const pipeline = await measurePipeline(root, tmp, settings.photos);
        console.log('photos: WebP against AVIF');
        const formats = await compareFormats();
        await ensureRealBuild(selected.has('build'));
        // A server of its own, fresh: the first request for each photo file is what a visitor after a deploy waits for.
        const fresh = await startNext(root, tmp);
        try {
          return { pipeline, formats, firstRequest: await measureFirstRequests(fresh, projectPage) };
        } finally {
          await fresh.stop();
        }
      });
    }
    if (selected.has('bytes') || selected.has('lighthouse') || selected.has('slowphone') || selected.has('throughput')) {
      await ensureRealBuild(selected.has('build') || selected.has('photos'));
      // What `npm run build` does after `next build`: the standalone folder completed, each page's script policy written.
      await run('npm', ['run', 'postbuild'], { cwd: root });
      const next = await startNext(root, tmp);
      console.log(`serve: next start on ${next.origin}`);
      try {
        if (selected.has('bytes')) {
          await measure('bytes', 'one load per page', false, () =>
            measureBytes(next.origin, { pages, galleryPage: projectPage, galleryButton: 'gallery', mediaPage }),
          );
        }
        if (selected.has('lighthouse')) {
          await measure('lighthouse', `${settings.runs} run(s) per page`, settings.runs < full.runs, () =>
            measureLighthouse(next.origin, pages, settings.runs),
          );
        }
        if (selected.has('slowphone')) {
          await measure('slowphone', `${settings.runs} run(s) per page, devtools throttling`, settings.runs < full.runs, () =>
            measureSlowPhone(next.origin, pages, settings.runs),
          );
        }
        if (selected.has('throughput')) {
          const load = { path: projectPage, connections: settings.connections, durationSeconds: settings.duration, warmupSeconds: settings.warmup };
          const reduced = settings.duration < full.duration || settings.warmup < full.warmup || settings.connections !== full.connections;
          // Before and after proxy.ts left page views (issue 16): the same site, built once more with it restored from git.
          const copy = await mkdtemp(path.join(os.tmpdir(), 'bench-proxy-'));
          const removedIn = execFileSync('git', ['log', '--diff-filter=D', '-1', '--format=%H', '--', 'proxy.ts'], { cwd: root }).toString().trim();
          const proxy = execFileSync('git', ['show', `${removedIn}~1:proxy.ts`], { cwd: root });
          const before = await buildChangedRelease(root, copy, (content) => writeFile(path.join(content, '..', 'project', 'proxy.ts'), proxy));
          const servers = [await startStandalone('npm start, proxy.ts (before)', before, tmp), await startStandalone('npm start (server.js, no proxy)', standaloneOf(root), tmp)];
          try {
            await measure('throughput', `${settings.connections} connections, ${settings.warmup} s + ${settings.duration} s`, reduced, () =>
              measureThroughput(root, next, tmp, load, servers),
            );
          } finally {
            for (const server of servers) await server.stop();
            await rm(copy, { recursive: true, force: true });
          }
        }
      } finally {
        await next.stop();
      }
    }
    if (selected.has('cdn')) {
      await ensureRealBuild(selected.has('build'));
      const load = { connections: settings.connections, seconds: settings.duration, warmupSeconds: settings.warmup };
      const reduced = settings.duration < full.duration || settings.warmup < full.warmup || settings.connections !== full.connections;
      await measure('cdn', `${settings.connections} connections, ${settings.warmup} s + ${settings.duration} s`, reduced, () => measureCdn(root, tmp, load));
    }
  } finally {
    if (!args['keep-tmp']) await rm(tmp, { recursive: true, force: true });
  }

  const previous = await previousResults();
  const merged = {
    sections: { ...previous?.sections, ...sections },
    meta: { ...previous?.meta, ...meta } as Partial<Record<SectionName, Meta>>,
  };
  const reduced = Object.values(merged.meta).some((entry) => entry.reduced);
  const results: Results = {
    schema: resultsSchema,
    label:
      args.label ??
      (reduced
        ? 'Development run: shortened settings on a shared, busy machine — the figures are noisy and only show that each section works'
        : 'Full run'),
    writtenAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    environment: describeEnvironment(root),
    ...merged,
  };
  // The figures first: a report that fails to render loses no measurement.
  await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(markdownFile, renderMarkdown(results));
  console.log(`wrote ${path.relative(root, markdownFile)} and ${path.relative(root, jsonFile)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
