// The CPU and memory of a process tree, read from /proc: no library measures these for a tree of processes.
import { readdirSync, readFileSync } from 'node:fs';

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
