import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { copyProject } from '../../support/project-copy';
import { exec, freePort, run, start, waitForHttp, type Started } from '../../support/processes';
import { unlistedInlineScripts } from '../csp/support';
import { fixtureContent, photos, root, runScript } from '../editor/support';

// Builds are slow on a busy shared machine: a timeout is there to end a hung build, not to measure one.
// In a copy: the build's first step rewrites public/admin/decap/, which the editor tools' tests copy meanwhile.
it('npm run build refuses a folder of broken content, listing its problems, before next build starts', { timeout: 120_000 }, async () => {
  const project = await mkdtemp(path.join(os.tmpdir(), 'broken-content-build-'));
  try {
    await copyProject(project, { content: path.join(root, 'test/content/fixtures/broken'), cache: false });
    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
    delete env.CONTENT_DIR;
    const result = await exec('npm', ['run', 'build'], { cwd: project, env });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('content errors:');
    expect(result.output).toContain('content/projects/bad-link.md:14:13: links[1].target: expected an http(s) URL, got "none"');
    expect(result.output).toContain('content/projects/executes.md:1:1:');
    // Stopped in the prebuild step: nothing half-built.
    expect(result.output).not.toContain('next build');
    expect(await readdir(path.join(project, '.next')).catch(() => [])).toEqual([]);
  } finally {
    await rm(project, { recursive: true, force: true });
  }
});

// The unit suite's one build: a copy of the whole project whose content/ is the editor tools' fixture, with a project
// made by `npm run new`, in a site that has just added a second language and has no translation yet.
it('a project made by npm run new builds and shows up in the site, beside a second language not yet translated', { timeout: 600_000 }, async () => {
  const project = await mkdtemp(path.join(os.tmpdir(), 'new-project-build-'));
  let server: Started | undefined;
  try {
    await copyProject(project, { content: fixtureContent });
    // English added, its labels translated, no project translated yet.
    const siteFile = path.join(project, 'content', 'site.yml');
    const site = parse(await readFile(siteFile, 'utf8')) as { languages?: string[]; translations?: object; categories: { label: string; description?: string; translations?: object }[] };
    site.languages = ['en'];
    site.translations = { en: { description: 'The editor tools\' test site.' } };
    for (const category of site.categories) category.translations = { en: { label: `${category.label} (en)`, ...(category.description && { description: 'In English.' }) } };
    await writeFile(siteFile, stringify(site));

    const made = await runScript(
      'new-project.ts',
      ['--title', "Città d'acqua", '--category', 'fotografie', '--summary', 'Case e barche sulla laguna.', path.join(photos, 'Lagoon.JPEG'), path.join(photos, 'scan.png')],
      { cwd: project, timeoutMs: 60_000 },
    );
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);

    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
    delete env.CONTENT_DIR;
    const build = await exec(path.join(project, 'node_modules/.bin/next'), ['build'], { cwd: project, env });
    expect(build.code, build.output).toBe(0);
    // The build's last step (npm run build's postbuild) names each page's inline scripts: none may be left out.
    await run(process.execPath, [path.join(project, 'scripts', 'page-policies.mjs')], { cwd: project });
    const built = path.join(project, '.next', 'server', 'app');
    const pages = (await readdir(built, { recursive: true })).filter((file) => file.endsWith('.html'));
    // The site's own language (it) is built under app/it/ and served without the prefix (next.config.js).
    expect(pages).toContain(path.join('it', 'fotografie', 'citta-d-acqua.html'));
    // Every project keeps its page; the English listings show them, untranslated, linking to those pages.
    expect(pages).toContain(path.join('en', 'fotografie.html'));
    expect(await readFile(path.join(built, 'en', 'fotografie.html'), 'utf8')).toContain('href="/fotografie/citta-d-acqua"');
    for (const page of pages) expect(unlistedInlineScripts(await readFile(path.join(built, page), 'utf8')), page).toEqual([]);

    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    server = start(path.join(project, 'node_modules/.bin/next'), ['start', '--hostname', '127.0.0.1', '--port', String(port)], { cwd: project, env });
    await waitForHttp(origin, server);

    const page = await fetch(`${origin}/fotografie/citta-d-acqua`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<h1[^>]*>Città d(?:'|&#x27;)acqua<\/h1>/);
    expect(html).toContain('Case e barche sulla laguna.');
    // The cover from the files the build made of the photo, both photos in the gallery's data.
    const coverSrc = /<img[^>]+src="(\/_next\/static\/photos\/citta-d-acqua-1\.[0-9a-f]{10}\.\d+\.webp)"/.exec(html)?.[1];
    expect(coverSrc).toBeDefined();
    expect(html).toMatch(/\/_next\/static\/photos\/citta-d-acqua-2\.[0-9a-f]{10}\.\d+\.webp/);
    const cover = await fetch(`${origin}${coverSrc}`);
    expect(cover.status).toBe(200);
    expect(cover.headers.get('content-type')).toBe('image/webp');

    const listing = await (await fetch(`${origin}/fotografie`)).text();
    expect(listing).toContain('href="/fotografie/citta-d-acqua"');
    // The original stays private: in content/images/, served by no URL.
    const photo = await fetch(`${origin}/_static/images/citta-d-acqua-2.png`);
    expect(photo.status).toBe(404);
  } finally {
    await server?.stop();
    await rm(project, { recursive: true, force: true });
  }
});
