import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureContent, root } from './support';

// Git and npm as an editor's machine runs them: no variables of an enclosing git hook, no global git config, not
// GitHub's runner (whose GITHUB_ACTIONS would switch the check to its workflow-command format).
const env: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', CI: '', GITHUB_ACTIONS: '' };
for (const name of Object.keys(env)) if ((name.startsWith('GIT_') && !name.startsWith('GIT_CONFIG_')) || name === 'HUSKY') delete env[name];

type Result = { code: number; output: string };
const run = (cwd: string, command: string, args: string[]) =>
  new Promise<Result>((resolve) => {
    execFile(command, args, { cwd, env, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr }),
    );
  });

/** A project folder as a clone has it: the hook files, package.json, public/ and the fixture content; the code linked in. */
async function makeProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pre-commit-'));
  await mkdir(path.join(dir, '.husky'));
  for (const file of ['package.json', '.husky/pre-commit', '.husky/install.mjs']) await cp(path.join(root, file), path.join(dir, file));
  await cp(path.join(root, 'public'), path.join(dir, 'public'), { recursive: true });
  await cp(fixtureContent, path.join(dir, 'content'), { recursive: true });
  for (const folder of ['node_modules', 'lib', 'scripts']) await symlink(path.join(root, folder), path.join(dir, folder));
  await writeFile(path.join(dir, '.gitignore'), '/node_modules\n/lib\n/scripts\n/.next/\n');
  return dir;
}

const brokenProject = '---\ntitle: Rotto\ncategory: fotografia\nsummary: Una categoria che non esiste.\n---\n';

describe('the pre-commit content check', { timeout: 60_000 }, () => {
  let repo: string;
  const git = (...args: string[]) => run(repo, 'git', args);
  const commit = (message: string) => git('commit', '-m', message);
  const head = async () => (await git('rev-parse', 'HEAD')).output.trim();

  beforeAll(async () => {
    repo = await makeProject();
    await git('init', '-q', '-b', 'main');
    await git('config', 'user.name', 'Editor');
    await git('config', 'user.email', 'editor@example.com');
  });
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('is set up by npm\'s prepare step', async () => {
    const prepare = await run(repo, 'npm', ['run', '--silent', 'prepare']);
    expect(prepare.code).toBe(0);
    expect(prepare.output).not.toContain('git hooks not installed');
    expect((await git('config', 'core.hooksPath')).output.trim()).toBe('.husky/_');
  });

  it('checks a commit that adds content', async () => {
    await git('add', '-A');
    const result = await commit('Content');
    expect(result.output).toMatch(/content: ok, \d+ projects/);
    expect(result.code).toBe(0);
  });

  it('skips a commit that touches no content, even while content/ has an error', async () => {
    await writeFile(path.join(repo, 'content/projects/rotto.md'), brokenProject);
    await writeFile(path.join(repo, 'NOTES.md'), 'Appunti\n');
    await writeFile(path.join(repo, 'public/robots-extra.txt'), 'not under _static\n');
    await git('add', 'NOTES.md', 'public/robots-extra.txt');
    const result = await commit('Notes');
    expect(result.output).not.toContain('content');
    expect(result.code).toBe(0);
    expect((await git('status', '--porcelain')).output.trim()).toBe('?? content/projects/rotto.md');
  });

  it('stops a commit that stages a content error, naming the file, line and field', async () => {
    const before = await head();
    await git('add', 'content/projects/rotto.md');
    const result = await commit('Broken');
    expect(result.output).toContain('content/projects/rotto.md:3:11: category: expected a category declared in site.yml');
    expect(result.code).not.toBe(0);
    expect(await head()).toBe(before);

    await writeFile(path.join(repo, 'content/projects/rotto.md'), brokenProject.replace('fotografia', 'fotografie'));
    await git('add', 'content/projects/rotto.md');
    const fixed = await commit('Fixed');
    expect(fixed.code).toBe(0);
    expect(await head()).not.toBe(before);
  });

  it('checks photos under content/images: a removed photo that a project shows stops the commit', async () => {
    const before = await head();
    await git('rm', '-q', 'content/images/jazz1.jpg');
    const result = await commit('Remove a photo');
    expect(result.output).toMatch(/manifesti-festival-jazz\.md:\d+:\d+: media\[0\]\.file: expected an existing file under content\/images\//);
    expect(result.code).not.toBe(0);
    expect(await head()).toBe(before);
  });
});

describe('npm\'s prepare step never fails an install', () => {
  it('outside a git clone (a tarball), it installs no hook and says so', async () => {
    const dir = await makeProject();
    try {
      const result = await run(dir, 'npm', ['run', '--silent', 'prepare']);
      expect(result.code).toBe(0);
      expect(result.output).toContain("git hooks not installed: .git can't be found");
      expect(existsSync(path.join(dir, '.husky/_'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('without husky (a production install), it does nothing', async () => {
    const dir = await makeProject();
    try {
      await rm(path.join(dir, 'node_modules'));
      await run(dir, 'git', ['init', '-q']);
      const result = await run(dir, 'npm', ['run', '--silent', 'prepare']);
      expect(result.code).toBe(0);
      expect(existsSync(path.join(dir, '.husky/_'))).toBe(false);
      expect(await readFile(path.join(dir, '.git/config'), 'utf8')).not.toContain('hooksPath');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
