import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

async function check(contentDir: string) {
  return run(tsx, ['scripts/check-content.ts'], { env: { ...process.env, CONTENT_DIR: contentDir } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('npm run content:check', () => {
  it('passes on the shipped content with a one-line summary', async () => {
    const { code, stdout } = await check('content');
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^content: ok, \d+ projects \(\d+ drafts\) in 3 categories$/);
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
