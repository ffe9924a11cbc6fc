// The deployable folder's size, and deploy/nginx/ run for real on loopback (the stack of `npm run test:cdn`) in front
// of two replicas: cache hits against one replica, a replica killed under load, a rolling deploy.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { run } from '../support/processes';
import { buildChangedRelease, currentRelease, markSiteTitle } from '../scripts/cdn/releases';
import { compareThroughput, killUnderLoad, load, rollingDeploy, staticUrls, type LoadFigures } from '../scripts/cdn/scenarios';
import { startStack } from '../scripts/cdn/stack';
import { fixed, projectPage, table, targets, whole, type Section } from './lib/section';

const watched = '/grafica';
const sMaxAge = 60;
const mb = (bytes: number) => fixed(bytes / 1e6);

/** Bytes and files under `dir` (symbolic links counted as themselves). */
async function size(dir: string): Promise<{ bytes: number; files: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((entry) => !entry.isDirectory());
  const sizes = await Promise.all(files.map(async (entry) => (await stat(path.join(entry.parentPath, entry.name)).catch(() => ({ size: 0 }))).size));
  return { bytes: sizes.reduce((a, b) => a + b, 0), files: files.length };
}

const section: Section = {
  title: 'Hosting: the standalone server and nginx in front',
  describe: ({ connections, warmup, duration }) => ({ text: `${connections} connections, ${warmup} s + ${duration} s`, reduced: connections !== 50 || warmup < 2 || duration < 10 }),
  run: async ({ root, tmp, settings, realBuild }) => {
    await realBuild();
    await run('bash', [path.join(root, 'scripts/ensure-nginx.sh')], { cwd: root });
    const release = await currentRelease(root);
    const total = await size(release);
    const parts = await Promise.all(['node_modules', '.next/static', '.next/server', 'public'].map(async (part) => [part, mb((await size(path.join(release, part))).bytes)]));

    console.log('cdn: building a second release with changed content');
    const marker = `[rilascio ${Math.random().toString(36).slice(2, 8)}]`;
    const copy = await mkdtemp(path.join(os.tmpdir(), 'bench-cdn-'));
    try {
      const buildStarted = performance.now();
      const next = await buildChangedRelease(root, copy, (content) => markSiteTitle(content, marker));
      const buildSeconds = (performance.now() - buildStarted) / 1000;
      const stack = await startStack(root, release, path.join(tmp, 'cdn'));
      try {
        const prefetch = { rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/$d$lang/$d$category/__PAGE__' };
        const payload = { path: (await stack.direct(watched, { headers: prefetch })).headers.location!, headers: prefetch };
        await stack.request(watched);
        await stack.request(payload.path, { headers: prefetch });
        const loadSettings = { connections: settings.connections, length: { seconds: settings.duration }, warmup: { seconds: settings.warmup } };
        console.log(`cdn: one replica, then nginx, on ${projectPage}`);
        const { replica, edge, ratio, cpuRatio } = await compareThroughput(stack, projectPage, loadSettings);
        const edgeBrotli = await load(stack.edge + projectPage, { ...loadSettings, headers: { 'accept-encoding': 'br' } });
        console.log('cdn: a replica killed under load');
        const kill = await killUnderLoad(stack, { connections: Math.min(settings.connections, 16), seconds: settings.duration });
        console.log('cdn: rolling deploy, then waiting for the new content');
        const [before, after] = await Promise.all([staticUrls(release), staticUrls(next)]);
        const files = [...before.filter((file) => !after.includes(file)), ...after.filter((file) => !before.includes(file))];
        const deploy = await rollingDeploy(stack, next, { page: watched, payload, marker, files, timeoutSeconds: sMaxAge * 2 });
        const lastNew = Math.max(deploy.secondsToNewPage, deploy.secondsToNewPayload);
        const row = (name: string, encoding: string, figures: LoadFigures) => [name, encoding, whole(figures.requestsPerSecond), fixed(figures.latencyP50Ms), fixed(figures.latencyP99Ms), whole(figures.requests), figures.failed];
        const during = deploy.filesDuringDeploy;
        return [
          ...targets([
            [`warm nginx cache ≥ 5× one replica's Next handler on ${projectPage}, in CPU a request (req/s beside)`, `${fixed(edge.cpuMsPerRequest!, 3)} vs ${fixed(replica.cpuMsPerRequest!, 3)} ms (× ${fixed(cpuRatio)}); ${whole(edge.requestsPerSecond)} vs ${whole(replica.requestsPerSecond)} req/s (× ${fixed(ratio)})`, cpuRatio >= 5],
            ['a replica killed under load: 0 failed requests', `${kill.failed} of ${whole(kill.requests)}`, kill.failed === 0 && kill.requests > 0],
            [`a rolling deploy's new content through the cache within s-maxage (${sMaxAge} s) + 5 s, no purge`, `${fixed(lastNew)} s`, lastNew <= sMaxAge + 5 && deploy.oldPageRightAfter],
          ]),
          `\`.next/standalone\` after \`npm run build\` (public/ and .next/static copied in): **${mb(total.bytes)} MB** in ${whole(total.files)} files, the whole site (${parts.map(([part, value]) => `${part} ${value} MB`).join(', ')}).`,
          '',
          `nginx with deploy/nginx/portfolio.conf on 127.0.0.1 (TLS with a throwaway certificate, its cache) in front of two replicas (\`node server.js\`); autocannon in process, GET ${projectPage}; the replica is asked without Accept-Encoding (its fastest), nginx both ways.`,
          '',
          ...table(['server', 'Accept-Encoding', 'req/s', 'latency p50 (ms)', 'latency p99 (ms)', 'requests', 'failed'], [row('one replica, straight', 'none', replica), row('nginx, cache hits', 'none', edge), row('nginx, cache hits', 'br', edgeBrotli)]),
          `A replica killed (SIGKILL) ${kill.killedAfterSeconds} s into ${settings.duration} s of requests that all reach the replicas: ${kill.failed} of ${whole(kill.requests)} failed (${whole(kill.requestsPerSecond)} req/s).`,
          '',
          `Rolling deploy of a second build (changed site title; built in ${fixed(buildSeconds, 0)} s from a temporary copy): files of only one of the two builds asked for while the replicas ran both, ${during.ok} of ${during.asked} served (${during.retriedAfter404} after the other replica's 404). Right after the deploy the cache ${deploy.oldPageRightAfter ? 'still served the old page' : 'already served the new page'}; the new page showed after ${fixed(deploy.secondsToNewPage)} s and its RSC payload after ${fixed(deploy.secondsToNewPayload)} s (s-maxage ${sMaxAge} s, no purge).`,
          '',
        ];
      } finally {
        await stack.stop();
      }
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  },
};
export default section;
