// `npm run bench:hook [-- --runs N]`: how long an editor's `git commit` waits for the pre-commit content check on
// the sample content (target: under 3 s), and where the time goes. Writes bench/pre-commit.md.
import { appendFile, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { run as runIn, typeScript } from '../support/processes';
import { median } from './lib/section';

const runs = Number(parseArgs({ options: { runs: { type: 'string', default: '7' } } }).values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs expects a positive whole number');
const root = path.resolve(import.meta.dirname, '..');
const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', CI: '', GITHUB_ACTIONS: '' };
for (const name of Object.keys(env)) if ((name.startsWith('GIT_') && !name.startsWith('GIT_CONFIG_')) || name === 'HUSKY') delete env[name];
const run = (cwd: string, command: string, args: string[], extra = {}) => runIn(command, args, { cwd, env: { ...env, ...extra } });
type Timed = { wallMs: number; cpuMs: number };
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' / ');

/** Wall time, and CPU time (user + sys) of every process the command ran, from bash's `times`, in ms. */
async function timed(cwd: string, command: string, ...args: string[]): Promise<Timed> {
  const start = performance.now();
  const output = await run(cwd, 'bash', ['-c', '"$@" > /dev/null; status=$?; times; exit $status', 'bench', command, ...args]);
  const [, um, us, sm, ss] = (/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(output.trim()) ?? []).map(Number);
  return { wallMs: performance.now() - start, cpuMs: (um! * 60 + us! + sm! * 60 + ss!) * 1000 };
}

const repo = await mkdtemp(path.join(os.tmpdir(), 'bench-pre-commit-'));
try {
  // A clone as an editor has it: the hook installed by npm's prepare step, the sample content.
  await mkdir(path.join(repo, '.husky'));
  for (const file of ['package.json', '.husky/pre-commit', '.husky/install.mjs']) await cp(path.join(root, file), path.join(repo, file));
  for (const folder of ['content', 'public']) await cp(path.join(root, folder), path.join(repo, folder), { recursive: true });
  for (const folder of ['node_modules', 'lib', 'scripts']) await symlink(path.join(root, folder), path.join(repo, folder));
  await writeFile(path.join(repo, '.gitignore'), '/node_modules\n/lib\n/scripts\n');
  await writeFile(path.join(repo, 'empty.ts'), 'export {};\n');
  for (const args of [['init', '-q', '-b', 'main'], ['config', 'user.name', 'Bench'], ['config', 'user.email', 'bench@example.com']]) await run(repo, 'git', args);
  await run(repo, 'npm', ['run', '--silent', 'prepare']);
  await run(repo, 'git', ['add', '-A']);
  await run(repo, 'git', ['commit', '-q', '-m', 'start'], { HUSKY: '0' });
  // Warm what a second commit finds warm on an editor's machine (tsx's transform cache, the disk cache).
  await run(repo, 'npm', ['run', '--silent', 'content:check']);

  const [loadBefore, [node, emptyScript]] = [load(), typeScript('empty.ts')];
  const rows: Record<string, Timed[]> = {};
  const add = (what: string, value: Timed) => (rows[what] ??= []).push(value);
  // Round by round, so that a busy moment of a shared machine weighs on every measure alike.
  for (let index = 0; index < runs; index++) {
    await appendFile(path.join(repo, 'content/projects/luce-di-langa.md'), `\nRiga ${index}.\n`);
    await run(repo, 'git', ['add', 'content']);
    add('`git commit` staging a change under `content/` (the check runs)', await timed(repo, 'git', 'commit', '-q', '-m', `content ${index}`));
    await appendFile(path.join(repo, 'NOTES.md'), `${index}\n`);
    await run(repo, 'git', ['add', 'NOTES.md']);
    add('`git commit` staging no content (the check is skipped)', await timed(repo, 'git', 'commit', '-q', '-m', `notes ${index}`));
    add('`npm run --silent content:check` alone', await timed(repo, 'npm', 'run', '--silent', 'content:check'));
    add('`node --import tsx` on an empty file (startup, as package.json runs scripts/)', await timed(repo, node, ...emptyScript));
    add('`node -e 0` (startup)', await timed(repo, process.execPath, '-e', '0'));
  }
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const [commit] = Object.values(rows);
  const [wall, cpu] = [median(commit!.map((entry) => entry.wallMs)), median(commit!.map((entry) => entry.cpuMs))];
  const report = `# Pre-commit check: timing

Written ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`npm run bench:hook -- --runs ${runs}\` on ${os.cpus().length} cores, Node ${process.version}; load average (1 / 5 / 15 min) ${loadBefore} before, ${load()} after. The sample content (the check also reads the draft), in a scratch clone with the hook installed by \`npm run prepare\`, warmed by one check first, as an editor's second commit finds it.

**Target: a commit that touches content waits under 3 s for the check.** ${wall < 3000 ? 'Met' : 'Missed'} on this run: median ${s(wall)} s of wall time. Its CPU time (user + sys of every process it ran) hardly depends on what else the machine runs: ${s(cpu)} s, spread over the cores by sharp's threads, so an idle machine waits less than that. On a busy machine (see the load average), read the wall minimum and the CPU time rather than the wall median.

| what | wall median (s) | wall min (s) | wall max (s) | CPU median (s) |
| --- | --- | --- | --- | --- |
${Object.entries(rows).map(([what, list]) => { const walls = list.map((entry) => entry.wallMs); return `| ${what} | ${s(median(walls))} | ${s(Math.min(...walls))} | ${s(Math.max(...walls))} | ${s(median(list.map((entry) => entry.cpuMs)))} |`; }).join('\n')}
`;
  await writeFile(path.join(root, 'bench/pre-commit.md'), report);
  console.log(report);
} finally {
  await rm(repo, { recursive: true, force: true });
}
