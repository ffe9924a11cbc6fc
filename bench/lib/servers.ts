import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, releasePort, start, waitForHttp } from '../../support/processes';

export type Server = { name: string; origin: string; port: number; pid: number; stop: () => Promise<void> };

async function serve(name: string, root: string, args: (port: number) => string[], readyPath: string, logFile: string) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), HOSTNAME: '127.0.0.1' };
  const server = start(process.execPath, args(port), { cwd: root, env, logFile });
  try {
    await waitForHttp(origin + readyPath, server);
  } catch (error) {
    await server.stop();
    await releasePort(port);
    const log = await readFile(logFile, 'utf8').catch(() => '');
    throw new Error(`${name} did not start: ${(error as Error).message}\n${log.slice(-2000)}`);
  }
  return {
    name,
    origin,
    port,
    pid: server.pid,
    stop: async () => {
      await server.stop();
      await releasePort(port);
    },
  } satisfies Server;
}

/** `next start` on a free port of 127.0.0.1, serving the build in `.next/`. */
export function startNext(root: string, workDir: string): Promise<Server> {
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  return serve('next start', root, (port) => [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], '/', path.join(workDir, 'next-start.log'));
}

/** A bare `node:http` server answering every request with one page fetched once from `source`. */
export function startStaticCopy(root: string, source: string, workDir: string): Promise<Server> {
  const script = path.join(root, 'bench', 'lib', 'static-server.ts');
  return serve('node:http, page from memory', root, (port) => ['--import', 'tsx', script, String(port), source], '/', path.join(workDir, 'static-server.log'));
}

/** `node server.js` in a standalone folder (what `npm start` runs) on a free port of 127.0.0.1. */
export function startStandalone(name: string, release: string, workDir: string): Promise<Server> {
  return serve(name, release, () => ['server.js'], '/', path.join(workDir, `${name.replace(/\W+/g, '-')}.log`));
}
