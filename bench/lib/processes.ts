import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

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
export function installExitHandlers() {
  if (installed) return;
  installed = true;
  process.on('exit', killEverything);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\nbench: ${signal}, stopping every process it started`);
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

export type Started = {
  child: ChildProcess;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM to the whole process group, SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
};

type StartOptions = {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Appends stdout and stderr here; inherited (shown) when absent, unless captured. */
  logFile?: string;
  /** Leaves stdout and stderr as pipes for the caller to read. */
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
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // Children of a leader that exited are still in its group, and may hold its output open: leave none behind.
  void exit.then(() => killGroup(pid, 'SIGKILL'));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let flushed = Promise.resolve();
  if (logFile) {
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    flushed = closed.then(() => new Promise<void>((resolve) => log.end(resolve)));
  }
  /** Resolves once the process has exited and all its output is in the log. */
  const exited = Promise.all([exit, closed, flushed]).then(([status]) => {
    groups.delete(pid);
    return status;
  });
  const stop = async (graceMs = 5000) => {
    killGroup(pid, 'SIGTERM');
    const gone = await Promise.race([exit.then(() => true), sleep(graceMs).then(() => false)]);
    if (!gone) killGroup(pid, 'SIGKILL');
    await exited;
  };
  return { child, pid, exited, stop };
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

/** Polls `url` until it answers 200. */
export async function waitForHttp(url: string, started: Started, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void started.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server for ${url} exited before answering`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

const pageSize = 4096;
const clockTicks = 100;

type ProcStat = { pid: number; ppid: number; rssBytes: number; cpuSeconds: number };

function readProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields that follow are positional.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        rssBytes: Number(fields[21]) * pageSize,
        // Its own utime + stime, without the children it has reaped (they are counted as themselves).
        cpuSeconds: (Number(fields[11]) + Number(fields[12])) / clockTicks,
      });
    } catch {
      // The process ended between readdir and read.
    }
  }
  return stats;
}

/** `rootPid` and all its descendants alive now. */
function processTree(rootPid: number): ProcStat[] {
  const stats = readProcStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const root = stats.find((stat) => stat.pid === rootPid);
  const tree: ProcStat[] = [];
  const queue = root ? [root] : [];
  for (let next = queue.shift(); next; next = queue.shift()) {
    tree.push(next);
    queue.push(...(children.get(next.pid) ?? []));
  }
  return tree;
}

/** CPU seconds (user + system) used so far by the processes of a tree that are alive now. */
export function treeCpuSeconds(rootPid: number): number {
  return processTree(rootPid).reduce((sum, stat) => sum + stat.cpuSeconds, 0);
}

export type TreeSample = {
  /** Largest sum of the RSS of the process and all its descendants at one sample (shared pages count once per process). */
  treeBytes: number;
  /** Largest RSS of any single process of the tree (what `/usr/bin/time -v` reports for its child). */
  processBytes: number;
  /** Most processes alive in the tree at one sample. */
  processes: number;
  /** CPU seconds of every process seen in the tree, as last sampled (short-lived ones may be missed). */
  cpuSeconds: number;
  samples: number;
};

/** Samples the RSS and CPU time of `rootPid`'s process tree every `intervalMs` from /proc until stopped. */
export function sampleTree(rootPid: number, intervalMs = 100) {
  const peak = { treeBytes: 0, processBytes: 0, processes: 0, samples: 0 };
  const cpuByPid = new Map<number, number>();
  const sample = () => {
    const tree = processTree(rootPid);
    if (tree.length === 0) return;
    peak.treeBytes = Math.max(peak.treeBytes, tree.reduce((sum, stat) => sum + stat.rssBytes, 0));
    peak.processBytes = Math.max(peak.processBytes, ...tree.map((stat) => stat.rssBytes));
    peak.processes = Math.max(peak.processes, tree.length);
    peak.samples++;
    for (const stat of tree) cpuByPid.set(stat.pid, stat.cpuSeconds);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): TreeSample {
      clearInterval(timer);
      return { ...peak, cpuSeconds: [...cpuByPid.values()].reduce((sum, value) => sum + value, 0) };
    },
  };
}

/** Runs a short command to completion and returns its stdout; throws with the end of its stderr on failure. */
export async function run(command: string, args: string[], { cwd, env }: { cwd: string; env?: NodeJS.ProcessEnv }) {
  const started = start(command, args, { cwd, env, logFile: undefined, capture: true });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  started.child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  started.child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk));
  const { code, signal } = await started.exited;
  if (code !== 0) {
    const stderr = Buffer.concat(errors).toString().trim().split('\n').slice(-15).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${stderr}`);
  }
  return Buffer.concat(chunks).toString();
}
