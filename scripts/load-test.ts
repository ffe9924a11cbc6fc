// `npm run load`: 30 s at 100 connections on a project page and on the home page of the production build, served by
// `next start` on loopback. Fails on any error, timeout or non-2xx answer, or when the server's memory after the
// runs is more than 20% above what it was after a warm-up.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { installExitHandlers } from '../support/processes';
import { startNext } from '../bench/lib/servers';

const targets = ['/fotografie/co-city', '/'];
const run = { connections: 100, duration: 30, timeout: 10 };
const maxMemoryGrowth = 0.2;

if (!existsSync('.next/BUILD_ID')) {
  console.error('No production build: run `npm run build` first.');
  process.exit(1);
}

installExitHandlers();
const server = await startNext(process.cwd(), await mkdtemp(path.join(os.tmpdir(), 'load-')));
const { origin } = server;

/** Resident memory of the server process, in MiB. */
async function serverRss(): Promise<number> {
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  return kib / 1024;
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);

try {
  const cold = await serverRss();
  // The same load, briefly: caches filled and the heap sized for 100 connections, so that the comparison below
  // shows what the load keeps, not what serving it needs.
  for (const path of targets) await autocannon({ url: origin + path, connections: run.connections, duration: 5 });
  await sleep(2_000);
  const before = await serverRss();

  const failures: string[] = [];
  console.log(`${run.connections} connections × ${run.duration} s each, on ${origin}\n`);
  console.log('target               req/s   p50 ms  p99 ms  max ms  requests  errors  timeouts  non-2xx');
  for (const path of targets) {
    const result = await autocannon({ url: origin + path, ...run });
    const { requests, latency, errors, timeouts, non2xx } = result;
    console.log(
      [
        path.padEnd(18),
        fixed(requests.average).padStart(7),
        fixed(latency.p50).padStart(8),
        fixed(latency.p99).padStart(7),
        fixed(latency.max).padStart(7),
        String(requests.total).padStart(9),
        String(errors).padStart(7),
        String(timeouts).padStart(9),
        String(non2xx).padStart(8),
      ].join(' '),
    );
    if (errors || timeouts || non2xx) failures.push(`${path}: ${errors} errors, ${timeouts} timeouts, ${non2xx} non-2xx`);
  }

  await sleep(2_000);
  const after = await serverRss();
  const growth = (after - before) / before;
  console.log(
    `\nserver RSS: ${fixed(cold, 1)} MiB idle, ${fixed(before, 1)} MiB after warm-up, ${fixed(after, 1)} MiB after the runs ` +
      `(${growth >= 0 ? '+' : ''}${fixed(growth * 100, 1)}%)`,
  );
  if (growth > maxMemoryGrowth) failures.push(`server RSS grew by ${fixed(growth * 100, 1)}% (at most ${maxMemoryGrowth * 100}%)`);

  if (failures.length) {
    console.error(`\nFAILED:\n${failures.map((failure) => `  ${failure}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('\nOK: no errors, timeouts or non-2xx answers; memory steady.');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await server.stop();
}
