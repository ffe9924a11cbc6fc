import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect as baseExpect, test as base, type Locator, type Page, type Request } from '@playwright/test';
import matter from 'gray-matter';
import { drafts, getProject, originalOf, projects, site } from './support/content';
import { linkControl } from './support/browser';
import { exec, typeScript } from '../support/processes';
import { cmsPorts, isListening, setUpEditor } from './support/cms';
import { watchForViolations } from './support/csp';
import { escapeRegExp } from './support/photos';

// The editor's journeys through the real Decap CMS, started by `npm run cms` (decap-server and next dev) in a copy
// of the site: every edit lands in that copy, never in the repository's own content/ or public/. One editor for the
// whole journey, previews included: each `npm run cms` is a next dev compiling the site. And one browser tab, as an
// editor keeps it open: Decap's 5 MB bundle loads and signs in once, and each step goes to its entry by Decap's own
// routes (the URL's hash). Playwright traces this context too: a step that fails keeps its trace.
const test = base.extend<object, { decap: Page }>({
  decap: [
    async ({ browser }, provide) => {
      const context = await browser.newContext({ baseURL: `http://127.0.0.1:${cmsPorts.editor}` });
      await provide(await context.newPage());
      await context.close();
    },
    { scope: 'worker' },
  ],
  page: ({ decap }, provide) => provide(decap),
});
// Decap reads each entry through decap-server after its route changes: seconds on a loaded 2-core machine.
const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const seed = getProject('co-city');
const session = setUpEditor();

const projectFile = (slug: string) => path.join(session.copy, 'content', 'projects', `${slug}.md`);

let signedIn = false;

/** Decap at `hash`: signed in on its first opening, then by its own routes in the same page. */
async function openAdmin(page: Page, hash = '') {
  if (signedIn) {
    // Through the list of projects, as an editor goes from one entry to another: Decap's editor, sent from an entry
    // straight to another by the hash alone, keeps the first one's values in its form.
    await page.goto('/admin#/collections/projects');
    await expect(page.getByRole('link', { name: new RegExp(escapeRegExp(seed.title)) }).first()).toBeVisible();
  }
  await page.goto(`/admin${hash}`);
  if (!signedIn) {
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    signedIn = true;
  }
  // Decap reads the entry through decap-server first ("Caricando la voce..."): slow on a busy machine.
  await expect(page.getByText(/^Caricando/)).toHaveCount(0, { timeout: 30_000 });
}

/** Decap's text inputs put the caret back after each change, so a plain fill() can end up appending. */
async function replaceText(field: Locator, value: string) {
  await field.clear();
  await field.fill(value);
  await expect(field).toHaveValue(value);
}

