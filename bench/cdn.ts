// The deployable artefact and what a cache in front of it gives: the standalone folder's size, and deploy/nginx/
// run for real on loopback (the stack of `npm run test:cdn`) in front of two replicas.
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { run } from '../support/processes';
import { buildChangedRelease, currentRelease, markSiteTitle } from '../scripts/cdn/releases';
import { compareThroughput, killUnderLoad, load, rollingDeploy, staticUrls, type DeployFigures, type KillFigures, type LoadFigures } from '../scripts/cdn/scenarios';
import { startStack } from '../scripts/cdn/stack';
import type { Target } from './targets';

export type CdnSettings = { connections: number; seconds: number; warmupSeconds: number };

export type StandaloneSize = {
  bytes: number;
  files: number;
  parts: { name: string; bytes: number }[];
  /** The production dependencies (`npm ls --omit=dev`) a `next start` host would install instead. */
  productionDependenciesBytes: number;
};

export type CdnResult = {
  standalone: StandaloneSize;
  settings: CdnSettings & { path: string };
  throughput: { replica: LoadFigures; edge: LoadFigures; edgeBrotli: LoadFigures; ratio: number };
  kill: KillFigures;
  deploy: DeployFigures & { buildSeconds: number; sMaxAge: number };
};

const page = '/fotografie/co-city';
const watched = '/grafica';
const sMaxAge = 60;
export const cdnLimits = { ratio: 5, deploySlackSeconds: 5 };

async function sizeOf(target: string): Promise<{ bytes: number; files: number }> {
  const stat = await lstat(target);
  if (!stat.isDirectory()) return { bytes: stat.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(target)) {
    const inner = await sizeOf(path.join(target, entry));
    bytes += inner.bytes;
    files += inner.files;
  }
  return { bytes, files };
}

async function measureStandalone(root: string, release: string): Promise<StandaloneSize> {
  const total = await sizeOf(release);
  const parts = await Promise.all(
    ['node_modules', path.join('.next', 'static'), path.join('.next', 'server'), 'public'].map(async (name) => ({
      name,
      bytes: (await sizeOf(path.join(release, name))).bytes,
    })),
  );
  const packages = (await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root }).catch((error: Error) => error.message))
    .split('\n')
    .filter((line) => line.includes(`${path.sep}node_modules${path.sep}`));
  // Nested packages are inside their parent's folder: count each folder once.
  const outermost = packages.filter((dir) => !packages.some((other) => other !== dir && dir.startsWith(other + path.sep)));
  const dependencies = await Promise.all(outermost.map((dir) => sizeOf(dir).catch(() => ({ bytes: 0, files: 0 }))));
  return { ...total, parts, productionDependenciesBytes: dependencies.reduce((sum, size) => sum + size.bytes, 0) };
}

