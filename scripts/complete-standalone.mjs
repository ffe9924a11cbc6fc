// `next build` traces the server's files into .next/standalone but leaves out what a CDN would serve: the public
// folder and the hashed static files. Copied in, the folder is the whole site: `node server.js` serves it, with
// deploy/server.mjs in place of Next's generated server.js (it answers bad methods and paths before Next does).
import { copyFile, cp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';

const standalone = path.join('.next', 'standalone');
if (!existsSync(path.join(standalone, 'server.js'))) {
  console.error(`${standalone}/server.js is missing: next.config.js must keep output: 'standalone'.`);
  process.exit(1);
}
for (const [from, to] of [
  ['public', path.join(standalone, 'public')],
  [path.join('.next', 'static'), path.join(standalone, '.next', 'static')],
]) {
  await rm(to, { recursive: true, force: true });
  if (existsSync(from)) await cp(from, to, { recursive: true });
}
await copyFile(path.join('deploy', 'server.mjs'), path.join(standalone, 'server.js'));
await copyFile(path.join('deploy', 'page-cache.mjs'), path.join(standalone, 'page-cache.mjs'));
console.log(`\nThe standalone server is ${standalone}/: copy the folder to a host and run PORT=3000 HOSTNAME=0.0.0.0 node server.js`);
