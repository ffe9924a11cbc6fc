// The shipped nginx configuration (deploy/nginx/) run for real on loopback, in front of standalone replicas: for
// `npm run test:cdn` and the benchmark. Ports, paths and the certificate are the only things filled in.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { freePort, releasePort, start, waitFor, waitForHttp, type PortRange, type Started } from '../../support/processes';
import nextConfig from '../../next.config.js';

export const replicaPorts: PortRange = { first: 3400, last: 3499 };
export const nginxPorts: PortRange = { first: 8400, last: 8499 };

export type Replica = { index: number; port: number; origin: string; release: string; process: Started };

export type Response = { status: number; headers: Record<string, string>; body: Buffer; text: () => string };

export type Stack = {
  /** `https://127.0.0.1:<port>`: the TLS server, with the cache. */
  edge: string;
  /** `http://127.0.0.1:<port>`: the plain-HTTP server, which redirects. */
  plain: string;
  replicas: Replica[];
  /** nginx's master process: its workers are its children. */
  edgePid: number;
  logs: { edge: string; origin: string; error: string };
  /** A GET (or another method) on the edge, trusting the throwaway certificate. */
  request: (pathname: string, options?: RequestOptions) => Promise<Response>;
  /** The same request straight to a replica, as nginx forwards it (no compression asked for). */
  direct: (pathname: string, options?: RequestOptions) => Promise<Response>;
  /** Stops a replica as systemd would (SIGTERM, requests in flight finish) and starts it on `release`. */
  restartReplica: (index: number, release: string) => Promise<void>;
  /** Resolves once nginx sends requests to replica `index` again (after its restart and nginx's fail_timeout). */
  inRotation: (index: number, timeoutMs?: number) => Promise<void>;
  /** SIGKILL: a replica that crashes. */
  killReplica: (index: number) => Promise<void>;
  startReplica: (index: number, release: string) => Promise<void>;
  stop: () => Promise<void>;
};

export type RequestOptions = { method?: string; headers?: Record<string, string> };

// The headers next.config.js sets on every response: nginx's own pages must repeat them.
const everyResponse = (await nextConfig.headers?.())?.find((rule) => rule.source === '/:path*');
if (!everyResponse) throw new Error("next.config.js no longer sets headers on '/:path*'");
const securityHeaderNames = everyResponse.headers.map((header) => header.key.toLowerCase());

/** The security headers of a response, by name: what nginx must pass on (or, on its own pages, repeat) unchanged. */
export function securityHeaders(response: Response): Record<string, string | undefined> {
  return Object.fromEntries(securityHeaderNames.map((name) => [name, response.headers[name]]));
}

/** The body as the client reads it, whatever the content coding. */
export function decoded(response: Response): Buffer {
  switch (response.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(response.body);
    case 'gzip':
      return zlib.gunzipSync(response.body);
    default:
      return response.body;
  }
}

function send(agent: http.Agent | undefined, origin: string, pathname: string, { method = 'GET', headers = {} }: RequestOptions) {
  const url = new URL(pathname, origin);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Response>((resolve, reject) => {
    const request = client.request(url, { method, headers, agent, timeout: 30_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const result: Response = {
          status: response.statusCode ?? 0,
          headers: Object.fromEntries(
            Object.entries(response.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
          ),
          body: Buffer.concat(chunks),
          text: () => decoded(result).toString(),
        };
        resolve(result);
      });
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`${method} ${url.href} timed out`)));
    request.on('error', reject);
    request.end();
  });
}

/** The nginx binary's brotli filter module, as Debian's libnginx-mod-http-brotli-filter installs it. */
function brotliModule(): string {
  const found = ['/usr/share/nginx/modules', '/usr/lib/nginx/modules']
    .map((dir) => path.join(dir, 'ngx_http_brotli_filter_module.so'))
    .find((file) => existsSync(file));
  if (!found) throw new Error('the nginx brotli module is missing: run scripts/ensure-nginx.sh');
  return found;
}

