// `npm run cms`: the browser editor on this machine. decap-server (which has no authentication, so it listens on
// loopback only) writes the edits into this folder; `next dev` serves the site and /admin. Ctrl-C stops both.
// Arguments are passed on to `next dev`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { localProxyPort, localProxyUrl } from '../lib/cms/local-proxy.js';

const require = createRequire(import.meta.url);
const port = Number(process.env.PORT || 3000);
const root = process.cwd();

const children: ChildProcess[] = [];
let stopping = false;

function start(name: string, script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // A process group of its own, so that stopping it also stops whatever it started (next dev's server).
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: 'inherit', detached: true });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit code ${code}`}); stopping the editor.`);
    stop(typeof code === 'number' && code !== 0 ? code : 1);
  });
  children.push(child);
  return child;
}

function stop(exitCode: number) {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  if (running.length === 0) process.exit(exitCode);
  let left = running.length;
  for (const child of running) {
    child.on('exit', () => {
      if (--left === 0) process.exit(exitCode);
    });
    signalGroup(child, 'SIGTERM');
  }
  setTimeout(() => {
    running.forEach((child) => signalGroup(child, 'SIGKILL'));
    process.exit(exitCode);
  }, 5_000).unref();
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** Polls until `probe` succeeds; false when the time is up or the editor is stopping. */
async function waitFor(probe: () => Promise<Response>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    if (await probe().then((response) => response.ok, () => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(0));

start('decap-server', require.resolve('decap-server/dist/index.js'), [], {
  ...process.env,
  // decap-server reads PORT too: give it its own, and bind it to loopback (it listens everywhere by default).
  PORT: String(localProxyPort),
  BIND_HOST: '127.0.0.1',
  MODE: 'fs',
  GIT_REPO_DIRECTORY: root,
});
start('next dev', path.join(path.dirname(require.resolve('next/package.json')), 'dist/bin/next'), ['dev', '--port', String(port), ...process.argv.slice(2)], {
  ...process.env,
  CMS_PROXY_PORT: String(localProxyPort),
});

// Ready when decap-server answers and next dev has compiled what /admin asks for first.
const ready =
  (await waitFor(
    () =>
      fetch(localProxyUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'info' }),
      }),
    30_000,
  )) && (await waitFor(() => fetch(`http://127.0.0.1:${port}/api/cms/settings`), 180_000));
if (ready) console.log(`\n  Editor ready: http://localhost:${port}/admin  (edits are written to ${root}; Ctrl-C stops)\n`);
else if (!stopping) {
  console.error('The editor did not start in time.');
  stop(1);
}
