import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('npm run build refuses a folder of broken content, listing its problems', { timeout: 180_000 }, async () => {
  const result = await run(path.resolve('node_modules/.bin/next'), ['build'], {
    env: { ...process.env, CONTENT_DIR: 'test/content/fixtures/broken', NEXT_TELEMETRY_DISABLED: '1' },
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    () => ({ code: 0, output: '' }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
  );
  expect(result.code).not.toBe(0);
  expect(result.output).toContain('content errors:');
  expect(result.output).toContain(
    'test/content/fixtures/broken/projects/bad-link.md:14:13: links[1].target: expected an http(s) URL, got "none"',
  );
  expect(result.output).toContain('test/content/fixtures/broken/projects/executes.md:1:1:');
});
