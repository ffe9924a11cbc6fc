// One way to run the servers beside a test, a tool or the benchmark: start a process group, wait for it to
// answer, stop it (SIGTERM, then SIGKILL). Used by `npm run cms`, the CMS specs, `test:cdn` and the bench.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';

/**
 * `node --import tsx <script>`, as package.json runs scripts/: one process, from any working folder (tsx found beside
 * this file). tsx's CLI starts a second node to run the script in: 0.1-0.5 s of CPU more per run.
 */
export const typeScript = (script: string, ...args: string[]): [string, string[]] => [
  process.execPath,
  ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, script, ...args],
];

/** Every process group this run started and has not yet stopped, killed on any exit. */
const groups = new Set<number>();
const cleanups = new Set<() => void>();

function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export type ProcStat = { pid: number; ppid: number; pgid: number; rssBytes: number; cpuSeconds: number };

/** A process and all its descendants alive now, read from /proc (Linux; empty elsewhere). */
export function processTree(rootPid: number): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const stats: ProcStat[] = [];
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after it are positional.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
      // utime + stime in clock ticks (100 per second), RSS in 4 KiB pages.
      stats.push({ pid: Number(name), ppid: fields[1]!, pgid: fields[2]!, cpuSeconds: (fields[11]! + fields[12]!) / 100, rssBytes: fields[21]! * 4096 });
    } catch {
      // The process ended between readdir and read.
    }
  }
  const tree = stats.filter((stat) => stat.pid === rootPid);
  for (let index = 0; index < tree.length; index++) tree.push(...stats.filter((stat) => stat.ppid === tree[index]!.pid));
  return tree;
}

/** CPU seconds (user + system) used so far by the processes of a tree that are alive now. */
export function treeCpuSeconds(rootPid: number): number {
  return processTree(rootPid).reduce((sum, stat) => sum + stat.cpuSeconds, 0);
}

/** The process groups of a leader's tree: its own, and those its descendants started (scripts/cms.ts starts two). */
function groupsOf(pid: number): number[] {
  const own = processTree(process.pid)[0]?.pgid;
  return [...new Set([pid, ...processTree(pid).map((stat) => stat.pgid)])].filter((group) => group !== own);
}

function killEverything() {
  cleanups.forEach((cleanup) => {
    try {
      cleanup();
    } catch {
      // Best effort: the process is exiting.
    }
  });
  groups.forEach((pid) => killGroup(pid, 'SIGKILL'));
  groups.clear();
}

let installed = false;

/** Kills whatever the run started when it ends, however it ends (error, Ctrl-C, SIGTERM). */
export function installExitHandlers(name = process.argv[1] ?? 'node') {
  if (installed) return;
  installed = true;
  process.on('exit', killEverything);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${name}: ${signal}, stopping every process it started`);
      killEverything();
      process.exit(130);
    });
  }
}

/** A synchronous cleanup (such as killing a browser) to run if the process exits before it is undone. */
export function onExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Started = {
  child: ChildProcess;
  pid: number;
  /** Resolves once the process has exited and all its output is read. */
  exited: Promise<Exit>;
  /** Whether the process is still running. */
  running: () => boolean;
  /** What it has written so far, when started with `capture`. */
  output: () => string;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
};

type StartOptions = {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Appends stdout and stderr here. */
  logFile?: string;
  /** Keeps stdout and stderr for `output()`. Without `logFile` or `capture`, they are shown (inherited). */
  capture?: boolean;
};

/** Starts a command as the leader of its own process group, so that stopping it stops its children too. */
export function start(command: string, args: string[], { cwd, env, logFile, capture }: StartOptions): Started {
  const child = spawn(command, args, {
    cwd,
    env: env ?? process.env,
    detached: true,
    stdio: logFile || capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${command}`);
  groups.add(pid);
  let status: Exit | undefined;
  const exit = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve((status = { code, signal })));
  });
  // Children of a leader that exited are still in its group, and may hold its output open: leave none behind.
  void exit.then(() => killGroup(pid, 'SIGKILL'));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let output = '';
  if (capture) {
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  }
  let flushed = Promise.resolve();
  if (logFile) {
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    flushed = closed.then(() => new Promise<void>((resolve) => log.end(resolve)));
  }
  const exited = Promise.all([exit, closed, flushed]).then(([status]) => {
    groups.delete(pid);
    return status;
  });
  const stop = async (graceMs = 5000) => {
    if (!status) {
      // Every group of the tree, taken while it is whole: a descendant in a group of its own would outlive the leader.
      const tree = groupsOf(pid);
      tree.forEach((group) => killGroup(group, 'SIGTERM'));
      const gone = await Promise.race([exit.then(() => true), sleep(graceMs).then(() => false)]);
      if (!gone) tree.forEach((group) => killGroup(group, 'SIGKILL'));
    }
    // A process that left the tree before (its parent gone) may still hold the output open: stop reading it.
    if (!(await Promise.race([closed.then(() => true), sleep(graceMs).then(() => false)]))) {
      console.error(`${command}: its output was still open ${graceMs / 1000} s after it exited (a process it started outlived it)`);
      child.stdout?.destroy();
      child.stderr?.destroy();
    }
    await exited;
  };
  return { child, pid, exited, running: () => !status, output: () => output, stop };
}

/** Runs a command to its end: its exit code (1 when killed), its stdout, and stdout and stderr as they came. */
export async function exec(command: string, args: string[], { cwd, env }: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const started = start(command, args, { cwd, env, capture: true });
  const stdout: Buffer[] = [];
  started.child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  const { code, signal } = await started.exited;
  return { code: code ?? 1, signal, stdout: Buffer.concat(stdout).toString(), output: started.output() };
}

/** Runs a short command to completion and returns its stdout; throws with the end of its output on failure. */
export async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const { code, signal, stdout, output } = await exec(command, args, options);
  if (code !== 0) {
    const tail = output.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`);
  }
  return stdout;
}

/**
 * Polls `probe` until it answers true; throws when `timeoutMs` is up or the process exits first. The budgets
 * are for a loaded 2-core machine: a slow start is waited for, a dead one reported at once.
 */
export async function waitFor(what: string, probe: () => Promise<boolean>, started: Started, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!started.running()) throw new Error(`${what}: the process exited before it was ready\n${started.output()}`);
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s\n${started.output()}`);
}

/** Polls `url` until it answers 200. */
export function waitForHttp(url: string, started: Started, timeoutMs = 60_000, init?: RequestInit) {
  return waitFor(
    url,
    async () => {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      return response.ok;
    },
    started,
    timeoutMs,
  );
}

/** Whether anything accepts connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export type PortRange = { first: number; last: number };
const portRange: PortRange = { first: 3200, last: 3299 };
const handedOut = new Set<number>();

/** A port in `range` (3200–3299 unless told) that nothing listens on and this run has not handed out yet. */
export async function freePort(range = portRange): Promise<number> {
  for (let port = range.first; port <= range.last; port++) {
    if (handedOut.has(port)) continue;
    if (await portIsFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${range.first}-${range.last}`);
}

/** Waits until nothing listens on `port` any more, then lets the run reuse it. */
export async function releasePort(port: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await portIsFree(port))) {
    if (Date.now() > deadline) throw new Error(`port ${port} is still in use`);
    await sleep(100);
  }
  handedOut.delete(port);
}
