import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = process.cwd();
const base = Number(process.env.PORT ?? 3100);

/** The CMS specs' own servers, beside the suite's production server on PORT. */
export const cmsPorts = {
  /** `npm run cms` in a copy of the site: next dev. */
  editor: base + 10,
  /** Its decap-server (CMS_PROXY_PORT), apart from the 8081 of an editor's own `npm run cms`. */
  proxy: 8082,
  /** The stand-in for github.com's two OAuth endpoints. */
  github: base + 11,
  /** `next start` on the suite's build, with the GitHub backend set up against the stand-in. */
  signIn: base + 12,
};

// What a copy of the site needs to run and build; tests and tools stay behind.
const leftOut = new Set(['node_modules', 'test-results', 'playwright-report', 'blob-report', 'e2e', 'test']);
const leftOutPaths = [path.join(root, 'public', 'admin', 'decap'), path.join(root, 'bench', 'tmp')];

/**
 * A copy of the site (sources, content, photos) in a temporary folder, so that the editor writes there and never
 * into the repository's own content/ or public/. node_modules is linked, and Decap's bundle copied in.
 */
export async function copySite(): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'portfolio-cms-'));
  for (const entry of await readdir(root)) {
    if (entry.startsWith('.') || leftOut.has(entry)) continue;
    await cp(path.join(root, entry), path.join(copy, entry), {
      recursive: true,
      filter: (source) => !leftOutPaths.some((left) => source.startsWith(left)),
    });
  }
  await symlink(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  await run(process.execPath, [path.join(root, 'scripts', 'copy-cms.mjs'), path.join(copy, 'public')], { cwd: copy });
  return copy;
}

export async function removeCopy(copy: string | undefined) {
  if (copy) await rm(copy, { recursive: true, force: true });
}

export type Editor = { url: string; process: ChildProcess; output: () => string; stop: () => Promise<void> };

/**
 * `npm run cms` (scripts/cms.ts) in the copy: decap-server and next dev. Webpack, because Turbopack refuses a
 * node_modules linked from outside the project folder.
 */
export async function startEditor(copy: string): Promise<Editor> {
  let output = '';
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/cms.ts', '--webpack', '--hostname', '127.0.0.1'],
    {
      cwd: copy,
      env: { ...process.env, PORT: String(cmsPorts.editor), CMS_PROXY_PORT: String(cmsPorts.proxy), NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const editor: Editor = {
    url: '',
    process: child,
    output: () => output,
    stop: () => stopGroup(child),
  };
  const ready = /Editor ready: (http:\/\/\S+)/;
  const deadline = Date.now() + 120_000;
  while (!ready.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await editor.stop();
      throw new Error(`npm run cms did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  editor.url = ready.exec(output)![1]!;
  return editor;
}

export type Server = { url: string; output: () => string; stop: () => Promise<void> };

/** `next start` on the suite's production build, with extra environment (the GitHub backend's settings). */
export async function startProductionServer(port: number, env: Record<string, string>): Promise<Server> {
  let output = '';
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '--hostname', '127.0.0.1', '--port', String(port)],
    { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server: Server = { url: `http://127.0.0.1:${port}`, output: () => output, stop: () => stopGroup(child) };
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${server.url}/robots.txt`).then((response) => response.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await server.stop();
      throw new Error(`next start did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return server;
}

/** Stops a process started `detached` and everything it started, by its process group. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }, 10_000);
  await exited;
  clearTimeout(timeout);
}

/** Whether anything accepts connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Runs a command to its end; resolves with its exit code and output. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
