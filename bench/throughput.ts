// `next start` and `npm start` under load (autocannon's API) against a floor: a bare node:http server with the same
// page in memory; and the script policies' sizes (issue 16: `npm start` before proxy.ts left page views, and after).
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hashSource, inlineScriptsOf, metaPolicyOf, withPagePolicy } from '../lib/csp/page-policy.js';
import { buildChangedRelease, standaloneOf } from '../scripts/cdn/releases';
import { treeCpuSeconds } from '../support/processes';
import { serve, startStandalone, type Server } from './lib/servers';
import { fixed, projectPage, table, targets, whole, type Context, type Section } from './lib/section';

async function hammer(server: { name: string; origin: string; pid: number }, { settings }: Context, encoding?: string) {
  console.log(`throughput: ${server.name}${encoding ? ` (Accept-Encoding: ${encoding})` : ''}`);
  const options = { url: server.origin + projectPage, connections: settings.connections, timeout: 10, headers: encoding ? { 'accept-encoding': encoding } : {} };
  await autocannon({ ...options, duration: settings.warmup });
  const cpuBefore = treeCpuSeconds(server.pid);
  const result = await autocannon({ ...options, duration: settings.duration });
  const cpuMs = (treeCpuSeconds(server.pid) - cpuBefore) * 1000;
  const requests = result.requests.total || 1;
  return [server.name, encoding ?? 'none', whole(result.requests.average), fixed(result.latency.p50), fixed(result.latency.p99), whole(result.requests.total), result.errors, result.timeouts, result.non2xx, whole(result.throughput.total / requests), fixed(cpuMs / requests, 2)];
}

/** The built site once more, with proxy.ts restored from the commit before the one that removed it. */
function buildWithProxy(root: string, copy: string): Promise<string> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root });
  const proxy = git('show', `${git('log', '--diff-filter=D', '-1', '--format=%H', '--', 'proxy.ts').toString().trim()}~1:proxy.ts`);
  console.log('throughput: npm run build of a copy with proxy.ts (before)');
  return buildChangedRelease(root, copy, (content) => writeFile(path.join(content, '..', 'project', 'proxy.ts'), proxy));
}

/** The header's policy, each page's meta policy, the build's hashing step timed again (it is idempotent), and a union header. */
async function policies(root: string, origin: string): Promise<string> {
  const dir = path.join(root, '.next', 'server', 'app');
  const html = await Promise.all((await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.html')).map((file) => readFile(path.join(dir, file), 'utf8')));
  const started = performance.now();
  html.forEach(withPagePolicy);
  const hashingMs = performance.now() - started;
  const scripts = new Set(html.flatMap(inlineScriptsOf));
  const header = (await fetch(origin + '/')).headers.get('content-security-policy') ?? '';
  const meta = html.reduce((sum, page) => sum + `<meta http-equiv="Content-Security-Policy" content="${metaPolicyOf(page)}"/>`.length, 0) / html.length;
  const union = `Content-Security-Policy: ${header.replace("'unsafe-inline'", [...scripts].map(hashSource).join(' '))}`.length;
  return `Script policy (README, "Script policy"): the header is ${whole(`Content-Security-Policy: ${header}`.length)} bytes; ${html.length} built HTML files hold ${scripts.size} distinct inline scripts (their style attributes are hashed too), each file's meta policy ${whole(meta)} bytes on average; the union of all script hashes in the header instead would be ${whole(union)} bytes on every response. Hashing every page and writing its meta (the build's last step) takes ${whole(hashingMs)} ms.`;
}

const rate = (row: unknown[]) => Number(String(row[2]).replace(/,/g, ''));
const failures = (row: unknown[]) => Number(row[6]) + Number(row[7]) + Number(row[8]);

const section: Section = {
  title: 'Throughput: `next start` and `npm start`',
  describe: ({ connections, warmup, duration }) => ({ text: `${connections} connections, ${warmup} s + ${duration} s`, reduced: connections !== 50 || warmup < 2 || duration < 10 }),
  run: async (context) => {
    const { root, tmp, settings } = context;
    const next = await context.server();
    const copy = await mkdtemp(path.join(os.tmpdir(), 'bench-proxy-'));
    const servers: Server[] = [];
    try {
      const before = await buildWithProxy(root, copy);
      const script = path.join(root, 'bench', 'lib', 'static-server.ts');
      servers.push(await serve('node:http, page from memory', root, (port) => ['--import', 'tsx', script, String(port), next.origin + projectPage], settings.ports, path.join(tmp, 'floor.log')));
      const after = standaloneOf(root);
      servers.push(await startStandalone('npm start, proxy.ts (before)', before, tmp, settings.ports), await startStandalone('npm start, PAGE_CACHE=off', after, tmp, settings.ports, { PAGE_CACHE: 'off' }));
      servers.push(await startStandalone('npm start (no proxy, page cache)', after, tmp, settings.ports));
      const rows = [await hammer({ ...next, name: 'next start' }, context)];
      for (const server of servers) rows.push(await hammer(server, context));
      rows.splice(2, 0, await hammer({ ...next, name: 'next start' }, context, 'gzip, deflate, br'));
      rows.push(await hammer(servers.at(-1)!, context, 'gzip, deflate, br'));
      const [nextRow, floorRow, , withProxy, , cached] = rows as [unknown[], unknown[], unknown[], unknown[], unknown[], unknown[]];
      return [
        ...targets([
          [`≥ 2,100 req/s on ${projectPage}, 0 errors`, `${nextRow[2]} req/s, ${failures(nextRow)} errors`, rate(nextRow) >= 2100 && failures(nextRow) === 0],
          [`npm start: server CPU ≤ 0.45 ms per page request (${projectPage}), no proxy`, `${cached[10]} ms (${cached[2]} req/s); with proxy.ts ${withProxy[10]} ms (${withProxy[2]} req/s)`, Number(cached[10]) <= 0.45 && failures(cached) === 0],
        ]),
        `autocannon in process, GET ${projectPage} on 127.0.0.1; load generator and server share the cores. The server's CPU per request (from /proc, over the measured seconds) depends least on how busy the machine is. The npm start rows: the standalone server before (proxy.ts on every request, built again from git), after with Next's handler on every request (PAGE_CACHE=off), and after as shipped (each prerendered page's answer kept in memory, deploy/page-cache.mjs).`,
        '',
        ...table(['server', 'Accept-Encoding', 'req/s (mean of 1 s samples)', 'latency p50 (ms)', 'latency p99 (ms)', 'requests', 'errors', 'timeouts', 'non-2xx', 'bytes/response', 'server CPU per request (ms)'], rows),
        `\`next start\` / floor: ${whole((rate(nextRow) / rate(floorRow)) * 100)} % of the floor's requests per second.`,
        '',
        await policies(root, next.origin),
        '',
      ];
    } finally {
      for (const server of servers) await server.stop();
      await rm(copy, { recursive: true, force: true });
    }
  },
};
export default section;
