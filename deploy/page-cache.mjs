// Every page here is prerendered at build time and cannot change while the server runs, yet Next's request handler
// spends about 1.5 ms of CPU on each request for one: routing, the header rules, an ETag over the whole HTML, gzip again
// on every request. This keeps Next's own answer to a request for a prerendered page in memory and sends it again,
// status, headers and bytes, to the next request of the same kind: what a CDN in front of a replica would do, and what
// Vercel's CDN does. A request of any other kind, and anything Next did not answer from its prerender cache, goes to
// Next as before. Only the Date header is new on each answer.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Request headers that change what Next answers for a page: the client router's (RSC payloads, segment prefetches),
// server actions, byte ranges, Next's revalidation and deployment headers, and the conditions this cache does not
// evaluate itself.
const nextReads = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
  'next-action',
  'range',
  'if-range',
  'if-modified-since',
  'x-matched-path',
  'x-now-route-matches',
  'x-prerender-revalidate',
  'x-prerender-revalidate-if-generated',
  'x-next-revalidated-tags',
  'x-next-revalidate-tag-token',
];
// Headers Node writes itself for each response.
const perResponse = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
// Prerendered HTML is a few hundred KB at most per page: this holds every page of a large site, both encodings, and
// stops a flood of odd requests from growing the process without end.
const maxBytes = 256 * 1024 * 1024;

/**
 * Whether Next's answer for a page of this build (`.next/`) can never change while it runs, nor depend on more than
 * the request's kind: every page prerendered, none revalidating, and no middleware (proxy.ts), which might answer
 * each request its own way.
 */
export function answersAreFixed(dir) {
  const read = (file) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const { routes, dynamicRoutes } = read('prerender-manifest.json');
  const middleware = read('server/middleware-manifest.json');
  const functions = existsSync(path.join(dir, 'server/functions-config-manifest.json')) ? read('server/functions-config-manifest.json').functions : {};
  return (
    Object.values(routes).every((route) => route.initialRevalidateSeconds === false) &&
    Object.values(dynamicRoutes).every((route) => route.fallback === false || route.fallbackRevalidate === false) &&
    [middleware.middleware, middleware.functions, functions].every((entries) => Object.keys(entries ?? {}).length === 0)
  );
}

/** The kind of a request, as a key, or null when Next must see it. */
function kindOf(request, entries) {
  const url = request.url ?? '/';
  if (url.includes('?') || nextReads.some((name) => name in request.headers)) return null;
  // Draft mode's cookies make Next render the page afresh.
  if (/__prerender_bypass|__next_preview_data/.test(request.headers.cookie ?? '')) return null;
  // Next gzips for a client that takes gzip; an Accept-Encoding with weights is left to its negotiation.
  const acceptEncoding = request.headers['accept-encoding'] ?? '';
  if (acceptEncoding.includes(';')) return null;
  const encoding = /\bgzip\b/.test(acceptEncoding) ? 'gzip' : acceptEncoding.trim() === '' || acceptEncoding.trim() === 'identity' ? 'identity' : null;
  if (encoding === null) return null;
  const key = `${request.method} ${encoding} ${url}`;
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch === undefined) return key;
  // A revalidation with the ETag this page carries is a 304, unless the client asks to skip caches.
  const page = entries.get(key);
  const etag = page?.etag;
  const noCache = /no-cache/.test(`${request.headers['cache-control'] ?? ''} ${request.headers.pragma ?? ''}`);
  return etag && ifNoneMatch === etag && !noCache ? `${key} 304` : null;
}

/** Whether Next answered from its prerender cache, with a response every client may share. */
function reusable(response, key) {
  const headers = response.getHeaders();
  return (
    response.statusCode === (key.endsWith(' 304') ? 304 : 200) &&
    headers['x-nextjs-cache'] === 'HIT' &&
    headers['x-nextjs-prerender'] !== undefined &&
    headers['set-cookie'] === undefined &&
    !/private|no-store/.test(String(headers['cache-control'] ?? ''))
  );
}

export function pageCache() {
  const entries = new Map();
  let bytes = 0;

  /** Sends the kept answer for this request and returns true, or returns false. */
  function answer(request, response) {
    const kind = kindOf(request, entries);
    const entry = kind && entries.get(kind);
    if (!entry) return false;
    response.writeHead(entry.status, entry.headers);
    response.end(entry.body);
    return true;
  }

  /** Lets Next answer, and keeps a copy of that answer when the next request of its kind may have it. */
  function record(request, response) {
    const kind = kindOf(request, entries);
    if (!kind || bytes >= maxBytes) return;
    const chunks = [];
    const { write, end } = response;
    const keep = (chunk, encoding) => chunk && chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8'));
    response.write = function (chunk, encoding, callback) {
      keep(chunk, encoding);
      return write.call(this, chunk, encoding, callback);
    };
    response.end = function (chunk, encoding, callback) {
      if (typeof chunk !== 'function') keep(chunk, encoding);
      if (reusable(response, kind) && !entries.has(kind)) {
        // As Next wrote them, names in their case, a repeated header repeated.
        const headers = response
          .getRawHeaderNames()
          .filter((name) => !perResponse.has(name.toLowerCase()))
          .flatMap((name) => [response.getHeader(name)].flat().flatMap((value) => [name, String(value)]));
        const body = Buffer.concat(chunks);
        entries.set(kind, { status: response.statusCode, headers, etag: response.getHeader('etag'), body: request.method === 'HEAD' ? undefined : body });
        bytes += body.length;
      }
      return end.call(this, chunk, encoding, callback);
    };
  }

  return { answer, record };
}
