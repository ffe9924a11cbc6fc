// Runs before `next build` (npm's prebuild): encodes the published photos into the build's photo cache, once, so that
// the build's workers (one per core) find every file made instead of each encoding the new photos at the same time.
// Content with errors stops the build here, listed, before `next build` touches .next/. The content read here is kept
// for the build's workers (lib/content/snapshot.ts), so that they need not read it again.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadContent, photoFilesOf } from '../lib/content/load';
import { ContentError } from '../lib/content/problems';
import { saveSnapshot } from '../lib/content/snapshot';
import { encodeMissingPhotoFiles, photoWork } from '../lib/photos';

const started = performance.now();
try {
  const photoCacheDir = path.resolve('.next/cache/photos');
  const contentDir = path.resolve(process.env.CONTENT_DIR ?? 'content');
  const content = await loadContent({ contentDir, publicDir: path.resolve('public'), photoCacheDir, includeDrafts: false, photoFiles: true });
  const { projects, imagesDir } = content;
  // Photos whose facts were known already (a content check reads them, and encodes nothing) get their files too.
  await encodeMissingPhotoFiles({ imagesDir, cacheDir: photoCacheDir }, photoFilesOf(projects));
  await saveSnapshot({ contentDir, projectDir: process.cwd(), snapshotDir: path.resolve('.next/cache/content') }, content);
  const { read, encoded } = photoWork();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Photos of ${projects.length} projects: ${read} read, ${encoded} encoded into .next/cache/photos in ${seconds} s`);
} catch (error) {
  if (!(error instanceof ContentError)) throw error;
  console.error(`${error.message}\nNothing built: fix the content and run npm run build again.`);
  process.exitCode = 1;
}
