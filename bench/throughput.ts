import autocannon, { type Options } from 'autocannon';
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

export type ThroughputResult = { settings: LoadSettings; rows: LoadRow[]; ratio: number };

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
export async function measureThroughput(root: string, next: Server, workDir: string, settings: LoadSettings): Promise<ThroughputResult> {
  const floor = await startStaticCopy(root, next.origin + settings.path, workDir);
  try {
    const nextRow = await hammer(next, settings);
    const floorRow = await hammer(floor, settings);
    const gzipRow = await hammer(next, settings, 'gzip, deflate, br');
    return { settings, rows: [nextRow, floorRow, gzipRow], ratio: nextRow.requestsPerSecond / floorRow.requestsPerSecond };
  } finally {
    await floor.stop();
  }
}
