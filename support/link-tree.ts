import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

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
