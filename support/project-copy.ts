import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const root = path.resolve(import.meta.dirname, '..');
// What a copy builds and runs without: the repository's own history, build output and test output, the tests, the
// content (a copy brings its own), and what the build generates again (Decap's bundle in public/admin/).
const leftOut = new Set(['.git', '.next', 'node_modules', 'content', 'e2e', 'test', 'test-results', 'playwright-report', 'blob-report']);
const leftOutPaths = [path.join(root, 'bench', 'tmp'), path.join(root, 'public', 'admin', 'decap')];

/**
 * A copy of the project at `to`, to build or run apart from the repository, so that nothing of it is written: its own
 * files, node_modules as hard links (`linkTree`), `content` (a content folder) as its content/ when given, and Next's
 * build cache (.next/cache: Turbopack's compile cache and the encoded photos) when the repository has one and `cache`
 * is not false, so that the copy's build compiles and encodes only what differs (the e2e site's content: 4.5 s, against
 * 26 s from nothing).
 */
export async function copyProject(to: string, { content, cache = true }: { content?: string; cache?: boolean } = {}): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(root)) {
    if (leftOut.has(entry)) continue;
    await cp(path.join(root, entry), path.join(to, entry), {
      recursive: true,
      filter: (source) => !leftOutPaths.some((left) => source.startsWith(left)),
    });
  }
  await linkTree(path.join(root, 'node_modules'), path.join(to, 'node_modules'));
  if (content) await cp(content, path.join(to, 'content'), { recursive: true });
  // A copy, not links: the copy's build writes into its cache.
  const buildCache = path.join(root, '.next', 'cache');
  if (cache && existsSync(buildCache)) await cp(buildCache, path.join(to, '.next', 'cache'), { recursive: true });
}

/**
 * A copy of `from` (node_modules, say) at `to` made of hard links: a second or two, where a copy takes minutes, and
 * a real folder inside the copy, since Turbopack refuses a node_modules symlinked from outside the project. Another
 * file system cannot hold a hard link: a plain copy there.
 */
export async function linkTree(from: string, to: string): Promise<void> {
  try {
    await execFileAsync('cp', ['-al', from, to]);
  } catch {
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
  }
}
