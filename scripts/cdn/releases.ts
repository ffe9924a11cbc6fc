// The builds the CDN test and benchmark serve: the repository's own standalone folder, and a second release with
// changed content, built from a temporary copy so that nothing of the repository (content/, public/, .next/) is written.
import { existsSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { copyProject } from '../../support/project-copy';
import { run } from '../../support/processes';

/** The standalone folder of a build: server.js with its static files and public/ copied in (npm run build). */
export function standaloneOf(projectDir: string): string {
  return path.join(projectDir, '.next', 'standalone');
}

export function isComplete(release: string): boolean {
  return existsSync(path.join(release, 'server.js')) && existsSync(path.join(release, '.next', 'static')) && existsSync(path.join(release, 'public'));
}

/** The repository's standalone build (the one the e2e run made), built first only when there is none. */
export async function currentRelease(root: string): Promise<string> {
  const release = standaloneOf(root);
  if (!isComplete(release)) {
    console.log('No standalone build in .next/standalone: npm run build');
    await run('npm', ['run', 'build'], { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }
  if (!isComplete(release)) throw new Error(`npm run build made no complete standalone folder in ${release}`);
  return release;
}

/**
 * A second release: the project copied to `workDir`, its content copied and changed by `edit`, built with
 * `CONTENT_DIR` pointing at the copy. Next's build cache is copied along, so only what changed is rebuilt.
 */
export async function buildChangedRelease(root: string, workDir: string, edit: (contentDir: string) => Promise<void>): Promise<string> {
  if (!path.relative(root, workDir).startsWith('..')) throw new Error(`the copy must be made outside the project, not in ${workDir}`);
  const project = path.join(workDir, 'project');
  const content = path.join(workDir, 'content');
  await copyProject(project);
  // The content the repository's build was made of (the e2e run's own, say), so that only `edit` differs.
  const builtFrom = path.join(root, '.next', 'content-dir');
  const source = process.env.CONTENT_DIR ?? (existsSync(builtFrom) ? (await readFile(builtFrom, 'utf8')).trim() : 'content');
  await cp(path.resolve(root, source), content, { recursive: true });
  await edit(content);
  await run('npm', ['run', 'build'], { cwd: project, env: { ...process.env, CONTENT_DIR: content, NEXT_TELEMETRY_DISABLED: '1' } });
  const release = standaloneOf(project);
  if (!isComplete(release)) throw new Error(`the second build made no complete standalone folder in ${release}`);
  return release;
}

/** Adds `marker` to the site's title in `site.yml`: it shows on every page, in the HTML and in the RSC payload. */
export async function markSiteTitle(contentDir: string, marker: string) {
  const file = path.join(contentDir, 'site.yml');
  const document = parseDocument(await readFile(file, 'utf8'));
  document.set('title', `${String(document.get('title'))} ${marker}`);
  await writeFile(file, document.toString());
}
