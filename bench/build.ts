// Build scaling: `npm run build` (prebuild, next build, postbuild) of 10 to 1,000 distinct projects, phase by phase.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { start } from '../support/processes';
import { generateContent } from './lib/fixtures';
import { sampleTree } from './lib/processes';
import { fixed, mib, table, targets, type Section } from './lib/section';

/** Each phase ends at the first line of the build's output that matches (a phase that printed nothing is counted in
 * the next one); the last one ends when the build exits. */
const phases: [name: string, end?: RegExp][] = [
  ['npm, prebuild (copy-cms, photos)', /▲ Next\.js/],
  ['compile', /Compiled successfully/],
  ['TypeScript', /Finished TypeScript|Skipping validation of types/],
  ['page data', /Generating static pages using/],
  ['pages', /✓ Generating static pages/],
  ['traces, standalone', /> \S+ postbuild$/],
  ['postbuild'],
];

/**
 * `npm run build` of `contentDir` from a clean `.next/` (`keepCache`: all but `.next/cache`, as a rebuild finds it),
 * with each phase's seconds, the photo step's, the tree's CPU and peak memory.
 */
export async function buildSite(root: string, contentDir: string, tmp: string, keepCache = false) {
  const dist = path.join(root, '.next');
  const entries = existsSync(dist) ? await readdir(dist) : [];
  await Promise.all(entries.filter((name) => !keepCache || name !== 'cache').map((name) => rm(path.join(dist, name), { recursive: true, force: true })));
  const started = performance.now();
  const env = { ...process.env, CONTENT_DIR: contentDir, NEXT_TELEMETRY_DISABLED: '1' };
  const build = start('npm', ['run', 'build'], { cwd: root, env, capture: true });
  const sampler = sampleTree(build.pid);
  const seconds: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  let [phase, phaseStart, phaseCpu, partial] = [0, started, 0, ''];
  build.child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const ended = phases.findIndex(([, end], index) => index >= phase && end?.test(line));
      if (ended < 0) continue;
      const [now, cpuNow] = [performance.now(), sampler.cpuSeconds()];
      seconds[phases[ended]![0]] = (now - phaseStart) / 1000;
      cpu[phases[ended]![0]] = cpuNow - phaseCpu;
      [phase, phaseStart, phaseCpu] = [ended + 1, now, cpuNow];
    }
  });
  const { code } = await build.exited;
  seconds[phases.at(-1)![0]] = (performance.now() - phaseStart) / 1000;
  const wall = (performance.now() - started) / 1000;
  const tree = sampler.stop();
  cpu[phases.at(-1)![0]] = tree.cpuSeconds - phaseCpu;
  const output = build.output();
  if (code !== 0) throw new Error(`npm run build of ${contentDir} failed:\n${output.slice(-3000)}`);
  const { routes } = JSON.parse(await readFile(path.join(dist, 'prerender-manifest.json'), 'utf8')) as { routes: object };
  const photos = /Photos of .* in ([\d.]+) s/.exec(output)?.[1];
  return { pages: Object.keys(routes).length, wall, seconds, cpu, photoSeconds: photos ? Number(photos) : undefined, ...tree };
}

type Built = Awaited<ReturnType<typeof buildSite>> & { label: string; projects: number };

const section: Section = {
  title: 'Build scaling: npm run build of 10 to 1,000 projects',
  describe: ({ sizes }) => ({ text: `${sizes.join(', ')} projects`, reduced: sizes.join() !== '10,100,1000' }),
  run: async ({ root, tmp, settings, realBuild }) => {
    const real = path.join(root, 'content');
    const sets = [
      ...(await Promise.all(settings.sizes.map(async (count) => ({ label: `${count.toLocaleString('en')} projects`, projects: count, dir: await generateContent(real, path.join(tmp, `content-${count}`), count) })))),
      { label: 'content/ (the site)', projects: (await readdir(path.join(real, 'projects'))).filter((name) => name.endsWith('.md')).length, dir: real },
    ];
    const rows: Built[] = [];
    for (const [index, set] of sets.entries()) {
      console.log(`build: npm run build of ${set.label}`);
      rows.push({ ...set, ...(await buildSite(root, set.dir, tmp)) });
      // The largest set again as a rebuild finds it: Turbopack's cache and the photo cache kept in .next/cache.
      if (index === settings.sizes.length - 1) rows.push({ ...rows.at(-1)!, label: `${set.label}, rebuilt (.next/cache kept)`, ...(await buildSite(root, set.dir, tmp, true)) });
    }
    await realBuild(true); // The last build was of content/: the sections after this one serve it.
    const [largest, rebuilt] = rows.filter((row) => row.projects === Math.max(...settings.sizes));
    const names = phases.map(([name]) => name);
    return [
      ...targets([[
        'npm run build of 1,000 projects ≤ 30 s on 2 cores',
        `${largest!.projects} projects: ${fixed(largest!.wall)} s from a clean .next/ (CPU ${fixed(largest!.cpuSeconds)} s), ${fixed(rebuilt!.wall)} s rebuilt (CPU ${fixed(rebuilt!.cpuSeconds)} s)`,
        largest!.projects >= 1000 && largest!.wall <= 30,
      ]]),
      'Each content folder is made from the sample projects: distinct titles, summaries, texts and order, categories dealt round-robin, the sample photos reused. A build starts from an empty `.next/` (so the photos are encoded and Turbopack compiles from scratch), except the rebuild row, which keeps `.next/cache`. Phases end at lines of the build\'s output; the photos are encoded in the prebuild step, before `next build`. CPU and peak RSS are sampled from /proc every 100 ms over the whole tree (RSS of shared pages counts once per process). On a busy machine wall time follows the load; CPU time much less.',
      '',
      ...table(
        ['content', 'pages', 'wall (s)', 'CPU (s)', ...names.map((name) => `${name}: wall, CPU (s)`), 'of which photos (s)', 'peak tree RSS (MiB)', 'largest process (MiB)'],
        rows.map((row) => [row.label, row.pages, fixed(row.wall), fixed(row.cpuSeconds), ...names.map((name) => (row.seconds[name] === undefined ? undefined : `${fixed(row.seconds[name])}, ${fixed(row.cpu[name] ?? 0)}`)), row.photoSeconds && fixed(row.photoSeconds), mib(row.treeBytes), mib(row.processBytes)]),
      ),
    ];
  },
};
export default section;
