// `next build` abbreviates its route list ("[+4 more paths]"); print every prerendered page. And note which content
// folder the build was made of (.next/content-dir), for the tools that build a changed copy of it (scripts/cdn).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { publicPath, siteLanguageOf } from '../lib/public-path.js';

const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
writeFileSync('.next/content-dir', contentDir);
const lang = siteLanguageOf(JSON.parse(readFileSync('.next/routes-manifest.json', 'utf8')));

const manifest = JSON.parse(readFileSync('.next/prerender-manifest.json', 'utf8'));
const routes = Object.keys(manifest.routes)
  .filter((route) => !route.startsWith('/_'))
  .map((route) => publicPath(route, lang))
  .sort();
console.log(`\nPrerendered ${routes.length} pages:`);
for (const route of routes) console.log(`  ${route}`);