/** Size of the standalone folder, then the stack: throughput, a replica killed under load, a rolling deploy. */
export async function measureCdn(root: string, workDir: string, settings: CdnSettings): Promise<CdnResult> {
  await run(process.execPath, [path.join(root, 'scripts', 'complete-standalone.mjs')], { cwd: root });
  await run('bash', [path.join(root, 'scripts', 'ensure-nginx.sh')], { cwd: root });
  const release = await currentRelease(root);
  const standalone = await measureStandalone(root, release);

  console.log('cdn: building a second release with changed content');
  const marker = `[rilascio ${Math.random().toString(36).slice(2, 8)}]`;
  // Outside the project: the copy is of the project.
  const copy = await mkdtemp(path.join(os.tmpdir(), 'bench-cdn-'));
  try {
    const buildStarted = performance.now();
    const next = await buildChangedRelease(root, copy, (content) => markSiteTitle(content, marker));
    const buildSeconds = (performance.now() - buildStarted) / 1000;

    const stack = await startStack(root, release, path.join(workDir, 'cdn'));
    try {
      const prefetch = { rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/$d$category/__PAGE__' };
      const payload = { path: (await stack.direct(watched, { headers: prefetch })).headers.location!, headers: prefetch };
      await stack.request(watched);
      await stack.request(payload.path, { headers: prefetch });

      console.log(`cdn: one replica, then nginx, on ${page}`);
      const { replica, edge, ratio } = await compareThroughput(stack, page, settings);
      const edgeBrotli = await load(stack.edge + page, { ...settings, headers: { 'accept-encoding': 'br' } });
      console.log('cdn: a replica killed under load');
      const kill = await killUnderLoad(stack, { ...settings, connections: Math.min(settings.connections, 16) });
      console.log('cdn: rolling deploy, then waiting for the new content');
      const [before, after] = await Promise.all([staticUrls(release), staticUrls(next)]);
      const files = [...before.filter((file) => !after.includes(file)), ...after.filter((file) => !before.includes(file))];
      const deploy = await rollingDeploy(stack, next, { page: watched, payload, marker, files, timeoutSeconds: sMaxAge * 2 });
      return {
        standalone,
        settings: { ...settings, path: page },
        throughput: { replica, edge, edgeBrotli, ratio },
        kill,
        deploy: { ...deploy, buildSeconds, sMaxAge },
      };
    } finally {
      await stack.stop();
    }
  } finally {
    await rm(copy, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const rate = (value: number) => Math.round(value).toLocaleString('en');

export function cdnTargets(result: CdnResult | undefined): Target[] {
  const area = 'Hosting';
  const targets = {
    ratio: `warm nginx cache ≥ ${cdnLimits.ratio}× one replica's req/s on ${page}`,
    kill: 'a replica killed under load: 0 failed requests',
    deploy: `a rolling deploy's new content through the cache within s-maxage (${sMaxAge} s) + ${cdnLimits.deploySlackSeconds} s, no purge`,
  };
  if (!result) return Object.values(targets).map((target) => ({ area, target, measured: '—', verdict: 'not measured' }));
  const { throughput, kill, deploy } = result;
  const lastNew = Math.max(deploy.secondsToNewPage, deploy.secondsToNewPayload);
  return [
    {
      area,
      target: targets.ratio,
      measured: `${rate(throughput.edge.requestsPerSecond)} vs ${rate(throughput.replica.requestsPerSecond)} req/s (× ${throughput.ratio.toFixed(1)})`,
      verdict: throughput.ratio >= cdnLimits.ratio ? 'met' : 'missed',
    },
    {
      area,
      target: targets.kill,
      measured: `${kill.failed} of ${kill.requests.toLocaleString('en')}`,
      verdict: kill.failed === 0 && kill.requests > 0 ? 'met' : 'missed',
    },
    {
      area,
      target: targets.deploy,
      measured: `${lastNew.toFixed(1)} s`,
      verdict: lastNew <= sMaxAge + cdnLimits.deploySlackSeconds && deploy.oldPageRightAfter ? 'met' : 'missed',
    },
  ];
}

function loadRow(name: string, encoding: string, figures: LoadFigures): (string | number)[] {
  return [name, encoding, rate(figures.requestsPerSecond), figures.latencyP50Ms.toFixed(1), figures.latencyP99Ms.toFixed(1), figures.requests.toLocaleString('en'), figures.failed];
}

/** The section of bench/results.md, given the report's table helper and meta line. */
export function cdnSection(
  result: CdnResult,
  meta: string,
  table: (header: string[], rows: (string | number)[][]) => string,
): string {
  const { standalone, settings, throughput, kill, deploy } = result;
  const during = deploy.filesDuringDeploy;
  return [
    '## Hosting: the standalone server and nginx in front',
    '',
    meta,
    `\`.next/standalone\` after \`npm run build\` (public/ and .next/static copied in): **${mb(standalone.bytes)} MB** in ${standalone.files.toLocaleString('en')} files, the whole site; a \`next start\` host would install ${mb(standalone.productionDependenciesBytes)} MB of production dependencies (\`npm ls --omit=dev\`) besides the build.`,
    '',
    table(['part', 'MB'], standalone.parts.map((part) => [part.name, mb(part.bytes)])),
    '',
    `deploy/nginx/portfolio.conf run by nginx on 127.0.0.1 (ports 8400–8499; TLS with a throwaway certificate, its cache, the compressing server behind it) in front of two replicas (\`node server.js\`, ports 3400–3499). autocannon in process, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.seconds} s, GET ${settings.path}; the replica is asked without Accept-Encoding (no compression, its fastest), nginx both ways. Load generator, nginx and replicas share the machine's cores.`,
    '',
    table(
      ['server', 'Accept-Encoding', 'req/s', 'latency p50 (ms)', 'latency p99 (ms)', 'requests', 'failed'],
      [
        loadRow('one replica, straight', 'none', throughput.replica),
        loadRow('nginx, cache hits', 'none', throughput.edge),
        loadRow('nginx, cache hits', 'br', throughput.edgeBrotli),
      ],
    ),
    '',
    `Warm cache / one replica: × ${throughput.ratio.toFixed(1)}.`,
    '',
    `A replica killed (SIGKILL) ${kill.killedAfterSeconds} s into ${settings.seconds} s of requests that all reach the replicas (each URL new to the cache): ${kill.failed} of ${kill.requests.toLocaleString('en')} failed (${rate(kill.requestsPerSecond)} req/s).`,
    '',
    `Rolling deploy of a second build (changed site title; built in ${deploy.buildSeconds.toFixed(0)} s from a temporary copy): files of only one of the two builds asked for while the replicas ran both, ${during.ok} of ${during.asked} served (${during.retriedAfter404} after the other replica's 404). ` +
      `Right after the deploy the cache ${deploy.oldPageRightAfter ? 'still served the old page' : 'already served the new page'}; the new page showed after ${deploy.secondsToNewPage.toFixed(1)} s and its RSC payload after ${deploy.secondsToNewPayload.toFixed(1)} s (s-maxage ${deploy.sMaxAge} s, no purge; the copies were cached shortly before the load runs).`,
  ].join('\n');
}
