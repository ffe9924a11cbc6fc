import { expect, test, type APIRequestContext, type Page, type Response } from '@playwright/test';
import { site, ui, withGallery, type Project } from './support/content';
import { watchForViolations } from './support/csp';
import { breakMatchMedia } from './support/browser';
import { galleryOf } from './support/gallery';
import { clickUntilVisible } from './support/hydration';

// Every page runs under two policies, the response's header and the <meta http-equiv> the build wrote into it:
// only what both allow runs. These journeys go through every page and every kind of script the site runs.

/** The pages visitors reach, as the sitemap lists them. */
async function publicPages(request: APIRequestContext): Promise<string[]> {
  const sitemap = await (await request.get('/sitemap.xml')).text();
  return [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, url]) => new URL(url!).pathname);
}

/** The script sources of every policy the page is under: the header's and its meta's. */
async function scriptPolicies(page: Page, response: Response | null) {
  const header = response?.headers()['content-security-policy'] ?? '';
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directive = (policy: string, name: string) => new RegExp(`(?:^|;)\\s*${name} ([^;]*)`).exec(policy)?.[1]?.trim();
  return { header: directive(header, 'script-src'), meta: directive(meta ?? '', 'script-src'), metaStyles: directive(meta ?? '', 'style-src-attr') };
}

/** Next's router mounts its route announcer once the page has hydrated: the page's scripts all ran. */
async function expectHydrated(page: Page) {
  await expect(page.locator('next-route-announcer')).toHaveCount(1);
  await page.waitForLoadState('networkidle');
}

function firstOfEachKind(): { project: Project; position: number; type: 'image' | 'video' | 'embed' }[] {
  const found = new Map<string, { project: Project; position: number; type: 'image' | 'video' | 'embed' }>();
  for (const project of withGallery) {
    project.media.forEach((item, index) => {
      if (!found.has(item.type)) found.set(item.type, { project, position: index + 1, type: item.type });
    });
  }
  return [...found.values()];
}

test('every public page and the 404 hydrate with a policy that lists their inline scripts and style attributes by hash, nothing else inline', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const { violations, consoleErrors } = await watchForViolations(page);
  const pages = await publicPages(request);
  expect(pages.length).toBeGreaterThan(1);
  for (const path of [...pages, '/non-esiste', `/${site.categories[0]!.slug}/non-esiste`]) {
    const response = await page.goto(path);
    await expectHydrated(page);
    const policies = await scriptPolicies(page, response);
    expect(policies.meta, `${path}: its meta policy`).toMatch(/^'self'( 'sha256-[A-Za-z0-9+/]{43}=')+$/);
    expect(policies.header, `${path}: the header keeps 'self' and other origins out`).toMatch(/^'self'/);
    expect(policies.metaStyles, `${path}: its style attributes`).toMatch(/^(?:'none'|'unsafe-hashes'( 'sha256-[A-Za-z0-9+/]{43}=')+)$/);
    expect(await violations(), path).toEqual([]);
  }
  expect(consoleErrors.filter((text) => !text.startsWith('Failed to load resource: the server responded with a status of 404'))).toEqual([]);
});

test('the gallery, its zoom, a video and an embed run with no violation', async ({ page, context, baseURL }) => {
  test.setTimeout(90_000);
  const { violations, consoleErrors } = await watchForViolations(page);
  // The embeds' players answer from here: this network reaches no other host.
  const origin = new URL(baseURL!).origin;
  const players: string[] = [];
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      players.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' });
    },
  );
  const kinds = firstOfEachKind();
  expect(kinds.map((kind) => kind.type)).toContain('image');
  for (const { project, position, type } of kinds) {
    await page.goto('about:blank');
    await page.goto(`${project.href}#gallery-${position}`);
    const gallery = galleryOf(page, project);
    await gallery.expectAt(position);
    if (type === 'image') {
      await gallery.zoom.click();
      await expect(gallery.zoom).toHaveAttribute('aria-pressed', 'true');
    } else if (type === 'video') {
      const player = gallery.media(position);
      await player.evaluate((element: HTMLVideoElement) => element.play());
      await expect.poll(() => player.evaluate((element: HTMLVideoElement) => element.currentTime)).toBeGreaterThan(0.2);
      // Paused, it stops streaming: the network can go quiet.
      await player.evaluate((element: HTMLVideoElement) => element.pause());
    } else {
      await gallery.slides.nth(position - 1).getByRole('button', { name: new RegExp(ui.playVideo('.+')) }).click();
      await expect(gallery.slides.nth(position - 1).locator('iframe')).toHaveCount(1);
      // The player's page was asked for: frame-src let the iframe load it.
      await expect.poll(() => players.length).toBeGreaterThan(0);
    }
    expect(await violations(), `${project.href}, a ${type}`).toEqual([]);
  }
  expect(consoleErrors).toEqual([]);
});

test('client navigation there and back, and the error page with its retry, run with no violation', async ({ page }) => {
  const { violations } = await watchForViolations(page);
  const project = withGallery[0]!;
  await page.goto(project.href);
  await expectHydrated(page);
  // A full page load would clear this marker; the client router (fetching RSC payloads) keeps it.
  await page.evaluate(() => Object.assign(window, { stayedOnPage: true }));
  const category = site.categories.find((candidate) => candidate.slug !== project.category) ?? site.categories[0]!;
  await page.getByRole('navigation', { name: ui.mainNavigation }).getByRole('link', { name: category.label }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.label);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.title);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.label);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.title);
  expect(await page.evaluate(() => 'stayedOnPage' in window)).toBe(true);
  expect(await violations()).toEqual([]);

  // A browser API the gallery reads while rendering fails: the site's error page, then "Riprova".
  const repairMatchMedia = await breakMatchMedia(page);
  const errorTitle = page.getByRole('heading', { level: 1, name: 'Qualcosa è andato storto' });
  await clickUntilVisible(galleryOf(page, project).button, errorTitle);
  await repairMatchMedia();
  await page.getByRole('button', { name: 'Riprova' }).click();
  await expect(page.locator('h1')).toHaveText(project.title);
  expect(await violations()).toEqual([]);
});

test('an inline script added to a built page, as a rewriting host would, is refused and the page still works', async ({ page }) => {
  const { violations } = await watchForViolations(page);
  await page.route('/', async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    expect(html).toContain('</body>');
    await route.fulfill({ response, body: html.replace('</body>', '<script>window.injected = true</script></body>') });
  });
  await page.goto('/');
  await expectHydrated(page);
  expect(await page.evaluate(() => 'injected' in window)).toBe(false);
  expect(await violations()).toEqual([{ directive: 'script-src-elem', blocked: 'inline' }]);
});
