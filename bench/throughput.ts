// `next start` under load (autocannon's API) against a floor: a bare node:http server with the same page in memory.
import autocannon from 'autocannon';
import path from 'node:path';
import { treeCpuSeconds } from './lib/processes';
import { serve, type Server } from './lib/servers';
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

const section: Section = {
  title: '`next start` throughput',
  describe: ({ connections, warmup, duration }) => ({ text: `${connections} connections, ${warmup} s + ${duration} s`, reduced: connections !== 50 || warmup < 2 || duration < 10 }),
  run: async (context) => {
    const next = await context.server();
    const script = path.join(context.root, 'bench', 'lib', 'static-server.ts');
    const floor: Server = await serve('node:http, page from memory', context.root, (port) => ['--import', 'tsx', script, String(port), next.origin + projectPage], context.settings.ports, path.join(context.tmp, 'floor.log'));
    try {
      const rows = [await hammer({ ...next, name: 'next start' }, context), await hammer(floor, context), await hammer({ ...next, name: 'next start' }, context, 'gzip, deflate, br')];
      const [nextRate, floorRate] = rows.map((row) => Number(String(row[2]).replace(/,/g, '')));
      const failures = Number(rows[0]![6]) + Number(rows[0]![7]) + Number(rows[0]![8]);
      return [
        ...targets([[`≥ 2,100 req/s on ${projectPage}, 0 errors`, `${rows[0]![2]} req/s, ${failures} errors`, nextRate! >= 2100 && failures === 0]]),
        `autocannon in process, GET ${projectPage} on 127.0.0.1; load generator and server share the cores. The server's CPU per request (from /proc, over the measured seconds) depends least on how busy the machine is.`,
        '',
        ...table(['server', 'Accept-Encoding', 'req/s (mean of 1 s samples)', 'latency p50 (ms)', 'latency p99 (ms)', 'requests', 'errors', 'timeouts', 'non-2xx', 'bytes/response', 'server CPU per request (ms)'], rows),
        `\`next start\` / floor: ${whole((nextRate! / floorRate!) * 100)} % of the floor's requests per second.`,
        '',
      ];
    } finally {
      await floor.stop();
    }
  },
};
export default section;
