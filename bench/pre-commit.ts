// `npm run bench:hook [-- --runs N]`: how long an editor's `git commit` waits for the pre-commit content check on
// the sample content (target: under 3 s), and where the time goes. Writes bench/pre-commit.md.
import { execFile } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { LoaderTiming } from './lib/time-loader';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs expects a positive whole number, got "${values.runs}"`);

const root = path.resolve(import.meta.dirname, '..');
const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', CI: '', GITHUB_ACTIONS: '' };
for (const name of Object.keys(env)) if ((name.startsWith('GIT_') && !name.startsWith('GIT_CONFIG_')) || name === 'HUSKY') delete env[name];

function run(cwd: string, command: string, args: string[], extra: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(command, args, { cwd, env: { ...env, ...extra } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} ${args.join(' ')}: ${stdout}${stderr}`)) : resolve(stdout),
    ),
  );
}

async function seconds(step: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await step();
  return (performance.now() - start) / 1000;
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' / ');

const repo = await mkdtemp(path.join(os.tmpdir(), 'bench-pre-commit-'));
try {
  // A clone as an editor has it: the hook installed by npm's prepare step, the sample content.
  await mkdir(path.join(repo, '.husky'));
  for (const file of ['package.json', '.husky/pre-commit', '.husky/install.mjs']) await cp(path.join(root, file), path.join(repo, file));
  for (const folder of ['content', 'public']) await cp(path.join(root, folder), path.join(repo, folder), { recursive: true });
  for (const folder of ['node_modules', 'lib', 'scripts']) await symlink(path.join(root, folder), path.join(repo, folder));
  await writeFile(path.join(repo, '.gitignore'), '/node_modules\n/lib\n/scripts\n');
  await writeFile(path.join(repo, 'empty.ts'), 'export {};\n');
  await run(repo, 'git', ['init', '-q', '-b', 'main']);
  await run(repo, 'git', ['config', 'user.name', 'Bench']);
  await run(repo, 'git', ['config', 'user.email', 'bench@example.com']);
  await run(repo, 'npm', ['run', '--silent', 'prepare']);
  await run(repo, 'git', ['add', '-A']);
  await run(repo, 'git', ['commit', '-q', '-m', 'start'], { HUSKY: '0' });
  // Warm what a second commit finds warm on an editor's machine (tsx's transform cache, the disk cache).
  await run(repo, 'npm', ['run', '--silent', 'content:check']);

  const loadBefore = load();
  const project = path.join(repo, 'content/projects/luce-di-langa.md');
  const tsxBin = path.join(root, 'node_modules/.bin/tsx');
  // Round by round, so that a busy moment of a shared machine weighs on every measure alike.
  const [withContent, withoutContent, check, tsx, node]: [number[], number[], number[], number[], number[]] = [[], [], [], [], []];
  const loaders: LoaderTiming[] = [];
  for (let index = 0; index < runs; index++) {
    await appendFile(project, `\nRiga ${index}.\n`);
    await run(repo, 'git', ['add', 'content']);
    withContent.push(await seconds(() => run(repo, 'git', ['commit', '-q', '-m', `content ${index}`])));
    await appendFile(path.join(repo, 'NOTES.md'), `${index}\n`);
    await run(repo, 'git', ['add', 'NOTES.md']);
    withoutContent.push(await seconds(() => run(repo, 'git', ['commit', '-q', '-m', `notes ${index}`])));
    check.push(await seconds(() => run(repo, 'npm', ['run', '--silent', 'content:check'])));
    tsx.push(await seconds(() => run(repo, tsxBin, ['empty.ts'])));
    node.push(await seconds(() => run(repo, process.execPath, ['-e', '0'])));
    loaders.push(JSON.parse(await run(root, tsxBin, ['bench/lib/time-loader.ts', path.join(repo, 'content')])) as LoaderTiming);
  }
  const loadAfter = load();

  const row = (what: string, list: number[]) =>
    `| ${what} | ${median(list).toFixed(2)} | ${Math.min(...list).toFixed(2)} | ${Math.max(...list).toFixed(2)} |`;
  const { projects, photos } = loaders[0]!;
  const verdict = median(withContent) < 3 ? 'met' : 'missed';
  const report = `# Pre-commit check: timing

Written ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} by \`npm run bench:hook -- --runs ${runs}\` on ${os.cpus().length} cores, Node ${process.version};
load average (1 / 5 / 15 min) ${loadBefore} before, ${loadAfter} after. The sample content: ${projects} published projects
(${photos} photos; the check also reads the draft). A scratch clone with the hook installed by \`npm run prepare\`,
warmed by one check first, as an editor's second commit finds it.

**Target: a commit that touches content waits under 3 s for the check.** ${verdict}: median ${median(withContent).toFixed(2)} s.

| what | median (s) | min (s) | max (s) |
| --- | --- | --- | --- |
${row('`git commit` staging a change under `content/` (the check runs)', withContent)}
${row('`git commit` staging no content (the check is skipped)', withoutContent)}
${row('`npm run --silent content:check` alone', check)}
${row('`tsx` on an empty file (startup)', tsx)}
${row('`node -e 0` (startup)', node)}
${row('importing the loader (zod, yaml, remark, sharp, …), in-process', loaders.map((entry) => entry.import.wallMs / 1000))}
${row('`loadContent` of the sample content, in-process (sharp reads every photo)', loaders.map((entry) => entry.first.wallMs / 1000))}
`;
  await writeFile(path.join(root, 'bench/pre-commit.md'), report);
  console.log(report);
} finally {
  await rm(repo, { recursive: true, force: true });
}
