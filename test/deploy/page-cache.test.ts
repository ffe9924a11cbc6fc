import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
// deploy/page-cache.mjs, which the build copies into .next/standalone beside server.js.
import { answersAreFixed } from '../../deploy/page-cache.mjs';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A build's `.next/` holding the two manifests the server reads, as `next build` writes them. */
function build({ revalidate = false as number | false, middleware = {} as object, functions = {} as object } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'page-cache-'));
  made.push(dir);
  mkdirSync(path.join(dir, 'server'));
  const route = { initialRevalidateSeconds: revalidate, srcRoute: '/[lang]/[category]/[slug]', dataRoute: '/it/fotografie/co-city.rsc' };
  writeFileSync(
    path.join(dir, 'prerender-manifest.json'),
    JSON.stringify({ version: 4, routes: { '/it/fotografie/co-city': route, '/it': { ...route, initialRevalidateSeconds: false } }, dynamicRoutes: { '/[lang]/[category]/[slug]': { fallback: false } } }),
  );
  writeFileSync(path.join(dir, 'server', 'middleware-manifest.json'), JSON.stringify({ version: 3, middleware, sortedMiddleware: Object.keys(middleware), functions: {} }));
  writeFileSync(path.join(dir, 'server', 'functions-config-manifest.json'), JSON.stringify({ version: 1, functions }));
  return dir;
}

describe("npm start keeps a page's answer only when Next's could not change", () => {
  test('a build of prerendered pages that never revalidate, without middleware', () => {
    expect(answersAreFixed(build())).toBe(true);
  });

  test('not when a page revalidates (revalidate = 60 in a page)', () => {
    expect(answersAreFixed(build({ revalidate: 60 }))).toBe(false);
  });

  test('not when the build has a proxy.ts, on the Edge or on Node', () => {
    expect(answersAreFixed(build({ middleware: { '/': { name: 'middleware', page: '/' } } }))).toBe(false);
    expect(answersAreFixed(build({ functions: { '/_middleware': { runtime: 'nodejs', matchers: [{ regexp: '^/.*$' }] } } }))).toBe(false);
  });
});