/** deploy/nginx/portfolio.conf with loopback ports and scratch paths: each value replaced must still be there. */
export async function fillInConfig(root: string, values: { http: number; https: number; replicas: number[]; dir: string; cert: string; key: string }) {
  const source = path.join(root, 'deploy', 'nginx', 'portfolio.conf');
  let config = await readFile(source, 'utf8');
  const replace = (from: string | RegExp, to: string) => {
    const next = config.replaceAll(from, to);
    if (next === config) throw new Error(`${path.relative(root, source)} no longer contains ${from}: update scripts/cdn/stack.ts to match`);
    config = next;
  };
  replace(/^ *listen \[::\]:\d+.*\n/gm, '');
  replace('listen 80;', `listen 127.0.0.1:${values.http};`);
  replace('listen 443 ssl http2;', `listen 127.0.0.1:${values.https} ssl http2;`);
  const upstream = /^( *server )127\.0\.0\.1:3000( .*\n)(?: *server 127\.0\.0\.1:\d+ .*\n)*/m;
  const line = upstream.exec(config);
  if (!line) throw new Error(`${path.relative(root, source)} no longer lists its replicas as \`server 127.0.0.1:3000 …;\`: update scripts/cdn/stack.ts`);
  config = config.replace(upstream, values.replicas.map((port) => `${line[1]}127.0.0.1:${port}${line[2]}`).join(''));
  replace('/etc/letsencrypt/live/example.com/fullchain.pem', values.cert);
  replace('/etc/letsencrypt/live/example.com/privkey.pem', values.key);
  replace('/run/nginx-portfolio.sock', path.join(values.dir, 'compress.sock'));
  replace('/var/cache/nginx/portfolio', path.join(values.dir, 'cache'));
  replace('/var/log/nginx/', `${path.join(values.dir, 'logs')}/`);
  replace('/etc/nginx/portfolio/', `${path.join(values.dir, 'portfolio')}/`);
  replace('/var/www/html', path.join(values.dir, 'acme'));
  return config;
}

function mainConfig(dir: string, site: string): string {
  // As root, workers run as nobody (nginx's default) and own what they write.
  const user = process.getuid?.() === 0 ? 'user nobody nogroup;\n' : '';
  return `${user}worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
load_module ${brotliModule()};
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path ${dir}/temp/body;
    proxy_temp_path ${dir}/temp/proxy;
    fastcgi_temp_path ${dir}/temp/fastcgi;
    uwsgi_temp_path ${dir}/temp/uwsgi;
    scgi_temp_path ${dir}/temp/scgi;
    include ${site};
}
`;
}

/** A throwaway self-signed certificate for 127.0.0.1, in place of the shipped placeholder paths. */
function certificate(dir: string) {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { cert, key };
}

async function startServer(release: string, port: number, logFile: string): Promise<Started> {
  const env = { ...process.env, PORT: String(port), HOSTNAME: '127.0.0.1', NEXT_TELEMETRY_DISABLED: '1' };
  const server = start(process.execPath, ['server.js'], { cwd: release, env, logFile });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, server);
  } catch (error) {
    await server.stop();
    const log = await readFile(logFile, 'utf8').catch(() => '');
    throw new Error(`the standalone server in ${release} did not start: ${(error as Error).message}\n${log.slice(-2000)}`);
  }
  return server;
}

