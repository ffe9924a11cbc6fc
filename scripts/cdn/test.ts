// `npm run test:cdn`: deploy/nginx/ in front of two standalone replicas on loopback, checked from the outside: cache
// hits, HTML and RSC kept apart, headers, methods, throughput, a replica killed under load, and a rolling deploy
// of a second build whose new content must show without a purge.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { publicPath, siteLanguageOf } from '../../lib/public-path.js';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { installExitHandlers, run } from '../../support/processes';
import { buildChangedRelease, currentRelease, markSiteTitle } from './releases';
import { compareThroughput, killUnderLoad, rollingDeploy, staticUrls } from './scenarios';
import { decoded, securityHeaders, startStack, type Response, type Stack } from './stack';

// --keep leaves the scratch folder; --next-release <dir> serves a second release already built (by a kept run).
const { values: args } = parseArgs({ options: { keep: { type: 'boolean', default: false }, 'next-release': { type: 'string' } } });

const root = path.resolve(import.meta.dirname, '..', '..');
const sMaxAge = 60;
const slack = 5;
const minimumRatio = 5;
const nginxHeaders = "deploy/nginx/portfolio/security-headers.conf must repeat next.config.js's headers";
const errorPages = path.join(root, 'deploy', 'nginx', 'portfolio', 'errors');

