// Copies Decap CMS's prebuilt bundle from node_modules into public/admin/decap/ (gitignored), so that /admin runs
// from this origin, pinned by package-lock.json, with no CDN. Runs before `dev`, `build` and `cms`; an optional
// argument names another public/ folder (the browser tests' copy of the site).
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const dist = path.dirname(require.resolve('decap-cms/dist/decap-cms.js'));
const target = path.resolve(process.argv[2] ?? 'public', 'admin', 'decap');

// The entry, its lazily loaded chunks (`<id>.decap-cms.js`), their wasm and the licence notices; no source maps.
const wanted = (name) => /^(?:\d+\.)?decap-cms\.js$/.test(name) || name.endsWith('.wasm') || name === 'decap-cms.js.LICENSE.txt';

const files = (await readdir(dist)).filter(wanted);
await rm(target, { recursive: true, force: true });
await mkdir(target, { recursive: true });
await Promise.all(files.map((name) => cp(path.join(dist, name), path.join(target, name))));
console.log(`Decap CMS: copied ${files.length} files to ${path.relative(process.cwd(), target) || target}`);
