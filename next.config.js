// @ts-check
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { callbackPolicy } from './lib/cms/callback-page.js';
import { localProxyPort } from './lib/cms/local-proxy.js';

// Every page is prerendered, so there is no per-request nonce. Instead the build's last step
// (scripts/page-policies.mjs) writes into each page a second policy, <meta http-equiv="Content-Security-Policy">,
// naming that page's inline scripts by their sha256 hashes: a browser enforces both policies, so a page runs
// same-origin files and its own inline scripts, nothing else. This header's 'unsafe-inline' only lets the meta
// policy decide (a hash in either policy would turn it off); `npm run build` names every inline script, and
// test/content/build.test.ts fails on any it missed. The styles are all files of this origin; only style=""
// attributes remain (the photos' blur placeholders, the gallery's aspect ratio), which the meta lists by hash too.
// upgrade-insecure-requests is left out: every URL here is same-origin already, and it breaks `next start` over
// plain http off localhost.
// `next dev` writes no meta policy, adds eval (React's error stacks) and its overlay's fonts and styles.
const development = process.env.NODE_ENV === 'development';
const contentSecurityPolicy = [
  "default-src 'none'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ''}`,
  // The title face (next/font/local, served from /_next/static/media/).
  "font-src 'self'",
  ...(development ? ["style-src 'self' 'unsafe-inline'"] : ["style-src 'self'", "style-src-attr 'unsafe-inline'"]),
  "img-src 'self' data: blob:",
  "media-src 'self'",
  // The gallery's embeds, each created only when its play button is pressed.
  'frame-src https://www.youtube-nocookie.com https://player.vimeo.com',
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

// Prerendered pages and their RSC payloads: a shared cache (nginx, a CDN) keeps them a minute, then serves its copy
// while it fetches the new one in the background, so a redeploy shows there about a minute later with no purge.
// Next's own default, s-maxage=31536000, would keep old pages in such a cache for a year. Browsers revalidate.
const pageCaching = 'public, s-maxage=60, stale-while-revalidate=86400';
// Files in public/ keep their URL when their bytes change: a day, then refreshed in the background.
const publicFileCaching = 'public, max-age=86400, stale-while-revalidate=604800';

// Content is read at build time only (every page is prerendered): neither it nor the tests belong in the server.
// CONTENT_DIR may name another folder inside the project; one outside it is never traced.
const contentDir = path.relative(process.cwd(), path.resolve(process.env.CONTENT_DIR ?? 'content'));
const untraced = new Set(['content', 'test', 'e2e', 'bench', ...(contentDir.startsWith('..') ? [] : [contentDir])]);
// Not /api/ (below).
const pages = '/:path((?!_next/|_static/|api/).*)';
// site.yml's `lang` and `languages`, for the routes below (the build checks the rest of the file).
const languages = (() => {
  /** @type {{ lang?: unknown; languages?: unknown }} */
  let site = {};
  try {
    site = parse(readFileSync(path.join(contentDir, 'site.yml'), 'utf8')) ?? {};
  } catch {
    // A missing or broken site.yml stops the build with the content loader's own error.
  }
  const own = typeof site.lang === 'string' ? site.lang : 'it';
  return { site: own, all: [own, ...(Array.isArray(site.languages) ? site.languages.map(String) : [])] };
})();

/** @type {import('next/dist/lib/load-custom-routes').RouteHas} */
const rscRequest = { type: 'header', key: 'rsc', value: '1' };
/** @type {import('next/dist/lib/load-custom-routes').RouteHas} */
const rscKey = { type: 'query', key: '_rsc' };

// Decap CMS at /admin (public/admin/) needs more, so it alone gets a looser policy: its bundle compiles code at run
// time ('unsafe-eval'), styles itself inline and previews uploads from blob: URLs. It talks to the local decap-server
// in development and to GitHub's API in production, where GitHub's avatars are its only outside images.
// `same-origin-allow-popups` keeps the sign-in window able to answer the admin once it comes back from github.com.
const adminPolicy = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  // The preview pane sets projects in the site's face.
  "font-src 'self'",
  `img-src 'self' data: blob:${development ? '' : ' https://avatars.githubusercontent.com'}`,
  `connect-src 'self' blob: ${
    development ? `http://127.0.0.1:${localProxyPort} http://localhost:${localProxyPort}` : 'https://api.github.com'
  }`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const adminHeaders = [
  { key: 'Content-Security-Policy', value: adminPolicy },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin-allow-popups' },
  { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
];

// The sign-in window goes from /api/auth to github.com and back to /api/auth/callback, whose page hands the token to
// the admin through window.opener: COOP must not cut that link. The callback page runs one script, named by hash,
// and its URL (which holds the code) is sent to no one.
const signInHeaders = [
  { key: 'Content-Security-Policy', value: callbackPolicy },
  { key: 'Cross-Origin-Opener-Policy', value: 'unsafe-none' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
];

// The build ID is written into every page's inline RSC data, so a random one (Next's default) would give every build
// new script hashes. The commit's instead: two builds of one commit write the same pages and the same policies. A
// build of other content (CONTENT_DIR) gets its own; outside git, Next's random ID.
function buildIdOf() {
  let commit = process.env.VERCEL_GIT_COMMIT_SHA;
  try {
    commit ||= execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return null;
  }
  const content = process.env.CONTENT_DIR ? `-${createHash('sha256').update(contentDir).digest('hex').slice(0, 8)}` : '';
  return `${commit.slice(0, 12)}${content}`;
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  // `*.dev.ts` routes exist under `next dev` alone: app/api/cms/originals serves the photo originals to the editor.
  pageExtensions: development ? ['dev.ts', 'tsx', 'ts', 'jsx', 'js'] : ['tsx', 'ts', 'jsx', 'js'],
  generateBuildId: buildIdOf,
  outputFileTracingExcludes: { '*': [...untraced].map((dir) => `${dir}/**`) },
  poweredByHeader: false,
  reactStrictMode: true,
  // For a path matched by several rules, the last rule's value of a header wins. /_next/ keeps Next's own
  // Cache-Control: hashed files immutable for a year.
  headers: async () => [
    { source: '/:path*', headers: securityHeaders },
    { source: pages, missing: [rscRequest], headers: [{ key: 'Cache-Control', value: pageCaching }] },
    { source: pages, has: [rscRequest, rscKey], headers: [{ key: 'Cache-Control', value: pageCaching }] },
    // An RSC request without its `_rsc` key is answered with a redirect to it, which a cache keyed on the URL alone
    // would then serve in place of the page.
    { source: pages, has: [rscRequest], missing: [rscKey], headers: [{ key: 'Cache-Control', value: 'private, no-store' }] },
    { source: '/_static/:path*', headers: [{ key: 'Cache-Control', value: publicFileCaching }] },
    { source: '/admin/:path*', headers: adminHeaders },
    // The sign-in routes answer each visitor on their own: no shared cache may keep an answer, not even a 404.
    { source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] },
    { source: '/api/auth/:path*', headers: signInHeaders },
  ],
  // public/admin/index.html answers /admin (Next redirects /admin/ there); under next dev, /_static/images/ the originals.
  // The pages of every language are app/[lang]/; the site's own language keeps its URLs without a prefix. Checked
  // after public files and before dynamic routes, these send `/fotografie` to `/it/fotografie` inside the server.
  rewrites: async () => ({
    afterFiles: [
      { source: '/admin', destination: '/admin/index.html' },
      ...(development ? [{ source: '/_static/images/:path*', destination: '/api/cms/originals' }] : []),
      { source: '/', destination: `/${languages.site}` },
      { source: `/:path((?!(?:${languages.all.join('|')})(?:/|$)|_next/|_static/|api/).+)`, destination: `/${languages.site}/:path` },
    ],
  }),
  // The site's language has one URL per page: `/it/fotografie` is `/fotografie`.
  redirects: async () => [
    { source: `/${languages.site}`, destination: '/', permanent: true },
    { source: `/${languages.site}/:path+`, destination: '/:path+', permanent: true },
  ],
  // Photos are resized once, at build time, into static files (lib/photos): the runtime optimizer is off and
  // `/_next/image` answers 404, so no request ever resizes a photo and a host bills no image optimization.
  images: { unoptimized: true },
  // Types are checked once, by `npm run typecheck` (every file: the site, its tests and tools), the first step of
  // `npm test` and of CI, before anything merges: checking the site's files again in every build cost 6-7 s of a
  // build's 2 cores, whatever the content (a quarter of a 23-page build). Turbopack strips types; it does not need them.
  typescript: { ignoreBuildErrors: true },
  // Next prerenders with one worker per core but one: on 2 cores, one worker while the main process waits. Every core
  // renders pages instead (each worker reads the content once; the photo cache is shared).
  // One 404 page for every unknown URL (app/global-not-found.tsx): the root layout is per language.
  // prefetchInlining off: each page's prefetch segments are written as they are, not bundled by their gzip size, which
  // Next measures by compressing and re-encoding every segment of every page (1,000 projects: pages 21 s -> 15-17 s,
  // build CPU 64 -> 50-58 s). A link's prefetch then asks for the page's own segments beside the shared layout's, which
  // the router keeps once for every page: a request or two more per first prefetch, each a static file any cache keeps.
  experimental: { cpus: os.availableParallelism(), globalNotFound: true, prefetchInlining: false },
};

export default nextConfig;
