// The CPU and memory of a process tree, read from /proc: no library measures these for a tree of processes.
import { readdirSync, readFileSync } from 'node:fs';

type ProcStat = { pid: number; ppid: number; rssBytes: number; cpuSeconds: number };

function processTree(rootPid: number): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the fields after it are positional.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
      // utime + stime in clock ticks (100 per second), RSS in 4 KiB pages.
      stats.push({ pid: Number(name), ppid: fields[1]!, cpuSeconds: (fields[11]! + fields[12]!) / 100, rssBytes: fields[21]! * 4096 });
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

/**
 * Samples `rootPid`'s tree every 100 ms until stopped: the peak RSS of the tree (shared pages count once per process)
 * and of its largest process, and the CPU of every process seen, as last sampled (very short-lived ones are missed).
 */
export function sampleTree(rootPid: number) {
  const peak = { treeBytes: 0, processBytes: 0 };
  const cpuByPid = new Map<number, number>();
  const sample = () => {
    const tree = processTree(rootPid);
    peak.treeBytes = Math.max(peak.treeBytes, tree.reduce((sum, stat) => sum + stat.rssBytes, 0));
    peak.processBytes = Math.max(peak.processBytes, ...tree.map((stat) => stat.rssBytes));
    for (const stat of tree) cpuByPid.set(stat.pid, stat.cpuSeconds);
  };
  const timer = setInterval(sample, 100);
  sample();
  const cpuSeconds = () => [...cpuByPid.values()].reduce((sum, value) => sum + value, 0);
  return {
    /** The CPU seconds used so far, sampled now. */
    cpuSeconds: () => (sample(), cpuSeconds()),
    stop: () => {
      clearInterval(timer);
      return { ...peak, cpuSeconds: cpuSeconds() };
    },
  };
}
