// Under `next dev` alone (next.config.js adds the .dev.ts extension there, and rewrites /_static/images/ here): the
// photo originals, for the editor's own machine, where Decap shows front matter's /_static/images/x.jpg as it is, in
// its form and its preview. A build has no such route, so no deployed URL answers with an original.
// One static route, which reads the file from the address asked for: next dev starts a process for the static params
// of each request to a dynamic route ([...path]: one per photo of a preview, each 1 to 5 s of CPU on a busy 2-core machine).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NextRequest } from 'next/server';
import { contentDir, publicDir } from '@/lib/content';
import { imagesDirOf, loadSite } from '@/lib/content/load';
import { photoPrefix, photoSourcePath } from '@/lib/photos/source';

const types: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp', '.avif': 'image/avif' };

export async function GET(request: NextRequest) {
  // The rewritten request keeps the address the browser asked for: /_static/images/<file>.
  const { pathname } = request.nextUrl;
  if (!pathname.startsWith(photoPrefix)) return new Response('Not found', { status: 404 });
  const name = decodedOrUndefined(pathname.slice(photoPrefix.length));
  if (name === undefined) return new Response('Not found', { status: 404 });
  const type = types[path.extname(name).toLowerCase()];
  // site.yml alone says where the originals are: the whole content, reread with every photo's facts on each request
  // under next dev, took about a second per photo of a preview.
  const imagesDir = imagesDirOf((await loadSite(contentDir)).originals, { contentDir, publicDir });
  const file = photoSourcePath(imagesDir, name);
  if (!type || !file.startsWith(imagesDir + path.sep)) return new Response('Not found', { status: 404 });
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes) return new Response('Not found', { status: 404 });
  return new Response(bytes, { headers: { 'Content-Type': type, 'Cache-Control': 'no-store' } });
}

/** A malformed escape (`%E0%A4`) names no file. */
function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