async function publish(page: Page) {
  await page.getByRole('button', { name: 'Pubblica', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Pubblica ora' }).click();
}

/**
 * A new entry saved: Decap then replaces its /new route by the entry's. Waited for, so that the next step's route does
 * not come first, only to be replaced (the editor then opened `/new` from the saved entry, keeping its values).
 */
async function opened(page: Page, collection: string, slug: string) {
  await expect(page).toHaveURL(new RegExp(`#/collections/${collection}/entries/${escapeRegExp(slug)}$`));
}

/**
 * The project file `file` once decap-server has written it whole: it writes in place, so a file seen in its folder
 * can still be empty for a moment.
 */
async function written(file: string) {
  let text = '';
  await expect
    .poll(async () => (text = await readFile(file, 'utf8').catch(() => '')), { timeout: 15_000 })
    .toMatch(/^---\n[\s\S]*?\n---(\n|$)/);
  return matter(text);
}

async function checkContent() {
  // In the copy, so that the checker sees its photos too.
  const check = await exec(...typeScript('scripts/check-content.ts'), {
    cwd: session.copy,
    env: { ...process.env, CONTENT_DIR: path.join(session.copy, 'content') },
  });
  expect(check.code, check.output).toBe(0);
  expect(check.output).toMatch(/: ok, \d+ projects/);
}

test('npm run cms serves Decap at /admin and /admin/ from this origin, with its own CSP, not indexed', async ({ page }) => {
  expect(session.editor.url).toBe(`http://localhost:${cmsPorts.editor}/admin`);
  expect(await isListening(cmsPorts.proxy)).toBe(true);

  const response = await page.request.get('/admin');
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers['x-robots-tag']).toContain('noindex');
  expect(headers['content-security-policy']).toContain("script-src 'self' 'unsafe-eval';");
  expect(headers['content-security-policy']).toContain(`connect-src 'self' blob: http://127.0.0.1:${cmsPorts.proxy}`);
  expect(await response.text()).toContain('<meta name="robots" content="noindex, nofollow" />');

  const { refusals, violations } = await watchForViolations(page);
  const scripts: string[] = [];
  const onRequest = (request: Request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  };
  page.on('request', onRequest);
  await page.goto('/admin/');
  await expect(page).toHaveURL(/\/admin(#.*)?$/);
  // Decap's 5 MB bundle, the journey's first load, beside the desktop tests on a loaded 2-core machine.
  await expect(page.getByRole('button', { name: 'Accedi', exact: true })).toBeVisible({ timeout: 30_000 });
  page.off('request', onRequest);
  expect(scripts.length).toBeGreaterThan(0);
  for (const url of scripts) expect(new URL(url).origin, url).toBe(`http://127.0.0.1:${cmsPorts.editor}`);
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
});

test('logging in lists every project, the seed among them, and opens it with its values', async ({ page }) => {
  const { refusals, violations } = await watchForViolations(page);
  await openAdmin(page, '#/collections/projects');
  for (const project of [...projects, ...drafts]) {
    await expect(page.getByRole('link', { name: new RegExp(escapeRegExp(project.title)) }).first()).toBeVisible();
  }
  await page.getByRole('link', { name: new RegExp(escapeRegExp(seed.title)) }).first().click();
  await expect(page).toHaveURL(/#\/collections\/projects\/entries\/co-city$/);
  await expect(page.getByLabel('Titolo')).toHaveValue(' Co-city');
  await expect(page.getByLabel('Ruolo')).toHaveValue(seed.role!);
  await expect(page.getByText('8 foto e video')).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
});

// The editor's preview pane looks like the published page: the site's stylesheet and title face, the project's
// title, facts, summary, buttons, cover and text; and site.yml's categories as the header shows them.
test("the seed's preview sets its title in the site's face and shows its facts, buttons and cover", async ({ page }) => {
  // The preview reads the site's stylesheets from the home page and a category page: compiled here by next dev, in
  // this test's budget, before the preview waits on them (minutes on a loaded 2-core machine).
  test.setTimeout(300_000);
  for (const route of ['/', `/${site.categories[0]!.slug}`]) {
    // next dev can drop the connection of a request that came while it compiled (ECONNRESET): asked again, it answers.
    await expect(async () => {
      const response = await page.request.get(route, { timeout: 290_000 });
      expect(response.status(), route).toBe(200);
    }).toPass({ timeout: 290_000 });
  }
  const { refusals, violations } = await watchForViolations(page);
  await openAdmin(page, '#/collections/projects/entries/co-city');
  const preview = page.frameLocator('#preview-pane');

  const title = preview.getByRole('heading', { level: 1 });
  await expect(title).toHaveText(seed.title);
  const faceOf = () =>
    title.evaluate(async (heading) => {
      const document = heading.ownerDocument;
      await document.fonts.ready;
      const family = getComputedStyle(heading).fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, '');
      const loaded = [...document.fonts].filter((font) => font.status === 'loaded').map((font) => font.family.replace(/^["']|["']$/g, ''));
      return { family, loaded: loaded.includes(family) };
    });
  await expect.poll(async () => (await faceOf()).loaded, { timeout: 60_000 }).toBe(true);
  const face = await faceOf();

  // The same face as the published page's h1.
  const published = await page.context().newPage();
  await published.goto(seed.href);
  const publishedFamily = await published
    .getByRole('heading', { level: 1 })
    .evaluate((heading) => getComputedStyle(heading).fontFamily.split(',')[0]!.trim().replace(/^["']|["']$/g, ''));
  await published.close();
  expect(face.family).toBe(publishedFamily);

  const category = site.categories.find((category) => category.slug === seed.category)!;
  await expect(preview.getByRole('definition').filter({ hasText: category.label })).toBeVisible();
  if (seed.year) await expect(preview.getByRole('definition').filter({ hasText: String(seed.year) })).toBeVisible();
  for (const link of seed.links) {
    const button = linkControl(preview.locator('.project-links'), link);
    await expect(button).toBeVisible();
    await expect(button).toHaveClass(new RegExp(`\\bbutton-${link.dark ? 'dark' : 'light'}\\b`));
  }

  const cover = preview.locator('.project-cover img');
  await expect(cover).toHaveAttribute('alt', seed.cover!.alt);
  await expect.poll(() => cover.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  // The series below the text, as the page shows it: a tile per item, each at its photo's shape once loaded.
  const tiles = preview.locator('.media-grid .media-tile');
  await expect(tiles).toHaveCount(seed.media.length);
  await expect.poll(() => tiles.last().evaluate((tile) => getComputedStyle(tile).flexGrow)).not.toBe('0');
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
});

test("site.yml's preview shows the categories in the order and words of the site's header", async ({ page }) => {
  await openAdmin(page, '#/collections/site/entries/site');
  const preview = page.frameLocator('#preview-pane');
  await expect(preview.locator('.site-title')).toHaveText(site.title);
  await expect(preview.locator('.site-nav a')).toHaveText(site.categories.map((category) => category.label));
});

test('changing the seed and changing it back leaves its file byte for byte as it was', async ({ page }) => {
  const { refusals, violations } = await watchForViolations(page);
  const file = projectFile('co-city');
  const original = await readFile(file);

  await openAdmin(page, '#/collections/projects/entries/co-city');
  const title = page.getByLabel('Titolo');
  await expect(title).toHaveValue(' Co-city');
  await replaceText(title, ' Co-city (prova)');
  await publish(page);
  await expect.poll(async () => (await readFile(file, 'utf8')).split('\n')[1]).toBe('title: " Co-city (prova)"');

  // Decap compares a draft with the entry as first opened, so the revert starts from the saved one.
  // Reloaded, Decap reads the entry through decap-server again: as slow as the first opening on a busy machine.
  await page.reload();
  await expect(title).toHaveValue(' Co-city (prova)', { timeout: 30_000 });
  await replaceText(title, ' Co-city');
  await publish(page);
  await expect.poll(async () => Buffer.compare(await readFile(file), original)).toBe(0);
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
});

test('the form refuses a javascript: link and a malformed email address, and saves only once they are corrected', async ({ page }) => {
  const { refusals, violations } = await watchForViolations(page);
  const before = await readdir(path.join(session.copy, 'content', 'projects'));

  await openAdmin(page, '#/collections/projects/new');
  await page.getByLabel('Titolo').fill('Link pericoloso');
  await page.getByLabel('Categoria').click();
  await page.getByRole('option', { name: 'Grafica' }).click();
  await page.getByLabel('Sommario').fill('Salvato solo dopo la correzione.');
  await page.getByRole('button', { name: 'Aggiungi pulsante' }).click();
  await page.getByRole('menuitem', { name: 'Collegamento' }).click();
  await page.getByLabel('Etichetta').nth(0).fill('clicca');
  await page.getByLabel('Indirizzo', { exact: true }).fill('javascript:alert(document.cookie)');
  await page.getByRole('button', { name: 'Aggiungi pulsante' }).click();
  await page.getByRole('menuitem', { name: 'Email' }).click();
  await page.getByLabel('Etichetta').nth(1).fill('scrivimi');
  await page.getByLabel('Indirizzo email').fill('studio@example');
  await publish(page);

  await expect(page.getByText('Un indirizzo completo che inizia con http:// o https://')).toBeVisible();
  await expect(page.getByText('Un indirizzo email, come nome@example.com')).toBeVisible();

  expect(await readdir(path.join(session.copy, 'content', 'projects'))).toEqual(before);

  // The same form, corrected, saves: it was those two values that stopped it.
  await replaceText(page.getByLabel('Indirizzo', { exact: true }), 'https://example.org/sicuro');
  await replaceText(page.getByLabel('Indirizzo email'), 'studio@example.com');
  await publish(page);
  await expect.poll(() => readdir(path.join(session.copy, 'content', 'projects')), { timeout: 15_000 }).toContain('link-pericoloso.md');
  await opened(page, 'projects', 'link-pericoloso');
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
});

test('a new project with an uploaded photo, a gallery and a link passes content:check', async ({ page }) => {
  const { refusals, violations } = await watchForViolations(page);
  const photo = await readFile(originalOf(seed.cover!.file));

  await openAdmin(page, '#/collections/projects/new');
  await page.getByLabel('Titolo').fill('Orti di Mirafiori');
  await page.getByLabel('Categoria').click();
  await page.getByRole('option', { name: 'Fotografie' }).click();
  await page.getByLabel('Anno').fill('2024');
  await page.getByLabel('Sommario').fill('Gli orti urbani lungo il Sangone, una stagione dopo l’altra.');

  await page.getByRole('button', { name: 'Aggiungi elemento' }).click();
  await page.getByRole('menuitem', { name: 'Foto', exact: true }).click();
  await page.getByRole('button', { name: "Scegli un'immagine" }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'orti-mirafiori.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('button', { name: 'Prendi selezionato' }).click();
  await page.getByLabel('Testo alternativo').fill('Un orto in autunno, con le serre sullo sfondo');

  await page.getByRole('button', { name: 'Aggiungi pulsante' }).click();
  await page.getByRole('menuitem', { name: 'Galleria' }).click();
  await page.getByLabel('Etichetta').nth(0).fill('guarda le foto');
  await page.getByRole('button', { name: 'Aggiungi pulsante' }).click();
  await page.getByRole('menuitem', { name: 'Collegamento' }).click();
  await page.getByLabel('Etichetta').nth(1).fill('il quartiere');
  await page.getByLabel('Indirizzo', { exact: true }).fill('https://example.org/mirafiori');
  await publish(page);

  const file = projectFile('orti-di-mirafiori');
  const { data } = await written(file);
  await opened(page, 'projects', 'orti-di-mirafiori');
  expect(data).toMatchObject({
    title: 'Orti di Mirafiori',
    category: 'fotografie',
    year: '2024',
    media: [{ type: 'image', file: '/_static/images/orti-mirafiori.jpg', alt: 'Un orto in autunno, con le serre sullo sfondo' }],
    links: [
      { action: 'slider', name: 'guarda le foto' },
      { action: 'linkto', name: 'il quartiere', target: 'https://example.org/mirafiori' },
    ],
  });
  // decap-server writes the entry's file first and its photo after it.
  const upload = path.join(session.copy, 'content', 'images', 'orti-mirafiori.jpg');
  await expect.poll(async () => Buffer.compare(await readFile(upload).catch(() => Buffer.alloc(0)), photo)).toBe(0);
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);

  await checkContent();
});

const translationFile = (slug: string) => path.join(session.copy, 'content', 'projects', 'en', `${slug}.md`);

test("a project's preview starts its English translation, filled in from it; saved, it passes content:check, the seed is untouched, and the preview then opens it", async ({ page }) => {
  const { refusals, violations } = await watchForViolations(page);
  // The suite's content translates the seed already: this journey starts it again.
  await rm(translationFile('co-city'));
  const seedFile = projectFile('co-city');
  const seedBytes = await readFile(seedFile);
  const seedSource = matter(seedBytes.toString('utf8'));

  await openAdmin(page, '#/collections/projects/entries/co-city');
  const preview = page.frameLocator('#preview-pane');
  const start = preview.getByRole('link', { name: 'Traduci in inglese' });
  await expect(start).toHaveAttribute('target', '_top');
  await start.click();
  await expect(page).toHaveURL(/#\/collections\/projects-en\/new\?original=co-city&/);
  await expect(page.getByText(/^Caricando/)).toHaveCount(0, { timeout: 30_000 });

  // The new entry's form, drawn once Decap has its collections: a budget for a loaded 2-core machine.
  await expect(page.getByLabel('Titolo')).toHaveValue('Co-city', { timeout: 30_000 });
  await expect(page.getByLabel('Sommario')).toHaveValue(seedSource.data.summary);
  await expect(page.getByLabel('Ruolo')).toHaveValue(seedSource.data.role);
  await expect(page.getByText(seed.title.trim()).first()).toBeVisible();
  const summary = "In Turin's Co-City project, residents are the makers of change.";
  await replaceText(page.getByLabel('Sommario'), summary);
  await replaceText(page.getByLabel('Ruolo'), 'commission');
  await publish(page);

  const file = translationFile('co-city');
  const { data, content } = await written(file);
  await opened(page, 'projects-en', 'co-city');
  // Only the text to translate, and the original it translates; the body as the original's, to translate.
  expect(data).toEqual({ original: 'co-city', title: 'Co-city', summary, role: 'commission' });
  expect(content.trim()).toBe(seedSource.content.trim());
  expect(Buffer.compare(await readFile(seedFile), seedBytes)).toBe(0);
  expect(await violations()).toEqual([]);
  expect(refusals()).toEqual([]);
  await checkContent();

  // Translated, the project's preview opens its translation, whose own preview is the English page.
  await openAdmin(page, '#/collections/projects/entries/co-city');
  await page.frameLocator('#preview-pane').getByRole('link', { name: 'Modifica la traduzione inglese' }).click();
  await expect(page).toHaveURL(/#\/collections\/projects-en\/entries\/co-city$/);
  await expect(page.getByLabel('Sommario')).toHaveValue(summary, { timeout: 30_000 });
  // Its preview is the English page: the translated text, the original's photos.
  const english = page.frameLocator('#preview-pane');
  await expect(english.locator('main[lang="en"]')).toBeVisible();
  await expect(english.getByRole('heading', { level: 1 })).toHaveText('Co-city');
  await expect(english.locator('.lede')).toHaveText(summary);
  await expect(english.locator('.project-cover img')).toHaveAttribute('alt', 'Co-city, image 1 of 8');
});

test('a translation keeps the text filled in from its original as written (Decap escapes it: all&#039;aperto)', async ({ page }) => {
  const original = matter(await readFile(projectFile('mercati-di-porta-palazzo'), 'utf8'));
  expect(original.data.summary).toContain("all'aperto");
  await openAdmin(page, '#/collections/projects/entries/mercati-di-porta-palazzo');
  await page.frameLocator('#preview-pane').getByRole('link', { name: 'Traduci in inglese' }).click();
  await expect(page.getByLabel('Titolo')).toHaveValue('Mercati di Porta Palazzo', { timeout: 30_000 });
  await expect(page.getByLabel('Sommario')).toHaveValue(/all&#039;aperto/);
  await replaceText(page.getByLabel('Titolo'), 'Porta Palazzo markets');
  await publish(page);

  const file = translationFile('mercati-di-porta-palazzo');
  const { data } = await written(file);
  await opened(page, 'projects-en', 'mercati-di-porta-palazzo');
  expect(data).toMatchObject({ original: 'mercati-di-porta-palazzo', title: 'Porta Palazzo markets', summary: original.data.summary });
  await checkContent();
});

test('a blank translation is never saved: its title and summary are required', async ({ page }) => {
  const before = await readdir(path.join(session.copy, 'content', 'projects', 'en'));
  await openAdmin(page, '#/collections/projects-en/new?original=quaderni-del-po');
  await publish(page);
  await expect(page.getByText('Titolo è richiesto.')).toBeVisible();
  await expect(page.getByText('Sommario è richiesto.')).toBeVisible();
  expect(await readdir(path.join(session.copy, 'content', 'projects', 'en'))).toEqual(before);
});

test('Ctrl-C stops decap-server and next dev', async () => {
  process.kill(session.editor.process.pid, 'SIGINT');
  // The ports first: a server left running would hold the editor's output open, and its exit would never resolve.
  await expect.poll(() => isListening(cmsPorts.proxy), { timeout: 30_000 }).toBe(false);
  await expect.poll(() => isListening(cmsPorts.editor), { timeout: 30_000 }).toBe(false);
  await session.editor.process.exited;
});

test('a production build of the copy renders the new project\'s page', async () => {
  test.setTimeout(240_000);
  const build = await exec(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    cwd: session.copy,
    env: { ...process.env, CONTENT_DIR: path.join(session.copy, 'content'), NEXT_TELEMETRY_DISABLED: '1' },
  });
  expect(build.code, build.output).toBe(0);
  // Pages of the site's own language (it) are built under app/it/ and served without the prefix.
  const html = await readFile(path.join(session.copy, '.next', 'server', 'app', 'it', 'fotografie', 'orti-di-mirafiori.html'), 'utf8');
  expect(html).toMatch(/<h1[^>]*>Orti di Mirafiori<\/h1>/);
  expect(html).toContain('guarda le foto');
  expect(html).toContain('Un orto in autunno, con le serre sullo sfondo');
  expect(html).toMatch(/\/_next\/static\/photos\/orti-mirafiori\.[0-9a-f]{10}\.\d+\.webp/);
  expect(html).toContain('href="https://example.org/mirafiori"');
});