/** nginx's own pages: no script, their one inline <style> by hash, never framed. */
async function nginxPolicy() {
  const styles = new Set<string>();
  for (const page of ['bad-request.html', 'unavailable.html']) {
    const html = await readFile(path.join(errorPages, page), 'utf8');
    for (const [, css = ''] of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) styles.add(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
  }
  return `default-src 'none'; style-src ${[...styles].join(' ')}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** What nginx's own page must carry: the site's headers, with nginx's policy. */
async function ownPageHeaders(reference: Record<string, string | undefined>) {
  return { ...reference, 'content-security-policy': await nginxPolicy() };
}
const prefetch = (segment: string) => ({ rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': segment });

let failures = 0;
async function check(name: string, body: () => Promise<string | void>) {
  const started = performance.now();
  try {
    const detail = await body();
    console.log(`  ✓ ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)${detail ? `\n      ${detail}` : ''}`);
  } catch (error) {
    failures++;
    console.log(`  ✗ ${name}\n      ${(error instanceof Error ? error.message : String(error)).replace(/\n/g, '\n      ')}`);
  }
}

const decodeEntities = (value: string) => value.replace(/&amp;/g, '&');

/** The first same-origin photo of a page, from an `<img>`'s src or srcset, whatever URL scheme the build uses. */
function photoOf(html: string): string {
  for (const [tag] of html.matchAll(/<img\b[^>]*>/g)) {
    const urls = [/\ssrc="([^"]+)"/.exec(tag)?.[1], ...(/\ssrcset="([^"]+)"/.exec(tag)?.[1]?.split(',').map((entry) => entry.trim().split(/\s+/)[0]) ?? [])];
    const local = urls.find((url) => url?.startsWith('/') && !url.startsWith('//'));
    if (local) return decodeEntities(local);
  }
  throw new Error('no same-origin <img> on the page');
}

function scriptOf(html: string): string {
  const script = /<script src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  if (!script) throw new Error('no /_next/static script on the page');
  return script;
}

/** The URL of an RSC request as the client router makes it: its `_rsc` key, taken from the redirect to it. */
async function payloadPath(stack: Stack, pathname: string, headers: Record<string, string>): Promise<string> {
  const redirect = await stack.direct(pathname, { headers });
  assert.equal(redirect.status, 307, `an RSC request for ${pathname} without its _rsc key should be redirected to it`);
  return redirect.headers.location!;
}

const isHtml = (response: Response) => response.headers['content-type']?.startsWith('text/html') && response.text().startsWith('<!DOCTYPE html>');
const isPayload = (response: Response) => response.headers['content-type']?.startsWith('text/x-component') && !response.text().startsWith('<');

async function twice(stack: Stack, pathname: string, headers: Record<string, string> = {}) {
  const first = await stack.request(pathname, { headers });
  const second = await stack.request(pathname, { headers });
  return [first, second] as const;
}

async function originLog(stack: Stack) {
  return (await readFile(stack.logs.origin, 'utf8')).split('\n').filter(Boolean);
}

type PrerenderManifest = { routes: Record<string, { srcRoute: string | null }> };

/**
 * The pages the checks use, taken from what the release prerendered of its content (whatever the owner put there):
 * a project page with a photo, the category page the deploy watches and another page for the compression count,
 * requested by nothing else before it.
 */
async function pagesOf(release: string, stack: Stack) {
  const { routes } = JSON.parse(await readFile(path.join(release, '.next', 'prerender-manifest.json'), 'utf8')) as PrerenderManifest;
  const lang = siteLanguageOf(JSON.parse(await readFile(path.join(release, '.next', 'routes-manifest.json'), 'utf8')));
  // The pages of the site's own language, at the URLs visitors use (`/it/fotografie` is served as `/fotografie`).
  const of = (route: string) =>
    Object.keys(routes)
      .filter((pathname) => routes[pathname]!.srcRoute === route && pathname.startsWith(`/${lang}/`))
      .map((pathname) => publicPath(pathname, lang))
      .sort();
  const [projects, categories] = [of('/[lang]/[category]/[slug]'), of('/[lang]/[category]')];
  let projectPage: string | undefined;
  for (const pathname of projects) {
    const html = (await stack.direct(pathname)).text();
    const hasPhoto = (() => {
      try {
        return Boolean(photoOf(html));
      } catch {
        return false;
      }
    })();
    if (!hasPhoto) continue;
    projectPage = pathname;
    break;
  }
  const watchedPage = categories[0];
  const compressedPage = [...categories.slice(1), ...projects].find((pathname) => pathname !== projectPage);
  if (!projectPage || !watchedPage || !compressedPage) {
    throw new Error(`the release needs a project page with a photo, a category page and one more page; it has ${[...categories, ...projects].join(', ')}`);
  }
  return { projectPage, watchedPage, compressedPage };
}

async function main() {
  installExitHandlers();
  const started = performance.now();
  await run('bash', [path.join(root, 'scripts', 'ensure-nginx.sh')], { cwd: root });
  const work = await mkdtemp(path.join(os.tmpdir(), 'cdn-test-'));
  let marker = `[rilascio ${Math.random().toString(36).slice(2, 8)}]`;
  let stack: Stack | undefined;
  try {
    const current = await currentRelease(root);
    stack = await startStack(root, current, work);
    const edge = stack;
    console.log(`nginx on ${edge.edge} (deploy/nginx/portfolio.conf) in front of ${edge.replicas.map((replica) => replica.origin).join(' and ')}\n`);

    const { projectPage, watchedPage, compressedPage } = await pagesOf(current, edge);
    console.log(`pages: ${projectPage} (a project), ${watchedPage} (watched through the deploy), ${compressedPage} (compressed)\n`);
    // The watched page and its payload are cached first, and the second release is built while their minute runs: the
    // deploy waits out less of it. (Had the minute run out, the cache would serve its stale copy and refresh it from
    // the old release, which is still an old copy to watch.)
    const watchedPayload = { path: await payloadPath(edge, watchedPage, prefetch('/$d$lang/$d$category/__PAGE__')), headers: prefetch('/$d$lang/$d$category/__PAGE__') };
    await edge.request(watchedPage);
    await edge.request(watchedPayload.path, { headers: watchedPayload.headers });
    let next = args['next-release'];
    if (next) {
      // The home page of each language (`it.html`, `en.html`) carries the site title the marker was written into.
      const pages = path.join(next, '.next', 'server', 'app');
      const homes = (await readdir(pages)).filter((file) => file.endsWith('.html') && !file.startsWith('_'));
      const titles = await Promise.all(homes.map((file) => readFile(path.join(pages, file), 'utf8')));
      marker = titles.map((html) => /\[rilascio \w+\]/.exec(html)?.[0]).find(Boolean) ?? marker;
    } else {
      console.log('Building a second release with changed content (from a temporary copy)…');
      const buildStarted = performance.now();
      next = await buildChangedRelease(root, path.join(work, 'next-release'), (content) => markSiteTitle(content, marker));
      console.log(`  built in ${((performance.now() - buildStarted) / 1000).toFixed(0)} s`);
    }

    const html = (await edge.direct(projectPage)).text();
    const script = scriptOf(html);
    const photo = photoOf(html);

    await check('second requests for a page, a script and a photo are cache hits, with the origin bytes', async () => {
      const details = [];
      for (const pathname of [projectPage, script, photo]) {
        const [first, second] = await twice(edge, pathname, { 'accept-encoding': 'br, gzip' });
        assert.equal(first.status, 200, `${pathname}: status`);
        assert.match(first.headers['x-cache-status'] ?? '', /^(MISS|HIT)$/, `${pathname}: first X-Cache-Status`);
        assert.equal(second.headers['x-cache-status'], 'HIT', `${pathname}: second X-Cache-Status`);
        assert.deepEqual(decoded(second), (await edge.direct(pathname)).body, `${pathname}: body differs from the replica's`);
        details.push(`${pathname.slice(0, 60)}: ${second.headers['x-cache-status']}, ${second.headers['content-encoding'] ?? 'identity'}, ${second.headers['cache-control']}`);
      }
      return details.join('\n      ');
    });

    await check('pages are compressed once per copy (brotli, gzip, none), not on every hit', async () => {
      const page = compressedPage;
      for (const encoding of ['br', 'gzip, deflate, br', 'gzip', '']) {
        for (let i = 0; i < 3; i++) await edge.request(page, { headers: { 'accept-encoding': encoding } });
      }
      const expected = { br: 'br', gzip: 'gzip', '': undefined };
      for (const [accept, coding] of Object.entries(expected)) {
        const response = await edge.request(page, { headers: { 'accept-encoding': accept } });
        assert.equal(response.headers['content-encoding'], coding, `Accept-Encoding "${accept}"`);
        assert.equal(response.headers['x-cache-status'], 'HIT');
      }
      const reachedOrigin = (await originLog(edge)).filter((line) => line.includes(`"GET ${page}"`));
      assert.equal(reachedOrigin.length, 3, `the compressing server saw ${page} ${reachedOrigin.length} times for 15 requests:\n${reachedOrigin.join('\n')}`);
      return '15 requests, 3 copies (br, gzip, identity) made behind the cache';
    });

    await check('HTML and RSC payloads of the same URL are never served for one another', async () => {
      const tree = await payloadPath(edge, projectPage, prefetch('/_tree'));
      const pageSegment = await payloadPath(edge, projectPage, prefetch('/$d$lang/$d$category/$d$slug/__PAGE__'));
      for (let round = 0; round < 2; round++) {
        const status = round === 0 ? /^(MISS|HIT)$/ : /^HIT$/;
        for (const [pathname, headers] of [
          [tree, prefetch('/_tree')],
          [pageSegment, prefetch('/$d$lang/$d$category/$d$slug/__PAGE__')],
        ] as const) {
          const payload = await edge.request(pathname, { headers: { ...headers, 'accept-encoding': 'br' } });
          assert.ok(isPayload(payload), `${pathname} with RSC headers: got ${payload.headers['content-type']}`);
          assert.match(payload.headers['x-cache-status'] ?? '', status);
          assert.equal(payload.headers['cache-control'], 'public, s-maxage=60, stale-while-revalidate=86400', `${pathname}: Cache-Control`);
          const sameUrlAsPage = await edge.request(pathname, { headers: { 'accept-encoding': 'br' } });
          assert.ok(isHtml(sameUrlAsPage), `${pathname} without RSC headers: got ${sameUrlAsPage.headers['content-type']}`);
        }
        const page = await edge.request(projectPage, { headers: { 'accept-encoding': 'br' } });
        assert.ok(isHtml(page), `${projectPage}: got ${page.headers['content-type']}`);
        const rscOnPage = await edge.request(projectPage, { headers: { rsc: '1' } });
        assert.equal(rscOnPage.status, 307, `${projectPage} with RSC: 1 and no _rsc key`);
      }
      const tree2 = (await edge.request(tree, { headers: prefetch('/_tree') })).text();
      const segment2 = (await edge.request(pageSegment, { headers: prefetch('/$d$lang/$d$category/$d$slug/__PAGE__') })).text();
      assert.notEqual(tree2, segment2, 'two segment prefetches of one page got the same body');
      return `${projectPage}: HTML, ${tree} (route tree) and ${pageSegment} (page segment) each cached apart`;
    });

    await check("security headers are the origin's on every response; nginx's own pages repeat them, with a policy of their own", async () => {
      const reference = securityHeaders(await edge.direct(projectPage));
      assert.ok(Object.values(reference).every(Boolean), 'the replica sends every security header');
      const payload = await payloadPath(edge, projectPage, prefetch('/_tree'));
      const cases: [string, () => Promise<Response>, () => Promise<Response>][] = [
        [projectPage, () => edge.request(projectPage), () => edge.direct(projectPage)],
        [payload, () => edge.request(payload, { headers: prefetch('/_tree') }), () => edge.direct(payload, { headers: prefetch('/_tree') })],
        [script, () => edge.request(script), () => edge.direct(script)],
        [photo, () => edge.request(photo), () => edge.direct(photo)],
        ['/robots.txt', () => edge.request('/robots.txt'), () => edge.direct('/robots.txt')],
        ['/non-esiste (404)', () => edge.request('/non-esiste'), () => edge.direct('/non-esiste')],
      ];
      for (const [name, viaEdge, viaOrigin] of cases) {
        const [fromEdge, fromOrigin] = await Promise.all([viaEdge(), viaOrigin()]);
        assert.equal(fromEdge.status, fromOrigin.status, `${name}: status`);
        assert.deepEqual(securityHeaders(fromEdge), securityHeaders(fromOrigin), `${name}: security headers`);
      }
      const refused = await edge.request(projectPage, { method: 'POST' });
      assert.equal(refused.status, 405);
      assert.deepEqual(securityHeaders(refused), await ownPageHeaders(reference), `nginx's 405 page: ${nginxHeaders}`);
      const redirect = await fetch(`${edge.plain}${projectPage}`, { redirect: 'manual' });
      assert.equal(redirect.status, 301);
      assert.equal(redirect.headers.get('location'), `https://127.0.0.1${projectPage}`);
      assert.equal(redirect.headers.get('content-security-policy'), await nginxPolicy(), "nginx's redirect to https");
      return `compared on ${cases.length} kinds of response, nginx's 405 and its http→https redirect`;
    });

    await check('only GET and HEAD: other methods get 405 with Allow: GET, HEAD, an undecodable path 400, from nginx and from a replica', async () => {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        for (const pathname of ['/', projectPage, script]) {
          for (const [via, response] of [['nginx', await edge.request(pathname, { method })], ['replica', await edge.direct(pathname, { method })]] as const) {
            assert.equal(response.status, 405, `${method} ${pathname} (${via})`);
            assert.equal(response.headers.allow, 'GET, HEAD', `${method} ${pathname} (${via}): Allow`);
          }
        }
      }
      assert.equal((await edge.request('/%E0%A4%A')).status, 400, 'GET /%E0%A4%A (nginx)');
      assert.equal((await edge.direct('/%E0%A4%A')).status, 400, 'GET /%E0%A4%A (replica)');
      const head = await edge.request(projectPage, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
    });

    await check('no photo original is served: its /_static/images/ address is a 404, also once cached', async () => {
      const [name] = await readdir(path.join(root, 'content', 'images'));
      assert.ok(name, 'content/images/ holds the photos');
      for (const response of await twice(edge, `/_static/images/${name}`)) assert.equal(response.status, 404, `/_static/images/${name}`);
      return `/_static/images/${name}`;
    });


    // Per request, the CPU each server spends (from /proc): requests per second on a machine that also runs the load
    // generator follow whatever else it runs (beside another build, nginx measured ×3.9 where a quiet run gave ×5.9).
    // A count of requests, not a time: the cost of each needs a few thousand, and the browser tests share these cores
    // (5 s at 32 connections made about 4,000 requests of Next and 24,000 of nginx, after 2 s of warm-up each).
    await check(`a warm cache spends at most 1/${minimumRatio} of the CPU one replica's Next spends on a page`, async () => {
      const settings = { connections: 8, length: { requests: 3000 }, warmup: { requests: 500 } };
      const { replica, edge: cached, ratio, cpuRatio } = await compareThroughput(edge, projectPage, settings);
      assert.equal(replica.failed + cached.failed, 0, 'failed requests');
      const figures = `nginx (TLS, cache hits) ${cached.cpuMsPerRequest!.toFixed(3)} ms of CPU a request, one replica's Next ${replica.cpuMsPerRequest!.toFixed(3)} ms: × ${cpuRatio.toFixed(1)}`;
      assert.ok(cpuRatio >= minimumRatio, figures);
      return `${projectPage}: ${figures}; ${Math.round(cached.requestsPerSecond)} vs ${Math.round(replica.requestsPerSecond)} req/s (× ${ratio.toFixed(1)})`;
    });

    await check('a replica killed under load loses no request', async () => {
      // Killed after a second, then three more of requests: those in flight on it, and those nginx sends it until it
      // marks it down, are all answered by the other replica.
      const figures = await killUnderLoad(edge, { connections: 16, seconds: 4 });
      assert.ok(figures.requests > 100, `only ${figures.requests} requests`);
      assert.equal(figures.failed, 0, `${figures.failed} of ${figures.requests} requests failed`);
      return `${figures.requests} requests for pages new to the cache, replica 2 killed (SIGKILL) after ${figures.killedAfterSeconds} s: 0 failed`;
    });

    await check(`a rolling deploy shows its new content within s-maxage (${sMaxAge} s) + ${slack} s, without a purge`, async () => {
      // Each build has files the other lacks (at least its build's own folder): asked for while the replicas run
      // both, each first reaches one replica or the other.
      const [before, after] = await Promise.all([staticUrls(current), staticUrls(next)]);
      const files = [...before.filter((file) => !after.includes(file)), ...after.filter((file) => !before.includes(file))];
      const figures = await rollingDeploy(edge, next, { page: watchedPage, payload: watchedPayload, marker, files, timeoutSeconds: sMaxAge + slack + 5 });
      const during = figures.filesDuringDeploy;
      assert.ok(during.asked >= 2, `only ${during.asked} files differ between the two builds`);
      assert.equal(during.ok, during.asked, `${during.asked - during.ok} of ${during.asked} files of one build failed while the replicas ran both`);
      assert.ok(during.retriedAfter404 > 0, "no replica's 404 was retried on the other");
      assert.ok(figures.oldPageRightAfter, 'the cached page changed at once: was it cached?');
      assert.ok(figures.secondsToNewPage <= sMaxAge + slack, `new page after ${figures.secondsToNewPage.toFixed(1)} s`);
      assert.ok(figures.secondsToNewPayload <= sMaxAge + slack, `new RSC payload after ${figures.secondsToNewPayload.toFixed(1)} s`);
      return (
        `files of one build only, while the replicas ran both: ${during.ok}/${during.asked} served (${during.retriedAfter404} after a 404 from the other)\n      ` +
        `${watchedPage}: old copy served right after the deploy, new one after ${figures.secondsToNewPage.toFixed(1)} s (RSC payload ${figures.secondsToNewPayload.toFixed(1)} s)`
      );
    });

    await check('with every replica down, cached pages are still served and the rest get a 502 with the security headers', async () => {
      const reference = securityHeaders(await edge.request(watchedPage));
      for (const replica of edge.replicas) await replica.process.stop();
      const cached = await edge.request(watchedPage);
      assert.equal(cached.status, 200, `${watchedPage} from the cache`);
      const down = await edge.request('/?replicas=down');
      assert.equal(down.status, 502);
      assert.deepEqual(securityHeaders(down), await ownPageHeaders(reference), `nginx's 502 page: ${nginxHeaders}`);
      assert.match(down.text(), /non è disponibile/);
    });
  } finally {
    await stack?.stop();
    if (!args.keep) await rm(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
  console.log(`\n${failures ? `FAILED: ${failures} check(s)` : 'OK'} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(failures ? 1 : 0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
