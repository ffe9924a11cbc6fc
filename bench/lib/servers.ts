import path from 'node:path';
import { freePort, releasePort, start, waitForHttp, type PortRange } from '../../support/processes';

export type Server = { name: string; origin: string; pid: number; stop: () => Promise<void> };

/** A Node server on a free port of `ports` (its arguments given the port), once it answers `/`. */
export async function serve(name: string, root: string, args: (port: number) => string[], ports: PortRange | undefined, logFile: string, extraEnv = {}): Promise<Server> {
  const port = await freePort(ports);
  const origin = `http://127.0.0.1:${port}`;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(port), HOSTNAME: '127.0.0.1', ...extraEnv };
  const server = start(process.execPath, args(port), { cwd: root, env, logFile });
  const stop = async () => {
    await server.stop();
    await releasePort(port);
  };
  await waitForHttp(`${origin}/`, server, 120_000).catch(async (error: Error) => {
    await stop();
    throw new Error(`${name} did not start (see ${logFile}): ${error.message}`);
  });
  return { name, origin, pid: server.pid, stop };
}

/** `next start` serving the build in `.next/` (on a port of 3200–3299 unless told). */
export function startNext(root: string, tmp: string, ports?: PortRange): Promise<Server> {
  const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  return serve('next start', root, (port) => [next, 'start', '-p', String(port), '-H', '127.0.0.1'], ports, path.join(tmp, 'next-start.log'));
}

/** `node server.js` in a standalone folder (what `npm start` runs), on a free port of `ports`. */
export function startStandalone(name: string, release: string, tmp: string, ports?: PortRange, env?: Record<string, string>): Promise<Server> {
  return serve(name, release, () => ['server.js'], ports, path.join(tmp, `${name.replace(/\W+/g, '-')}.log`), env);
}
