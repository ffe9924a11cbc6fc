import autocannon, { type Options } from 'autocannon';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hashSource, inlineScriptsOf, metaPolicyOf, withPagePolicy } from '../lib/csp/page-policy.js';
import { treeCpuSeconds } from './lib/processes';
import { startStaticCopy, type Server } from './lib/servers';

export type LoadSettings = { path: string; connections: number; durationSeconds: number; warmupSeconds: number };

export type LoadRow = {
  server: string;
  acceptEncoding: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  bytesPerResponse: number;
  /** CPU (user + system) the server spent per response: steadier than req/s on a busy machine. */
  serverCpuMsPerRequest: number;
};

/** The pages' script policies: what the header carries, what each page's meta adds, and the build step's time. */
export type PolicyFigures = { headerBytes: number; pages: number; inlineScripts: number; metaBytesPerPage: number; unionHeaderBytes: number; hashingMs: number };

export type ThroughputResult = { settings: LoadSettings; rows: LoadRow[]; ratio: number; policy?: PolicyFigures };

async function hammer(server: Server, settings: LoadSettings, acceptEncoding?: string): Promise<LoadRow> {
  console.log(`throughput: ${server.name}${acceptEncoding ? ` (Accept-Encoding: ${acceptEncoding})` : ''}`);
  const options: Options = {
    url: server.origin + settings.path,
    connections: settings.connections,
    timeout: 10,
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  };
  await autocannon({ ...options, duration: settings.warmupSeconds });
  const cpuBefore = treeCpuSeconds(server.pid);
  const result = await autocannon({ ...options, duration: settings.durationSeconds });
  const cpuSeconds = treeCpuSeconds(server.pid) - cpuBefore;
  return {
    server: server.name,
    acceptEncoding: acceptEncoding ?? 'none',
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
    serverCpuMsPerRequest: result.requests.total ? (cpuSeconds * 1000) / result.requests.total : 0,
  };
}

/**
 * `next start` against a bare node:http server that answers with the same page from memory, one after the
 * other in the same run; both without Accept-Encoding (autocannon's default), then `next start` with gzip.
 */
export async function measureThroughput(root: string, next: Server, workDir: string, settings: LoadSettings, more: Server[] = []): Promise<ThroughputResult> {
  const floor = await startStaticCopy(root, next.origin + settings.path, workDir);
  try {
    const nextRow = await hammer(next, settings);
    const floorRow = await hammer(floor, settings);
    const gzipRow = await hammer(next, settings, 'gzip, deflate, br');
    const moreRows = [];
    for (const server of more) moreRows.push(await hammer(server, settings));
    const policy = await measurePolicies(root, next.origin);
    return { settings, rows: [nextRow, floorRow, gzipRow, ...moreRows], ratio: nextRow.requestsPerSecond / floorRow.requestsPerSecond, policy };
  } finally {
    await floor.stop();
  }
}

/** The build's hashing step timed again on the built pages (it is idempotent), and what a union in the header would weigh. */
async function measurePolicies(root: string, origin: string): Promise<PolicyFigures> {
  const dir = path.join(root, '.next', 'server', 'app');
  const pages = await Promise.all((await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.html')).map((file) => readFile(path.join(dir, file), 'utf8')));
  const started = performance.now();
  pages.forEach(withPagePolicy);
  const hashingMs = performance.now() - started;
  const scripts = new Set(pages.flatMap(inlineScriptsOf));
  const header = (await fetch(origin + '/')).headers.get('content-security-policy') ?? '';
  const metaBytes = pages.reduce((sum, page) => sum + `<meta http-equiv="Content-Security-Policy" content="${metaPolicyOf(page)}"/>`.length, 0);
  return {
    headerBytes: `Content-Security-Policy: ${header}`.length,
    pages: pages.length,
    inlineScripts: scripts.size,
    metaBytesPerPage: metaBytes / pages.length,
    unionHeaderBytes: `Content-Security-Policy: ${header.replace("'unsafe-inline'", [...scripts].map(hashSource).join(' '))}`.length,
    hashingMs,
  };
}
