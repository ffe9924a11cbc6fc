import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../lib/content/load';
import { ContentError, formatProblem } from '../../lib/content/problems';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const photoCacheDir = mkdtempSync(path.join(os.tmpdir(), 'photo-cache-'));
afterAll(() => rm(photoCacheDir, { recursive: true, force: true }));
const load = (folder: string) =>
  loadContent({
    contentDir: path.join(fixtures, folder),
    publicDir: path.join(fixtures, 'public'),
    imagesDir: path.join(fixtures, 'images'),
    photoCacheDir,
    includeDrafts: false,
  });

describe("a media item's focus, where a crop of its image centres", () => {
  it('takes "across% down%" or a named side, and the cover carries it', async () => {
    const [project] = (await load('focus-valid')).projects;
    expect(project!.media.map((item) => item.focus)).toEqual([{ x: 30, y: 60 }, { x: 50, y: 0 }]);
    expect(project!.cover?.focus).toEqual({ x: 30, y: 60 });
  });

  it('refuses anything else, naming file, line, column and what was expected', async () => {
    const error = await load('focus').catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ContentError);
    const expected = 'expected a focus such as "30% 60%" (across, down) or one of top, center, bottom, left, right';
    expect((error as ContentError).problems.map(formatProblem)).toEqual([
      `test/content/fixtures/focus/projects/fuori-fuoco.md:8:12: media[0].focus: ${expected}, got "sinistra"`,
      `test/content/fixtures/focus/projects/fuori-fuoco.md:11:12: media[1].focus: ${expected}, got "120% 50%"`,
    ]);
  });
});