/** Starts `count` replicas of the standalone folder `release`, then nginx with the shipped configuration. */
export async function startStack(root: string, release: string, workDir: string, count = 2): Promise<Stack> {
  const dir = path.join(workDir, 'nginx');
  await mkdir(path.join(dir, 'logs'), { recursive: true });
  await mkdir(path.join(dir, 'temp'), { recursive: true });
  // nginx's workers (nobody, as root) must reach the sockets, pages and cache under the scratch folder.
  for (let folder = dir; folder.startsWith(os.tmpdir()) && folder !== os.tmpdir(); folder = path.dirname(folder)) {
    await chmod(folder, 0o755);
  }
  await cp(path.join(root, 'deploy', 'nginx', 'portfolio'), path.join(dir, 'portfolio'), { recursive: true });
  for (const name of await readdir(path.join(dir, 'portfolio'))) {
    if (!name.endsWith('.conf')) continue;
    const file = path.join(dir, 'portfolio', name);
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('/etc/nginx/portfolio/', `${path.join(dir, 'portfolio')}/`));
  }

  const replicas: Replica[] = [];
  let nginx: Started | undefined;
  const ports: number[] = [];
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(replicas.map((replica) => replica.process.stop()));
    await Promise.all(ports.map((port) => releasePort(port).catch(() => undefined)));
  };

  try {
    const startReplica = async (index: number, releaseDir: string) => {
      const port = replicas[index]?.port ?? (await freePort(replicaPorts));
      if (!ports.includes(port)) ports.push(port);
      const process = await startServer(releaseDir, port, path.join(workDir, `replica-${index}.log`));
      replicas[index] = { index, port, origin: `http://127.0.0.1:${port}`, release: releaseDir, process };
    };
    for (let index = 0; index < count; index++) await startReplica(index, release);

    const [httpPort, httpsPort] = [await freePort(nginxPorts), await freePort(nginxPorts)];
    ports.push(httpPort, httpsPort);
    const { cert, key } = certificate(dir);
    const site = path.join(dir, 'portfolio.conf');
    await writeFile(
      site,
      await fillInConfig(root, { http: httpPort, https: httpsPort, replicas: replicas.map((replica) => replica.port), dir, cert, key }),
    );
    const conf = path.join(dir, 'nginx.conf');
    await writeFile(conf, mainConfig(dir, site));
    const logs = { edge: path.join(dir, 'logs', 'portfolio.log'), origin: path.join(dir, 'logs', 'portfolio-origin.log'), error: path.join(dir, 'logs', 'error.log') };

    execFileSync('nginx', ['-t', '-q', '-p', `${dir}/`, '-c', conf], { stdio: 'inherit' });
    nginx = start('nginx', ['-p', `${dir}/`, '-c', conf, '-g', 'daemon off;'], { cwd: dir, logFile: path.join(dir, 'nginx.out') });
    const ca = await readFile(cert);
    const agent = new https.Agent({ ca, keepAlive: true, maxSockets: 16 });
    const edge = `https://127.0.0.1:${httpsPort}`;
    await waitForHttps(edge, agent, nginx);

    return {
      edge,
      plain: `http://127.0.0.1:${httpPort}`,
      replicas,
      edgePid: nginx.pid,
      logs,
      request: (pathname, options = {}) => send(agent, edge, pathname, options),
      direct: (pathname, options = {}) => send(undefined, replicas.find((replica) => replica.process.running())!.origin, pathname, options),
      restartReplica: async (index, releaseDir) => {
        await replicas[index]!.process.stop(15_000);
        await startReplica(index, releaseDir);
      },
      killReplica: async (index) => {
        process.kill(-replicas[index]!.process.pid, 'SIGKILL');
        await replicas[index]!.process.exited;
      },
      startReplica,
      inRotation: async (index, timeoutMs = 15_000) => {
        const served = new RegExp(`upstream=127\\.0\\.0\\.1:${replicas[index]!.port} upstream_status=200\\b`);
        const deadline = Date.now() + timeoutMs;
        for (let probe = 0; Date.now() < deadline; probe++) {
          const logged = (await readFile(logs.origin, 'utf8')).length;
          await send(agent, edge, `/?rotation=${Date.now()}-${probe}`, {});
          await new Promise((resolve) => setTimeout(resolve, 50));
          if (served.test((await readFile(logs.origin, 'utf8')).slice(logged))) return;
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
        throw new Error(`nginx sent nothing to replica ${index + 1} (${replicas[index]!.origin}) within ${timeoutMs / 1000} s`);
      },
      stop: async () => {
        agent.destroy();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForHttps(origin: string, agent: https.Agent, nginx: Started, timeoutMs = 20_000) {
  return waitFor(`nginx on ${origin}`, async () => (await send(agent, origin, '/', {})).status === 200, nginx, timeoutMs);
}
