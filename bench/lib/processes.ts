// The CPU and memory of a process tree, read from /proc: no library measures these for a tree of processes.
import { processTree } from '../../support/processes';

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
