import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { start } from '../../support/processes';
import { sampleTree, type TreeSample } from './processes';

export type BuildResult = {
  contentDir: string;
  /** Pages in `.next/prerender-manifest.json` (projects, categories, home, not-found). */
  pages: number;
  wallSeconds: number;
  /** User + system CPU of the whole tree as `/usr/bin/time` reports it: only children that were waited for. */
  timeCpuSeconds?: number;
  /** Largest RSS of a single process as `/usr/bin/time` reports it. */
  timeMaxRssBytes?: number;
  /** Peak RSS and CPU of the tree, sampled from /proc. */
  tree: TreeSample;
  /** As `next build` prints them. */
  phases: { compileSeconds?: number; typescriptSeconds?: number; staticPagesSeconds?: number };
  /** How often each content file was read, and by how many processes. */
  contentReads: { files: number; reads: number; processes: number };
};

const timeBinary = '/usr/bin/time';

function seconds(value: string | undefined, unit: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return unit === 'ms' ? Number(value) / 1000 : Number(value);
}

function parsePhases(log: string): BuildResult['phases'] {
  const plain = log.replace(/\u001b\[[0-9;]*m/g, '');
  const compile = /Compiled successfully in ([\d.]+)(ms|s)/.exec(plain);
  const typescript = /Finished TypeScript in ([\d.]+)(ms|s)/.exec(plain);
  const pages = /Generating static pages using .*?\(\d+\/\d+\) in ([\d.]+)(ms|s)/.exec(plain);
  return {
    compileSeconds: seconds(compile?.[1], compile?.[2]),
    typescriptSeconds: seconds(typescript?.[1], typescript?.[2]),
    staticPagesSeconds: seconds(pages?.[1], pages?.[2]),
  };
}

async function countReads(logFile: string): Promise<BuildResult['contentReads']> {
  const lines = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const files = new Set(lines.map((line) => line.split('\t')[1]));
  const processes = new Set(lines.map((line) => line.split('\t')[0]));
  return { files: files.size, reads: lines.length, processes: processes.size };
}

/** Prerendered routes of the build in `.next/`, or undefined when there is none. */
export async function builtRoutes(root: string): Promise<string[] | undefined> {
  const manifest = path.join(root, '.next', 'prerender-manifest.json');
  if (!existsSync(manifest)) return undefined;
  const { routes } = JSON.parse(await readFile(manifest, 'utf8')) as { routes: Record<string, unknown> };
  return Object.keys(routes).filter((route) => !route.startsWith('/_'));
}

/**
 * A clean `next build` (`.next/` removed first) of `contentDir`, timed, with the peak RSS of its process
 * tree sampled every 100 ms and every read of a content file logged by a preloaded module.
 */
export async function buildSite(root: string, contentDir: string, workDir: string): Promise<BuildResult> {
  await rm(path.join(root, '.next'), { recursive: true, force: true });
  const logFile = path.join(workDir, `build-${path.basename(contentDir)}.log`);
  const readsLog = path.join(workDir, `reads-${path.basename(contentDir)}.tsv`);
  const timeFile = path.join(workDir, `time-${path.basename(contentDir)}.txt`);
  await Promise.all([logFile, readsLog, timeFile].map((file) => rm(file, { force: true })));

  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const preload = pathToFileURL(path.join(root, 'bench', 'lib', 'count-reads.mjs')).href;
  const env = {
    ...process.env,
    CONTENT_DIR: contentDir,
    NEXT_TELEMETRY_DISABLED: '1',
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import ${preload}`].filter(Boolean).join(' '),
    BENCH_READS_LOG: readsLog,
  };
  const withTime = existsSync(timeBinary);
  const [command, args] = withTime
    ? [timeBinary, ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, nextBin, 'build']]
    : [process.execPath, [nextBin, 'build']];

  const started = performance.now();
  const build = start(command, args as string[], { cwd: root, env, logFile });
  const sampler = sampleTree(build.pid);
  const { code, signal } = await build.exited;
  const wallSeconds = (performance.now() - started) / 1000;
  const tree = sampler.stop();
  const log = await readFile(logFile, 'utf8');
  if (code !== 0) {
    throw new Error(`next build of ${contentDir} failed (${signal ?? `exit ${code}`}), see ${logFile}:\n${log.slice(-2000)}`);
  }

  let timeCpuSeconds: number | undefined;
  let timeMaxRssBytes: number | undefined;
  if (withTime) {
    // A non-zero exit adds a line before the figures: they are on the last one.
    const figures = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1) ?? '';
    const [, user, system, maxRssKiB] = figures.split(/\s+/).map(Number);
    if (user !== undefined && system !== undefined) timeCpuSeconds = user + system;
    if (maxRssKiB !== undefined) timeMaxRssBytes = maxRssKiB * 1024;
  }
  return {
    contentDir,
    pages: (await builtRoutes(root))?.length ?? 0,
    wallSeconds,
    timeCpuSeconds,
    timeMaxRssBytes,
    tree,
    phases: parsePhases(log),
    contentReads: await countReads(readsLog),
  };
}
