// The build's last step: every prerendered page gets its own policy, the sha256 of each inline script and style=""
// attribute the build wrote into it (lib/csp/page-policy.js), in a <meta http-equiv> at the top of its <head>. Both copies are
// rewritten: .next/server/app (what `next start` and Vercel serve) and the standalone server's.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { inlineScriptsOf, withPagePolicy } from '../lib/csp/page-policy.js';

const started = performance.now();
const folders = [path.join('.next', 'server', 'app'), path.join('.next', 'standalone', '.next', 'server', 'app')].filter((dir) => existsSync(dir));
let pages = 0;
const hashes = new Set();
// Next's server copies each page it serves into server/route-cache and serves that copy from then on: one made
// before this step (a server already run on the build) would lack the policy.
await Promise.all(folders.map((folder) => rm(path.join(folder, '..', 'route-cache'), { recursive: true, force: true })));
// With their types: a plain recursive readdir stats every one of a build's files (15,000 for 1,000 projects) to find its folders.
const listed = await Promise.all(
  folders.map(async (folder) => {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    const htmlFiles = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.html'));
    return new Set(htmlFiles.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name))));
  }),
);
/** @param {string} file */
async function rewrite(file) {
  // The standalone folder's page is a copy of .next/server/app's: the same bytes get the same rewrite, made once.
  /** @type {{ bytes: Buffer; withPolicy: Buffer } | undefined} */
  let last;
  for (const [index, folder] of folders.entries()) {
    if (!listed[index]?.has(file)) continue;
    const target = path.join(folder, file);
    const bytes = await readFile(target);
    if (!last?.bytes.equals(bytes)) {
      const html = bytes.toString('utf8');
      try {
        last = { bytes, withPolicy: Buffer.from(withPagePolicy(html)) };
      } catch (error) {
        console.error(`${target}: ${error.message}`);
        process.exit(1);
      }
      for (const script of inlineScriptsOf(html)) hashes.add(script);
    }
    await writeFile(target, last.withPolicy);
    pages++;
  }
}
// A few files at a time: their reads and writes overlap the hashing of others (2,020 one by one took 2.9 s).
const queue = [...new Set(listed.flatMap((files) => [...files]))];
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) await rewrite(file);
  }),
);
console.log(
  `\nScript policy: ${pages} prerendered HTML files in ${folders.length} folders, ${hashes.size} distinct inline scripts, by hash, in ${Math.round(performance.now() - started)} ms`,
);
