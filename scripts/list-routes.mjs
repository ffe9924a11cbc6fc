// `next build` abbreviates its route list ("[+4 more paths]"); print every prerendered page.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('.next/prerender-manifest.json', 'utf8'));
const routes = Object.keys(manifest.routes)
  .filter((route) => !route.startsWith('/_'))
  .sort();
console.log(`\nPrerendered ${routes.length} pages:`);
for (const route of routes) console.log(`  ${route}`);
