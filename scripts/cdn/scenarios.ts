// What the CDN test asserts and the benchmark records: throughput behind the cache, a replica lost under load, and
// a rolling deploy seen through the cache.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { treeCpuSeconds } from '../../support/processes';
import type { Stack } from './stack';

export type LoadFigures = {
  url: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  /** Requests that got no answer, timed out, or got a status other than 2xx: what a visitor would see fail. */
  failed: number;
  /** The CPU the server (`serverPid`'s process tree) spent per request, from /proc, when it was named. */
  cpuMsPerRequest?: number;
};

/**
 * How long a run lasts: a time, for a rate (the benchmark's req/s), or a number of requests, for what each one costs (the
 * test's CPU per request, which needs no more than a few thousand and leaves the cores to the suites beside it).
 */
export type RunLength = { seconds: number } | { requests: number };

export type LoadSettings = {
  connections: number;
  length: RunLength;
  /** A run before the measured one (keep-alive connections, Node's JIT, nginx's cache), left out of the figures. */
  warmup?: RunLength;
  headers?: Record<string, string>;
  /** The server's process: its CPU is measured over the timed run. */
  serverPid?: number;
};

const lengthOption = (length: RunLength) => ('seconds' in length ? { duration: length.seconds } : { amount: length.requests });

/** autocannon on `url`, after a warm-up run; `[<id>]` in the URL becomes a new id per request. */
export async function load(url: string, { connections, length, warmup, headers = {}, serverPid }: LoadSettings, during?: () => Promise<void>) {
  const options = { url, connections, headers, idReplacement: url.includes('[<id>]'), timeout: 10 };
  if (warmup) await autocannon({ ...options, ...lengthOption(warmup) });
  const cpuBefore = serverPid === undefined ? 0 : treeCpuSeconds(serverPid);
  const running = autocannon({ ...options, ...lengthOption(length) });
  await during?.();
  const result = await running;
  const cpuMs = serverPid === undefined ? undefined : (treeCpuSeconds(serverPid) - cpuBefore) * 1000;
  return {
    ...(cpuMs !== undefined && { cpuMsPerRequest: cpuMs / Math.max(result.requests.total, 1) }),
    url,
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    failed: result.errors + result.timeouts + result.non2xx,
  } satisfies LoadFigures;
}

export type ThroughputComparison = {
  replica: LoadFigures;
  edge: LoadFigures;
  /** The edge's requests per second over the replica's: on a machine that also runs the load, it follows the load. */
  ratio: number;
  /** The replica's CPU per request over nginx's: what one request costs each, whatever else the machine runs. */
  cpuRatio: number;
};

/**
 * One replica served straight, then the warm cache in front of both, one after the other in the same run, with the
 * CPU each server spends on them.
 */
export async function compareThroughput(stack: Stack, pathname: string, settings: LoadSettings): Promise<ThroughputComparison> {
  await stack.request(pathname);
  // Next's handler rendering the answer from its prerender cache: a query keeps the replica's own page cache
  // (deploy/page-cache.mjs) out of it, which answers about as fast as nginx does.
  const replica = await load(`${stack.replicas[0]!.origin}${pathname}?from=next`, { ...settings, serverPid: stack.replicas[0]!.process.pid });
  const edge = await load(stack.edge + pathname, { ...settings, serverPid: stack.edgePid });
  const cpuRatio = replica.cpuMsPerRequest! / Math.max(edge.cpuMsPerRequest!, 1e-3);
  return { replica, edge, ratio: edge.requestsPerSecond / replica.requestsPerSecond, cpuRatio };
}

export type KillFigures = LoadFigures & { killedAfterSeconds: number };

/**
 * Requests that all reach the replicas (each URL is new to the cache) while one replica is killed (SIGKILL) a
 * third of the way through; it is started again afterwards, and back in rotation on return.
 */
export async function killUnderLoad(stack: Stack, settings: { connections: number; seconds: number }, index = 1): Promise<KillFigures> {
  const killedAfterSeconds = Math.max(1, Math.round(settings.seconds / 3));
  const figures = await load(`${stack.edge}/?load=[<id>]`, { connections: settings.connections, length: { seconds: settings.seconds } }, async () => {
    await sleep(killedAfterSeconds * 1000);
    await stack.killReplica(index);
  });
  await stack.startReplica(index, stack.replicas[index]!.release);
  await stack.inRotation(index);
  return { ...figures, killedAfterSeconds };
}

/** Every file a release serves under /_next/static/ (hashed names, and its build's own folder), as URLs. */
export async function staticUrls(release: string): Promise<string[]> {
  const dir = path.join(release, '.next', 'static');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => `/_next/static/${path.relative(dir, path.join(entry.parentPath, entry.name))}`);
}

export type DeployFigures = {
  /** Files only one of the two builds has, asked for while the replicas ran both. */
  filesDuringDeploy: { asked: number; ok: number; retriedAfter404: number };
  /** Seconds from the end of the deploy until the edge served the new content, page and RSC payload. */
  secondsToNewPage: number;
  secondsToNewPayload: number;
  /** Whether the edge still served the old page right after the deploy (its copy not a minute old yet). */
  oldPageRightAfter: boolean;
};

/** Lines of the compressing server's log that show a replica's 404 answered by another replica. */
async function retriedAfter404(stack: Stack): Promise<number> {
  return (await readFile(stack.logs.origin, 'utf8')).split('\n').filter((line) => /upstream_status=404, 200\b/.test(line)).length;
}

export type Watched = { path: string; headers?: Record<string, string> };

/**
 * Replaces the replicas one at a time with `release` (SIGTERM, start, back in nginx's rotation), asks for `files` while they run both
 * builds, then polls `page` and `payload` every half second until both carry `marker`.
 */
export async function rollingDeploy(
  stack: Stack,
  release: string,
  { page, payload, marker, files, timeoutSeconds }: { page: string; payload: Watched; marker: string; files: string[]; timeoutSeconds: number },
): Promise<DeployFigures> {
  const retriedBefore = await retriedAfter404(stack);
  await stack.restartReplica(0, release);
  await stack.inRotation(0);
  const answers = await Promise.all(files.map((file) => stack.request(file)));
  const filesDuringDeploy = {
    asked: files.length,
    ok: answers.filter((answer) => answer.status === 200).length,
    retriedAfter404: (await retriedAfter404(stack)) - retriedBefore,
  };
  for (let index = 1; index < stack.replicas.length; index++) {
    await stack.restartReplica(index, release);
    await stack.inRotation(index);
  }
  const deployed = Date.now();

  const oldPageRightAfter = !(await stack.request(page)).text().includes(marker);
  const seconds = () => (Date.now() - deployed) / 1000;
  let secondsToNewPage: number | undefined;
  let secondsToNewPayload: number | undefined;
  while (seconds() < timeoutSeconds && (secondsToNewPage === undefined || secondsToNewPayload === undefined)) {
    const [html, rsc] = await Promise.all([stack.request(page), stack.request(payload.path, { headers: payload.headers })]);
    if (secondsToNewPage === undefined && html.text().includes(marker)) secondsToNewPage = seconds();
    if (secondsToNewPayload === undefined && rsc.text().includes(marker)) secondsToNewPayload = seconds();
    await sleep(500);
  }
  return {
    filesDuringDeploy,
    secondsToNewPage: secondsToNewPage ?? Number.POSITIVE_INFINITY,
    secondsToNewPayload: secondsToNewPayload ?? Number.POSITIVE_INFINITY,
    oldPageRightAfter,
  };
}
