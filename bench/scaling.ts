import path from 'node:path';
import { buildSite, type BuildResult } from './lib/build';
import type { LoaderTiming } from './lib/time-loader';
import { run } from '../support/processes';

export type ContentSet = { label: string; projectFiles: number; dir: string };

export type BuildRow = ContentSet & BuildResult;
export type LoaderRow = ContentSet & LoaderTiming;

/** `loadContent` alone on each folder, each in a fresh process. */
export async function measureLoader(root: string, sets: ContentSet[]): Promise<LoaderRow[]> {
  const rows: LoaderRow[] = [];
  for (const set of sets) {
    console.log(`load: loadContent on ${set.label}`);
    const output = await run(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench', 'lib', 'time-loader.ts'), set.dir],
      { cwd: root },
    );
    rows.push({ ...set, ...(JSON.parse(output) as LoaderTiming) });
  }
  return rows;
}

/** A clean `next build` of each folder, one after the other; the last one's `.next/` stays. */
export async function measureBuilds(root: string, sets: ContentSet[], workDir: string): Promise<BuildRow[]> {
  const rows: BuildRow[] = [];
  for (const set of sets) {
    console.log(`build: next build of ${set.label}`);
    const result = await buildSite(root, set.dir, workDir);
    console.log(`build: ${result.pages} pages in ${result.wallSeconds.toFixed(1)} s`);
    rows.push({ ...set, ...result });
  }
  return rows;
}
