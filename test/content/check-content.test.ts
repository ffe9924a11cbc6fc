import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatGithubProblem } from '../../lib/content/problems';
import { typeScript } from '../../support/processes';

const run = promisify(execFile);

async function check(contentDir: string, args: string[] = [], env: Record<string, string> = {}) {
  // GitHub's runner sets GITHUB_ACTIONS, which changes the default format: each test says which it wants.
  return run(...typeScript('scripts/check-content.ts', ...args), { env: { ...process.env, GITHUB_ACTIONS: '', CONTENT_DIR: contentDir, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('npm run content:check', { timeout: 30_000 }, () => {
  it('passes on the shipped content with a one-line summary', async () => {
    const { code, stdout } = await check('content');
    expect(code).toBe(0);
    // Counted from content/ itself, whatever the owner put there.
    const site = parse(readFileSync('content/site.yml', 'utf8')) as { categories: unknown[]; languages?: string[] };
    const markdown = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.md') && name !== 'README.md').length;
    const projects = markdown('content/projects');
    const translated = (site.languages ?? []).map((lang) => `${markdown(`content/projects/${lang}`)} in ${lang}`);
    const translations = translated.length ? `, translations: ${translated.join(', ')}` : '';
    expect(stdout.trim()).toMatch(new RegExp(`^content: ok, ${projects} projects \\(\\d+ drafts\\) in ${site.categories.length} categories${translations}$`));
  });

  it('exits 1 listing every broken file with its field', async () => {
    const { code, stderr } = await check('test/content/fixtures/broken');
    expect(code).toBe(1);
    for (const file of ['bad-category', 'bad-embed', 'bad-link', 'bad-media', 'bad-types', 'bad-video', 'executes', 'malformed', 'missing-fields', 'slider-senza-media', 'unreadable-video', 'Nome_Sbagliato']) {
      expect(stderr).toContain(`test/content/fixtures/broken/projects/${file}.md`);
    }
    expect(stderr).toContain('bad-link.md:14:13: links[1].target: expected an http(s) URL, got "none"');
    const lines = stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(`test/content/fixtures/broken: ${lines.length - 1} errors, nothing built`);
  });
});

describe('npm run content:check -- --format=github', { timeout: 30_000 }, () => {
  const badLink =
    '::error file=test/content/fixtures/broken/projects/bad-link.md,line=14,col=13,title=links[1].target::expected an http(s) URL, got "none"';

  it('prints each problem as a GitHub workflow command, which GitHub shows on that line of the diff', async () => {
    const { code, stderr } = await check('test/content/fixtures/broken', ['--format=github']);
    expect(code).toBe(1);
    expect(stderr).toContain(badLink);
    expect(stderr).toContain('::error file=test/content/fixtures/broken/projects/notes.txt::expected a <slug>.md project file, got "notes.txt"');
    const lines = stderr.trim().split('\n');
    expect(lines.slice(0, -1).every((line) => line.startsWith('::error file=test/content/fixtures/broken/'))).toBe(true);
    expect(lines.at(-1)).toBe(`test/content/fixtures/broken: ${lines.length - 1} errors, nothing built`);
  });

  it('prints warnings as ::warning', async () => {
    const { stderr } = await check('test/content/fixtures/valid', ['--format=github']);
    expect(stderr).toContain(
      '::warning file=test/content/fixtures/valid/projects/contatti.md,line=5,col=1,title=extra::unknown field, ignored (known fields: title, order, category, role, year, summary, draft, unlisted, media, links)',
    );
  });

  it('is the default inside GitHub Actions only; --format=plain overrides it', async () => {
    expect((await check('test/content/fixtures/broken', [], { GITHUB_ACTIONS: 'true' })).stderr).toContain(badLink);
    const plain = await check('test/content/fixtures/broken', ['--format=plain'], { GITHUB_ACTIONS: 'true' });
    expect(plain.stderr).toContain('bad-link.md:14:13: links[1].target: expected an http(s) URL, got "none"');
    expect(plain.stderr).not.toContain('::error');
  });

  it('refuses an unknown format', async () => {
    const { code, stderr } = await check('content', ['--format=xml']);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('--format: expected plain or github, got "xml"');
  });

  it('escapes what would end the command early or start another: %, CR, LF; and : and , in properties', () => {
    const line = formatGithubProblem({
      severity: 'error',
      file: 'content/projects/a,b:c.md',
      line: 2,
      column: 3,
      field: 'links[0].name',
      message: 'got "100% off\r\n::error file=x.md::injected"',
    });
    expect(line).toBe(
      '::error file=content/projects/a%2Cb%3Ac.md,line=2,col=3,title=links[0].name::got "100%25 off%0D%0A::error file=x.md::injected"',
    );
    expect(line.split('\n')).toHaveLength(1);
    expect(formatGithubProblem({ severity: 'warning', file: 'content/site.yml', message: 'a: b, c' })).toBe(
      '::warning file=content/site.yml::a: b, c',
    );
  });
});
