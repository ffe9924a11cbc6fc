// `npm run cms`: the browser editor on this machine. decap-server (which has no authentication, so it listens on
// loopback only) writes the edits into this folder; `next dev` serves the site and /admin. Ctrl-C stops both.
// Arguments are passed on to `next dev`. package.json runs it as `node --import tsx`, one process: through tsx's CLI,
// a second process that relays signals and SIGKILLs its child when a relayed one is not acknowledged within 30 ms, a
// SIGINT sent to the CLI alone (by a test, a process manager) once left decap-server and next dev running.
import { createRequire } from 'node:module';
import path from 'node:path';
import { localProxyPort, localProxyUrl } from '../lib/cms/local-proxy.js';
import { start, waitFor, waitForHttp, type Started } from '../support/processes';

const require = createRequire(import.meta.url);
const port = Number(process.env.PORT || 3000);
const root = process.cwd();

const children: Started[] = [];
let stopping = false;

function startChild(name: string, script: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = start(process.execPath, [script, ...args], { cwd: root, env });
  void child.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the editor.`);
    void stop(typeof code === 'number' && code !== 0 ? code : 1);
  });
  children.push(child);
  return child;
}

async function stop(exitCode: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(children.map((child) => child.stop()));
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

const decap = startChild('decap-server', require.resolve('decap-server/dist/index.js'), [], {
  ...process.env,
  // decap-server reads PORT too: give it its own, and bind it to loopback (it listens everywhere by default).
  PORT: String(localProxyPort),
  BIND_HOST: '127.0.0.1',
  MODE: 'fs',
  GIT_REPO_DIRECTORY: root,
});
const next = startChild(
  'next dev',
  path.join(path.dirname(require.resolve('next/package.json')), 'dist/bin/next'),
  ['dev', '--port', String(port), ...process.argv.slice(2)],
  { ...process.env, CMS_PROXY_PORT: String(localProxyPort) },
);

try {
  // Ready when decap-server answers and next dev has compiled what /admin asks for first.
  await waitForHttp(localProxyUrl, decap, 30_000, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ action: 'info' }),
  });
  await waitFor('next dev', () => fetch(`http://127.0.0.1:${port}/api/cms/settings`).then((response) => response.ok), next, 180_000);
  console.log(`\n  Editor ready: http://localhost:${port}/admin  (edits are written to ${root}; Ctrl-C stops)\n`);
} catch (error) {
  if (!stopping) {
    console.error(`The editor did not start: ${(error as Error).message}`);
    await stop(1);
  }
}
