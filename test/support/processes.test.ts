import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processTree, start } from '../../support/processes';

/** A leader that starts a child in a process group of its own (as scripts/cms.ts starts decap-server and next dev), on our stdout. */
const leader = (stays: boolean) =>
  start(
    process.execPath,
    ['-e', `const child = require('node:child_process').spawn('sleep', ['60'], { detached: true, stdio: 'inherit' }); console.log(child.pid); ${stays ? 'setInterval(() => {}, 1000);' : 'child.unref();'}`],
    { cwd: process.cwd(), capture: true },
  );
const childOf = async (started: ReturnType<typeof leader>) => {
  while (!/\d+\n/.test(started.output())) await new Promise((resolve) => setTimeout(resolve, 20));
  return Number(started.output().trim());
};
/** Running, not a zombie waiting for init to reap it. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('stop()', () => {
  it('stops the process groups its children started, not only its own', async () => {
    const started = leader(true);
    const child = await childOf(started);
    expect(processTree(started.pid).map((stat) => stat.pid)).toContain(child);
    await started.stop(2000);
    await expect.poll(() => alive(child)).toBe(false);
  });

  it('returns when a process that outlived the leader still holds its output open', async () => {
    const started = leader(false);
    const child = await childOf(started);
    await expect.poll(() => started.running()).toBe(false);
    const began = Date.now();
    await started.stop(1000);
    expect(Date.now() - began).toBeLessThan(5000);
    expect(alive(child)).toBe(true);
    process.kill(child, 'SIGKILL');
  });
});
