import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadContent } from '../../lib/content/load';
import { typeScript } from '../../support/processes';

export const root = path.resolve(import.meta.dirname, '../..');
export const photos = path.join(import.meta.dirname, 'fixtures/photos');
/**
 * The editor tools' own content (categories fotografie, grafica and editoria; co-city and manifesti-festival-jazz with
 * their photos): the tests name these, whatever the owner's content/ holds.
 */
export const fixtureContent = path.join(import.meta.dirname, 'fixtures/site');
/**
 * The translation tools' content: site.yml lists `en`; co-city has every kind of alt, caption and link text (real
 * ones, and the previous CMS's `none` and `"null"`) and a body, manifesti-festival-jazz a title and summary only.
 */
export const translationContent = path.join(import.meta.dirname, 'fixtures/translations');

/** A scratch folder holding the fixture content as content/ and a copy of public/, for a CLI run with it as working directory. */
export async function copySite(content = fixtureContent): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'editor-tools-'));
  await cp(content, path.join(dir, 'content'), { recursive: true });
  await cp(path.join(root, 'public'), path.join(dir, 'public'), { recursive: true });
  return dir;
}

/** The content of a site copied by `copySite`, read by the build's loader (drafts included). */
export function loadCopy(site: string) {
  return loadContent({
    contentDir: path.join(site, 'content'),
    publicDir: path.join(site, 'public'),
    photoCacheDir: path.join(site, '.next/cache/photos'),
    includeDrafts: true,
  });
}

export type Run = { code: number | null; stdout: string; stderr: string };

/**
 * Runs one of scripts/ as `npm run` does (`node --import tsx`). Its stdin is a pipe that is never closed: a command
 * that waited for input would hang here until the timeout instead of exiting.
 */
export function runScript(script: string, args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(...typeScript(path.join(root, 'scripts', script), ...args), {
      cwd: options.cwd,
      env: { ...process.env, GITHUB_ACTIONS: '', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not exit within ${options.timeoutMs ?? 20_000} ms:\n${stdout}${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file under a folder with a hash of its bytes: equal snapshots mean nothing was written or removed. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries) {
    const file = path.join(entry.parentPath, entry.name);
    const key = path.relative(dir, file);
    files[key] = entry.isFile() ? createHash('sha256').update(await readFile(file)).digest('hex') : entry.isDirectory() ? 'folder' : 'other';
  }
  return files;
}
