import { expect, test } from '@playwright/test';
import { colorsOf, linkControl, luminance } from './support/browser';
import { getProject, projects, projectsIn, site, ui } from './support/content';
import { outlineOf } from './support/markdown';
import { builtPhoto, escapeRegExp } from './support/photos';

for (const project of projects) {
  test(`${project.href} shows every field of the project`, async ({ page }) => {
    const category = site.categories.find((candidate) => candidate.slug === project.category);
    if (!category) throw new Error(`${project.slug}: unknown category ${project.category}`);
    await page.goto(project.href);
    const article = page.getByRole('article');

    await expect(page).toHaveTitle(`${project.title} — ${site.title}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.title);

    // Category, year and role, each under its label; absent ones are left out, not shown empty.
    const facts = [
      [ui.facts.category, category.label],
      ...(project.year ? [[ui.facts.year, project.year]] : []),
      ...(project.role ? [[ui.facts.role, project.role]] : []),
    ];
    await expect(article.getByRole('term')).toHaveText(facts.map(([term]) => term!));
    await expect(article.getByRole('definition')).toHaveText(facts.map(([, definition]) => definition!));
    await expect(article.getByText(project.summary, { exact: true })).toBeVisible();

    // The first media item's photo, or the poster of a first video or embed, with its caption under it.
    const { cover } = project;
    if (cover) {
      const figure = article.getByRole('figure');
      const image = figure.getByRole('img');
      await expect(image).toHaveAttribute('alt', cover.alt);
      await expect(image).toHaveAttribute('src', builtPhoto(cover.file));
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      if (cover.caption) {
        await expect(figure.locator('figcaption')).toHaveText(cover.caption);
        await expect(figure).toHaveAccessibleName(cover.caption);
        await expect(figure.locator('figcaption')).toBeVisible();
      } else {
        await expect(figure.locator('figcaption')).toHaveCount(0);
      }
    } else {
      await expect(article.getByRole('figure')).toHaveCount(0);
    }

    const body = outlineOf(project.body);
    expect(body.paragraphs.length, `${project.slug} has a body`).toBeGreaterThan(0);
    for (const paragraph of body.paragraphs) await expect(article).toContainText(paragraph);
    await expect(article.getByRole('heading', { level: 2 })).toHaveText(body.headings.filter((h) => h.level === 2).map((h) => h.text));
    for (const item of body.listItems) await expect(article.getByRole('listitem').filter({ hasText: item })).toHaveCount(1);
    for (const link of body.links) await expect(article.getByRole('link', { name: link.text, exact: true })).toHaveAttribute('href', link.href);
    for (const text of body.strong) await expect(article.getByRole('strong').filter({ hasText: text })).toBeVisible();
    for (const text of body.emphasis) await expect(article.getByRole('emphasis').filter({ hasText: text })).toBeVisible();

    // Back to the listing through the category link.
    await article.getByRole('definition').getByRole('link', { name: category.label, exact: true }).click();
    await expect(page).toHaveURL(`/${category.slug}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(category.label);
  });

  test(`${project.href} shows its links as buttons in frontmatter order, dark or light`, async ({ page }) => {
    await page.goto(project.href);
    const items = page.getByRole('article').locator('header').getByRole('listitem');
    await expect(items).toHaveCount(project.links.length);

    for (const [index, link] of project.links.entries()) {
      const button = linkControl(items.nth(index), link);
      await expect(button).toBeVisible();
      await expect(button).toHaveClass(new RegExp(`\\bbutton-${link.dark ? 'dark' : 'light'}\\b`));
      const colors = await colorsOf(button);
      const [background, text] = [luminance(colors.background), luminance(colors.text)];
      if (link.dark) {
        expect(background, `"${link.name}" has a dark background`).toBeLessThan(0.2);
        expect(text, `"${link.name}" has light text`).toBeGreaterThan(0.6);
      } else {
        expect(background, `"${link.name}" has a light background`).toBeGreaterThan(0.6);
        expect(text, `"${link.name}" has dark text`).toBeLessThan(0.2);
      }
      // WCAG AA contrast for the label.
      expect((Math.max(background, text) + 0.05) / (Math.min(background, text) + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
}

for (const category of site.categories) {
  test(`projects of /${category.slug} link to their neighbours by title, in listing order`, async ({ page }) => {
    const listing = projectsIn(category.slug);
    for (const [index, project] of listing.entries()) {
      const [previous, next] = [listing[index - 1], listing[index + 1]];
      await page.goto(project.href);
      const pager = page.getByRole('navigation', { name: ui.projectNavigation });
      if (!previous && !next) {
        await expect(pager).toHaveCount(0);
        continue;
      }
      const previousLink = pager.getByRole('link', { name: new RegExp(ui.previousProject) });
      const nextLink = pager.getByRole('link', { name: new RegExp(ui.nextProject) });
      await expect(pager.getByRole('link')).toHaveCount(Number(!!previous) + Number(!!next));
      for (const [link, neighbour] of [[previousLink, previous], [nextLink, next]] as const) {
        if (neighbour) {
          await expect(link).toHaveAccessibleName(new RegExp(escapeRegExp(neighbour.title)));
          await expect(link).toHaveAttribute('href', neighbour.href);
        } else {
          await expect(link).toHaveCount(0);
        }
      }
    }

    // Walk the whole category with "next" from the first project, then back with "previous".
    const [first, ...rest] = listing;
    if (!first) throw new Error(`category ${category.slug} has no published project`);
    await page.goto(first.href);
    for (const project of rest) {
      await page.getByRole('navigation', { name: ui.projectNavigation }).getByRole('link', { name: new RegExp(ui.nextProject) }).click();
      await expect(page).toHaveURL(project.href);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.title);
    }
    for (const project of listing.slice(0, -1).reverse()) {
      await page.getByRole('navigation', { name: ui.projectNavigation }).getByRole('link', { name: new RegExp(ui.previousProject) }).click();
      await expect(page).toHaveURL(project.href);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(project.title);
    }
  });
}

test('the seed project co-city reads as the editor meant it despite the CMS quirks', async ({ page }) => {
  const coCity = getProject('co-city');
  expect(coCity.media).toHaveLength(8);
  await page.goto('/fotografie/co-city');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Co-city');
  await expect(page.getByRole('figure').getByRole('img')).toHaveAttribute('alt', 'Co-city, immagine 1 di 8');
  await expect(page.getByRole('button', { name: 'gallery', exact: true })).toBeVisible();
  const external = page.getByRole('link', { name: 'co-city (si apre in una nuova scheda)' });
  await expect(external).toHaveAttribute('href', 'http://www.comune.torino.it/benicomuni/co-city/index.shtml');
  await expect(external).toHaveAttribute('target', '_blank');
  await expect(page.getByText(/\bnull\b/)).toHaveCount(0);
  await expect(page.getByRole('img', { name: /null/i })).toHaveCount(0);
});
